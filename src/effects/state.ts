/**
 * The rules of an effect's life, without I/O: when it is settled, when an attempt holds it, when a failure may be
 * tried again, and how long an attempt's claim (its lease) lasts.
 */

import type { ClaimDecision } from '../db/effect-claims.repository.js';
import type { Effect } from '../db/effects.repository.js';
import { classifySlackCode, FIXABLE_BY_ADMIN } from '../slack/errors.js';

/**
 * A failure an admin can fix in Slack (invite the bot, reinstall the app) is tried again after this long, as long
 * as the action is still due; everything else that Slack refused stays failed.
 */
export const FAILED_RETRY_MINUTES = 15;

/**
 * How long a claim holds an effect that is `sending`. Much longer than a Slack call may take (the effect client's
 * timeout), so an attempt still waiting for Slack's answer is never taken over; once it has run out, the attempt
 * is over (its answer was lost, or its process died) and the next claimer looks for the message before posting.
 */
export const EFFECT_LEASE_MS = 2 * 60_000;

/**
 * The lease of a reply to a user (a receipt, an answer in chat): the person is waiting, and a reply's attempt is
 * one Slack call of at most the client's timeout, so a lost attempt is settled within seconds of a restart.
 */
export const REPLY_LEASE_MS = 20_000;

/** Kinds of effect that are replies recorded with their message (src/effects/replies.ts). */
export const REPLY_KINDS: readonly string[] = ['svar', 'dm'];

export function leaseOf(kind: string): number {
  return REPLY_KINDS.includes(kind) ? REPLY_LEASE_MS : EFFECT_LEASE_MS;
}

/** How soon a job finding an effect claimed by another attempt looks again. */
export const IN_FLIGHT_RECHECK_MS = 2_000;

/** Whether a failed effect may be tried again now: the admin could have fixed it, and a while has passed. */
export function mayRetryFailure(effect: Effect, now: Date): boolean {
  if (effect.status !== 'failed') return false;
  const failure = classifySlackCode(effect.error ?? '');
  return (
    failure.kind === 'permanent' &&
    FIXABLE_BY_ADMIN.has(failure.fix) &&
    now.getTime() - effect.completedAt.getTime() >= FAILED_RETRY_MINUTES * 60_000
  );
}

/** Whether nothing is left to do for an effect: it is done, or it failed in a way not to try again (yet). */
export function isSettled(effect: Effect | null | undefined, now: Date): boolean {
  if (effect === null || effect === undefined) return false;
  if (effect.status === 'sending' || effect.status === 'pending') return false;
  return effect.status === 'done' || !mayRetryFailure(effect, now);
}

/** Whether an attempt holds the effect now: it is `sending` and its lease has not run out. */
export function isInFlight(effect: Effect | null | undefined): boolean {
  return effect?.status === 'sending' && (effect.claimAgeMs ?? 0) < leaseOf(effect.kind);
}

/** Whether a run of the effect has something to do: not settled, and no attempt holds it. */
export function needsRun(effect: Effect | null | undefined, now: Date): boolean {
  return !isSettled(effect, now) && !isInFlight(effect);
}

/** Whether an attempt may take the (locked) effect now; `force` repeats what was done or failed. */
export function claimDecision(existing: Effect, now: Date, force: boolean): ClaimDecision {
  switch (existing.status) {
    case 'done':
      return force ? { take: true, renew: false } : { take: false, reason: 'already' };
    case 'failed':
      return !force && isSettled(existing, now)
        ? { take: false, reason: 'failed-earlier' }
        : { take: true, renew: false };
    case 'pending':
      return { take: true, renew: false };
    case 'sending':
      if (isInFlight(existing) || existing.claimedAt === null) return { take: false, reason: 'in-flight' };
      // A forced run posts again whatever the lost attempt did; otherwise the takeover looks for it first.
      return { take: true, renew: !force };
  }
}
