/**
 * All SQL for the `meetings` rows: the admins' cancellations and moves of a meeting week, and the lock on its
 * lägesbild once the compiled picture is posted.
 */

import { sql } from 'kysely';
import type { MeetingOverride } from '../domain/meeting-override.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { type Executor, inTransaction } from './database.js';

/** The admins' decisions about the given meetings and their pictures' locks, by week; weeks without a row are absent. */
export async function listMeetingOverrides(
  db: Executor,
  weeks: readonly MeetingWeek[],
): Promise<Map<MeetingWeek, MeetingOverride>> {
  if (weeks.length === 0) return new Map();
  const rows = await db
    .selectFrom('meetings')
    .select(['week', 'cancelled', 'reason', 'changed_by', 'starts_at', 'moved_by', 'picture_locked_at'])
    .where('week', 'in', weeks)
    .execute();
  return new Map(
    rows.map((row) => [
      row.week,
      {
        cancelled: row.cancelled,
        reason: row.reason,
        changedBy: row.changed_by,
        startsAt: row.starts_at,
        movedBy: row.moved_by,
        pictureLockedAt: row.picture_locked_at,
      },
    ]),
  );
}

export async function getMeetingOverride(db: Executor, week: MeetingWeek): Promise<MeetingOverride | null> {
  return (await listMeetingOverrides(db, [week])).get(week) ?? null;
}

/**
 * Records an admin's decision: cancelled (with an optional reason), or held (also when a holiday would
 * cancel it). One row per week; the latest decision wins; a move and a lock on the row stay.
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

/** Moves a week's meeting to another start (within its week; the caller checks), keeping its other decisions. */
export async function moveMeeting(
  db: Executor,
  week: MeetingWeek,
  move: { startsAt: Date; movedBy: string },
): Promise<void> {
  await db
    .insertInto('meetings')
    .values({ week, starts_at: move.startsAt, moved_by: move.movedBy, moved_at: sql`now()` })
    .onConflict((oc) =>
      oc
        .column('week')
        .doUpdateSet({ starts_at: move.startsAt, moved_by: move.movedBy, moved_at: sql`now()` }),
    )
    .execute();
}

/** One advisory lock per week's picture: a submission holds it shared, the compile's lock takes it alone. */
function pictureLockKey(week: MeetingWeek) {
  return sql`hashtext(${`fredagsmotet:picture:${week}`})`;
}

/**
 * Inside a submission's transaction: holds the week's picture open until the submission commits, so the compile's
 * lock (lockPicture) waits for it, and the picture it renders then has the entry. Returns whether the picture
 * was already locked (the caller then chooses another meeting).
 */
export async function holdPictureOpen(db: Executor, week: MeetingWeek): Promise<Date | null> {
  await sql`select pg_advisory_xact_lock_shared(${pictureLockKey(week)})`.execute(db);
  const row = await db
    .selectFrom('meetings')
    .select('picture_locked_at')
    .where('week', '=', week)
    .executeTakeFirst();
  return row?.picture_locked_at ?? null;
}

/**
 * Locks a week's lägesbild for good, at `at` (the app's clock, as the meeting's times are reckoned), unless it is
 * locked already; returns when it was locked. Waits for submissions under way to the week (holdPictureOpen), so
 * everything committed before the lock is in the picture rendered after it, and nothing after it goes to the week.
 */
export async function lockPicture(db: Executor, week: MeetingWeek, at: Date): Promise<Date> {
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${pictureLockKey(week)})`.execute(trx);
    const row = await trx
      .insertInto('meetings')
      .values({ week, picture_locked_at: at })
      .onConflict((oc) =>
        oc.column('week').doUpdateSet({
          picture_locked_at: sql`coalesce(meetings.picture_locked_at, excluded.picture_locked_at)`,
        }),
      )
      .returning('picture_locked_at')
      .executeTakeFirstOrThrow();
    return row.picture_locked_at ?? at;
  });
}
