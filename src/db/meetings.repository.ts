import { sql } from 'kysely';
import type { MeetingOverride } from '../domain/calendar.js';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Executor } from './database.js';

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
