/**
 * The behörighetslogg's SQL. Writes are plain inserts that join the caller's transaction, so a change and its
 * log row commit together (and a read's row is written before the answer goes out). Rows are never updated;
 * the only delete is the retention's purge, which the table's trigger allows for rows past the cut-off only.
 */

import { type Insertable, type Selectable, sql } from 'kysely';
import {
  type AccessLogEntry,
  type AccessQuery,
  type AccessRecord,
  checkAccessRecord,
} from '../domain/access-log.js';
import type { EffectKey } from '../domain/effect.js';
import { type AccessLogTable, type Executor, inTransaction } from './database.js';

function toInsert(record: AccessRecord): Insertable<AccessLogTable> {
  checkAccessRecord(record);
  return {
    actor_user_id: record.actorUserId,
    action: record.action,
    outcome: record.outcome ?? 'ok',
    resource: record.resource,
    via: record.via,
    meeting_week: record.meetingWeek ?? null,
    party_key: record.partyKey ?? null,
    entry_ids: record.entryIds != null && record.entryIds.length > 0 ? [...record.entryIds] : null,
    priority_id: record.priorityId ?? null,
    subject_user_id: record.subjectUserId ?? null,
    period: record.period ?? null,
    format: record.format ?? null,
    detail: JSON.stringify(record.detail ?? {}),
  };
}

/** A row as the domain reads it (also for the register extract's own queries). */
export function toAccessLogEntry(row: Selectable<AccessLogTable>): AccessLogEntry {
  return {
    id: Number(row.id),
    at: row.at,
    actorUserId: row.actor_user_id,
    action: row.action,
    outcome: row.outcome,
    resource: row.resource,
    via: row.via,
    meetingWeek: row.meeting_week,
    partyKey: row.party_key,
    entryIds: row.entry_ids ?? [],
    priorityId: row.priority_id,
    subjectUserId: row.subject_user_id,
    period: row.period,
    format: row.format,
    detail: row.detail,
  };
}

/** One row, in the caller's transaction when it is one. Throws AccessRecordError for anything but identifiers. */
export async function recordAccess(db: Executor, record: AccessRecord): Promise<void> {
  await db.insertInto('access_log').values(toInsert(record)).execute();
}

/**
 * Records `record` once for the effect `key` (its row's id goes in `detail.effect`): an export is logged as the
 * step that sends it begins, and not again when that step is retried or taken over after a lost answer. Two
 * attempts at once wait for each other (an advisory lock on the effect), so they add one row. The effect's row
 * must exist (it does once claimed). Returns false when the row was there already.
 */
export async function recordAccessOncePerEffect(
  db: Executor,
  key: EffectKey,
  record: AccessRecord,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const effect = await trx
      .selectFrom('effects')
      .select('id')
      .where('meeting_week', '=', key.meetingWeek)
      .where('kind', '=', key.kind)
      .where('target', '=', key.target)
      .executeTakeFirstOrThrow();
    await sql`select pg_advisory_xact_lock(hashtext('access_log.effect'), ${effect.id}::int)`.execute(trx);
    const recorded = await trx
      .selectFrom('access_log')
      .select('id')
      .where('actor_user_id', '=', record.actorUserId)
      .where('action', '=', record.action)
      .where('outcome', '=', record.outcome ?? 'ok')
      .where('resource', '=', record.resource)
      .where(sql<boolean>`detail->>'effect' = ${String(effect.id)}`)
      .executeTakeFirst();
    if (recorded !== undefined) return false;
    await recordAccess(trx, { ...record, detail: { ...record.detail, effect: effect.id } });
    return true;
  });
}

/** Several rows in one insert (one statement, all or none). */
export async function recordAccessMany(db: Executor, records: readonly AccessRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.insertInto('access_log').values(records.map(toInsert)).execute();
}

export interface AccessPage {
  /** Newest first. */
  readonly rows: AccessLogEntry[];
  /** The cursor for the next (older) page: pass it as `before`; null when this was the last page. */
  readonly nextBefore: number | null;
}

/**
 * One page of the log, newest first, by keyset: `before` is the id of the last row of the previous page, and
 * the page continues strictly after that row's (at, id). A cursor whose row has since been purged yields an
 * empty page, rightly: every older row went with it.
 */
export async function listAccess(
  db: Executor,
  query: AccessQuery,
  page: { readonly limit: number; readonly before?: number | null },
): Promise<AccessPage> {
  let select = db.selectFrom('access_log').selectAll();
  if (query.actorUserId !== undefined) select = select.where('actor_user_id', '=', query.actorUserId);
  if (query.from !== undefined) select = select.where('at', '>=', query.from);
  if (query.to !== undefined) select = select.where('at', '<', query.to);
  if (query.week !== undefined) select = select.where('meeting_week', '=', query.week);
  if (page.before != null) {
    const before = page.before;
    select = select.where(
      sql<boolean>`(access_log.at, access_log.id) < (select c.at, c.id from access_log c where c.id = ${before})`,
    );
  }
  const rows = await select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const shown = rows.slice(0, page.limit).map(toAccessLogEntry);
  const last = shown.at(-1);
  return { rows: shown, nextBefore: rows.length > page.limit && last !== undefined ? last.id : null };
}

/**
 * Every row in [from, to), oldest first, optionally one actor's, fetched in pages so an export of a year does
 * not sit in memory at once.
 */
export async function* exportAccess(
  db: Executor,
  from: Date,
  to: Date,
  options: { readonly actorUserId?: string; readonly batchSize?: number } = {},
): AsyncGenerator<AccessLogEntry> {
  const batchSize = options.batchSize ?? 1000;
  // The last row's id; its exact (at, id) is looked up in the database, where `at` has microseconds.
  let after: string | null = null;
  for (;;) {
    let select = db.selectFrom('access_log').selectAll().where('at', '>=', from).where('at', '<', to);
    if (options.actorUserId !== undefined) select = select.where('actor_user_id', '=', options.actorUserId);
    if (after !== null) {
      const id = after;
      select = select.where(
        sql<boolean>`(access_log.at, access_log.id) > (select c.at, c.id from access_log c where c.id = ${id})`,
      );
    }
    const rows = await select.orderBy('at').orderBy('id').limit(batchSize).execute();
    for (const row of rows) yield toAccessLogEntry(row);
    const last = rows.at(-1);
    if (rows.length < batchSize || last === undefined) return;
    after = last.id;
  }
}

/** How many rows are older than `cutoff`: what a purge would remove. */
export async function countAccessLogBefore(db: Executor, cutoff: Date): Promise<number> {
  const { count } = await db
    .selectFrom('access_log')
    .select(db.fn.countAll<string>().as('count'))
    .where('at', '<', cutoff)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * Deletes the rows older than `cutoff` through the one path the trigger allows: the transaction names the
 * cut-off (SET LOCAL), and the trigger lets through only rows before it, and only a cut-off at least a month
 * old by the database's clock. Returns how many went.
 */
export async function purgeAccessLogBefore(db: Executor, cutoff: Date): Promise<number> {
  return inTransaction(db, async (trx) => {
    await sql`select set_config('fredagsmotet.access_log_purge_before', ${cutoff.toISOString()}, true)`.execute(
      trx,
    );
    const result = await trx.deleteFrom('access_log').where('at', '<', cutoff).executeTakeFirst();
    // Disarmed again at once, so nothing else in a caller's transaction inherits the permission.
    await sql`select set_config('fredagsmotet.access_log_purge_before', '', true)`.execute(trx);
    return Number(result.numDeletedRows);
  });
}
