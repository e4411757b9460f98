/**
 * Moving entries: a cancelled meeting's entries to another meeting, and one entry to another party of its
 * meeting. Each moves once, and keeps the parties' reports right where entries arrive and where they leave.
 */

import { sql } from 'kysely';
import type { Entry } from '../domain/entry.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { type Executor, inTransaction } from './database.js';
import { ENTRY_COLUMNS, toEntry } from './entries.repository.js';
import { forgetAssessmentIfEmpty } from './party-reports.repository.js';

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
