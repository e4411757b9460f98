import { type ExpressionBuilder, sql } from 'kysely';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Database, EffectStatus, Executor } from './database.js';

/** The unique key of an effect a user sees: which meeting, what, and whom or where. */
export interface EffectKey {
  readonly meetingWeek: MeetingWeek;
  /** `agenda`, `call`, `lastcall`, `compile`, `notice`, `alert`, … */
  readonly kind: string;
  /** A channel, a user, a message part. */
  readonly target: string;
}

export interface Effect extends EffectKey {
  readonly status: EffectStatus;
  readonly channelId: string | null;
  readonly messageTs: string | null;
  /** Slack's error code when it failed. */
  readonly error: string | null;
  readonly contentHash: string | null;
  /** When it was done or failed (by the app's clock); for a `sending` effect, when it was first created. */
  readonly completedAt: Date;
  /** When the current attempt claimed it, by the database's clock. */
  readonly claimedAt: Date | null;
  /** How long ago that was when the row was read, by the database's clock; null when never claimed so. */
  readonly claimAgeMs: number | null;
}

const COLUMNS = [
  'meeting_week',
  'kind',
  'target',
  'status',
  'channel_id',
  'message_ts',
  'error',
  'content_hash',
  'completed_at',
  'claimed_at',
] as const;

/** The claim's age by the database's clock: every replica and the CLI read the same clock there. */
const CLAIM_AGE = sql<number | null>`(extract(epoch from (now() - claimed_at)) * 1000)::float8`.as(
  'claim_age_ms',
);

/**
 * A claim's time: the database's, to the millisecond, so that the value a JavaScript Date carries back compares
 * equal to the stored one (the guard every later write of the claim checks).
 */
const CLAIM_TIME = sql<Date>`date_trunc('milliseconds', now())`;

interface EffectRow {
  meeting_week: string;
  kind: string;
  target: string;
  status: EffectStatus;
  channel_id: string | null;
  message_ts: string | null;
  error: string | null;
  content_hash: string | null;
  completed_at: Date;
  claimed_at: Date | null;
  claim_age_ms: number | null;
}

function toEffect(row: EffectRow): Effect {
  return {
    meetingWeek: row.meeting_week,
    kind: row.kind,
    target: row.target,
    status: row.status,
    channelId: row.channel_id,
    messageTs: row.message_ts,
    error: row.error,
    contentHash: row.content_hash,
    completedAt: row.completed_at,
    claimedAt: row.claimed_at,
    claimAgeMs: row.claim_age_ms,
  };
}

/** The where clause of one effect's row. */
function byKey(key: EffectKey) {
  return (eb: ExpressionBuilder<Database, 'effects'>) =>
    eb.and([
      eb('meeting_week', '=', key.meetingWeek),
      eb('kind', '=', key.kind),
      eb('target', '=', key.target),
    ]);
}

/** The where clause of one effect's row while the claim made at `claimedAt` still holds it. */
function byClaim(key: EffectKey, claimedAt: Date) {
  return (eb: ExpressionBuilder<Database, 'effects'>) =>
    eb.and([byKey(key)(eb), eb('status', '=', 'sending'), eb('claimed_at', '=', claimedAt)]);
}

/**
 * Claims an effect that has never been claimed: inserts its row as `sending`, claimed now by the database's
 * clock. Returns the claim's time (the guard of every later write), or null when the row exists already.
 */
export async function insertSendingEffect(db: Executor, key: EffectKey, at: Date): Promise<Date | null> {
  const row = await db
    .insertInto('effects')
    .values({
      meeting_week: key.meetingWeek,
      kind: key.kind,
      target: key.target,
      status: 'sending',
      claimed_at: CLAIM_TIME,
      created_at: at,
      completed_at: at,
    })
    .onConflict((oc) => oc.constraint('effects_key').doNothing())
    .returning('claimed_at')
    .executeTakeFirst();
  return row?.claimed_at ?? null;
}

/** The effect's row, locked until the caller's transaction ends; null when it was never claimed. */
export async function lockEffect(db: Executor, key: EffectKey): Promise<Effect | null> {
  const row = await db
    .selectFrom('effects')
    .select([...COLUMNS, CLAIM_AGE])
    .where(byKey(key))
    .forUpdate()
    .executeTakeFirst();
  return row ? toEffect(row) : null;
}

/**
 * Claims an existing, locked effect to do it again (a forced run, a retry after a failure was fixed): `sending`,
 * claimed now, with nothing of the earlier message kept. Returns the claim's time.
 */
export async function reclaimEffect(db: Executor, key: EffectKey): Promise<Date> {
  const row = await db
    .updateTable('effects')
    .set({
      status: 'sending',
      claimed_at: CLAIM_TIME,
      error: null,
      channel_id: null,
      message_ts: null,
      content_hash: null,
    })
    .where(byKey(key))
    .returning('claimed_at')
    .executeTakeFirstOrThrow();
  return row.claimed_at as Date;
}

/**
 * Takes over a `sending` effect whose claim made at `from` has run out: claimed now instead. Returns the new
 * claim's time, or null when someone else took it over first.
 */
export async function renewEffectClaim(db: Executor, key: EffectKey, from: Date): Promise<Date | null> {
  const row = await db
    .updateTable('effects')
    .set({ claimed_at: CLAIM_TIME })
    .where(byClaim(key, from))
    .returning('claimed_at')
    .executeTakeFirst();
  return row?.claimed_at ?? null;
}

/**
 * Gives a claim back when nothing was sent: the row as it was before the claim (`prior`), or no row at all when
 * the claim created it. Only while the claim made at `claimedAt` still holds it.
 */
export async function restoreEffect(
  db: Executor,
  key: EffectKey,
  claimedAt: Date,
  prior: Effect | null,
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
    })
    .where(byClaim(key, claimedAt))
    .execute();
}

/**
 * Records an effect as done, with where the message went, while the claim made at `claimedAt` still holds it
 * (true when it did).
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
    .set({ status: 'failed', error: failure.error, completed_at: failure.at })
    .where(byClaim(key, claimedAt))
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Remembers what a kept-up-to-date message shows now. */
export async function setEffectContentHash(db: Executor, key: EffectKey, contentHash: string): Promise<void> {
  await db.updateTable('effects').set({ content_hash: contentHash }).where(byKey(key)).execute();
}

export async function getEffect(db: Executor, key: EffectKey): Promise<Effect | null> {
  const row = await db
    .selectFrom('effects')
    .select([...COLUMNS, CLAIM_AGE])
    .where(byKey(key))
    .executeTakeFirst();
  return row ? toEffect(row) : null;
}

/** A meeting's effects, optionally of some kinds only, in the order they were created. */
export async function listEffects(
  db: Executor,
  week: MeetingWeek,
  kinds?: readonly string[],
): Promise<Effect[]> {
  let query = db
    .selectFrom('effects')
    .select([...COLUMNS, CLAIM_AGE])
    .where('meeting_week', '=', week);
  if (kinds !== undefined) {
    if (kinds.length === 0) return [];
    query = query.where('kind', 'in', kinds);
  }
  const rows = await query.orderBy('id').execute();
  return rows.map(toEffect);
}

/** Effects Slack refused for good since `since` (by the app's clock), of any meeting, alerts themselves excepted. */
export async function listFailedEffectsSince(db: Executor, since: Date): Promise<Effect[]> {
  const rows = await db
    .selectFrom('effects')
    .select([...COLUMNS, CLAIM_AGE])
    .where('status', '=', 'failed')
    .where('kind', '<>', 'alert')
    .where('completed_at', '>=', since)
    .orderBy('id')
    .execute();
  return rows.map(toEffect);
}
