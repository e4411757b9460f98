/**
 * Running one step of the weekly cycle now, in the CLI's process (`jobs run …`), with the same job code and
 * exactly-once effects as the queue's workers.
 * Why: an operator can force or repeat a step without the app's workers, and without ever posting twice.
 */

import { Redis } from 'ioredis';
import type { Clock } from '../src/clock.js';
import type { Config } from '../src/config.js';
import type { Db } from '../src/db/database.js';
import type { ManualStep } from '../src/domain/manual-run.js';
import type { Meeting } from '../src/domain/schedule.js';
import { createEffectSlack } from '../src/effects/client.js';
import { redisChannelTurns, redisLocks, sleep } from '../src/effects/pace.js';
import { EFFECT_LEASE_MS } from '../src/effects/state.js';
import type { Logger } from '../src/logger.js';
import { createMeetings } from '../src/services/meetings.js';
import { callRecipients } from './call-for-input.js';
import { followUpRemindersFor } from './follow-up-reminder.js';
import { jobFailureOf, pauseForRateLimit, queuePausedFor } from './policy.js';
import { CycleQueues } from './queues.js';
import { runJob } from './run.js';
import {
  type AgendaExtensions,
  type CycleContext,
  type CycleJob,
  type Outcome,
  queueOf,
  type RunOptions,
} from './types.js';

export interface ManualRun {
  /** One outcome per job the step consists of (a message per member for the call, per part for the picture). */
  readonly outcomes: readonly Outcome[];
}

/** How often a 429 is waited out before the run gives up on a message (the next tick or run does it). */
const RATE_LIMIT_WAITS = 10;
/** How long a run waits for an effect another attempt holds: past its lease, this run looks for the message. */
const BUSY_WAIT_MS = EFFECT_LEASE_MS + 15_000;

/**
 * Runs one step of the cycle now, in this process, under the same exactly-once rules as the scheduled jobs: the
 * same job code, the same effect rows, and the app's shared pacing (turns to post in a channel, the queues'
 * Retry-After pause, both in Redis). What is done is not done again unless `force`; the time window is not
 * checked (the operator asks for now), a cancelled meeting still is. Follow-up jobs (the picture's next part, an
 * alert to the admins, the agenda's update) run here too; a 429 is waited out and paused for the app as well.
 */
export async function runManually(
  deps: { config: Config; db: Db; clock: Clock; logger: Logger; extensions?: AgendaExtensions },
  action: ManualStep,
  meeting: Meeting,
  options: { force: boolean },
): Promise<ManualRun> {
  const { config } = deps;
  // Fails fast: without Redis the run could not keep to the app's pace.
  const redis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    lazyConnect: true,
  });
  redis.on('error', () => {}); // the failed command says what went wrong
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Kan inte nå Redis (${config.redisUrl}), som körningen behöver för att hålla appens takt mot Slack: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const queues = new CycleQueues(redis, config.queuePrefix, deps.logger);
  try {
    return await runWith(deps, redis, queues, action, meeting, options);
  } finally {
    await queues.close().catch(() => {});
    await redis.quit().catch(() => redis.disconnect());
  }
}

async function runWith(
  deps: { config: Config; db: Db; clock: Clock; logger: Logger; extensions?: AgendaExtensions },
  redis: Redis,
  queues: CycleQueues,
  action: ManualStep,
  meeting: Meeting,
  options: { force: boolean },
): Promise<ManualRun> {
  const week = meeting.week;
  const runOptions: RunOptions = { force: options.force, ignoreWindow: true };
  const pending: Array<{ job: CycleJob; options: RunOptions }> = [];
  const follow = (job: CycleJob) =>
    // The picture's next part carries the operator's options on; an alert or the agenda's update is not forced.
    pending.push({
      job,
      options: job.kind === action ? runOptions : { force: false, ignoreWindow: true },
    });
  const ctx: CycleContext = {
    config: deps.config,
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    slack: createEffectSlack(deps.config, deps.logger),
    meetings: createMeetings(deps),
    extensions: deps.extensions ?? {},
    channelTurn: redisChannelTurns(redis, deps.config.queuePrefix),
    tryLock: redisLocks(redis, deps.config.queuePrefix),
    stopping: new AbortController().signal,
    enqueue: async (jobs) => {
      for (const job of jobs) follow(job);
    },
  };

  const first: CycleJob[] =
    action === 'call'
      ? (await callRecipients(ctx, week)).map((userId) => ({ kind: 'call', week, userId }))
      : action === 'compile' || action === 'summary'
        ? [{ kind: action, week, part: 1 }]
        : action === 'followup'
          ? await followUpRemindersFor(ctx, meeting.date)
          : [{ kind: action, week }];
  const outcomes: Outcome[] = [];
  const mainJobs = new Set(first);
  pending.push(...first.map((job) => ({ job, options: runOptions })));

  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const outcome = await runPaced(ctx, queues, next.job, next.options);
    // A message in parts counts each part it posted.
    if (mainJobs.has(next.job) || next.job.kind === action) outcomes.push(outcome);
  }
  return { outcomes };
}

/**
 * Runs a job as the app's workers would: after the queue's Retry-After pause (set by any replica), waiting out
 * a 429 and pausing the queue for everyone, and waiting while another attempt holds the effect.
 */
async function runPaced(
  ctx: CycleContext,
  queues: CycleQueues,
  job: CycleJob,
  options: RunOptions,
): Promise<Outcome> {
  const queue = queues.queue(queueOf(job));
  const busySince = Date.now();
  let rateLimited = 0;
  for (;;) {
    const paused = await queuePausedFor(queue);
    if (paused > 0) await sleep(paused);
    try {
      return await runJob(ctx, job, options);
    } catch (error) {
      const failure = jobFailureOf(error);
      if (failure.kind === 'busy' && Date.now() - busySince < BUSY_WAIT_MS) {
        await sleep(failure.retryAfterMs);
        continue;
      }
      if (failure.kind !== 'rate-limited' || ++rateLimited >= RATE_LIMIT_WAITS) throw error;
      ctx.logger.warn({ retryAfterMs: failure.retryAfterMs }, 'Slack rate limit; waiting');
      // The app's workers wait it out too, as they would after a 429 of their own.
      await pauseForRateLimit(queue, failure.retryAfterMs);
      await sleep(failure.retryAfterMs);
    }
  }
}
