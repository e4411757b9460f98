/**
 * `/samverkan flytta <vecka> <dag> [hh:mm]`: where an admin moves a week's meeting, read from what they typed,
 * and whether it may go there. Pure; commands/samverkan/move.ts stores it and src/domain/meeting-override.ts
 * turns it into the meeting's times.
 */

import { DateTime, type WeekdayNumbers } from 'luxon';
import { holidayOn } from './holidays.js';
import { foldForMatch } from './lookup.js';
import { formatMeetingWeek, type Meeting, type MeetingSchedule, type MeetingWeek } from './schedule.js';

const WEEKDAYS: ReadonlyArray<readonly [WeekdayNumbers, readonly string[]]> = [
  [1, ['måndag', 'mån', 'måndagen']],
  [2, ['tisdag', 'tis', 'tisdagen']],
  [3, ['onsdag', 'ons', 'onsdagen']],
  [4, ['torsdag', 'tors', 'tor', 'torsdagen']],
  [5, ['fredag', 'fre', 'fredagen']],
  [6, ['lördag', 'lör', 'lördagen']],
  [7, ['söndag', 'sön', 'söndagen']],
];

export type MoveTarget =
  | { readonly kind: 'ok'; readonly startsAt: Date }
  /** Neither a weekday nor a date (`torsdag`, `2026-12-23`, `23/12`). */
  | { readonly kind: 'badDay'; readonly text: string }
  /** Not a time of day (`08:30`, `8.30`, `0830`). */
  | { readonly kind: 'badTime'; readonly text: string };

function weekdayOf(word: string): WeekdayNumbers | null {
  const folded = foldForMatch(word);
  for (const [day, names] of WEEKDAYS) if (names.some((name) => foldForMatch(name) === folded)) return day;
  return null;
}

/** `08:30`, `8:30`, `8.30`, `0830`, `kl. 8.30`: minutes after midnight, or null. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^(?:kl\.?\s*)?(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(text.trim().toLowerCase());
  if (match === null) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  return hour < 24 && minute < 60 ? hour * 60 + minute : null;
}

/**
 * The new start of `week`'s meeting from `<dag> [hh:mm]`: a weekday of that week, or a date (`2026-12-23`,
 * `23/12`, in the week's year); without a time, the meeting's own time of day.
 */
export function parseMoveTarget(words: string, week: MeetingWeek, schedule: MeetingSchedule): MoveTarget {
  const [dayText = '', ...rest] = words.trim().split(/\s+/);
  const timeText = rest.join(' ');
  const minute = timeText === '' ? schedule.meetingMinute : parseTimeOfDay(timeText);
  if (minute === null) return { kind: 'badTime', text: timeText };
  const weekYear = Number(week.slice(0, 4));
  const weekNumber = Number(week.slice(6));
  let day: DateTime | null = null;
  const weekday = weekdayOf(dayText);
  if (weekday !== null) {
    day = DateTime.fromObject({ weekYear, weekNumber, weekday }, { zone: schedule.timezone });
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(dayText)) {
    day = DateTime.fromISO(dayText, { zone: schedule.timezone });
  } else {
    const dayMonth = /^(\d{1,2})\/(\d{1,2})$/.exec(dayText);
    if (dayMonth !== null) {
      // The week's Thursday decides its year (ISO weeks): 28/12 in week 53 and 1/1 in week 53 both fit.
      const thursday = DateTime.fromObject({ weekYear, weekNumber, weekday: 4 }, { zone: schedule.timezone });
      const candidates = [thursday.year - 1, thursday.year, thursday.year + 1].map((year) =>
        DateTime.fromObject(
          { year, month: Number(dayMonth[2]), day: Number(dayMonth[1]) },
          { zone: schedule.timezone },
        ),
      );
      day =
        candidates.find((c) => c.isValid && c.weekYear === weekYear && c.weekNumber === weekNumber) ??
        candidates[1] ??
        null;
    }
  }
  if (day === null || !day.isValid) return { kind: 'badDay', text: dayText };
  const startsAt = day
    .startOf('day')
    .set({ hour: Math.floor(minute / 60), minute: minute % 60 })
    .toJSDate();
  return { kind: 'ok', startsAt };
}

export type MoveRefusal =
  /** The meeting has started (or been held): it can no longer move. */
  | { readonly kind: 'started' }
  /** The new start has passed. */
  | { readonly kind: 'past' }
  /** The new day is in another week, where that week's own meeting is. */
  | { readonly kind: 'otherWeek'; readonly week: MeetingWeek }
  /** An admin cancelled the meeting: resume it first. */
  | { readonly kind: 'cancelled' }
  /** The new day is a holiday, which would cancel the meeting. */
  | { readonly kind: 'holiday'; readonly holiday: string }
  /** It is already there. */
  | { readonly kind: 'unchanged' };

/**
 * Whether `meeting` (as it stands, maybe moved before) may move to `startsAt` at `now`. `cancelledByAdmin`: an
 * admin's cancellation stands until they resume it; a meeting a holiday cancelled may move to a working day.
 */
export function moveRefusal(input: {
  meeting: Meeting;
  startsAt: Date;
  now: Date;
  cancelledByAdmin: boolean;
  heldDespiteHoliday: boolean;
  schedule: MeetingSchedule;
}): MoveRefusal | null {
  const { meeting, startsAt, now, schedule } = input;
  if (meeting.startsAt.getTime() <= now.getTime()) return { kind: 'started' };
  if (startsAt.getTime() <= now.getTime()) return { kind: 'past' };
  const local = DateTime.fromJSDate(startsAt, { zone: schedule.timezone });
  const week = formatMeetingWeek(local.weekYear, local.weekNumber);
  if (week !== meeting.week) return { kind: 'otherWeek', week };
  if (input.cancelledByAdmin) return { kind: 'cancelled' };
  const holiday =
    schedule.skipHolidays && !input.heldDespiteHoliday ? holidayOn(local.toISODate() as string) : null;
  if (holiday !== null) return { kind: 'holiday', holiday };
  if (startsAt.getTime() === meeting.startsAt.getTime()) return { kind: 'unchanged' };
  return null;
}
