import { sql } from 'kysely';
import type { Assessment, Entry, EntrySource, PartyStatus, Trend } from '../domain/entry.js';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Executor } from './database.js';

export interface NewEntry {
  readonly meetingWeek: MeetingWeek;
  readonly partyKey: string;
  readonly areaKey: string;
  readonly text: string;
  readonly place: string | null;
  readonly when: string | null;
  readonly trend: Trend | null;
  readonly authorUserId: string;
  readonly source: EntrySource;
  /** One entry per submission: a second delivery with the same key returns the first entry. */
  readonly idempotencyKey: string;
}

export interface EntryChanges {
  readonly areaKey: string;
  readonly text: string;
  readonly place: string | null;
  readonly when: string | null;
  readonly trend: Trend | null;
}

const ENTRY_COLUMNS = [
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
] as const;

interface EntryRow {
  id: number;
  meeting_week: string;
  party_key: string;
  area_key: string;
  text: string;
  place: string | null;
  when_text: string | null;
  trend: Trend | null;
  author_user_id: string;
  source: EntrySource;
  created_at: Date;
  updated_at: Date;
}

function toEntry(row: EntryRow): Entry {
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
  };
}

/**
 * Stores an entry once per idempotency key; a repeated delivery gets the stored entry and `created: false`.
 * A party that adds an entry has something to report after all, so its "inget att rapportera" is cleared.
 */
export async function insertEntry(
  db: Executor,
  entry: NewEntry,
): Promise<{ entry: Entry; created: boolean }> {
  const inserted = await db
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
    await db
      .updateTable('party_reports')
      .set({ nothing_to_report: false, updated_by: entry.authorUserId, updated_at: sql`now()` })
      .where('meeting_week', '=', entry.meetingWeek)
      .where('party_key', '=', entry.partyKey)
      .where('nothing_to_report', '=', true)
      .execute();
    return { entry: toEntry(inserted), created: true };
  }
  const existing = await db
    .selectFrom('entries')
    .select(ENTRY_COLUMNS)
    .where('idempotency_key', '=', entry.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { entry: toEntry(existing), created: false };
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
    .returning(ENTRY_COLUMNS)
    .executeTakeFirst();
  return row ? toEntry(row) : null;
}

/** Removes an entry (kept, marked removed, so its idempotency key still blocks a late repeat). */
export async function removeEntry(db: Executor, id: number, removedBy: string): Promise<boolean> {
  const result = await db
    .updateTable('entries')
    .set({ removed_at: sql`now()`, removed_by: removedBy })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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

/** Every active party's status for a meeting, in the agenda's order, in one query. */
export async function listPartyStatuses(db: Executor, week: MeetingWeek): Promise<PartyStatus[]> {
  const rows = await db
    .selectFrom('parties')
    .leftJoin('party_reports', (join) =>
      join.onRef('party_reports.party_key', '=', 'parties.key').on('party_reports.meeting_week', '=', week),
    )
    .select((eb) => [
      'parties.key',
      'parties.name',
      'party_reports.nothing_to_report',
      'party_reports.assessment',
      eb
        .selectFrom('entries')
        .select(eb.fn.countAll<string>().as('count'))
        .whereRef('entries.party_key', '=', 'parties.key')
        .where('entries.meeting_week', '=', week)
        .where('entries.removed_at', 'is', null)
        .as('entry_count'),
    ])
    .where('parties.active', '=', true)
    .orderBy('parties.sort_order')
    .orderBy('parties.key')
    .execute();
  return rows.map((row) => {
    const entryCount = Number(row.entry_count ?? 0);
    const nothingToReport = row.nothing_to_report === true;
    return {
      partyKey: row.key,
      partyName: row.name,
      entryCount,
      nothingToReport,
      assessment: row.assessment ?? null,
      submitted: entryCount > 0 || nothingToReport,
    };
  });
}

/** Records (or withdraws) that a party has nothing to report for a meeting. */
export async function setNothingToReport(
  db: Executor,
  week: MeetingWeek,
  partyKey: string,
  userId: string,
  nothingToReport: boolean,
): Promise<void> {
  await db
    .insertInto('party_reports')
    .values({
      meeting_week: week,
      party_key: partyKey,
      nothing_to_report: nothingToReport,
      updated_by: userId,
    })
    .onConflict((oc) =>
      oc
        .columns(['meeting_week', 'party_key'])
        .doUpdateSet({ nothing_to_report: nothingToReport, updated_by: userId, updated_at: sql`now()` }),
    )
    .execute();
}

/** Sets a party's overall assessment for a meeting (null clears it). */
export async function setAssessment(
  db: Executor,
  week: MeetingWeek,
  partyKey: string,
  userId: string,
  assessment: Assessment | null,
): Promise<void> {
  await db
    .insertInto('party_reports')
    .values({ meeting_week: week, party_key: partyKey, assessment, updated_by: userId })
    .onConflict((oc) =>
      oc
        .columns(['meeting_week', 'party_key'])
        .doUpdateSet({ assessment, updated_by: userId, updated_at: sql`now()` }),
    )
    .execute();
}
