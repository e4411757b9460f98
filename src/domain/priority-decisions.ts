/**
 * What the joint priorities came to at a meeting ("Beslut och uppföljning", posted after it), and the rule of
 * the day-before reminder to the responsible parties.
 */

import type { ChangeValue, JointPriority, PriorityEvent, PriorityStatus } from './priorities.js';
import { localDateAfter, type MeetingWeek } from './schedule.js';

// ── the day-before reminder ──

/** What the reminder rule needs to know about a priority. */
export interface ReminderFacts {
  readonly status: PriorityStatus;
  readonly followUpDate: string;
  /**
   * Whether a follow-up note was added after the follow-up date was last set: when the priority was agreed,
   * or later by an edit or a follow-up that moved the date.
   */
  readonly notedSinceFollowUpSet: boolean;
}

/** The follow-up date whose priorities get their reminder today: tomorrow, in local time. */
export function reminderFollowUpDate(now: Date, timezone: string): string {
  return localDateAfter(now, 1, timezone);
}

/** Remind the responsible parties the day before the follow-up date, unless someone has already written a note. */
export function needsFollowUpReminder(facts: ReminderFacts, followUpDate: string): boolean {
  return facts.status === 'aktiv' && facts.followUpDate === followUpDate && !facts.notedSinceFollowUpSet;
}

/** Each member of a responsible party once, even when they belong to two of them. */
export function reminderRecipients(
  priority: Pick<JointPriority, 'partyKeys'>,
  members: readonly { readonly userId: string; readonly partyKey: string }[],
): string[] {
  return [...new Set(members.filter((m) => priority.partyKeys.includes(m.partyKey)).map((m) => m.userId))];
}

// ── what a meeting decided ──

export interface PriorityNote {
  readonly note: string;
  readonly actorUserId: string;
  readonly at: Date;
}

export interface WeekDecision {
  readonly priority: JointPriority;
  /** The follow-up notes written during the meeting, oldest first (the result of a closed one apart). */
  readonly notes: readonly PriorityNote[];
  /** For a priority completed or cancelled: the note written when it was closed ("Resultat"), if any. */
  readonly result: PriorityNote | null;
  /** Whether it was also agreed in the same meeting (a closed one is listed once, under how it ended). */
  readonly agreedHere: boolean;
}

/** "Beslut och uppföljning": what happened to the joint priorities during one meeting. */
export interface WeekDecisions {
  readonly week: MeetingWeek;
  readonly agreed: readonly WeekDecision[];
  readonly followedUp: readonly WeekDecision[];
  readonly completed: readonly WeekDecision[];
  readonly cancelled: readonly WeekDecision[];
}

/** The priorities touched during a meeting and their history events attributed to it. */
export interface PriorityActivity {
  readonly week: MeetingWeek;
  /**
   * Cancelled meetings just before this one: decisions already attributed to them (made before they were
   * cancelled) are reported at this meeting, since theirs never took place.
   */
  readonly cancelledBefore?: readonly MeetingWeek[];
  readonly priorities: readonly JointPriority[];
  readonly events: readonly PriorityEvent[];
}

/**
 * Sorts a meeting's activity into what it decided: events carry the meeting they were made at, so this is
 * "created, followed up, completed or cancelled with meeting week W". Each priority is listed once, under what
 * it came to: one closed during the meeting as completed or cancelled (with its notes and result), also when it
 * was agreed in the same meeting; one agreed there, with any notes, as agreed; one closed and reopened within
 * the same meeting as followed up. Edits alone are not decisions. `include` narrows the events, as the summary
 * does to tell what was done at the meeting from what was done between meetings, for it.
 */
export function decisionsOfWeek(
  activity: PriorityActivity,
  include: (event: PriorityEvent) => boolean = () => true,
): WeekDecisions {
  const byId = new Map(activity.priorities.map((p) => [p.id, p]));
  const weeks = new Set([activity.week, ...(activity.cancelledBefore ?? [])]);
  const events = activity.events
    .filter((e) => weeks.has(e.meetingWeek) && byId.has(e.priorityId) && include(e))
    .sort((a, b) => a.id - b.id);
  const agreed = new Set<number>();
  const finalStatus = new Map<number, ChangeValue>();
  /** The event that last changed each priority's status: a closed one's note there is its result. */
  const lastStatusEvent = new Map<number, PriorityEvent>();
  for (const event of events) {
    if (event.kind === 'skapad') agreed.add(event.priorityId);
    const statusChange = event.changes.status;
    if (statusChange !== undefined) {
      finalStatus.set(event.priorityId, statusChange.to);
      lastStatusEvent.set(event.priorityId, event);
    }
  }
  const closed = (id: number) => finalStatus.get(id) === 'genomford' || finalStatus.get(id) === 'avbruten';
  const resultEvent = (id: number): PriorityEvent | null => {
    const event = closed(id) ? lastStatusEvent.get(id) : undefined;
    return event !== undefined && event.note !== null ? event : null;
  };
  const noteOf = (event: PriorityEvent): PriorityNote => ({
    note: event.note as string,
    actorUserId: event.actorUserId,
    at: event.createdAt,
  });
  const notes = new Map<number, PriorityNote[]>();
  for (const event of events) {
    if (event.kind !== 'uppfoljning' || event.note === null || resultEvent(event.priorityId) === event)
      continue;
    notes.set(event.priorityId, [...(notes.get(event.priorityId) ?? []), noteOf(event)]);
  }
  const decision = (id: number): WeekDecision => {
    const result = resultEvent(id);
    return {
      priority: byId.get(id) as JointPriority,
      notes: notes.get(id) ?? [],
      result: result === null ? null : noteOf(result),
      agreedHere: agreed.has(id),
    };
  };
  const ids = [...new Set(events.map((e) => e.priorityId))].sort((a, b) => a - b);
  return {
    week: activity.week,
    agreed: ids.filter((id) => agreed.has(id) && !closed(id)).map(decision),
    followedUp: ids
      .filter((id) => !agreed.has(id) && !closed(id) && (notes.has(id) || finalStatus.get(id) === 'aktiv'))
      .map(decision),
    completed: ids.filter((id) => finalStatus.get(id) === 'genomford').map(decision),
    cancelled: ids.filter((id) => finalStatus.get(id) === 'avbruten').map(decision),
  };
}

export function hasDecisions(decisions: WeekDecisions): boolean {
  return (
    decisions.agreed.length +
      decisions.followedUp.length +
      decisions.completed.length +
      decisions.cancelled.length >
    0
  );
}
