/**
 * Doing an effect exactly once (an agenda, a call for lägesbild, a reply): claim its row, send with no
 * transaction held, record the outcome; a lost answer is looked up in Slack before anything is sent again.
 */

import { ErrorCode } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import {
  claimEffect,
  completeEffect,
  endAttemptInDoubt,
  failEffect,
  restoreEffect,
} from '../db/effect-claims.repository.js';
import type { EffectKey } from '../domain/effect.js';
import type { Logger } from '../logger.js';
import { classifySlackError, type SlackFailure, slackMayHaveActed } from '../slack/errors.js';
import { type Delivery, NotDue, type Posted } from './delivery.js';
import { effectMetadata, effectMetadataKey } from './metadata.js';
import { StoppingError } from './pace.js';
import { claimDecision, leaseOf } from './state.js';

/** What doing an effect came to; its caller decides what follows (the queue's retry, the admins' alert). */
export type EffectResult =
  | { readonly kind: 'done'; readonly posted: Posted }
  /** Done before, or the message of an attempt whose answer was lost was found and recorded. */
  | { readonly kind: 'already' }
  /** Another attempt holds the claim within its lease: it records the outcome. */
  | { readonly kind: 'in-flight' }
  /** Slack refused it for good: now (recorded `failed` by this call), or `earlier`. */
  | { readonly kind: 'failed'; readonly code: string; readonly earlier: boolean }
  /** Slack may have posted it (a timeout, a 5xx): it stays `sending` until its lease runs out. */
  | { readonly kind: 'in-doubt' }
  /** Its moment passed while it waited for its turn (NotDue): nothing was sent, the claim was given back. */
  | { readonly kind: 'not-due' };

/** What doing an effect needs: the weekly cycle's context is one, the app's services another. */
export interface EffectEnv {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Once it fires, nothing is claimed or sent. */
  readonly stopping?: AbortSignal;
}

export interface EffectOptions {
  /** Do it again even if it was done (`--force`). */
  readonly force: boolean;
  /** How to do it again (the cycle's job and its options), stored with it for the scheduler's healing. */
  readonly job?: unknown;
  /**
   * When to try a recorded reply again after a failure Slack surely did not act on (or after an answered 5xx);
   * null leaves retries to the caller (BullMQ's backoff for the cycle's jobs).
   */
  readonly retryAt?: (failure: SlackFailure, attempts: number) => Date | null;
  /** The effect was recorded as pending (a reply): claimed in one statement while it still is. */
  readonly pending?: boolean;
}

/**
 * Does one effect a user sees exactly once, without holding a transaction or a connection across Slack:
 *
 * 1. Claim, in a short transaction: insert or lock the effect's row and mark it `sending`, claimed now; commit.
 *    Done already: nothing to do. Held by another attempt within its lease: `in-flight`. `sending` past its
 *    lease: an attempt whose answer was lost; this one takes over and first asks Slack whether the message is
 *    there (by its metadata key): found, it is recorded done and not posted again.
 * 2. Send, outside any transaction, the message carrying the effect's key as metadata.
 * 3. Record: done with where it went; `failed` for a permanent refusal (logged); a failure Slack surely did not
 *    act on (429, an `ok: false` answer, no connection) gives the claim back and is thrown, for the caller to
 *    retry; a failure that leaves it open keeps `sending`: until the lease runs out after a timeout (the call may
 *    still land), at once after an answered 5xx (the attempt is over; the next one looks before it posts).
 */
export async function doEffectOnce(
  env: EffectEnv,
  key: EffectKey,
  options: EffectOptions,
  delivery: Delivery,
): Promise<EffectResult> {
  if (env.stopping?.aborted) throw new StoppingError();
  const now = env.clock.now();
  const log = env.logger.child({ week: key.meetingWeek, kind: key.kind, target: key.target });

  const claim = await claimEffect(
    env.db,
    key,
    { place: delivery.place, job: options.job, at: now, pending: options.pending === true },
    (existing) => claimDecision(existing, now, options.force),
  );
  if (claim.kind === 'refused') {
    if (claim.reason === 'already') {
      log.debug('effect already done');
      return { kind: 'already' };
    }
    if (claim.reason === 'failed-earlier')
      return { kind: 'failed', code: claim.existing?.error ?? 'unknown_error', earlier: true };
    return { kind: 'in-flight' };
  }
  const { claimedAt, prior } = claim;
  const attempts = (prior?.attempts ?? 0) + 1;
  const retryAt = (failure: SlackFailure) => options.retryAt?.(failure, attempts) ?? null;
  const giveBack = (failure: SlackFailure | null) =>
    restoreEffect(env.db, key, claimedAt, prior, failure === null ? null : retryAt(failure));
  const lostAttemptAt = prior?.status === 'sending' && !options.force ? prior.claimedAt : null;

  let afterDoubt = false;
  if (lostAttemptAt !== null) {
    let found: Posted | null | 'unknown';
    try {
      found = await findLost(delivery, effectMetadataKey(key), lostAttemptAt, log);
    } catch (error) {
      await giveBack(classifySlackError(error));
      throw error;
    }
    if (found === 'unknown') afterDoubt = true;
    else if (found !== null) {
      await completeEffect(env.db, key, { ...found, contentHash: null, at: now }, claimedAt);
      log.info(
        { channel: found.channelId, ts: found.messageTs },
        'found the message of an interrupted attempt',
      );
      return { kind: 'already' };
    }
  }

  let posted: Posted;
  try {
    if (env.stopping?.aborted) throw new StoppingError();
    posted = await delivery.send(effectMetadata(key), { afterDoubt });
  } catch (error) {
    if (error instanceof NotDue) {
      await giveBack(null);
      log.info('no longer due when its turn came; nothing sent');
      return { kind: 'not-due' };
    }
    const failure = classifySlackError(error);
    if (failure.kind === 'permanent' && prior?.status === 'done') {
      // A forced repeat that Slack refused: the message posted before still stands and stays on record (the
      // agenda's thread, its live updates); only this attempt failed.
      await giveBack(null);
      log.error(
        { slackError: failure.code, fix: failure.fix },
        'Slack refused the repeat; the earlier message stands',
      );
      return { kind: 'failed', code: failure.code, earlier: false };
    }
    if (failure.kind === 'permanent') {
      await failEffect(env.db, key, { error: failure.code, at: now }, claimedAt);
      log.error({ slackError: failure.code, fix: failure.fix }, 'Slack refused for good; recorded as failed');
      return { kind: 'failed', code: failure.code, earlier: false };
    }
    if (!slackMayHaveActed(error)) {
      await giveBack(failure);
      throw error;
    }
    // Slack may have posted it: posting again now could double it. Once this attempt is surely over (Slack
    // answered), the next may look for the message at once; after a timeout, only when the lease has run out.
    if (slackAnswered(error)) {
      await endAttemptInDoubt(env.db, key, claimedAt, leaseOf(key.kind), retryAt(failure) ?? new Date());
    }
    log.warn(
      { slackError: failure.kind === 'retryable' ? failure.code : failure.kind },
      'no clear answer from Slack; the message may have been posted, so it is looked up before any new attempt',
    );
    return { kind: 'in-doubt' };
  }
  if (!(await completeEffect(env.db, key, { ...posted, at: now }, claimedAt))) {
    log.warn('the claim was taken over while Slack answered; the other attempt records the effect');
  }
  log.info({ channel: posted.channelId, ts: posted.messageTs }, 'effect done');
  return { kind: 'done', posted };
}

/** Slack (or the response_url's server) answered, with a 5xx or internal_error: the call is over. */
function slackAnswered(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === ErrorCode.HTTPError || code === ErrorCode.PlatformError;
}

/**
 * Looks for the message of an attempt whose answer was lost. Null when it is not there (or Slack refuses the
 * lookup for good: the message is then posted, with a warning); throws when Slack could not answer now (tried
 * again later).
 */
async function findLost(
  delivery: Delivery,
  metadataKey: string,
  since: Date,
  log: Logger,
): Promise<Posted | null | 'unknown'> {
  try {
    return await delivery.find(metadataKey, since);
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') throw error;
    log.warn(
      { slackError: failure.code },
      'could not look for the message of an interrupted attempt; posting it again, which may double it',
    );
    return null;
  }
}
