import { sql } from 'kysely';
import type { MeetingOverride } from '../domain/calendar.js';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Db, Executor } from './database.js';

/** The admins' decisions about the given meetings, by week; weeks without a decision are absent. */
export async function listMeetingOverrides(
  db: Executor,
  weeks: readonly MeetingWeek[],
): Promise<Map<MeetingWeek, MeetingOverride>> {
  if (weeks.length === 0) return new Map();
  const rows = await db
    .selectFrom('meetings')
    .select(['week', 'cancelled', 'reason', 'changed_by'])
    .where('week', 'in', weeks)
    .execute();
  return new Map(
    rows.map((row) => [
      row.week,
      { cancelled: row.cancelled, reason: row.reason, changedBy: row.changed_by },
    ]),
  );
}

export async function getMeetingOverride(db: Executor, week: MeetingWeek): Promise<MeetingOverride | null> {
  return (await listMeetingOverrides(db, [week])).get(week) ?? null;
}

/**
 * Records an admin's decision: cancelled (with an optional reason), or held (also when a holiday would
 * cancel it). One row per week; the latest decision wins.
 */
export async function setMeetingOverride(
  db: Executor,
  week: MeetingWeek,
  decision: { cancelled: boolean; reason: string | null; changedBy: string },
): Promise<void> {
  const reason = decision.cancelled ? decision.reason : null;
  await db
    .insertInto('meetings')
    .values({ week, cancelled: decision.cancelled, reason, changed_by: decision.changedBy })
    .onConflict((oc) =>
      oc.column('week').doUpdateSet({
        cancelled: decision.cancelled,
        reason,
        changed_by: decision.changedBy,
        changed_at: sql`now()`,
      }),
    )
    .execute();
}

/** What a cancellation carried over to the next held meeting. */
export interface CarriedOver {
  readonly entries: number;
  readonly parties: number;
  readonly priorities: number;
}

/**
 * Cancels a meeting and, in the same transaction, carries what was already bound to it over to the next held
 * meeting, `to`: the parties' entries and their "inget att rapportera" and assessments (where the party has not
 * yet said anything for `to`), and the joint priorities agreed or followed up for it. A cancelled meeting
 * compiles nothing and gets no "Beslut och uppföljning", so without this they would never be shown.
 */
export async function cancelMeetingCarryingOver(
  db: Db,
  week: MeetingWeek,
  decision: { reason: string | null; changedBy: string },
  to: MeetingWeek | null,
): Promise<CarriedOver> {
  return db.transaction().execute(async (trx) => {
    await setMeetingOverride(trx, week, { cancelled: true, ...decision });
    if (to === null) return { entries: 0, parties: 0, priorities: 0 };
    const moved = await trx
      .updateTable('entries')
      .set({ meeting_week: to })
      .where('meeting_week', '=', week)
      .returning(['party_key', 'removed_at'])
      .execute();
    // A party's own decision for the next meeting wins over the one it made for the cancelled one.
    await trx
      .updateTable('party_reports')
      .set({ meeting_week: to })
      .where('meeting_week', '=', week)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('party_reports as next')
              .select(sql`1`.as('one'))
              .where('next.meeting_week', '=', to)
              .whereRef('next.party_key', '=', 'party_reports.party_key'),
          ),
        ),
      )
      .execute();
    await trx.deleteFrom('party_reports').where('meeting_week', '=', week).execute();
    // "Inget att rapportera" and entries exclude each other.
    await trx
      .updateTable('party_reports')
      .set({ nothing_to_report: false })
      .where('meeting_week', '=', to)
      .where('nothing_to_report', '=', true)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('entries')
            .select(sql`1`.as('one'))
            .where('entries.meeting_week', '=', to)
            .whereRef('entries.party_key', '=', 'party_reports.party_key')
            .where('entries.removed_at', 'is', null),
        ),
      )
      .execute();
    const events = await trx
      .updateTable('joint_priority_events')
      .set({ meeting_week: to })
      .where('meeting_week', '=', week)
      .returning('priority_id')
      .execute();
    await trx
      .updateTable('joint_priorities')
      .set({ agreed_week: to })
      .where('agreed_week', '=', week)
      .execute();
    const shown = moved.filter((row) => row.removed_at === null);
    return {
      entries: shown.length,
      parties: new Set(shown.map((row) => row.party_key)).size,
      priorities: new Set(events.map((row) => row.priority_id)).size,
    };
  });
}
