/**
 * A party's report for a meeting beside its entries: "inget att rapportera", the overall assessment, and every
 * party's status for the agenda. The report row is also the lock that keeps "inget" and a new entry from
 * interleaving (see insertEntry and recordNothingToReport).
 */

import { sql } from 'kysely';
import type { Assessment, PartyStatus } from '../domain/entry.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { type Executor, inTransaction } from './database.js';

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
