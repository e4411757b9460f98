/**
 * The meeting schedule and meeting weeks, pure: a week's meeting and its local times, the upcoming meeting,
 * reading a week someone typed (`v49`, `2026-W49`), local dates (`YYYY-MM-DD`) and their formatting.
 */

import { DateTime, type WeekdayNumbers } from 'luxon';

/** When the meeting is held and when the week's steps happen, in local time of `timezone`. */
export interface MeetingSchedule {
  readonly timezone: string;
  /** ISO weekday of the meeting: 1 = Monday … 5 = Friday … 7 = Sunday. */
  readonly weekday: number;
  /** Minutes after local midnight. */
  readonly meetingMinute: number;
  readonly lengthMinutes: number;
  /** The call for input goes out this many days before the meeting day, at callMinute. */
  readonly callDaysBefore: number;
  readonly callMinute: number;
  /** Agenda and last call are on the meeting day. */
  readonly agendaMinute: number;
  readonly lastCallMinute: number;
  readonly skipHolidays: boolean;
}

/** A meeting's identity: the ISO week of its date, as `2026-W49`. */
export type MeetingWeek = string;

export interface Meeting {
  readonly week: MeetingWeek;
  /** Local calendar date of the meeting, `YYYY-MM-DD`. */
  readonly date: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly callAt: Date;
  readonly agendaAt: Date;
  readonly lastCallAt: Date;
  /** Set when an admin moved the meeting (src/domain/meeting-override.ts): the schedule's start it had. */
  readonly movedFrom?: Date;
}

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

export function isMeetingWeek(value: string): value is MeetingWeek {
  const match = WEEK_PATTERN.exec(value);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInYear(Number(match[1]));
}

export function weeksInYear(weekYear: number): number {
  return DateTime.fromObject({ weekYear, weekNumber: 1 }).weeksInWeekYear;
}

export function formatMeetingWeek(weekYear: number, weekNumber: number): MeetingWeek {
  return `${weekYear}-W${String(weekNumber).padStart(2, '0')}`;
}

/** `2026-W49` → `49`, for Swedish texts like "v. 49". */
export function weekNumberOf(week: MeetingWeek): number {
  return Number(week.slice(6));
}

function localDay(week: MeetingWeek, schedule: MeetingSchedule): DateTime {
  const match = WEEK_PATTERN.exec(week);
  if (!match || !isMeetingWeek(week)) throw new RangeError(`Ogiltig mötesvecka: ${week}`);
  return DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: schedule.weekday as WeekdayNumbers },
    { zone: schedule.timezone },
  ).startOf('day');
}

/**
 * A local wall-clock time on a day. Luxon resolves a time that does not exist (the spring-forward hour)
 * by moving forward, and an ambiguous one (autumn) to the first occurrence; both are what a person expects.
 */
function at(day: DateTime, minuteOfDay: number): Date {
  return day.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }).toJSDate();
}

/**
 * Meetings already worked out, per schedule (the config's frozen object) and week: time-zone arithmetic costs
 * most of a millisecond and runs on every submission and render, while a week's meeting never changes.
 */
const meetings = new WeakMap<MeetingSchedule, Map<MeetingWeek, Meeting>>();

/** The meeting of an ISO week, with all its times. */
export function meetingOfWeek(week: MeetingWeek, schedule: MeetingSchedule): Meeting {
  let known = meetings.get(schedule);
  if (known === undefined) {
    known = new Map();
    meetings.set(schedule, known);
  }
  let meeting = known.get(week);
  if (meeting === undefined) {
    meeting = computeMeeting(week, schedule);
    known.set(week, meeting);
  }
  return meeting;
}

function computeMeeting(week: MeetingWeek, schedule: MeetingSchedule): Meeting {
  const day = localDay(week, schedule);
  const startsAt = at(day, schedule.meetingMinute);
  return Object.freeze({
    week,
    date: day.toISODate() as string,
    startsAt,
    endsAt: new Date(startsAt.getTime() + schedule.lengthMinutes * 60_000),
    callAt: at(day.minus({ days: schedule.callDaysBefore }), schedule.callMinute),
    agendaAt: at(day, schedule.agendaMinute),
    lastCallAt: at(day, schedule.lastCallMinute),
  });
}

/** The ISO week a local date belongs to. */
export function weekOfDate(date: Date, timezone: string): MeetingWeek {
  const local = DateTime.fromJSDate(date, { zone: timezone });
  return formatMeetingWeek(local.weekYear, local.weekNumber);
}

export function shiftWeek(week: MeetingWeek, weeks: number, schedule: MeetingSchedule): MeetingWeek {
  const day = localDay(week, schedule).plus({ weeks });
  return formatMeetingWeek(day.weekYear, day.weekNumber);
}

/** Per schedule, the last answer of upcomingMeeting and the instants it holds for: [previous start, its start). */
const lastUpcoming = new WeakMap<MeetingSchedule, { from: number; until: number; meeting: Meeting }>();

/**
 * The next meeting that has not yet started at `now`: the one a submission made now belongs to. Asked on every
 * submission and render; the answer is the same for a whole week, so the last one is kept with its interval.
 */
export function upcomingMeeting(now: Date, schedule: MeetingSchedule): Meeting {
  const time = now.getTime();
  const hit = lastUpcoming.get(schedule);
  if (hit !== undefined && time >= hit.from && time < hit.until) return hit.meeting;
  const thisWeek = meetingOfWeek(weekOfDate(now, schedule.timezone), schedule);
  const meeting =
    thisWeek.startsAt.getTime() > time
      ? thisWeek
      : meetingOfWeek(shiftWeek(thisWeek.week, 1, schedule), schedule);
  const previous = meetingOfWeek(shiftWeek(meeting.week, -1, schedule), schedule);
  lastUpcoming.set(schedule, {
    from: previous.startsAt.getTime(),
    until: meeting.startsAt.getTime(),
    meeting,
  });
  return meeting;
}

/** The latest meeting that has started at `now` (it may still be going on). */
export function latestStartedMeeting(now: Date, schedule: MeetingSchedule): Meeting {
  return meetingOfWeek(shiftWeek(upcomingMeeting(now, schedule).week, -1, schedule), schedule);
}

/** Whether entries of this meeting may still be changed: until the meeting starts. */
export function isOpenForChanges(week: MeetingWeek, now: Date, schedule: MeetingSchedule): boolean {
  return now.getTime() < meetingOfWeek(week, schedule).startsAt.getTime();
}

/**
 * Reads a week as people type it: `v49`, `v.49`, `vecka 49`, `49`, `2026-W49`, `2026w49`, `2026 v49`.
 * A bare week number means the meeting of that number closest to `now` (so `v52` in January is last December's).
 * Returns null for anything else, including a week number the year does not have.
 */
export function parseMeetingWeek(input: string, now: Date, schedule: MeetingSchedule): MeetingWeek | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const full = /^(\d{4})[- ]?(?:w|v|v\.|vecka ?)(\d{1,2})$/.exec(text);
  if (full) {
    const week = formatMeetingWeek(Number(full[1]), Number(full[2]));
    return isMeetingWeek(week) ? week : null;
  }
  const bare = /^(?:v|v\.|vecka|w)? ?(\d{1,2})$/.exec(text);
  if (!bare) return null;
  const number = Number(bare[1]);
  const localYear = DateTime.fromJSDate(now, { zone: schedule.timezone }).weekYear;
  let best: { week: MeetingWeek; distance: number } | null = null;
  for (const year of [localYear - 1, localYear, localYear + 1]) {
    const week = formatMeetingWeek(year, number);
    if (!isMeetingWeek(week)) continue;
    const distance = Math.abs(meetingOfWeek(week, schedule).startsAt.getTime() - now.getTime());
    if (best === null || distance < best.distance) best = { week, distance };
  }
  return best?.week ?? null;
}

/**
 * Local date and time for Swedish texts: `fredag 4 december kl. 09:00`. Given `now`, a date in another year than
 * now's gets its year (`fredag 8 januari 2027 kl. 09:00`), so a date past New Year is never read as this year's.
 */
export function formatLocalDateTime(date: Date, timezone: string, now?: Date): string {
  const local = DateTime.fromJSDate(date, { zone: timezone }).setLocale('sv');
  return local.toFormat(`cccc d LLLL${yearIfOther(local, timezone, now)} 'kl.' HH:mm`);
}

/** A local day for Swedish texts, `fredag 25 december`, with its year when it is not now's (as above). */
export function formatLocalDay(date: Date, timezone: string, now?: Date): string {
  const local = DateTime.fromJSDate(date, { zone: timezone }).setLocale('sv');
  return local.toFormat(`cccc d LLLL${yearIfOther(local, timezone, now)}`);
}

function yearIfOther(local: DateTime, timezone: string, now: Date | undefined): string {
  if (now === undefined) return '';
  return DateTime.fromJSDate(now, { zone: timezone }).year === local.year ? '' : ' yyyy';
}

export function formatLocalDate(date: Date, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).setLocale('sv').toFormat('cccc d LLLL yyyy');
}

export function formatLocalTime(date: Date, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).toFormat('HH:mm');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date `YYYY-MM-DD` (not `2026-02-30`). */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value).isValid;
}

/** The date at `at` where the meeting is held, `YYYY-MM-DD`. */
export function localDate(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toISODate() as string;
}

/** The local date `days` days after `now`'s local date. */
export function localDateAfter(now: Date, days: number, timezone: string): string {
  return DateTime.fromJSDate(now, { zone: timezone }).plus({ days }).toISODate() as string;
}
