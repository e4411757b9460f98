/**
 * The weekly cycle as the running app holds it: the minute tick that plans what is due (jobs/scheduler.ts)
 * and queues it, the workers that run it, scheduled retention, and a stop in order.
 */

import cron, { type ScheduledTask } from 'node-cron';
import { getEffect } from '../src/db/effects.repository.js';
import type { Deps } from '../src/deps.js';
import type { CycleAction } from '../src/domain/calendar.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { agendaKey } from '../src/effects/keys.js';
import { redisChannelTurns, redisLocks, SharedSendCounter } from '../src/effects/pace.js';
import { errorFields, type Logger } from '../src/logger.js';
import { runScheduledRetention } from '../src/services/retention.js';
import { type CycleQueues, CycleWorkers } from './queues.js';
import { planDueJobs } from './scheduler.js';
import type { AgendaExtensions, CycleContext, QueuedJob } from './types.js';

/** The weekly cycle as the running app holds it. */
export interface Cycle {
  /**
   * Works out what is due now and not done, and enqueues it. Runs every minute and at start; tests call it
   * with a manual clock. Ticks of one instance never overlap; ticks of several instances may, harmlessly.
   */
  tick(): Promise<QueuedJob[]>;
  /** Starts the minute tick, ticks once now and checks that the bot can post in the meeting channel. */
  start(): void;
  /**
   * Stops the minute tick and leaves the rest running: whoever drives time (a test with a manual clock, the demo
   * with its accelerated week) calls tick() itself.
   */
  stopMinuteTick(): Promise<void>;
  /**
   * Begins to stop: no more ticks, nothing new sent, a wait for a channel's turn ends at once; resolves when the
   * running jobs have finished (at most a few seconds; see WORKER_CLOSE_MS). The queues stay open for listeners
   * that are still finishing. Safe to call twice.
   */
  closeWorkers(): Promise<void>;
  /** Stops the tick and lets running jobs finish (the queues are closed by whoever made them). */
  stop(): Promise<void>;
  readonly queues: CycleQueues;
}

export interface CycleOptions {
  readonly extensions?: AgendaExtensions;
}

/**
 * Queues an update of a week's posted agenda (coalesced with the changes around it), if it is posted; the
 * `statusChanged` of src/services/notify.ts. Nothing when no meeting channel is configured.
 */
export async function queueAgendaUpdate(
  deps: Pick<Deps, 'config' | 'db'>,
  queues: CycleQueues,
  week: MeetingWeek,
): Promise<void> {
  const channel = deps.config.meetingChannelId;
  if (channel === null) return;
  const agenda = await getEffect(deps.db, agendaKey(week, channel));
  if (agenda?.status !== 'done') return;
  await queues.addCoalescedAgendaUpdate(week);
}

export function createCycle(deps: Deps, queues: CycleQueues, options: CycleOptions = {}): Cycle {
  const { config } = deps;
  const log: Logger = deps.logger.child({ component: 'cycle' });
  const stopping = new AbortController();
  const ctx: CycleContext = {
    config,
    db: deps.db,
    clock: deps.clock,
    logger: log,
    slack: deps.slack,
    meetings: deps.meetings,
    extensions: options.extensions ?? {},
    enqueue: (jobs) => queues.add(jobs),
    channelTurn: redisChannelTurns(deps.redis, config.queuePrefix, stopping.signal),
    tryLock: redisLocks(deps.redis, config.queuePrefix),
    stopping: stopping.signal,
  };
  const workers = new CycleWorkers(ctx, queues, {
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    logger: log,
    dmSends: new SharedSendCounter(deps.redis, config.queuePrefix),
  });

  const warned = new Set<CycleAction>();
  const warnOnce = (action: CycleAction) => {
    if (warned.has(action)) return;
    warned.add(action);
    log.warn(
      { action },
      'MEETING_CHANNEL_ID is not set; skipping what the bot would post in the meeting channel',
    );
  };

  let last: Promise<unknown> = Promise.resolve();
  const tick = (): Promise<QueuedJob[]> => {
    const run = last.then(async () => {
      const now = deps.clock.now();
      const jobs = await planDueJobs(ctx, now, warnOnce);
      await queues.add(jobs);
      if (jobs.length > 0)
        log.info({ jobs: jobs.length, kinds: [...new Set(jobs.map((j) => j.kind))] }, 'due jobs enqueued');
      await retentionIfDue(now);
      return jobs;
    });
    last = run.catch(() => {});
    return run;
  };
  /** The day's gallring, once across instances, when the organisation has decided on one (src/services/retention.ts). */
  const retentionIfDue = async (now: Date) => {
    try {
      const outcome = await runScheduledRetention(deps.db, config, now);
      if (outcome.status === 'done') log.info({ day: outcome.day }, 'retention done');
    } catch (error) {
      log.error({ err: errorFields(error) }, 'retention failed; the next tick tries again after its lease');
    }
  };
  const tickLogged = () =>
    tick().catch((error: unknown) => {
      // Redis or Postgres away: nothing is lost, the next minute's tick works it out again.
      log.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'tick failed');
    });

  let task: ScheduledTask | null = null;
  let stopped = false;
  let closing: Promise<void> | null = null;

  return {
    queues,
    tick,
    start() {
      if (stopped || task !== null) return;
      task = cron.schedule('* * * * *', () => tickLogged(), { name: 'fredagsmotet-cycle', noOverlap: true });
      void tickLogged();
      void checkMeetingChannel(ctx);
    },
    async stopMinuteTick() {
      const running = task;
      task = null;
      if (running !== null) await running.destroy();
    },
    closeWorkers() {
      stopped = true;
      stopping.abort();
      closing ??= Promise.all([this.stopMinuteTick(), workers.close(), withinMs(last, TICK_GRACE_MS)]).then(
        () => {},
      );
      return closing;
    },
    async stop() {
      await this.closeWorkers();
    },
  };
}

/** How long a stop waits for a tick that is working out what is due (it only reads and enqueues). */
const TICK_GRACE_MS = 3_000;

function withinMs(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.catch(() => {}),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Warns at start when the bot cannot post in the meeting channel; posts that fail then also alert the admins. */
async function checkMeetingChannel(ctx: CycleContext): Promise<void> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return;
  try {
    const info = await ctx.slack.web.conversations.info({ channel });
    if (info.channel?.is_member !== true) {
      ctx.logger.warn(
        { channel },
        'the bot is not a member of MEETING_CHANNEL_ID; invite it (/invite @Fredagsmötet)',
      );
    }
  } catch (error) {
    const code =
      (error as { data?: { error?: string } }).data?.error ??
      (error instanceof Error ? error.message : 'unknown');
    ctx.logger.warn(
      { channel, slackError: code },
      'could not check MEETING_CHANNEL_ID; the agenda may not get posted',
    );
  }
}
