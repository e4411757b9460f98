import { WebClient } from '@slack/web-api';
import cron, { type ScheduledTask } from 'node-cron';
import { getEffect } from '../src/db/effects.repository.js';
import type { Deps } from '../src/deps.js';
import type { CycleAction } from '../src/domain/calendar.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { boltLogger } from '../src/logger.js';
import { agendaKey } from './meeting.js';
import { redisChannelTurns } from './pace.js';
import { CycleQueues, CycleWorkers } from './queues.js';
import { planDueJobs } from './scheduler.js';
import type { AgendaExtensions, CycleContext, CycleJob } from './types.js';

/** The weekly cycle as the running app holds it. */
export interface Cycle {
  /**
   * Works out what is due now and not done, and enqueues it. Runs every minute and at start; tests call it
   * with a manual clock. Ticks of one instance never overlap; ticks of several instances may, harmlessly.
   */
  tick(): Promise<CycleJob[]>;
  /** A party's status for a meeting changed: bring its posted agenda up to date within a few seconds. */
  statusChanged(week: MeetingWeek): Promise<void>;
  /** Starts the minute tick, ticks once now and checks that the bot can post in the meeting channel. */
  start(): void;
  /**
   * Stops the minute tick and leaves the rest running: whoever drives time (a test with a manual clock, the demo
   * with its accelerated week) calls tick() itself.
   */
  stopMinuteTick(): Promise<void>;
  /** Stops the tick, lets running jobs finish, closes the queues. */
  stop(): Promise<void>;
  readonly queues: CycleQueues;
}

export interface CycleOptions {
  readonly extensions?: AgendaExtensions;
}

/** A Slack client for jobs: no retries and no waiting of its own, so BullMQ owns retries and Retry-After. */
export function createJobSlackClient(deps: Pick<Deps, 'config' | 'logger'>): WebClient {
  return new WebClient(deps.config.slack.botToken, {
    slackApiUrl: deps.config.slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 8_000,
    logger: boltLogger(deps.logger),
  });
}

export function createCycle(deps: Deps, options: CycleOptions = {}): Cycle {
  const { config, logger } = deps;
  const log = logger.child({ component: 'cycle' });
  const queues = new CycleQueues(deps.redis, config.queuePrefix, log);
  const ctx: CycleContext = {
    config,
    db: deps.db,
    clock: deps.clock,
    logger: log,
    slack: createJobSlackClient(deps),
    extensions: options.extensions ?? {},
    enqueue: (jobs) => queues.add(jobs),
    channelTurn: redisChannelTurns(deps.redis, config.queuePrefix),
  };
  const workers = new CycleWorkers(ctx, queues, {
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    logger: log,
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
  const tick = (): Promise<CycleJob[]> => {
    const run = last.then(async () => {
      const jobs = await planDueJobs(ctx, deps.clock.now(), warnOnce);
      await queues.add(jobs);
      if (jobs.length > 0)
        log.info({ jobs: jobs.length, kinds: [...new Set(jobs.map((j) => j.kind))] }, 'due jobs enqueued');
      return jobs;
    });
    last = run.catch(() => {});
    return run;
  };
  const tickLogged = () =>
    tick().catch((error: unknown) => {
      // Redis or Postgres away: nothing is lost, the next minute's tick works it out again.
      log.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'tick failed');
    });

  let task: ScheduledTask | null = null;
  let stopped = false;

  return {
    queues,
    tick,
    async statusChanged(week) {
      try {
        const channel = config.meetingChannelId;
        if (channel === null) return;
        const agenda = await getEffect(deps.db, agendaKey(week, channel));
        if (agenda?.status !== 'done') return;
        await queues.addCoalescedAgendaUpdate(week);
      } catch (error) {
        // Never into the listener: the next tick notices the agenda is outdated and updates it.
        log.warn(
          { week, err: { message: error instanceof Error ? error.message : String(error) } },
          'agenda update not queued',
        );
      }
    },
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
    async stop() {
      stopped = true;
      await this.stopMinuteTick();
      await last;
      await workers.close();
      await queues.close();
    },
  };
}

/** Warns at start when the bot cannot post in the meeting channel; posts that fail then also alert the admins. */
async function checkMeetingChannel(ctx: CycleContext): Promise<void> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return;
  try {
    const info = await ctx.slack.conversations.info({ channel });
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
