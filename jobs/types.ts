/** The weekly cycle's jobs, how they are run, and what they come to. */

import type { Button, KnownBlock } from '@slack/types';
import type { Clock } from '../src/clock.js';
import type { Config } from '../src/config.js';
import type { Db } from '../src/db/database.js';
import type { Problem } from '../src/domain/problem.js';
import type { ReportOrder } from '../src/domain/report-schedule.js';
import type { Meeting, MeetingSchedule, MeetingWeek } from '../src/domain/schedule.js';
import type { AlertEnv } from '../src/effects/alerts.js';
import type { EffectSlack } from '../src/effects/client.js';
import type { ChannelTurn } from '../src/effects/delivery.js';
import type { Logger } from '../src/logger.js';
import type { Meetings } from '../src/services/meetings.js';

/** One unit of the weekly cycle: one message posted, updated or sent. The data of a BullMQ job. */
export type CycleJob =
  | { readonly kind: 'call'; readonly week: MeetingWeek; readonly userId: string }
  | { readonly kind: 'agenda'; readonly week: MeetingWeek }
  | { readonly kind: 'agenda-update'; readonly week: MeetingWeek }
  | { readonly kind: 'lastcall'; readonly week: MeetingWeek }
  | { readonly kind: 'compile'; readonly week: MeetingWeek; readonly part: number }
  | { readonly kind: 'summary'; readonly week: MeetingWeek; readonly part: number }
  | { readonly kind: 'notice'; readonly week: MeetingWeek }
  | {
      readonly kind: 'followup';
      readonly priorityId: number;
      /** The follow-up date, `YYYY-MM-DD`: the reminder goes out the day before. */
      readonly followUpDate: string;
      readonly userId: string;
    }
  | {
      readonly kind: 'alert';
      readonly week: MeetingWeek;
      readonly adminId: string;
      readonly problem: Problem;
    }
  /** A report someone asked for with /rapport, to their direct messages. */
  | ({ readonly kind: 'report' } & ReportOrder)
  /** The quarter's report, after the last held meeting of the quarter, in its agenda's thread. */
  | { readonly kind: 'quarter-report'; readonly week: MeetingWeek }
  /** The year's report, in the first week of January, in the meeting channel. */
  | { readonly kind: 'year-report'; readonly week: MeetingWeek; readonly year: number };

export type CycleJobKind = CycleJob['kind'];

/**
 * A job as queued: run outside its window when an operator started it or someone asked for it (the scheduler's
 * healing keeps that); `lookupOnly` when the scheduler only settles an attempt of it in doubt (see RunOptions).
 */
export type QueuedJob = CycleJob & { readonly ignoreWindow?: true; readonly lookupOnly?: true };

/** What an effect keeps of the job that did it, so the scheduler can heal an interrupted attempt. */
export interface StoredJob {
  readonly job: CycleJob;
  readonly ignoreWindow: boolean;
}

/**
 * Channel posts are paced to one a second; direct messages go to a queue of their own, paced by Slack's 429s;
 * reports, seconds of work each, to a third, so they never hold up the week's posts.
 */
export type QueueKind = 'channel' | 'dm' | 'report';

export function queueOf(job: CycleJob): QueueKind {
  if (job.kind === 'report' || job.kind === 'quarter-report' || job.kind === 'year-report') return 'report';
  return job.kind === 'call' || job.kind === 'alert' || job.kind === 'followup' ? 'dm' : 'channel';
}

/** Redis job ids may not contain `:`; ids are built from business keys, so anything else is replaced. */
function idPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The deterministic BullMQ job id of a job: a second replica, a second tick or a retry adding the same job
 * adds nothing while it waits. (Postgres still decides what is done; the id only saves work.)
 */
export function jobIdOf(job: CycleJob): string {
  switch (job.kind) {
    case 'call':
      return `call-${job.week}-${idPart(job.userId)}`;
    case 'compile':
    case 'summary':
      return `${job.kind}-${job.week}-${job.part}`;
    case 'followup':
      return idPart(`followup-${job.priorityId}-${job.followUpDate}-${job.userId}`);
    case 'alert':
      return idPart(
        `alert-${job.week}-${job.adminId}-${job.problem.code}-${job.problem.channelId ?? job.problem.userId ?? '-'}`,
      );
    case 'agenda-update':
      // As the tick adds it; a live update from a submission adds a coalescing id (CycleQueues).
      return `agenda-update-${job.week}`;
    case 'report':
      return idPart(`report-${job.target}`);
    case 'year-report':
      return `year-report-${job.year}`;
    default:
      return `${job.kind}-${job.week}`;
  }
}

/** How a job is run: by the schedule, or by an operator from the CLI. */
export interface RunOptions {
  /** Do it again even if it was done (`--force`). */
  readonly force: boolean;
  /** Run it now even outside its time window (the CLI runs what the operator asks for). */
  readonly ignoreWindow: boolean;
  /** The job being run, stored with its effect for healing (runJob sets it). */
  readonly job?: CycleJob;
  /**
   * Only settle an attempt in doubt whose moment may have passed: its message is looked for and recorded if it
   * is there; nothing is posted, and a claim whose message is not there is forgotten (runEffect).
   */
  readonly lookupOnly?: boolean;
}

export const SCHEDULED: RunOptions = { force: false, ignoreWindow: false };

export type SkipReason =
  /** Outside the action's window: too early, or too late to be of use. */
  | 'not-due'
  | 'cancelled'
  | 'no-channel'
  /** Every party concerned has submitted: a reminder would be pointless. */
  | 'nothing-missing'
  /** The last call answers in the agenda's thread, and there is no agenda. */
  | 'no-agenda'
  /** The compiled picture has fewer parts than asked for. */
  | 'no-part'
  /** The live agenda already shows the current state. */
  | 'unchanged'
  /** There is no posted agenda to update. */
  | 'not-posted';

export type Outcome =
  | { readonly status: 'done'; readonly channelId: string | null; readonly messageTs: string | null }
  | { readonly status: 'already' }
  /**
   * Slack may or may not have posted it (a timeout, a 5xx): the effect stays `sending`, and once its lease has
   * run out the scheduler asks Slack whether the message is there before posting it again.
   */
  | { readonly status: 'in-doubt' }
  | { readonly status: 'failed'; readonly code: string }
  | { readonly status: 'skipped'; readonly reason: SkipReason };

/** What other features add to the agenda (the joint priorities); wired in src/app.ts. */
export interface AgendaExtensions {
  /**
   * Point 2, "Uppföljning av gemensamma prioriteringar", heading included, for a meeting; at most `maxBlocks`
   * blocks. Without it point 2 is its heading.
   */
  followUp?(meeting: Meeting, maxBlocks: number): Promise<KnownBlock[]>;
  /** A button under point 3 ("Ny gemensam prioritering") bound to the meeting. */
  newPriorityButton?(meeting: Meeting): Button;
  /** Point 3's content: the priorities proposed for the meeting since the last one, with their proposers. */
  proposals?(meeting: Meeting, schedule: MeetingSchedule): Promise<string[]>;
  /** The minutes' buttons ("Anteckna i protokollet", "Närvaro") bound to the meeting. */
  minutesButtons?(meeting: Meeting): Button[];
}

/** What every job gets: the app's dependencies, a Slack client for effects, and a way to add follow-up jobs. */
export interface CycleContext {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** A client that never retries or waits by itself: the queue handles retries and Retry-After. */
  readonly slack: EffectSlack;
  readonly meetings: Meetings;
  readonly extensions: AgendaExtensions;
  /** Adds jobs: to BullMQ in the app, to the run's own list in the CLI. */
  enqueue(jobs: readonly CycleJob[]): Promise<void>;
  /**
   * Runs `post`, one post or update in the channel, in the channel's turn: it starts at least a second after the
   * previous one ended, whichever job, replica or CLI run sent it. Rejects when `stopping` fires while waiting.
   */
  readonly channelTurn: ChannelTurn;
  /**
   * A lock shared by every replica and CLI run, held at most `ttlMs`: a function that releases it, or null
   * when someone else holds it.
   */
  tryLock(name: string, ttlMs: number): Promise<(() => Promise<void>) | null>;
  /** Fires when the process begins to stop: nothing new is sent, waits end. */
  readonly stopping: AbortSignal;
}

export function skipped(reason: SkipReason): Outcome {
  return { status: 'skipped', reason };
}

/** The admins' alerts as the cycle sends them: jobs of its own (in the app, BullMQ's; in the CLI, the run's). */
export function alertEnvOf(ctx: CycleContext): AlertEnv {
  return {
    db: ctx.db,
    logger: ctx.logger,
    enqueueAlerts: (alerts) => ctx.enqueue(alerts.map((alert): CycleJob => ({ kind: 'alert', ...alert }))),
  };
}
