/**
 * A joint priority is followed up at a meeting, so its follow-up date should be a day a meeting is held. The
 * forms offer the coming held meetings' dates, and "annat datum" stays possible; a date on a cancelled meeting
 * or on a day without a meeting is not refused but warned about once (the form asks again, see
 * commands/prioritet/forms.ts). Pure: src/services/meetings.ts reads the admins' decisions and applies these.
 */

import { DateTime } from 'luxon';
import { isHeld, type MeetingOverride, meetingIn, meetingState } from './calendar.js';
import {
  formatMeetingWeek,
  type Meeting,
  type MeetingSchedule,
  type MeetingWeek,
  shiftWeek,
} from './schedule.js';

/** How many held meetings the forms offer as follow-up dates. */
export const FOLLOW_UP_CHOICES = 8;
/** How far a search for held meetings looks ahead, in weeks. */
const HORIZON_WEEKS = 16;

/** What a follow-up date falls on. */
export type FollowUpDateCheck =
  | { readonly kind: 'meeting' }
  /** The meeting that day is cancelled (a holiday or an admin's decision); `next` is the next held one. */
  | {
      readonly kind: 'cancelled';
      readonly meeting: Meeting;
      readonly reason: string | null;
      readonly next: Meeting | null;
    }
  /** No meeting is held that day at all; `next` is the first held meeting on or after it. */
  | { readonly kind: 'noMeeting'; readonly next: Meeting | null };

/** The ISO week of a local date `YYYY-MM-DD`. */
export function weekOfLocalDate(date: string): MeetingWeek {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return formatMeetingWeek(day.weekYear, day.weekNumber);
}

/** The weeks whose admin decisions the functions below may read for `date` (or from `after`): one query. */
export function followUpWeeks(fromWeek: MeetingWeek, schedule: MeetingSchedule): MeetingWeek[] {
  return Array.from({ length: HORIZON_WEEKS + 1 }, (_, i) => shiftWeek(fromWeek, i, schedule));
}

/**
 * The first `count` held meetings after `week`'s (or from it, `including`), looking HORIZON_WEEKS ahead: what the
 * forms offer as follow-up dates — after the meeting a new priority is agreed at, and from the coming meeting for
 * a follow-up or an edit made before it.
 */
export function heldMeetingsAfter(
  week: MeetingWeek,
  schedule: MeetingSchedule,
  overrides: ReadonlyMap<MeetingWeek, MeetingOverride>,
  count = FOLLOW_UP_CHOICES,
  including = false,
): Meeting[] {
  const held: Meeting[] = [];
  for (let i = including ? 0 : 1; i <= HORIZON_WEEKS && held.length < count; i += 1) {
    const meeting = meetingIn(shiftWeek(week, i, schedule), schedule, overrides);
    if (isHeld(meeting, schedule, overrides)) held.push(meeting);
  }
  return held;
}

/**
 * Whether a meeting is held on `date`: it is that week's meeting day and the meeting is not cancelled. If not,
 * why, and the next held meeting on or after the date (to suggest instead).
 */
export function checkFollowUpDate(
  date: string,
  schedule: MeetingSchedule,
  overrides: ReadonlyMap<MeetingWeek, MeetingOverride>,
): FollowUpDateCheck {
  const week = weekOfLocalDate(date);
  const meeting = meetingIn(week, schedule, overrides);
  const nextFrom = (from: MeetingWeek, includeIt: boolean): Meeting | null => {
    const first = meetingIn(from, schedule, overrides);
    if (includeIt && first.date >= date && isHeld(first, schedule, overrides)) return first;
    return heldMeetingsAfter(from, schedule, overrides, 1)[0] ?? null;
  };
  if (meeting.date === date) {
    const state = meetingState(meeting, overrides.get(week) ?? null, schedule);
    if (!state.cancelled) return { kind: 'meeting' };
    return { kind: 'cancelled', meeting, reason: state.reason, next: nextFrom(week, false) };
  }
  return { kind: 'noMeeting', next: nextFrom(week, true) };
}

/** The follow-up date chosen in a form: a meeting from the list, or another date from the date picker. */
export interface FollowUpDateChoice {
  /** The list's value: a meeting's date, `annat` (another date), or null when left empty. */
  readonly meeting: string | null;
  /** The date picker's date, or null when left empty. */
  readonly other: string | null;
}

/** The list's value for "annat datum". */
export const OTHER_DATE = 'annat';

/**
 * The date a form's choice comes to: the meeting chosen in the list; with "annat datum" or nothing chosen there,
 * the date picker's; null when neither says anything (the form's default applies). `missing` when "annat
 * datum" was chosen without a date.
 */
export function chosenFollowUpDate(choice: FollowUpDateChoice): string | null | 'missing' {
  if (choice.meeting !== null && choice.meeting !== OTHER_DATE) return choice.meeting;
  if (choice.other !== null && choice.other !== '') return choice.other;
  return choice.meeting === OTHER_DATE ? 'missing' : null;
}
