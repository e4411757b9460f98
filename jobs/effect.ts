import type { Clock } from '../src/clock.js';
import type { Db } from '../src/db/database.js';
import {
  completeEffect,
  type Effect,
  type EffectKey,
  failEffect,
  insertSendingEffect,
  lockEffect,
  reclaimEffect,
  renewEffectClaim,
  restoreEffect,
} from '../src/db/effects.repository.js';
import { listAdmins } from '../src/db/members.repository.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import type { Logger } from '../src/logger.js';
import {
  classifySlackCode,
  classifySlackError,
  FIXABLE_BY_ADMIN,
  slackMayHaveActed,
  TOKEN_FIXES,
} from '../src/slack/errors.js';
import { type Delivery, effectMetadata, effectMetadataKey, NotDue, type Posted } from './deliver.js';
import { placeOf } from './meeting.js';
import { StoppingError } from './pace.js';
import {
  type CycleContext,
  type Outcome,
  type Place,
  type Problem,
  RetryLater,
  type RunOptions,
  skipped,
} from './types.js';

export type { Posted } from './deliver.js';
export type { Place } from './types.js';

/**
 * A failure an admin can fix in Slack (invite the bot, reinstall the app) is tried again after this long, as long
 * as the action is still due; everything else that Slack refused stays failed.
 */
export const FAILED_RETRY_MINUTES = 15;

/**
 * How long a claim holds an effect that is `sending`. Much longer than a Slack call may take (the job client's
 * timeout), so an attempt still waiting for Slack's answer is never taken over; once it has run out, the attempt
 * is over (its answer was lost, or its process died) and the next claimer looks for the message before posting.
 */
export const EFFECT_LEASE_MS = 2 * 60_000;

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
  if (effect.status === 'sending') return false;
  return effect.status === 'done' || !mayRetryFailure(effect, now);
}

/** Whether an attempt holds the effect now: it is `sending` and its lease has not run out. */
export function isInFlight(effect: Effect | null | undefined): boolean {
  return effect?.status === 'sending' && (effect.claimAgeMs ?? 0) < EFFECT_LEASE_MS;
}

/** Whether a run of the effect has something to do: not settled, and no attempt holds it. */
export function needsRun(effect: Effect | null | undefined, now: Date): boolean {
  return !isSettled(effect, now) && !isInFlight(effect);
}

/** The problem the admins are told about when Slack refuses an effect for good. */
export function problemOf(key: EffectKey, code: string, fallback: Place | null = null): Problem | null {
  const failure = classifySlackCode(code);
  if (failure.kind !== 'permanent') return null;
  const place = placeOf(key) ?? fallback;
  return {
    action: key.kind,
    code,
    fix: failure.fix,
    channelId: place !== null && 'channelId' in place ? place.channelId : null,
    userId: place !== null && 'userId' in place ? place.userId : null,
    retryInMinutes: FIXABLE_BY_ADMIN.has(failure.fix) ? FAILED_RETRY_MINUTES : null,
  };
}

type Claim =
  | { readonly kind: 'already' }
  | { readonly kind: 'failed-earlier'; readonly code: string }
  | { readonly kind: 'in-flight' }
  | {
      readonly kind: 'claimed';
      /** The claim's time: the guard of every write that follows. */
      readonly claimedAt: Date;
      /** The row before this claim, to put back if nothing is sent; null when the claim created it. */
      readonly prior: Effect | null;
      /** For a takeover of an attempt whose answer was lost: when that attempt claimed it. */
      readonly lostAttemptAt: Date | null;
    };

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

/** What doing an effect needs: the weekly cycle's context is one, a listener's dependencies another. */
export interface EffectEnv {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Once it fires, nothing is claimed or sent. */
  readonly stopping?: AbortSignal;
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
 *    retry; a failure that leaves it open (a timeout, a 5xx) keeps `sending` for the lease to settle.
 *
 * The weekly cycle calls it through runEffect; the chat's answers (commands/chat.ts) call it directly.
 */
export async function doEffectOnce(
  env: EffectEnv,
  key: EffectKey,
  options: Pick<RunOptions, 'force'>,
  delivery: Delivery,
): Promise<EffectResult> {
  if (env.stopping?.aborted) throw new StoppingError();
  const now = env.clock.now();
  const log = env.logger.child({ week: key.meetingWeek, kind: key.kind, target: key.target });

  const claim = await claimEffect(env.db, key, options, now);
  switch (claim.kind) {
    case 'already':
      log.debug('effect already done');
      return { kind: 'already' };
    case 'in-flight':
      return { kind: 'in-flight' };
    case 'failed-earlier':
      return { kind: 'failed', code: claim.code, earlier: true };
    case 'claimed':
      break;
  }
  const { claimedAt, prior } = claim;
  const giveBack = () => restoreEffect(env.db, key, claimedAt, prior);

  if (claim.lostAttemptAt !== null) {
    let found: Posted | null;
    try {
      found = await findLost(key, delivery, claim.lostAttemptAt, log);
    } catch (error) {
      await giveBack();
      throw error;
    }
    if (found !== null) {
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
    posted = await delivery.send(effectMetadata(key));
  } catch (error) {
    if (error instanceof NotDue) {
      await giveBack();
      log.info('no longer due when its turn came; nothing sent');
      return { kind: 'not-due' };
    }
    const failure = classifySlackError(error);
    if (failure.kind === 'permanent' && prior?.status === 'done') {
      // A forced repeat that Slack refused: the message posted before still stands and stays on record (the
      // agenda's thread, its live updates); only this attempt failed.
      await giveBack();
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
      await giveBack();
      throw error;
    }
    // Slack may have posted it: posting again now could double it. The claim stays until its lease runs out;
    // then the next run looks for the message before it posts.
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

/**
 * One effect of the weekly cycle, exactly once (doEffectOnce), with what the queue needs: an effect another
 * attempt holds is tried again shortly (RetryLater), and the admins are told about a permanent refusal.
 */
export async function runEffect(
  ctx: CycleContext,
  key: EffectKey,
  options: RunOptions,
  delivery: Delivery,
): Promise<Outcome> {
  const result = await doEffectOnce(ctx, key, options, delivery);
  switch (result.kind) {
    case 'done':
      return { status: 'done', channelId: result.posted.channelId, messageTs: result.posted.messageTs };
    case 'already':
      return { status: 'already' };
    case 'in-doubt':
      return { status: 'in-doubt' };
    case 'not-due':
      return skipped('not-due');
    case 'in-flight':
      throw new RetryLater(
        `${effectMetadataKey(key)} is being sent by another attempt`,
        IN_FLIGHT_RECHECK_MS,
      );
    case 'failed':
      // Alerts are effects of their own, so asking again (a re-run after the alerts could not be queued, or a
      // re-delivered job finding it failed) sends none twice.
      await alertAdmins(ctx, key, delivery.place, result.code);
      return { status: 'failed', code: result.code };
  }
}

/** Step 1 of doEffectOnce: the claim, in one short transaction. */
async function claimEffect(
  db: Db,
  key: EffectKey,
  options: Pick<RunOptions, 'force'>,
  now: Date,
): Promise<Claim> {
  return db.transaction().execute(async (trx): Promise<Claim> => {
    const fresh = await insertSendingEffect(trx, key, now);
    if (fresh !== null) return { kind: 'claimed', claimedAt: fresh, prior: null, lostAttemptAt: null };
    const existing = await lockEffect(trx, key);
    // Inserted and given back between our two statements: someone is at it; look again shortly.
    if (existing === null) return { kind: 'in-flight' };
    switch (existing.status) {
      case 'done':
        if (!options.force) return { kind: 'already' };
        break;
      case 'failed':
        if (!options.force && isSettled(existing, now))
          return { kind: 'failed-earlier', code: existing.error ?? 'unknown_error' };
        break;
      case 'sending': {
        if (isInFlight(existing) || existing.claimedAt === null) return { kind: 'in-flight' };
        const renewed = await renewEffectClaim(trx, key, existing.claimedAt);
        if (renewed === null) return { kind: 'in-flight' };
        // A forced run posts again whatever the lost attempt did.
        const lostAttemptAt = options.force ? null : existing.claimedAt;
        return { kind: 'claimed', claimedAt: renewed, prior: existing, lostAttemptAt };
      }
    }
    return {
      kind: 'claimed',
      claimedAt: await reclaimEffect(trx, key),
      prior: existing,
      lostAttemptAt: null,
    };
  });
}

/**
 * Looks for the message of an attempt whose answer was lost. Null when it is not there (or Slack refuses the
 * lookup for good: the message is then posted, with a warning); throws when Slack could not answer now (tried
 * again later).
 */
async function findLost(
  key: EffectKey,
  delivery: Delivery,
  since: Date,
  log: Logger,
): Promise<Posted | null> {
  try {
    return await delivery.find(effectMetadataKey(key), since);
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

/** Tells every admin once what failed and what to fix; alerts are effects of their own, sent as direct messages. */
async function alertAdmins(ctx: CycleContext, key: EffectKey, place: Place, code: string): Promise<void> {
  // An alert that failed gets no alert of its own.
  if (key.kind === 'alert') return;
  const problem = problemOf(key, code, place);
  if (problem !== null) await sendAlerts(ctx, key.meetingWeek, problem);
}

/**
 * Tells every admin once about `problem` (an alert per admin is an effect of its own, keyed by week, code and
 * place); a broken token, which no direct message could get past, is only logged.
 */
export async function sendAlerts(ctx: CycleContext, week: MeetingWeek, problem: Problem): Promise<void> {
  if (TOKEN_FIXES.has(problem.fix)) {
    // With a broken token no direct message can reach the admins either; the log line is what is left.
    ctx.logger.error(
      { slackError: problem.code },
      'the bot token is refused; reinstall the app or replace SLACK_BOT_TOKEN',
    );
    return;
  }
  const admins = await listAdmins(ctx.db);
  if (admins.length === 0) {
    ctx.logger.error({ week, kind: problem.action }, 'no admin to alert; add one with ADMIN_USER_IDS');
    return;
  }
  // If these jobs are lost (Redis flushed), the scheduler plans them again from a failed effect.
  await ctx.enqueue(admins.map((adminId) => ({ kind: 'alert', week, adminId, problem })));
}
