import type { MeetingWeek } from '../domain/schedule.js';
import type { EffectStatus, Executor } from './database.js';

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
  /** When it was done or failed (by the app's clock). */
  readonly completedAt: Date;
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
] as const;

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
  };
}

/**
 * Claims an effect that has never been claimed: inserts its row inside the caller's transaction. A concurrent
 * claim of the same key (another replica, a CLI run, a re-delivered job) waits on the unique index until this
 * transaction ends, then gets false if it committed, or the claim if it rolled back. So exactly one wins.
 */
export async function insertEffectClaim(db: Executor, key: EffectKey, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('effects')
    .values({
      meeting_week: key.meetingWeek,
      kind: key.kind,
      target: key.target,
      // Invisible to others until commit, and by then completed or failed.
      status: 'done',
      created_at: at,
      completed_at: at,
    })
    .onConflict((oc) => oc.constraint('effects_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The effect's row, locked until the caller's transaction ends; null when it was never claimed. */
export async function lockEffect(db: Executor, key: EffectKey): Promise<Effect | null> {
  const row = await db
    .selectFrom('effects')
    .select(COLUMNS)
    .where('meeting_week', '=', key.meetingWeek)
    .where('kind', '=', key.kind)
    .where('target', '=', key.target)
    .forUpdate()
    .executeTakeFirst();
  return row ? toEffect(row) : null;
}

/** Takes over an existing, locked effect to do it again (a forced run, or a retry after a failure was fixed). */
export async function reclaimEffect(db: Executor, key: EffectKey, at: Date): Promise<void> {
  await db
    .updateTable('effects')
    .set({
      status: 'done',
      error: null,
      channel_id: null,
      message_ts: null,
      content_hash: null,
      completed_at: at,
    })
    .where('meeting_week', '=', key.meetingWeek)
    .where('kind', '=', key.kind)
    .where('target', '=', key.target)
    .execute();
}

/** Records a claimed effect as done, with where the message went, in the claiming transaction. */
export async function completeEffect(
  db: Executor,
  key: EffectKey,
  result: { channelId: string | null; messageTs: string | null; contentHash?: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('effects')
    .set({
      status: 'done',
      channel_id: result.channelId,
      message_ts: result.messageTs,
      content_hash: result.contentHash ?? null,
      error: null,
      completed_at: result.at,
    })
    .where('meeting_week', '=', key.meetingWeek)
    .where('kind', '=', key.kind)
    .where('target', '=', key.target)
    .execute();
}

/** Records a claimed effect as failed for good (Slack refused it), in the claiming transaction. */
export async function failEffect(
  db: Executor,
  key: EffectKey,
  failure: { error: string; at: Date },
): Promise<void> {
  await db
    .updateTable('effects')
    .set({ status: 'failed', error: failure.error, completed_at: failure.at })
    .where('meeting_week', '=', key.meetingWeek)
    .where('kind', '=', key.kind)
    .where('target', '=', key.target)
    .execute();
}

/** Remembers what a kept-up-to-date message shows now. */
export async function setEffectContentHash(db: Executor, key: EffectKey, contentHash: string): Promise<void> {
  await db
    .updateTable('effects')
    .set({ content_hash: contentHash })
    .where('meeting_week', '=', key.meetingWeek)
    .where('kind', '=', key.kind)
    .where('target', '=', key.target)
    .execute();
}

export async function getEffect(db: Executor, key: EffectKey): Promise<Effect | null> {
  const row = await db
    .selectFrom('effects')
    .select(COLUMNS)
    .where('meeting_week', '=', key.meetingWeek)
    .where('kind', '=', key.kind)
    .where('target', '=', key.target)
    .executeTakeFirst();
  return row ? toEffect(row) : null;
}

/** A meeting's effects, optionally of some kinds only, in the order they were created. */
export async function listEffects(
  db: Executor,
  week: MeetingWeek,
  kinds?: readonly string[],
): Promise<Effect[]> {
  let query = db.selectFrom('effects').select(COLUMNS).where('meeting_week', '=', week);
  if (kinds !== undefined) {
    if (kinds.length === 0) return [];
    query = query.where('kind', 'in', kinds);
  }
  const rows = await query.orderBy('id').execute();
  return rows.map(toEffect);
}
