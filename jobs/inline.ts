import { WebClient } from '@slack/web-api';
import type { Clock } from '../src/clock.js';
import type { Config } from '../src/config.js';
import type { Db } from '../src/db/database.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { boltLogger, type Logger } from '../src/logger.js';
import { classifySlackError } from '../src/slack/errors.js';
import { callRecipients } from './call-for-input.js';
import { localChannelTurns } from './pace.js';
import { runJob } from './run.js';
import type { AgendaExtensions, CycleContext, CycleJob, Outcome, RunOptions } from './types.js';

/** The steps an operator can run by hand. */
export const MANUAL_ACTIONS = ['call', 'agenda', 'lastcall', 'compile'] as const;
export type ManualAction = (typeof MANUAL_ACTIONS)[number];

export interface ManualRun {
  /** One outcome per job the step consists of (a message per member for the call, per part for the picture). */
  readonly outcomes: readonly Outcome[];
}

/** How often a 429 is waited out before the run gives up on a message (the next tick or run does it). */
const RATE_LIMIT_WAITS = 10;

/**
 * Runs one step of the cycle now, in this process, under the same exactly-once rules as the scheduled jobs: the
 * same job code, the same effect rows. What is done is not done again unless `force`; the time window is not
 * checked (the operator asks for now), a cancelled meeting still is. Follow-up jobs (the picture's next part, an
 * alert to the admins) run here too, channel posts a second apart; a 429 is waited out.
 */
export async function runManually(
  deps: { config: Config; db: Db; clock: Clock; logger: Logger; extensions?: AgendaExtensions },
  action: ManualAction,
  week: MeetingWeek,
  options: { force: boolean },
): Promise<ManualRun> {
  const runOptions: RunOptions = { force: options.force, ignoreWindow: true };
  const pending: Array<{ job: CycleJob; options: RunOptions }> = [];
  const ctx: CycleContext = {
    config: deps.config,
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    slack: new WebClient(deps.config.slack.botToken, {
      slackApiUrl: deps.config.slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
      logger: boltLogger(deps.logger),
    }),
    extensions: deps.extensions ?? {},
    channelTurn: localChannelTurns(),
    enqueue: async (jobs) => {
      // The picture's next part carries the operator's options on; an alert is never forced.
      for (const job of jobs) {
        pending.push({
          job,
          options: job.kind === 'alert' ? { force: false, ignoreWindow: true } : runOptions,
        });
      }
    },
  };

  const first: CycleJob[] =
    action === 'call'
      ? (await callRecipients(ctx, week)).map((userId) => ({ kind: 'call', week, userId }))
      : action === 'compile'
        ? [{ kind: 'compile', week, part: 1 }]
        : [{ kind: action, week }];
  const outcomes: Outcome[] = [];
  const mainJobs = new Set(first);
  pending.push(...first.map((job) => ({ job, options: runOptions })));

  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const outcome = await runWaitingOutRateLimits(ctx, next.job, next.options);
    if (mainJobs.has(next.job) || (next.job.kind === 'compile' && action === 'compile'))
      outcomes.push(outcome);
  }
  return { outcomes };
}

async function runWaitingOutRateLimits(
  ctx: CycleContext,
  job: CycleJob,
  options: RunOptions,
): Promise<Outcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runJob(ctx, job, options);
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'rate-limited' || attempt >= RATE_LIMIT_WAITS) throw error;
      ctx.logger.warn({ retryAfterMs: failure.retryAfterMs }, 'Slack rate limit; waiting');
      await sleep(failure.retryAfterMs);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
