/**
 * The effects table's rows: what an effect is (its key, where it goes, how far it got) and the mapping every
 * effect query shares, with the plain reads and writes of a row: one effect, a meeting's effects, an order for a
 * job recorded as `pending`. The claim protocol is in effect-claims, the reply outbox in effect-replies, the
 * scheduler's sweeps in effect-sweeps.
 */

import { type ExpressionBuilder, sql } from 'kysely';
import type { EffectKey, Place } from '../domain/effect.js';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Database, EffectStatus, Executor } from './database.js';

export type { EffectKey, Place } from '../domain/effect.js';

/** An effect's row: its key, where it goes, and how far it got. */
export interface Effect extends EffectKey {
  readonly status: EffectStatus;
  /** Where it went once posted (the channel Slack answered with, and the message's ts). */
  readonly channelId: string | null;
  readonly messageTs: string | null;
  /** Where it goes, as stored when it was recorded or first claimed. */
  readonly place: Place | null;
  /** Slack's error code when it failed. */
  readonly error: string | null;
  readonly contentHash: string | null;
  /** When it was done or failed (by the app's clock); for a `sending` effect, when it was first created. */
  readonly completedAt: Date;
  /** When the current attempt claimed it, by the database's clock. */
  readonly claimedAt: Date | null;
  /** How long ago that was when the row was read, by the database's clock; null when never claimed so. */
  readonly claimAgeMs: number | null;
  /** For the weekly cycle's effects: how to do it again (see jobs/types.ts StoredJob). */
  readonly job: unknown;
  /** For a recorded reply: its message and route (see src/effects/replies.ts). */
  readonly payload: unknown;
  readonly requestKey: string | null;
  readonly attempts: number;
}

/** The columns every query of effects selects, with CLAIM_AGE: what toEffect maps. */
export const EFFECT_COLUMNS = [
  'meeting_week',
  'kind',
  'target',
  'status',
  'channel_id',
  'message_ts',
  'place_channel_id',
  'place_user_id',
  'error',
  'content_hash',
  'completed_at',
  'claimed_at',
  'job',
  'payload',
  'request_key',
  'attempts',
] as const;

/** The claim's age by the database's clock: every replica and the CLI read the same clock there. */
export const CLAIM_AGE = sql<number | null>`(extract(epoch from (now() - claimed_at)) * 1000)::float8`.as(
  'claim_age_ms',
);

/** A row as EFFECT_COLUMNS and CLAIM_AGE select it. */
export interface EffectRow {
  meeting_week: string;
  kind: string;
  target: string;
  status: EffectStatus;
  channel_id: string | null;
  message_ts: string | null;
  place_channel_id: string | null;
  place_user_id: string | null;
  error: string | null;
  content_hash: string | null;
  completed_at: Date;
  claimed_at: Date | null;
  job: unknown;
  payload: unknown;
  request_key: string | null;
  attempts: number;
  claim_age_ms: number | null;
}

export function toEffect(row: EffectRow): Effect {
  const place: Place | null =
    row.place_user_id !== null
      ? { userId: row.place_user_id }
      : row.place_channel_id !== null
        ? { channelId: row.place_channel_id }
        : null;
  return {
    meetingWeek: row.meeting_week,
    kind: row.kind,
    target: row.target,
    status: row.status,
    channelId: row.channel_id,
    messageTs: row.message_ts,
    place,
    error: row.error,
    contentHash: row.content_hash,
    completedAt: row.completed_at,
    claimedAt: row.claimed_at,
    claimAgeMs: row.claim_age_ms,
    job: row.job,
    payload: row.payload,
    requestKey: row.request_key,
    attempts: row.attempts,
  };
}

/** Where an effect goes, as its two columns store it. */
export function placeColumns(place: Place | null) {
  return {
    place_channel_id: place !== null && 'channelId' in place ? place.channelId : null,
    place_user_id: place !== null && 'userId' in place ? place.userId : null,
  };
}

/** The where clause of one effect's row. */
export function byKey(key: EffectKey) {
  return (eb: ExpressionBuilder<Database, 'effects'>) =>
    eb.and([
      eb('meeting_week', '=', key.meetingWeek),
      eb('kind', '=', key.kind),
      eb('target', '=', key.target),
    ]);
}

/** Remembers what a kept-up-to-date message shows now. */
export async function setEffectContentHash(db: Executor, key: EffectKey, contentHash: string): Promise<void> {
  await db.updateTable('effects').set({ content_hash: contentHash }).where(byKey(key)).execute();
}

export async function getEffect(db: Executor, key: EffectKey): Promise<Effect | null> {
  const row = await db
    .selectFrom('effects')
    .select([...EFFECT_COLUMNS, CLAIM_AGE])
    .where(byKey(key))
    .executeTakeFirst();
  return row ? toEffect(row as EffectRow) : null;
}

/** A meeting's effects, optionally of some kinds only, in the order they were created. */
export async function listEffects(
  db: Executor,
  week: MeetingWeek,
  kinds?: readonly string[],
): Promise<Effect[]> {
  let query = db
    .selectFrom('effects')
    .select([...EFFECT_COLUMNS, CLAIM_AGE])
    .where('meeting_week', '=', week);
  if (kinds !== undefined) {
    if (kinds.length === 0) return [];
    query = query.where('kind', 'in', kinds);
  }
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => toEffect(row as EffectRow));
}

/**
 * Records an effect to be done by a job (a report someone asked for) as `pending`, with the job that does it, in
 * the caller's transaction: if the job is lost before it runs, the scheduler finds the row and queues it again.
 */
export async function recordPendingJob(
  db: Executor,
  order: { key: EffectKey; place: Place; job: unknown; at: Date },
): Promise<void> {
  await db
    .insertInto('effects')
    .values({
      meeting_week: order.key.meetingWeek,
      kind: order.key.kind,
      target: order.key.target,
      status: 'pending',
      ...placeColumns(order.place),
      job: JSON.stringify(order.job),
      // created_at is left to the database's clock, the one the scheduler's sweep compares it with.
      completed_at: order.at,
    })
    .onConflict((oc) => oc.constraint('effects_key').doNothing())
    .execute();
}

/**
 * In the caller's transaction: waits until no other transaction holds the orders of `kind` under `prefix`, and
 * holds them until this one ends, so that looking for an open order (findOpenEffect) and recording a new one
 * (recordPendingJob) are one step: two requests at once record one order.
 */
export async function lockOrders(db: Executor, kind: string, prefix: string): Promise<void> {
  if (!db.isTransaction)
    throw new Error('lockOrders holds its lock until the transaction ends: call it in one');
  await sql`select pg_advisory_xact_lock(hashtext(${`fredagsmotet:${kind}:${prefix}`}))`.execute(db);
}

/** An effect of `kind` whose target starts with `prefix` that is not done yet (pending or being sent), if any. */
export async function findOpenEffect(db: Executor, kind: string, prefix: string): Promise<Effect | null> {
  const row = await db
    .selectFrom('effects')
    .select([...EFFECT_COLUMNS, CLAIM_AGE])
    .where('kind', '=', kind)
    .where('status', 'in', ['pending', 'sending'])
    .where(sql<boolean>`starts_with(target, ${prefix})`)
    .executeTakeFirst();
  return row ? toEffect(row as EffectRow) : null;
}
