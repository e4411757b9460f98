/**
 * Entries to the situational picture (lägesbild): storing one once per submission, reading, editing and removing
 * it, and a meeting's entries in the picture's order. A party's report for a meeting ("inget att rapportera", the
 * overall assessment) is in party-reports; moving entries between meetings or parties in entry-moves.
 */

import { type Selectable, sql } from 'kysely';
import type { Entry, Trend } from '../domain/entry.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { type EntryTable, type Executor, inTransaction } from './database.js';
import { forgetAssessmentIfEmpty } from './party-reports.repository.js';

export type NewEntry = Omit<Entry, 'id' | 'createdAt' | 'updatedAt'> & {
  /** One entry per submission: a second delivery with the same key returns the first entry. */
  readonly idempotencyKey: string;
};

export interface EntryChanges {
  readonly areaKey: string;
  readonly text: string;
  readonly place: string | null;
  readonly when: string | null;
  readonly trend: Trend | null;
}

/** The columns every query of entries selects: what toEntry maps. */
export const ENTRY_COLUMNS = [
  'entries.id',
  'entries.meeting_week',
  'entries.party_key',
  'entries.area_key',
  'entries.text',
  'entries.place',
  'entries.when_text',
  'entries.trend',
  'entries.author_user_id',
  'entries.source',
  'entries.created_at',
  'entries.updated_at',
  'entries.purged_at',
] as const;

/** A row as ENTRY_COLUMNS selects it. */
type EntryRow = Pick<Selectable<EntryTable>, Unqualified<(typeof ENTRY_COLUMNS)[number]>>;
type Unqualified<C> = C extends `entries.${infer Column}` ? Column : never;

export function toEntry(row: EntryRow): Entry {
  return {
    id: row.id,
    meetingWeek: row.meeting_week,
    partyKey: row.party_key,
    areaKey: row.area_key,
    text: row.text,
    place: row.place,
    when: row.when_text,
    trend: row.trend,
    authorUserId: row.author_user_id,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    // Only when purged: an entry as it was written looks as it always did.
    ...(row.purged_at === null ? {} : { purgedAt: row.purged_at }),
  };
}

/**
 * Stores an entry once per idempotency key; a repeated delivery gets the stored entry and `created: false`.
 * A party that adds an entry has something to report after all, so its "inget att rapportera" is cleared.
 * The clearing locks the party's report row (creating it if need be) until the entry is committed: the lock
 * recordNothingToReport takes before it counts entries, so the two never interleave.
 */
export async function insertEntry(
  db: Executor,
  entry: NewEntry,
): Promise<{
  entry: Entry;
  created: boolean;
  /** The party had said "inget att rapportera" for the meeting, and this entry replaced it. */
  replacedNothing: boolean;
}> {
  return inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto('entries')
      .values({
        meeting_week: entry.meetingWeek,
        party_key: entry.partyKey,
        area_key: entry.areaKey,
        text: entry.text,
        place: entry.place,
        when_text: entry.when,
        trend: entry.trend,
        author_user_id: entry.authorUserId,
        source: entry.source,
        idempotency_key: entry.idempotencyKey,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning(ENTRY_COLUMNS)
      .executeTakeFirst();
    if (inserted) {
      // ON CONFLICT DO UPDATE locks the existing row even where its WHERE leaves it unchanged (Postgres docs,
      // INSERT), and decides on the row's latest committed version.
      // A row comes back when it was inserted (xmax 0) or "inget" was cleared (the update sets xmax).
      const report = await trx
        .insertInto('party_reports')
        .values({
          meeting_week: entry.meetingWeek,
          party_key: entry.partyKey,
          updated_by: entry.authorUserId,
        })
        .onConflict((oc) =>
          oc
            .columns(['meeting_week', 'party_key'])
            .doUpdateSet({ nothing_to_report: false, updated_by: entry.authorUserId, updated_at: sql`now()` })
            .where('party_reports.nothing_to_report', '=', true),
        )
        .returning(sql<string>`xmax::text`.as('xmax'))
        .executeTakeFirst();
      return { entry: toEntry(inserted), created: true, replacedNothing: (report?.xmax ?? '0') !== '0' };
    }
    const existing = await trx
      .selectFrom('entries')
      .select(ENTRY_COLUMNS)
      .where('idempotency_key', '=', entry.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { entry: toEntry(existing), created: false, replacedNothing: false };
  });
}

/** The entry a submission stored (by its idempotency key), removed or not; null when it stored none. */
export async function findEntryBySubmission(
  db: Executor,
  idempotencyKey: string,
): Promise<{ entry: Entry; removed: boolean } | null> {
  const row = await db
    .selectFrom('entries')
    .select([...ENTRY_COLUMNS, 'entries.removed_at'])
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row === undefined ? null : { entry: toEntry(row), removed: row.removed_at !== null };
}

/** An entry that has not been removed. */
export async function getEntry(db: Executor, id: number): Promise<Entry | null> {
  const row = await db
    .selectFrom('entries')
    .select(ENTRY_COLUMNS)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row ? toEntry(row) : null;
}

export async function updateEntry(db: Executor, id: number, changes: EntryChanges): Promise<Entry | null> {
  const row = await db
    .updateTable('entries')
    .set({
      area_key: changes.areaKey,
      text: changes.text,
      place: changes.place,
      when_text: changes.when,
      trend: changes.trend,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    // A purged text stays purged: it is not written back by an edit.
    .where('purged_at', 'is', null)
    .returning(ENTRY_COLUMNS)
    .executeTakeFirst();
  return row ? toEntry(row) : null;
}

/**
 * Removes an entry (kept, marked removed, so its idempotency key still blocks a late repeat).
 *
 * When it was the party's last entry for the meeting, the party's overall assessment goes with it (unless the
 * party said "inget att rapportera", which the assessment then belongs to): an assessment is of the entries it
 * came with, and a party with nothing submitted must not show "Normalläge" beside ⏳. Which entry set it is not
 * recorded: one per party and meeting, the latest wins, so the last entry standing is the only sure point. The
 * report row is locked first, as insertEntry locks it, so an entry added meanwhile is counted.
 */
export async function removeEntry(db: Executor, id: number, removedBy: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const removed = await trx
      .updateTable('entries')
      .set({ removed_at: sql`now()`, removed_by: removedBy })
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .returning(['meeting_week', 'party_key'])
      .executeTakeFirst();
    if (removed === undefined) return false;
    await forgetAssessmentIfEmpty(trx, removed.meeting_week, removed.party_key);
    return true;
  });
}

/** A meeting's entries, in the order the compiled picture shows them: party, area, then time. */
export async function listEntriesForWeek(
  db: Executor,
  week: MeetingWeek,
  partyKey?: string,
): Promise<Entry[]> {
  let query = db
    .selectFrom('entries')
    .innerJoin('parties', 'parties.key', 'entries.party_key')
    .innerJoin('priority_areas', 'priority_areas.key', 'entries.area_key')
    .select(ENTRY_COLUMNS)
    .where('entries.meeting_week', '=', week)
    .where('entries.removed_at', 'is', null);
  if (partyKey !== undefined) query = query.where('entries.party_key', '=', partyKey);
  const rows = await query
    .orderBy('parties.sort_order')
    .orderBy('parties.key')
    .orderBy('priority_areas.sort_order')
    .orderBy('entries.created_at')
    .orderBy('entries.id')
    .execute();
  return rows.map(toEntry);
}
