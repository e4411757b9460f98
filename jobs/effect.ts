import {
  completeEffect,
  type Effect,
  type EffectKey,
  failEffect,
  insertEffectClaim,
  lockEffect,
  reclaimEffect,
} from '../src/db/effects.repository.js';
import { listAdmins } from '../src/db/members.repository.js';
import { classifySlackCode, classifySlackError, FIXABLE_BY_ADMIN, TOKEN_FIXES } from '../src/slack/errors.js';
import type { CycleContext, CycleJob, Outcome, Problem, RunOptions } from './types.js';

/**
 * A failure an admin can fix in Slack (invite the bot, reinstall the app) is tried again after this long, as long
 * as the action is still due; everything else that Slack refused stays failed.
 */
export const FAILED_RETRY_MINUTES = 15;

/** A channel the bot posts in, or a user it sends a direct message to. */
export type Place = { readonly channelId: string } | { readonly userId: string };

/** What a message effect posted: where, and for a kept-up-to-date message what it shows. */
export interface Posted {
  readonly channelId: string | null;
  readonly messageTs: string | null;
  readonly contentHash?: string | null;
}

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
  return effect.status === 'done' || !mayRetryFailure(effect, now);
}

/**
 * Does one effect a user sees exactly once. In one transaction: claim the effect's unique row (a concurrent
 * claimer waits on it, then sees it done), call Slack, record it done with where it went, commit. A passing
 * failure or a 429 rolls the claim back and is thrown, for the queue to retry; a permanent refusal is recorded
 * `failed`, logged, and the admins are told what to fix (each once).
 *
 * The one window this cannot close: Slack accepted the message but the commit failed (Postgres went away in
 * that instant); the retry then posts again. Slack offers no idempotency key for chat.postMessage.
 */
export async function runEffect(
  ctx: CycleContext,
  key: EffectKey,
  options: RunOptions,
  /** Where the message goes, as the admins are told when Slack refuses it. */
  place: Place,
  send: () => Promise<Posted>,
): Promise<Outcome> {
  const now = ctx.clock.now();
  const log = ctx.logger.child({ week: key.meetingWeek, kind: key.kind, target: key.target });
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertEffectClaim(trx, key, now))) {
      const existing = await lockEffect(trx, key);
      if (existing !== null && existing.status === 'failed' && !options.force && isSettled(existing, now)) {
        return {
          status: 'failed',
          failure: classifySlackCode(existing.error ?? ''),
          failedEarlier: true,
        } as const;
      }
      if (existing === null || (!options.force && isSettled(existing, now)))
        return { status: 'already' } as const;
      await reclaimEffect(trx, key, now);
    }
    let posted: Posted;
    try {
      posted = await send();
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'permanent') throw error;
      await failEffect(trx, key, { error: failure.code, at: now });
      return { status: 'failed', failure, failedEarlier: false } as const;
    }
    await completeEffect(trx, key, { ...posted, at: now });
    return { status: 'done', posted } as const;
  });

  switch (result.status) {
    case 'already':
      log.debug('effect already done');
      return { status: 'already' };
    case 'done':
      log.info({ channel: result.posted.channelId, ts: result.posted.messageTs }, 'effect done');
      return { status: 'done', channelId: result.posted.channelId, messageTs: result.posted.messageTs };
    case 'failed': {
      const { failure } = result;
      // Only permanent refusals are stored as failed; anything else read back is treated like one.
      if (failure.kind !== 'permanent') return { status: 'failed', code: 'unknown_error' };
      if (!result.failedEarlier) {
        log.error(
          { slackError: failure.code, fix: failure.fix },
          'Slack refused for good; recorded as failed, not retried by the queue',
        );
      }
      // Alerts are effects of their own, so asking again (a re-run after the alerts could not be queued) sends none twice.
      if (key.kind !== 'alert') await alertAdmins(ctx, key, place, failure.code, failure.fix);
      return { status: 'failed', code: failure.code };
    }
  }
}

/** Tells every admin once what failed and what to fix; alerts are effects of their own, sent as direct messages. */
async function alertAdmins(
  ctx: CycleContext,
  key: EffectKey,
  place: Place,
  code: string,
  fix: Problem['fix'],
): Promise<void> {
  if (TOKEN_FIXES.has(fix)) {
    // With a broken token no direct message can reach the admins either; the log line above is what is left.
    ctx.logger.error(
      { slackError: code },
      'the bot token is refused; reinstall the app or replace SLACK_BOT_TOKEN',
    );
    return;
  }
  const admins = await listAdmins(ctx.db);
  if (admins.length === 0) {
    ctx.logger.error(
      { week: key.meetingWeek, kind: key.kind },
      'no admin to alert; add one with ADMIN_USER_IDS',
    );
    return;
  }
  const problem: Problem = {
    action: key.kind,
    code,
    fix,
    channelId: 'channelId' in place ? place.channelId : null,
    userId: 'userId' in place ? place.userId : null,
    retryInMinutes: FIXABLE_BY_ADMIN.has(fix) ? FAILED_RETRY_MINUTES : null,
  };
  const jobs: CycleJob[] = admins.map((adminId) => ({
    kind: 'alert',
    week: key.meetingWeek,
    adminId,
    problem,
  }));
  await ctx.enqueue(jobs);
}
