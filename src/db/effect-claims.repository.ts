/**
 * The claim protocol of exactly-once effects (src/effects/once.ts): claiming an effect's row for one attempt,
 * then completing it, failing it, ending it in doubt or giving it back. Every write after the claim holds only
 * while that claim (its `claimed_at`) still holds the row.
 */

import { type ExpressionBuilder, sql } from 'kysely';
import type { EffectKey, Place } from '../domain/effect.js';
import { type Database, type Executor, inTransaction } from './database.js';
import {
  byKey,
  CLAIM_AGE,
  EFFECT_COLUMNS,
  type Effect,
  type EffectRow,
  placeColumns,
  toEffect,
} from './effects.repository.js';

/**
 * A claim's time: the database's, to the millisecond, so that the value a JavaScript Date carries back compares
 * equal to the stored one (the guard of every later write of the claim).
 */
const CLAIM_TIME = sql<Date>`date_trunc('milliseconds', now())`;

/** The where clause of one effect's row while the claim made at `claimedAt` still holds it. */
function byClaim(key: EffectKey, claimedAt: Date) {
  return (eb: ExpressionBuilder<Database, 'effects'>) =>
    eb.and([byKey(key)(eb), eb('status', '=', 'sending'), eb('claimed_at', '=', claimedAt)]);
}

/** What a claim found, decided by the caller's rules (src/effects/state.ts) on the locked row. */
export type ClaimDecision =
  | { readonly take: false; readonly reason: string }
  /** Take it; `renew` takes over a `sending` attempt whose lease ran out (the row keeps what it knew). */
  | { readonly take: true; readonly renew: boolean };

export type Claim =
  | { readonly kind: 'refused'; readonly reason: string; readonly existing: Effect | null }
  | {
      readonly kind: 'claimed';
      /** The claim's time: the guard of every write that follows. */
      readonly claimedAt: Date;
      /** The row before this claim, to put back if nothing is sent; null when the claim created it. */
      readonly prior: Effect | null;
    };

/**
 * Claims an effect in one short transaction: inserts its row as `sending` (with where it goes and how to do it
 * again) when it has none, or locks the row and lets `decide` say whether this attempt may take it. Inserted and
 * given back by someone else between the two statements counts as in flight.
 */
export async function claimEffect(
  db: Executor,
  key: EffectKey,
  recipe: { place: Place | null; job: unknown; at: Date; pending?: boolean },
  decide: (existing: Effect) => ClaimDecision,
): Promise<Claim> {
  if (recipe.pending === true) {
    // A recorded reply is claimed in one statement while it is still pending (the common case): the row is
    // as it was recorded, so it is its own prior.
    const row = await db
      .updateTable('effects')
      .set({ status: 'sending', claimed_at: CLAIM_TIME, attempts: sql`attempts + 1` })
      .where(byKey(key))
      .where('status', '=', 'pending')
      .returning([...EFFECT_COLUMNS])
      .executeTakeFirst();
    if (row !== undefined) {
      const claimed = toEffect({ ...(row as Omit<EffectRow, 'claim_age_ms'>), claim_age_ms: 0 });
      const prior: Effect = {
        ...claimed,
        status: 'pending',
        claimedAt: null,
        claimAgeMs: null,
        attempts: claimed.attempts - 1,
      };
      return { kind: 'claimed', claimedAt: claimed.claimedAt as Date, prior };
    }
  }
  return inTransaction(db, async (trx): Promise<Claim> => {
    const fresh = await trx
      .insertInto('effects')
      .values({
        meeting_week: key.meetingWeek,
        kind: key.kind,
        target: key.target,
        status: 'sending',
        claimed_at: CLAIM_TIME,
        completed_at: recipe.at,
        ...placeColumns(recipe.place),
        job: recipe.job === undefined || recipe.job === null ? null : JSON.stringify(recipe.job),
      })
      .onConflict((oc) => oc.constraint('effects_key').doNothing())
      .returning('claimed_at')
      .executeTakeFirst();
    if (fresh?.claimed_at) return { kind: 'claimed', claimedAt: fresh.claimed_at, prior: null };
    const row = await trx
      .selectFrom('effects')
      .select([...EFFECT_COLUMNS, CLAIM_AGE])
      .where(byKey(key))
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) return { kind: 'refused', reason: 'in-flight', existing: null };
    const existing = toEffect(row);
    const decision = decide(existing);
    if (!decision.take) return { kind: 'refused', reason: decision.reason, existing };
    // The job of the attempt that holds the effect is the one to heal it with (an operator's run taking over the
    // clock's, or the other way round); an attempt without one (a lookup, a reply) leaves it.
    const job = recipe.job === undefined || recipe.job === null ? {} : { job: JSON.stringify(recipe.job) };
    const claimed = await trx
      .updateTable('effects')
      .set(
        decision.renew
          ? { claimed_at: CLAIM_TIME, attempts: sql`attempts + 1`, ...job }
          : {
              ...job,
              status: 'sending',
              claimed_at: CLAIM_TIME,
              error: null,
              channel_id: null,
              message_ts: null,
              content_hash: null,
              attempts: sql`attempts + 1`,
              ...(existing.place === null ? placeColumns(recipe.place) : {}),
            },
      )
      .where(byKey(key))
      .returning('claimed_at')
      .executeTakeFirstOrThrow();
    return { kind: 'claimed', claimedAt: claimed.claimed_at as Date, prior: existing };
  });
}

/**
 * Gives a claim back when nothing was sent: the row as it was before the claim (`prior`), or no row at all when
 * the claim created it. Only while the claim made at `claimedAt` still holds it. `retryAt` delays a recorded
 * reply's next attempt (a 429's wait, a backoff).
 */
export async function restoreEffect(
  db: Executor,
  key: EffectKey,
  claimedAt: Date,
  prior: Effect | null,
  retryAt: Date | null = null,
): Promise<void> {
  if (prior === null) {
    await db.deleteFrom('effects').where(byClaim(key, claimedAt)).execute();
    return;
  }
  await db
    .updateTable('effects')
    .set({
      status: prior.status,
      claimed_at: prior.claimedAt,
      channel_id: prior.channelId,
      message_ts: prior.messageTs,
      error: prior.error,
      content_hash: prior.contentHash,
      completed_at: prior.completedAt,
      job: prior.job === null || prior.job === undefined ? null : JSON.stringify(prior.job),
      next_attempt_at: retryAt,
    })
    .where(byClaim(key, claimedAt))
    .execute();
}

/**
 * Forgets an attempt whose claim ran out (`leaseMs`, by the database's clock) and whose message a lookup did not
 * find: nothing was posted, so the effect is as if never tried. True when it was forgotten; false when another
 * attempt has claimed it since, or it was settled.
 */
export async function forgetStaleClaim(db: Executor, key: EffectKey, leaseMs: number): Promise<boolean> {
  const deleted = await db
    .deleteFrom('effects')
    .where(byKey(key))
    .where('status', '=', 'sending')
    .where('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${leaseMs / 1000})`)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/**
 * Ends an attempt whose outcome is unknown but which is surely over (Slack answered with a 5xx): its lease is
 * made to have run out, so the next attempt (after `retryAt`) looks for the message at once instead of waiting.
 */
export async function endAttemptInDoubt(
  db: Executor,
  key: EffectKey,
  claimedAt: Date,
  leaseMs: number,
  retryAt: Date,
): Promise<void> {
  await db
    .updateTable('effects')
    .set({
      claimed_at: sql`claimed_at - make_interval(secs => ${leaseMs / 1000 + 1})`,
      next_attempt_at: retryAt,
    })
    .where(byClaim(key, claimedAt))
    .execute();
}

/**
 * Records an effect as done, with where the message went, while the claim made at `claimedAt` still holds it
 * (true when it did). A recorded reply's message is dropped once it is delivered: it may hold what users wrote.
 */
export async function completeEffect(
  db: Executor,
  key: EffectKey,
  result: { channelId: string | null; messageTs: string | null; contentHash?: string | null; at: Date },
  claimedAt: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('effects')
    .set({
      status: 'done',
      channel_id: result.channelId,
      message_ts: result.messageTs,
      content_hash: result.contentHash ?? null,
      error: null,
      completed_at: result.at,
      payload: sql`case when payload is null then null else '{}'::jsonb end`,
      next_attempt_at: null,
    })
    .where(byClaim(key, claimedAt))
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Records an effect as failed for good (Slack refused it), while the claim made at `claimedAt` holds it. */
export async function failEffect(
  db: Executor,
  key: EffectKey,
  failure: { error: string; at: Date },
  claimedAt: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('effects')
    .set({
      status: 'failed',
      error: failure.error,
      completed_at: failure.at,
      payload: sql`case when payload is null then null else '{}'::jsonb end`,
      next_attempt_at: null,
    })
    .where(byClaim(key, claimedAt))
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
