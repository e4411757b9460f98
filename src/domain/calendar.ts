/**
 * The meeting calendar, pure: whether a meeting week's meeting is held (holidays, the admins' decisions),
 * when each step of the weekly cycle is due, and which meeting a submission belongs to.
 */

import { DateTime } from 'luxon';
import { holidayOn } from './holidays.js';
import { effectiveMeeting, type MeetingOverride, pictureLock } from './meeting-override.js';
import {
  type Meeting,
  type MeetingSchedule,
  type MeetingWeek,
  shiftWeek,
  upcomingMeeting,
} from './schedule.js';

export type { MeetingOverride } from './meeting-override.js';

/** The admins' decisions by week, as the repository reads them; weeks without one are absent. */
export type Overrides = ReadonlyMap<MeetingWeek, MeetingOverride>;

const NO_OVERRIDES: Overrides = new Map();

/** A week's meeting as it will be held (moved, if an admin moved it). */
export function meetingIn(week: MeetingWeek, schedule: MeetingSchedule, overrides: Overrides): Meeting {
  return effectiveMeeting(week, schedule, overrides.get(week));
}

export interface MeetingState {
  readonly cancelled: boolean;
  /** Why it is cancelled: the admin's reason or the holiday's name; null when held or when no reason was given. */
  readonly reason: string | null;
}

/**
 * Whether a meeting is held. An admin's decision wins either way; without one, a Swedish holiday on the
 * meeting day cancels it when the schedule skips holidays.
 */
export function meetingState(
  meeting: Pick<Meeting, 'date'>,
  override: MeetingOverride | null,
  schedule: Pick<MeetingSchedule, 'skipHolidays'>,
): MeetingState {
  if (override !== null && override.cancelled !== null)
    return { cancelled: override.cancelled, reason: override.cancelled ? override.reason : null };
  const holiday = schedule.skipHolidays ? holidayOn(meeting.date) : null;
  return holiday === null ? { cancelled: false, reason: null } : { cancelled: true, reason: holiday };
}

/** Whether a meeting is held, by its week's admin decision in `overrides` (or the holiday rule). */
export function isHeld(
  meeting: Pick<Meeting, 'date' | 'week'>,
  schedule: Pick<MeetingSchedule, 'skipHolidays'>,
  overrides: Overrides,
): boolean {
  return !meetingState(meeting, overrides.get(meeting.week) ?? null, schedule).cancelled;
}

// ── The calendar as `/samverkan kalender` shows it ──

/** Who decided whether a meeting is held: an admin, the holiday rule, or nobody (the plain schedule). */
export type MeetingDecision = 'admin-cancelled' | 'admin-resumed' | 'holiday' | 'schedule';

export interface CalendarEntry {
  readonly meeting: Meeting;
  readonly cancelled: boolean;
  readonly decision: MeetingDecision;
  /** The admin's reason when an admin cancelled it. */
  readonly reason: string | null;
  /** The Swedish holiday on the meeting day, whether or not it cancels the meeting. */
  readonly holiday: string | null;
  readonly changedBy: string | null;
}

export function calendarEntry(
  meeting: Meeting,
  override: MeetingOverride | null,
  schedule: Pick<MeetingSchedule, 'skipHolidays'>,
): CalendarEntry {
  const holiday = holidayOn(meeting.date);
  const state = meetingState(meeting, override, schedule);
  const decision: MeetingDecision =
    override === null || override.cancelled === null
      ? state.cancelled
        ? 'holiday'
        : 'schedule'
      : override.cancelled
        ? 'admin-cancelled'
        : 'admin-resumed';
  return {
    meeting,
    cancelled: state.cancelled,
    decision,
    reason: decision === 'admin-cancelled' ? (override?.reason ?? null) : null,
    holiday,
    changedBy: override?.changedBy ?? null,
  };
}

/**
 * The next `count` meetings that have not started at `now`, the first being the upcoming one; moved where an
 * admin moved them (`overrides` should hold the weeks comingWeeks names).
 */
export function comingMeetings(
  now: Date,
  schedule: MeetingSchedule,
  count: number,
  overrides: Overrides = NO_OVERRIDES,
): Meeting[] {
  return comingWeeks(now, schedule, count)
    .map((week) => meetingIn(week, schedule, overrides))
    .filter((meeting) => meeting.startsAt.getTime() > now.getTime())
    .slice(0, count);
}

/**
 * The weeks whose meetings may be among the next `count` at `now`: from the week before the upcoming one (a
 * meeting moved later in its week may not have started yet) to `count` weeks after it.
 */
export function comingWeeks(now: Date, schedule: MeetingSchedule, count: number): MeetingWeek[] {
  const upcoming = upcomingMeeting(now, schedule).week;
  // One more after: the upcoming meeting itself may have been moved earlier and be under way.
  return Array.from({ length: count + 2 }, (_, i) => shiftWeek(upcoming, i - 1, schedule));
}

// ── What is due when ──

/**
 * The steps of a meeting's week. `notice` replaces the agenda when the meeting is cancelled; `summary` is the
 * "Beslut och uppföljning" of joint priorities after the meeting. Each is done once per meeting; `call` once per
 * member, `compile` and `summary` once per message part.
 */
export type CycleAction = 'call' | 'agenda' | 'lastcall' | 'compile' | 'summary' | 'notice';

export const CYCLE_ACTIONS: readonly CycleAction[] = [
  'call',
  'agenda',
  'lastcall',
  'compile',
  'summary',
  'notice',
];

/** How long after the meeting its summary is still worth posting (an app that was down catches up until then). */
export const SUMMARY_WINDOW_HOURS = 12;

/** From when until when an action may still happen: it opens at its time and closes when it has lost its use. */
export interface ActionWindow {
  readonly opensAt: Date;
  /** Exclusive. */
  readonly closesAt: Date;
}

/**
 * An action's window. Everything before the meeting closes when the meeting starts: an agenda or a reminder
 * posted after that is stale. The compiled picture is posted at the start and is useful until the meeting ends.
 * The summary follows the meeting's end, the same day. An app that was down at the scheduled time catches up as
 * long as the window is open.
 */
export function actionWindow(action: CycleAction, meeting: Meeting): ActionWindow {
  switch (action) {
    case 'call':
      return { opensAt: meeting.callAt, closesAt: meeting.startsAt };
    case 'agenda':
    case 'notice':
      return { opensAt: meeting.agendaAt, closesAt: meeting.startsAt };
    case 'lastcall':
      return { opensAt: meeting.lastCallAt, closesAt: meeting.startsAt };
    case 'compile':
      return { opensAt: meeting.startsAt, closesAt: meeting.endsAt };
    case 'summary':
      return {
        opensAt: meeting.endsAt,
        closesAt: new Date(meeting.endsAt.getTime() + SUMMARY_WINDOW_HOURS * 60 * 60_000),
      };
  }
}

export function isWithinWindow(action: CycleAction, meeting: Meeting, now: Date): boolean {
  const window = actionWindow(action, meeting);
  return window.opensAt.getTime() <= now.getTime() && now.getTime() < window.closesAt.getTime();
}

/** A cancelled meeting gets only its notice; a held one everything but the notice. */
export function appliesTo(action: CycleAction, state: Pick<MeetingState, 'cancelled'>): boolean {
  return state.cancelled ? action === 'notice' : action !== 'notice';
}

/** Whether an action posts in the meeting channel: all but the call for input, which is direct messages. */
export function postsInChannel(action: CycleAction): boolean {
  return action !== 'call';
}

/** Whether an action of a meeting is due at `now`: its window is open and it fits the meeting's state. */
export function isActionDue(
  action: CycleAction,
  meeting: Meeting,
  state: Pick<MeetingState, 'cancelled'>,
  now: Date,
): boolean {
  return appliesTo(action, state) && isWithinWindow(action, meeting, now);
}

/**
 * The weeks whose meetings can be in play at `now`, by the schedule: the upcoming one's and the weeks on either
 * side (a meeting moves only within its own week, so no other week's can be under way or coming first).
 */
export function weeksInPlay(now: Date, schedule: MeetingSchedule): MeetingWeek[] {
  const upcoming = upcomingMeeting(now, schedule).week;
  return [shiftWeek(upcoming, -1, schedule), upcoming, shiftWeek(upcoming, 1, schedule)];
}

/**
 * The meetings whose actions can be due at `now`: the upcoming one (call, agenda, last call, notice), and the
 * latest one while it is in progress or just over (its compiled picture, its summary). At most two. Moved
 * meetings count at their new times (`overrides` should hold the weeksInPlay).
 */
export function meetingsInPlay(
  now: Date,
  schedule: MeetingSchedule,
  overrides: Overrides = NO_OVERRIDES,
): Meeting[] {
  const candidates = weeksInPlay(now, schedule).map((week) => meetingIn(week, schedule, overrides));
  const index = candidates.findIndex((meeting) => meeting.startsAt.getTime() > now.getTime());
  const upcoming = candidates[index] as Meeting;
  const previous = candidates[index - 1];
  return previous !== undefined && actionWindow('summary', previous).closesAt.getTime() > now.getTime()
    ? [previous, upcoming]
    : [upcoming];
}

export interface DueAction {
  readonly meeting: Meeting;
  readonly action: CycleAction;
}

/** What asks parties for their lägesbild: pointless once the picture is compiled and locked. */
const ASKS_FOR_INPUT: ReadonlySet<CycleAction> = new Set(['call', 'lastcall']);

/**
 * Every action due at `now`, in the order they happen in a week. `stateOf` says whether a meeting is held
 * (from the admins' overrides and the holiday rule); `overrides` moves meetings and tells a picture compiled
 * early (no call or last call for it). What has already been done is for the caller to subtract.
 */
export function dueActions(
  now: Date,
  schedule: MeetingSchedule,
  stateOf: (meeting: Meeting) => Pick<MeetingState, 'cancelled'>,
  overrides: Overrides = NO_OVERRIDES,
): DueAction[] {
  const due: DueAction[] = [];
  for (const meeting of meetingsInPlay(now, schedule, overrides)) {
    const state = stateOf(meeting);
    const locked = pictureLock(meeting, overrides.get(meeting.week), now) !== null;
    for (const action of CYCLE_ACTIONS) {
      if (locked && ASKS_FOR_INPUT.has(action)) continue;
      if (isActionDue(action, meeting, state, now)) due.push({ meeting, action });
    }
  }
  return due;
}

/**
 * The coming meeting, as an operator means it when they name none, for every step: the one under way (started,
 * not yet over), else the next one. Moved meetings count at their new times.
 */
export function comingMeeting(
  now: Date,
  schedule: MeetingSchedule,
  overrides: Overrides = NO_OVERRIDES,
): Meeting {
  const candidates = weeksInPlay(now, schedule).map((week) => meetingIn(week, schedule, overrides));
  return candidates.find((meeting) => meeting.endsAt.getTime() > now.getTime()) as Meeting;
}

/**
 * The first meeting after `week` that is held, looking at most `horizon` weeks ahead; null if all are cancelled.
 * For the cancellation notice's "next meeting".
 */
export function nextHeldMeeting(
  week: MeetingWeek,
  schedule: MeetingSchedule,
  overrides: Overrides,
  horizon = 8,
): Meeting | null {
  for (let i = 1; i <= horizon; i += 1) {
    const meeting = meetingIn(shiftWeek(week, i, schedule), schedule, overrides);
    if (isHeld(meeting, schedule, overrides)) return meeting;
  }
  return null;
}

/**
 * The meeting a lägesbild submitted at `now` belongs to: the next one that is held and whose picture is open
 * (not started, not compiled early). A cancelled meeting (an admin's decision or a holiday) compiles nothing,
 * so what is submitted in its week goes to the next meeting instead of being lost; so does what comes after a
 * picture was compiled and posted, which would otherwise never be seen.
 */
export function submissionMeeting(
  now: Date,
  schedule: MeetingSchedule,
  overrides: Overrides,
  horizon = 8,
): Meeting {
  let fallback: Meeting | null = null;
  for (const week of submissionWeeks(now, schedule, horizon)) {
    const meeting = meetingIn(week, schedule, overrides);
    const override = overrides.get(week) ?? null;
    if (pictureLock(meeting, override, now) !== null) continue;
    fallback ??= meeting;
    if (!meetingState(meeting, override, schedule).cancelled) return meeting;
  }
  return fallback ?? upcomingMeeting(now, schedule);
}

/**
 * The weeks submissionMeeting looks at from `now`: the one before the upcoming meeting's (it may have been moved
 * later), the upcoming meeting's and `horizon` after it.
 */
export function submissionWeeks(now: Date, schedule: MeetingSchedule, horizon = 8): MeetingWeek[] {
  const upcoming = upcomingMeeting(now, schedule);
  return Array.from({ length: horizon + 2 }, (_, i) => shiftWeek(upcoming.week, i - 1, schedule));
}

/**
 * The follow-up date whose day-before reminders are due at `now`: tomorrow's, from the call-for-input time of
 * day until midnight (an app that was down catches up the same day). Null before that time of day.
 */
export function followUpRemindersDueFor(now: Date, schedule: MeetingSchedule): string | null {
  const local = DateTime.fromJSDate(now, { zone: schedule.timezone });
  if (local.hour * 60 + local.minute < schedule.callMinute) return null;
  return local.plus({ days: 1 }).toISODate();
}
