/**
 * One policy for what a job's failure means, shared by the app's workers (jobs/queues.ts) and the CLI's runs
 * (jobs/inline.ts): someone else is at it (wait a moment, not a failed attempt), Slack asked to slow down (pause
 * the whole queue for every replica for Retry-After, then run again), or anything else (the caller's backoff).
 */

import type { Queue } from 'bullmq';
import { classifySlackError } from '../src/slack/errors.js';

/**
 * Thrown when a job cannot go on now because someone else is at it (another attempt holds the effect's claim,
 * another agenda update runs): not a failure; the job is tried again after `retryAfterMs`.
 */
export class RetryLater extends Error {
  constructor(
    readonly reason: string,
    readonly retryAfterMs: number,
  ) {
    super(`busy, retry later: ${reason}`);
    this.name = 'RetryLater';
  }
}

export type JobFailure =
  | { readonly kind: 'busy'; readonly retryAfterMs: number; readonly reason: string }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly kind: 'error' };

export function jobFailureOf(error: unknown): JobFailure {
  if (error instanceof RetryLater)
    return { kind: 'busy', retryAfterMs: error.retryAfterMs, reason: error.reason };
  const failure = classifySlackError(error);
  return failure.kind === 'rate-limited' ? failure : { kind: 'error' };
}

/**
 * How long the queue is paused for a Retry-After (set by any replica or CLI run). A pause set by `rateLimit` holds
 * the limiter's counter at its maximum, which is how it is told from a merely full window.
 */
export function queuePausedFor(queue: Queue): Promise<number> {
  return queue.getRateLimitTtl(Number.MAX_SAFE_INTEGER);
}

/**
 * Pauses the queue for everyone for Retry-After, unless a pause is already on: jobs running alongside get their
 * 429s too, and must not stretch the pause each from its own, later moment. True when this call set it.
 */
export async function pauseForRateLimit(queue: Queue, retryAfterMs: number): Promise<boolean> {
  if ((await queuePausedFor(queue)) > 0) return false;
  await queue.rateLimit(retryAfterMs);
  return true;
}
