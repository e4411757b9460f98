/**
 * The BullMQ side of the weekly cycle: the channel, direct-message and report queues with their job options,
 * their workers, the pause for Slack's Retry-After, and coalesced agenda updates.
 */

import { DelayedError, type Job, type JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { MeetingWeek } from '../src/domain/schedule.js';
import type { SharedSendCounter } from '../src/effects/pace.js';
import type { Logger } from '../src/logger.js';
import { jobFailureOf, pauseForRateLimit } from './policy.js';
import { runJob } from './run.js';
import {
  type CycleContext,
  type CycleJob,
  jobIdOf,
  type Outcome,
  type QueuedJob,
  type QueueKind,
  queueOf,
  SCHEDULED,
} from './types.js';

export const QUEUE_KINDS: readonly QueueKind[] = ['channel', 'dm', 'report'];

export const QUEUE_NAMES: Readonly<Record<QueueKind, string>> = {
  channel: 'cycle-channel',
  dm: 'cycle-dm',
  report: 'cycle-report',
};

/**
 * How long closing the workers may take: running jobs finish (a Slack call is bounded by the job client's
 * timeout; a wait for a channel's turn ends at once). A job still running after it is left to its lease.
 */
export const WORKER_CLOSE_MS = 5_500;

/** How far back the messages sent before a 429 are counted to learn Slack's pace… */
const PACE_SAMPLE_MS = 1_000;
/** …and how long after it those still on their way are waited for (they were accepted before the 429). */
const PACE_SETTLE_MS = 300;

/** Live agenda updates within this long of each other make one `chat.update`. */
export const AGENDA_UPDATE_COALESCE_MS = 5_000;
/**
 * Added to a coalesced update's delay, so that a replica whose clock is slightly behind does not add a change to
 * the bucket of an update that is already running (the change would then wait for the next one).
 */
const COALESCE_GRACE_MS = 250;

/**
 * Retries with backoff for what fails in passing (Slack 5xx, network, Postgres away). Finished jobs are removed
 * at once: Postgres records what was done, and a removed id can be added again by the next tick when a job
 * gave up before its effect was done.
 */
const JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: true,
};

/**
 * Per queue: how many jobs one worker runs at once, and the limiter shared by all replicas.
 * Channel posts: one at a time, a job started at most every 1.1 s (the Slack calls themselves, which come after
 * each job's own reads, are spaced by the channel turns of jobs/pace.ts).
 * Direct messages go to a different channel each: their limiter starts as a mere ceiling (which is what lets a
 * Retry-After pause hold for every replica's worker, not only the one that saw the 429) and is lowered to the
 * pace Slack showed it allows once it answers 429 (see `learnPace`, which counts every replica's messages). Its
 * window is a little over a second so that the jitter of request times never lets one window's messages spill
 * into the next one at Slack.
 */
const WORKER_SETTINGS: Readonly<
  Record<QueueKind, { concurrency: number; limiter: { max: number; duration: number } }>
> = {
  channel: { concurrency: 1, limiter: { max: 1, duration: 1_100 } },
  dm: { concurrency: 6, limiter: { max: 10_000, duration: 1_050 } },
  // One report at a time per instance: each is seconds of work in the rendering workers.
  report: { concurrency: 1, limiter: { max: 10_000, duration: 1_000 } },
};

/** The producer side: the three queues, sharing the app's fail-fast Redis connection. */
export class CycleQueues {
  private readonly queues: Record<QueueKind, Queue<QueuedJob>>;

  constructor(connection: Redis, prefix: string, logger: Logger) {
    const queue = (kind: QueueKind) => {
      const created = new Queue<QueuedJob>(QUEUE_NAMES[kind], {
        connection,
        prefix,
        defaultJobOptions: JOB_OPTIONS,
      });
      // Without a listener BullMQ prints these to stderr. Each distinct error once: while Redis is away every
      // attempt fails the same way (and the app's connection listener reports the outage too).
      let last = '';
      created.on('error', (error: Error) => {
        if (error.message !== last) {
          logger.warn({ queue: QUEUE_NAMES[kind], err: { message: error.message } }, 'queue error');
        }
        last = error.message;
      });
      return created;
    };
    this.queues = { channel: queue('channel'), dm: queue('dm'), report: queue('report') };
  }

  queue(kind: QueueKind): Queue<QueuedJob> {
    return this.queues[kind];
  }

  /** Adds jobs under their deterministic ids; a job whose id is already waiting or running is not added again. */
  async add(jobs: readonly QueuedJob[]): Promise<void> {
    for (const kind of QUEUE_KINDS) {
      const batch = jobs.filter((job) => queueOf(job) === kind);
      if (batch.length === 0) continue;
      await this.queues[kind].addBulk(
        batch.map((job) => ({ name: job.kind, data: job, opts: this.optionsOf(job) })),
      );
    }
  }

  private optionsOf(job: CycleJob): JobsOptions {
    return { jobId: jobIdOf(job) };
  }

  /**
   * Adds a live agenda update, coalesced: every change within one time bucket adds the same job id, delayed to
   * the bucket's end; the update renders from the database when it runs, so it shows all of them.
   */
  async addCoalescedAgendaUpdate(week: MeetingWeek): Promise<void> {
    const job: CycleJob = { kind: 'agenda-update', week };
    const now = Date.now();
    const bucket = Math.floor(now / AGENDA_UPDATE_COALESCE_MS);
    await this.queues.channel.add(job.kind, job, {
      jobId: `${jobIdOf(job)}-${bucket}`,
      delay: (bucket + 1) * AGENDA_UPDATE_COALESCE_MS - now + COALESCE_GRACE_MS,
    });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
  }
}

/**
 * The consumer side: one worker per queue, on connections of their own (`maxRetriesPerRequest: null`, as
 * BullMQ's blocking reads need). A Slack 429 pauses the whole queue for Retry-After and puts the job back
 * without counting an attempt; a permanent refusal fails the job without retries (it is recorded and the admins
 * told in runEffect); anything else is retried with backoff.
 */
export class CycleWorkers {
  private readonly workers: Worker<QueuedJob, Outcome>[];
  /** Direct messages sent by every replica, for the pace learned after a 429. */
  private readonly dmSends: SharedSendCounter;
  private closing: Promise<void> | null = null;

  constructor(
    ctx: CycleContext,
    queues: CycleQueues,
    options: { redisUrl: string; prefix: string; logger: Logger; dmSends: SharedSendCounter },
  ) {
    this.dmSends = options.dmSends;
    this.workers = QUEUE_KINDS.map((kind) => {
      const worker = new Worker<QueuedJob, Outcome>(
        QUEUE_NAMES[kind],
        (job, token) => this.process(ctx, queues, kind, job, token),
        {
          connection: { url: options.redisUrl, maxRetriesPerRequest: null },
          prefix: options.prefix,
          ...WORKER_SETTINGS[kind],
        },
      );
      const log = options.logger.child({ queue: QUEUE_NAMES[kind] });
      let lastError = '';
      worker.on('error', (error) => {
        // While Redis is away every reconnect attempt fails the same way: log each distinct error once.
        if (error.message !== lastError) log.warn({ err: { message: error.message } }, 'queue worker error');
        lastError = error.message;
      });
      worker.on('ready', () => {
        lastError = '';
      });
      if (kind === 'dm') {
        // A pace learned during one batch (this week's call) does not slow down the next one. BullMQ also says
        // "drained" whenever the limiter holds it back, so the queue itself is asked whether it is empty.
        worker.on('drained', () => {
          const queue = queues.queue(kind);
          void queue
            .count()
            .then((waiting) => (waiting === 0 ? queue.removeGlobalRateLimit() : 0))
            .catch(() => {});
        });
      }
      worker.on('failed', (job, error) => {
        const final =
          error instanceof UnrecoverableError ||
          (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1));
        const fields = { job: job?.id, attemptsMade: job?.attemptsMade, err: { message: error.message } };
        if (final)
          log.error(fields, 'job gave up; the next tick adds it again if it is still due and not done');
        else log.warn(fields, 'job failed; retrying with backoff');
      });
      return worker;
    });
  }

  private async process(
    ctx: CycleContext,
    queues: CycleQueues,
    kind: QueueKind,
    job: Job<QueuedJob>,
    token: string | undefined,
  ): Promise<Outcome> {
    const { ignoreWindow, lookupOnly, ...data } = job.data;
    // A lookup runs past the job's window (that is why it only looks); it never posts.
    const options = lookupOnly
      ? { force: false, ignoreWindow: true, lookupOnly }
      : ignoreWindow
        ? { force: false, ignoreWindow }
        : SCHEDULED;
    let outcome: Outcome;
    try {
      outcome = await runJob(ctx, data as CycleJob, options);
    } catch (error) {
      const failure = jobFailureOf(error);
      if (failure.kind === 'busy' && token !== undefined) {
        // Someone else is at it; look again shortly, without counting it as a failed attempt.
        ctx.logger.debug({ job: job.id, reason: failure.reason }, 'busy; the job runs again shortly');
        await job.moveToDelayed(Date.now() + failure.retryAfterMs, token);
        throw new DelayedError();
      }
      if (failure.kind === 'rate-limited') {
        const queue = queues.queue(kind);
        if (await pauseForRateLimit(queue, failure.retryAfterMs)) {
          ctx.logger.warn(
            { job: job.id, retryAfterMs: failure.retryAfterMs },
            'Slack rate limit; the queue waits',
          );
          this.learnPace(ctx, queue, kind);
        }
        throw Worker.RateLimitError();
      }
      throw error;
    }
    if (outcome.status === 'failed') throw new UnrecoverableError(`Slack refused: ${outcome.code}`);
    if (outcome.status === 'done' && kind === 'dm') this.dmSends.record();
    ctx.logger.debug({ job: job.id, outcome: outcome.status }, 'job finished');
    return outcome;
  }

  /**
   * After a 429 on direct messages: as many as went out in the second before it, from every replica, is what
   * Slack allows, so the queue (all replicas' workers) goes on at that pace instead of running into the limit
   * (and a second's pause) again every second. Counted a moment later, when the messages that were on their way
   * at the 429 have been counted.
   */
  private learnPace(ctx: CycleContext, queue: Queue<QueuedJob>, kind: QueueKind): void {
    if (kind !== 'dm') return;
    const at = Date.now();
    setTimeout(() => {
      void this.dmSends
        .sentBetween(at - PACE_SAMPLE_MS, at + PACE_SETTLE_MS)
        .then(async (sent) => {
          if (sent === 0) return;
          await queue.setGlobalRateLimit(sent, WORKER_SETTINGS[kind].limiter.duration);
          ctx.logger.info({ perWindow: sent }, 'direct messages paced to what Slack allowed before its 429');
        })
        .catch(() => {});
    }, PACE_SETTLE_MS).unref();
  }

  /**
   * Lets running jobs finish, then closes the workers and their connections; gives up waiting after
   * WORKER_CLOSE_MS (what a job still does then is settled by its effect's lease after a restart).
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, WORKER_CLOSE_MS);
      });
      try {
        await Promise.race([Promise.all(this.workers.map((worker) => worker.close())), late]);
      } finally {
        clearTimeout(timer);
      }
    })();
    return this.closing;
  }
}
