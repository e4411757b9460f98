/**
 * What the weekly cycle reads of joint priorities: the agenda's due priorities and proposals, a meeting's
 * activity for its summary, and the priorities whose follow-up reminder is due.
 */

import { sql } from 'kysely';
import type { JointPriority } from '../domain/priorities.js';
import { needsFollowUpReminder, type PriorityActivity } from '../domain/priority-decisions.js';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Executor } from './database.js';
import { type PriorityRow, selectPriorities, toEvent, toPriority } from './priorities.repository.js';

/** The Friday agenda's point 2: active priorities whose follow-up date is on or before the meeting's date. */
export async function listDuePriorities(db: Executor, meetingDate: string): Promise<JointPriority[]> {
  const rows = await selectPriorities(db)
    .where('joint_priorities.status', '=', 'aktiv')
    .where('joint_priorities.follow_up_date', '<=', meetingDate)
    .orderBy('joint_priorities.follow_up_date')
    .orderBy('joint_priorities.id')
    .execute();
  return rows.map(toPriority);
}

/**
 * The agenda's point 3: the priorities agreed to (proposed for) the meetings of `weeks` — a meeting's own and the
 * cancelled ones before it, whose decisions it takes over — the first `limit` by number, and how many in all.
 * One query.
 */
export async function listProposals(
  db: Executor,
  weeks: readonly MeetingWeek[],
  limit: number,
): Promise<{ priorities: JointPriority[]; total: number }> {
  const rows = await selectPriorities(db)
    .select(sql<string>`count(*) over ()`.as('total_count'))
    .where('joint_priorities.agreed_week', 'in', [...weeks])
    .orderBy('joint_priorities.id')
    .limit(limit)
    .execute();
  return { priorities: rows.map(toPriority), total: Number(rows[0]?.total_count ?? 0) };
}

/**
 * A meeting's activity: the history events attributed to it (and to `cancelledBefore`, the cancelled meetings
 * just before it, whose decisions its summary carries), and the priorities they belong to, as they stand now.
 * Two queries; decisionsOfWeek sorts them.
 */
export async function listPriorityActivityForWeek(
  db: Executor,
  week: MeetingWeek,
  cancelledBefore: readonly MeetingWeek[] = [],
): Promise<PriorityActivity> {
  const weeks = [week, ...cancelledBefore];
  const events = await db
    .selectFrom('joint_priority_events')
    .selectAll()
    .where('meeting_week', 'in', weeks)
    .orderBy('id')
    .execute();
  const activity = { week, ...(cancelledBefore.length > 0 ? { cancelledBefore } : {}) };
  if (events.length === 0) return { ...activity, priorities: [], events: [] };
  const priorities = await selectPriorities(db)
    .where(
      'joint_priorities.id',
      'in',
      db.selectFrom('joint_priority_events').select('priority_id').where('meeting_week', 'in', weeks),
    )
    .orderBy('joint_priorities.id')
    .execute();
  return { ...activity, priorities: priorities.map(toPriority), events: events.map(toEvent) };
}

function needingReminder(db: Executor, followUpDate: string) {
  return selectPriorities(db)
    .select(
      sql<boolean>`exists (
        select 1 from joint_priority_events note
        where note.priority_id = joint_priorities.id
          and note.kind = 'uppfoljning'
          and note.id > (
            select max(setter.id) from joint_priority_events setter
            where setter.priority_id = joint_priorities.id
              and (setter.kind = 'skapad' or setter.changes ? 'followUpDate')
          )
      )`.as('noted_since_follow_up_set'),
    )
    .where('joint_priorities.status', '=', 'aktiv')
    .where('joint_priorities.follow_up_date', '=', followUpDate);
}

function remindable(
  rows: ReadonlyArray<PriorityRow & { noted_since_follow_up_set: boolean }>,
  followUpDate: string,
): JointPriority[] {
  return rows
    .filter((row) =>
      needsFollowUpReminder(
        {
          status: row.status,
          followUpDate: row.follow_up_date,
          notedSinceFollowUpSet: row.noted_since_follow_up_set,
        },
        followUpDate,
      ),
    )
    .map(toPriority);
}

/**
 * The active priorities to be followed up on `followUpDate` that nobody has written a note on since their
 * follow-up date was set (when agreed, or when an edit or a follow-up last moved it): one query.
 * Events are compared by id, which grows with every event, so a note written in the same step that moved the
 * date does not count as a note on the new date.
 */
export async function listPrioritiesNeedingReminder(
  db: Executor,
  followUpDate: string,
): Promise<JointPriority[]> {
  const rows = await needingReminder(db, followUpDate).orderBy('joint_priorities.id').execute();
  return remindable(rows, followUpDate);
}

/** The same rule for one priority, as a reminder job checks it again just before sending: null if not needed. */
export async function priorityNeedingReminder(
  db: Executor,
  id: number,
  followUpDate: string,
): Promise<JointPriority | null> {
  const rows = await needingReminder(db, followUpDate).where('joint_priorities.id', '=', id).execute();
  return remindable(rows, followUpDate)[0] ?? null;
}
