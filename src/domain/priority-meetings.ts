/**
 * Which meeting a decision about a joint priority belongs to (a priority agreed, a note written, a status
 * changed), and the default follow-up date of what is agreed there: never a cancelled meeting, which gets no
 * "Beslut och uppföljning", nor one whose summary is already posted. Meetings count at the times an admin moved
 * them to, as the calendar and the scheduler (which posts the summary) count them. Pure; src/services/meetings.ts
 * reads the admins' overrides and applies these.
 */

import { isHeld, type MeetingOverride, nextHeldMeeting, submissionWeeks } from './calendar.js';
import { effectiveMeeting } from './meeting-override.js';
import {
  formatMeetingWeek,
  latestStartedMeeting,
  type Meeting,
  type MeetingSchedule,
  type MeetingWeek,
  meetingOfWeek,
  shiftWeek,
  upcomingMeeting,
} from './schedule.js';

/** How many weeks ahead a search for a held meeting looks (as `nextHeldMeeting` and `submissionMeeting` do). */
const HELD_HORIZON = 8;

/** Whether `now` is before the meeting's end: its summary, posted when it ends, is still to come. */
function notOver(meeting: Meeting, now: Date): boolean {
  return now.getTime() < meeting.endsAt.getTime();
}

/**
 * The meeting a decision made now belongs to (a priority agreed, a note written, a status changed): the first
 * held meeting that is not over — the one in progress, otherwise the next. A cancelled meeting (an admin's
 * decision or a holiday) gets no "Beslut och uppföljning", so nothing may be bound to it: a priority recorded in
 * the week of juldagen belongs to the next meeting that is held. A meeting moved to Wednesday takes decisions
 * until it ends on Wednesday, not until the Friday it was planned for; one moved later takes them until its
 * later end. A lägesbild compiled early does not matter here: the meeting's summary is still to come.
 */
export function decisionMeeting(
  now: Date,
  schedule: MeetingSchedule,
  overrides: ReadonlyMap<MeetingWeek, MeetingOverride>,
): Meeting {
  // From the week before the planned upcoming meeting's: that week's meeting may have been moved later.
  let firstNotOver: Meeting | null = null;
  for (const week of submissionWeeks(now, schedule, HELD_HORIZON)) {
    const meeting = effectiveMeeting(week, schedule, overrides.get(week));
    if (!notOver(meeting, now)) continue;
    firstNotOver ??= meeting;
    if (isHeld(meeting, schedule, overrides)) return meeting;
  }
  // Nothing held for two months: the first meeting not over, cancelled or not (a later week's always is).
  return firstNotOver ?? upcomingMeeting(now, schedule);
}

/**
 * The meeting a decision is bound to when a button or a form names one (the agenda's "Ny gemensam prioritering",
 * the minutes' buttons, the week a form carries back through the client). A client's week is never trusted by
 * itself: it is taken only when it is one the server could have offered now — the decision meeting (the one in
 * progress, else the coming one) or the next held meeting after it (an agenda posted ahead) — and otherwise the
 * decision meeting is. So an old agenda's button never binds to a meeting whose summary is already posted, nor a
 * tampered form to a meeting years ahead.
 */
export function boundMeeting(
  requested: MeetingWeek | null,
  now: Date,
  schedule: MeetingSchedule,
  overrides: ReadonlyMap<MeetingWeek, MeetingOverride>,
): Meeting {
  const current = decisionMeeting(now, schedule, overrides);
  if (requested === null || requested === current.week) return current;
  const next = nextHeldMeeting(current.week, schedule, overrides, HELD_HORIZON);
  return next !== null && next.week === requested ? next : current;
}

/**
 * Every week whose admin override boundMeeting and defaultFollowUpDate may look at, so the caller reads them in
 * one query: the latest started meeting, the next ones as far as a held one and its follow-up may lie, and the
 * requested week with the weeks after it.
 */
export function decisionCalendarWeeks(
  now: Date,
  schedule: MeetingSchedule,
  requested: MeetingWeek | null = null,
): MeetingWeek[] {
  const started = latestStartedMeeting(now, schedule).week;
  // From the started meeting: the upcoming one, HELD_HORIZON after it, and HELD_HORIZON after the held one.
  const weeks = new Set(consecutiveWeeks(started, 2 * HELD_HORIZON + 2));
  if (requested !== null) for (const week of consecutiveWeeks(requested, HELD_HORIZON + 1)) weeks.add(week);
  return [...weeks];
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * `count` consecutive ISO weeks starting with `week`, by plain date arithmetic: the same weeks shiftWeek gives,
 * without a time-zone calculation per week (this runs on every list, modal and button).
 */
function consecutiveWeeks(week: MeetingWeek, count: number): MeetingWeek[] {
  const year = Number(week.slice(0, 4));
  const number = Number(week.slice(6));
  // 4 January is always in week 1; its week's Monday starts the year's weeks.
  const january4 = Date.UTC(year, 0, 4);
  const monday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY_MS + (number - 1) * 7 * DAY_MS;
  return Array.from({ length: count }, (_, i) => {
    const thursday = new Date(monday + (i * 7 + 3) * DAY_MS);
    const weekYear = thursday.getUTCFullYear();
    const weekNumber = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS)) + 1;
    return formatMeetingWeek(weekYear, weekNumber);
  });
}

/**
 * The default follow-up date of a priority agreed at `agreedWeek`: the next held meeting after it, so a
 * cancelled Friday (a holiday, an admin's decision) is skipped; never before `today`. The modal's hint and the
 * date stored when the picker is left empty both come from here.
 */
export function defaultFollowUpDate(
  agreedWeek: MeetingWeek,
  schedule: MeetingSchedule,
  overrides: ReadonlyMap<MeetingWeek, MeetingOverride>,
  today: string,
): string {
  const next =
    nextHeldMeeting(agreedWeek, schedule, overrides, HELD_HORIZON) ??
    meetingOfWeek(shiftWeek(agreedWeek, 1, schedule), schedule);
  return next.date >= today ? next.date : today;
}
