import { type ExpressionBuilder, sql } from 'kysely';
import type { EffectKey, Place } from '../domain/effect.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { type Database, type EffectStatus, type Executor, inTransaction } from './database.js';

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

const COLUMNS = [
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
const CLAIM_AGE = sql<number | null>`(extract(epoch from (now() - claimed_at)) * 1000)::float8`.as(
  'claim_age_ms',
);

/**
 * A claim's time: the database's, to the millisecond, so that the value a JavaScript Date carries back compares
 * equal to the stored one (the guard of every later write of the claim).
 */
const CLAIM_TIME = sql<Date>`date_trunc('milliseconds', now())`;

interface EffectRow {
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

function toEffect(row: EffectRow): Effect {
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

function placeColumns(place: Place | null) {
  return {
    place_channel_id: place !== null && 'channelId' in place ? place.channelId : null,
    place_user_id: place !== null && 'userId' in place ? place.userId : null,
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
      .returning([...COLUMNS])
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
        created_at: recipe.at,
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
      .select([...COLUMNS, CLAIM_AGE])
      .where(byKey(key))
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) return { kind: 'refused', reason: 'in-flight', existing: null };
    const existing = toEffect(row);
    const decision = decide(existing);
    if (!decision.take) return { kind: 'refused', reason: decision.reason, existing };
    const claimed = await trx
      .updateTable('effects')
      .set(
        decision.renew
          ? { claimed_at: CLAIM_TIME, attempts: sql`attempts + 1` }
          : {
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
      next_attempt_at: retryAt,
    })
    .where(byClaim(key, claimedAt))
    .execute();
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
    .select([...COLUMNS, CLAIM_AGE])
    .where('meeting_week', '=', week);
  if (kinds !== undefined) {
    if (kinds.length === 0) return [];
    query = query.where('kind', 'in', kinds);
  }
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => toEffect(row as EffectRow));
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
  return rows.map((row) => toEffect(row as EffectRow));
}

/**
 * The effects whose attempt may have been interrupted: `sending`, claimed longer ago than `leaseMs` (by the
 * database's clock), of the kinds given; oldest first, at most `limit`.
 */
export async function listExpiredClaims(
  db: Executor,
  kinds: { include?: readonly string[]; exclude?: readonly string[] },
  leaseMs: number,
  limit: number,
): Promise<Effect[]> {
  let query = db
    .selectFrom('effects')
    .select([...COLUMNS, CLAIM_AGE])
    .where('status', '=', 'sending')
    .where('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${leaseMs / 1000})`);
  if (kinds.include !== undefined) query = query.where('kind', 'in', kinds.include);
  if (kinds.exclude !== undefined && kinds.exclude.length > 0)
    query = query.where('kind', 'not in', kinds.exclude);
  const rows = await query.orderBy('claimed_at').limit(limit).execute();
  return rows.map((row) => toEffect(row as EffectRow));
}

/** A reply to record in the transaction of the change it confirms: sent after the commit (src/effects/replies.ts). */
export interface NewReply {
  readonly key: EffectKey;
  readonly place: Place;
  readonly payload: unknown;
  readonly requestKey: string;
  readonly at: Date;
}

/** Records replies as `pending`; a repeat of the same request records nothing new. Returns the keys recorded. */
export async function recordReplies(db: Executor, replies: readonly NewReply[]): Promise<void> {
  if (replies.length === 0) return;
  await db
    .insertInto('effects')
    .values(
      replies.map((reply) => ({
        meeting_week: reply.key.meetingWeek,
        kind: reply.key.kind,
        target: reply.key.target,
        status: 'pending' as const,
        ...placeColumns(reply.place),
        payload: JSON.stringify(reply.payload),
        request_key: reply.requestKey,
        created_at: reply.at,
        completed_at: reply.at,
      })),
    )
    .onConflict((oc) => oc.constraint('effects_key').doNothing())
    .execute();
}

/** A request's replies, in the order they were recorded. */
export async function listRepliesOf(db: Executor, requestKey: string): Promise<Effect[]> {
  const rows = await db
    .selectFrom('effects')
    .select([...COLUMNS, CLAIM_AGE])
    .where('request_key', '=', requestKey)
    .orderBy('id')
    .execute();
  return rows.map((row) => toEffect(row as EffectRow));
}

/**
 * Replies that are due to be sent: `pending` since at least `minAgeMs` and not waiting for a later attempt, or
 * `sending` with a claim older than `leaseMs`; oldest first, at most `limit`.
 */
export async function listDueReplies(
  db: Executor,
  kinds: readonly string[],
  options: { minAgeMs: number; leaseMs: number; limit: number },
): Promise<Effect[]> {
  const rows = await db
    .selectFrom('effects')
    .select([...COLUMNS, CLAIM_AGE])
    .where('kind', 'in', kinds)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'pending'),
          eb('created_at', '<=', sql<Date>`now() - make_interval(secs => ${options.minAgeMs / 1000})`),
          eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', sql<Date>`now()`)]),
        ]),
        eb.and([
          eb('status', '=', 'sending'),
          eb('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${options.leaseMs / 1000})`),
          eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', sql<Date>`now()`)]),
        ]),
      ]),
    )
    .orderBy('id')
    .limit(options.limit)
    .execute();
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
      created_at: order.at,
      completed_at: order.at,
    })
    .onConflict((oc) => oc.constraint('effects_key').doNothing())
    .execute();
}

/** An effect of `kind` whose target starts with `prefix` that is not done yet (pending or being sent), if any. */
export async function findOpenEffect(db: Executor, kind: string, prefix: string): Promise<Effect | null> {
  const row = await db
    .selectFrom('effects')
    .select([...COLUMNS, CLAIM_AGE])
    .where('kind', '=', kind)
    .where('status', 'in', ['pending', 'sending'])
    .where(sql<boolean>`starts_with(target, ${prefix})`)
    .executeTakeFirst();
  return row ? toEffect(row as EffectRow) : null;
}

/**
 * Effects a job is to do whose job seems lost: `pending` for longer than `pendingAgeMs`, or `sending` with a
 * claim older than `leaseMs`, that carry their job; oldest first, at most `limit`. Replies excepted (the outbox's).
 */
export async function listStalledJobs(
  db: Executor,
  options: { excludeKinds: readonly string[]; leaseMs: number; pendingAgeMs: number; limit: number },
): Promise<Effect[]> {
  const rows = await db
    .selectFrom('effects')
    .select([...COLUMNS, CLAIM_AGE])
    .where('job', 'is not', null)
    .where('kind', 'not in', options.excludeKinds)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'pending'),
          eb('created_at', '<', sql<Date>`now() - make_interval(secs => ${options.pendingAgeMs / 1000})`),
        ]),
        eb.and([
          eb('status', '=', 'sending'),
          eb('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${options.leaseMs / 1000})`),
        ]),
      ]),
    )
    .orderBy('id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => toEffect(row as EffectRow));
}
