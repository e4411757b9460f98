import { type Selectable, sql } from 'kysely';
import type { Assessment, Entry, PartyStatus, Trend } from '../domain/entry.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { type EntryTable, type Executor, inTransaction } from './database.js';

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
  'entries.purged_at',
] as const;

/** A row as ENTRY_COLUMNS selects it. */
type EntryRow = Pick<Selectable<EntryTable>, Unqualified<(typeof ENTRY_COLUMNS)[number]>>;
type Unqualified<C> = C extends `entries.${infer Column}` ? Column : never;

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

/** Clears a party's assessment for a meeting when it has no entries left and did not say "inget". */
export async function forgetAssessmentIfEmpty(
  db: Executor,
  week: MeetingWeek,
  partyKey: string,
): Promise<void> {
  const report = await db
    .selectFrom('party_reports')
    .select(['nothing_to_report', 'assessment'])
    .where('meeting_week', '=', week)
    .where('party_key', '=', partyKey)
    .forUpdate()
    .executeTakeFirst();
  if (report === undefined || report.nothing_to_report || report.assessment === null) return;
  const left = await db
    .selectFrom('entries')
    .select('id')
    .where('meeting_week', '=', week)
    .where('party_key', '=', partyKey)
    .where('removed_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (left !== undefined) return;
  await db
    .updateTable('party_reports')
    .set({ assessment: null, updated_at: sql`now()` })
    .where('meeting_week', '=', week)
    .where('party_key', '=', partyKey)
    .execute();
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

/**
 * Every active party's status for a meeting, and a retired one's that took part in it; in the agenda's order, in
 * one query.
 */
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
    // A retired party still shows in a week it took part in: its history stays readable.
    .where((eb) =>
      eb.or([
        eb('parties.active', '=', true),
        eb('party_reports.nothing_to_report', '=', true),
        eb.exists(
          eb
            .selectFrom('entries')
            .select('entries.id')
            .whereRef('entries.party_key', '=', 'parties.key')
            .where('entries.meeting_week', '=', week)
            .where('entries.removed_at', 'is', null),
        ),
      ]),
    )
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

export type NothingOutcome =
  | { readonly kind: 'recorded' }
  /** It was recorded before; a given assessment is still set. */
  | { readonly kind: 'already' }
  /** Refused, nothing changed: the party has entries for the meeting. */
  | { readonly kind: 'hasEntries'; readonly entryCount: number };

/**
 * "Inget att rapportera" for a party and meeting, with its overall assessment when one is given, unless the
 * party has entries for the meeting. Decided atomically: the party's report row is locked (created if need
 * be) before the entries are counted, and insertEntry takes the same lock before it clears the flag, so a
 * concurrent entry either comes first and is counted, or comes after and clears "inget" again.
 */
export async function recordNothingToReport(
  db: Executor,
  input: { week: MeetingWeek; partyKey: string; userId: string; assessment: Assessment | null },
): Promise<NothingOutcome> {
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('party_reports')
      .values({ meeting_week: input.week, party_key: input.partyKey, updated_by: input.userId })
      .onConflict((oc) => oc.columns(['meeting_week', 'party_key']).doNothing())
      .execute();
    const report = await trx
      .selectFrom('party_reports')
      .select('nothing_to_report')
      .where('meeting_week', '=', input.week)
      .where('party_key', '=', input.partyKey)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const { count } = await trx
      .selectFrom('entries')
      .select(trx.fn.countAll<string>().as('count'))
      .where('meeting_week', '=', input.week)
      .where('party_key', '=', input.partyKey)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    const entryCount = Number(count);
    if (entryCount > 0) return { kind: 'hasEntries', entryCount };
    if (!report.nothing_to_report || input.assessment !== null) {
      await trx
        .updateTable('party_reports')
        .set({
          nothing_to_report: true,
          ...(input.assessment === null ? {} : { assessment: input.assessment }),
          updated_by: input.userId,
          updated_at: sql`now()`,
        })
        .where('meeting_week', '=', input.week)
        .where('party_key', '=', input.partyKey)
        .execute();
    }
    return report.nothing_to_report ? { kind: 'already' } : { kind: 'recorded' };
  });
}

/**
 * Sets (or withdraws) "inget att rapportera" as it is, without looking at entries: for seeding and tests.
 * A user's "inget" goes through recordNothingToReport.
 */
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

/**
 * Moves the parties' entries of a (cancelled) meeting to another meeting, once: only what is still on `from` is
 * moved, so a repeat moves nothing. Entries that arrive clear the target's "inget att rapportera" (taking the
 * lock insertEntry takes), and an overall assessment goes along where the target has none. The entries moved, by
 * party, in the parties' order.
 */
export async function moveEntries(
  db: Executor,
  input: { from: MeetingWeek; to: MeetingWeek; partyKeys: readonly string[]; userId: string },
): Promise<Array<{ partyKey: string; entryIds: number[] }>> {
  if (input.partyKeys.length === 0) return [];
  return inTransaction(db, async (trx) => {
    const moved = await trx
      .updateTable('entries')
      .set({ meeting_week: input.to })
      .where('meeting_week', '=', input.from)
      .where('party_key', 'in', [...input.partyKeys])
      .where('removed_at', 'is', null)
      .returning(['id', 'party_key'])
      .execute();
    const byParty = input.partyKeys.flatMap((partyKey) => {
      const entryIds = moved
        .filter((row) => row.party_key === partyKey)
        .map((row) => row.id)
        .sort((a, b) => a - b);
      return entryIds.length === 0 ? [] : [{ partyKey, entryIds }];
    });
    for (const { partyKey } of byParty) {
      await trx
        .insertInto('party_reports')
        .values({ meeting_week: input.to, party_key: partyKey, updated_by: input.userId })
        .onConflict((oc) =>
          oc
            .columns(['meeting_week', 'party_key'])
            .doUpdateSet({ nothing_to_report: false, updated_by: input.userId, updated_at: sql`now()` })
            .where('party_reports.nothing_to_report', '=', true),
        )
        .execute();
      await sql`
        update party_reports as target set assessment = source.assessment
        from party_reports as source
        where target.meeting_week = ${input.to} and target.party_key = ${partyKey} and target.assessment is null
          and source.meeting_week = ${input.from} and source.party_key = ${partyKey}
          and source.assessment is not null`.execute(trx);
    }
    return byParty;
  });
}

/**
 * Moves one entry to another party of the same meeting (a member of several who named none, correcting the
 * first party it was stored for), once: only while it is still the `from` party's and not removed, so a second
 * click moves nothing (null). As with insertEntry the target's "inget att rapportera" is cleared, and as with
 * removeEntry the party left behind loses an assessment it no longer has entries for.
 */
export async function moveEntryToParty(
  db: Executor,
  input: { id: number; from: string; to: string; userId: string },
): Promise<Entry | null> {
  return inTransaction(db, async (trx) => {
    const moved = await trx
      .updateTable('entries')
      .set({ party_key: input.to, updated_at: sql`now()` })
      .where('id', '=', input.id)
      .where('party_key', '=', input.from)
      .where('removed_at', 'is', null)
      .returning(ENTRY_COLUMNS)
      .executeTakeFirst();
    if (moved === undefined) return null;
    await trx
      .insertInto('party_reports')
      .values({ meeting_week: moved.meeting_week, party_key: input.to, updated_by: input.userId })
      .onConflict((oc) =>
        oc
          .columns(['meeting_week', 'party_key'])
          .doUpdateSet({ nothing_to_report: false, updated_by: input.userId, updated_at: sql`now()` })
          .where('party_reports.nothing_to_report', '=', true),
      )
      .execute();
    await forgetAssessmentIfEmpty(trx, moved.meeting_week, input.from);
    return toEntry(moved);
  });
}
