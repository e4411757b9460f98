/**
 * When the bot posts reports by itself: the quarter's after the last held meeting of each quarter (in that
 * meeting's agenda thread), the year's in the first week of January (in the meeting channel). Pure.
 */

import { DateTime } from 'luxon';
import type { ReportRequest } from './report-period.js';
import { type Meeting, type MeetingWeek, weekOfDate } from './schedule.js';

/** How long after the quarter's last meeting its report is still posted (an app that was down catches up). */
export const QUARTER_REPORT_DAYS = 7;
/** How long after the meeting's end the quarter's report waits: the meeting's own summary goes first. */
const AFTER_MEETING_MS = 60 * 60_000;
/** The year's report goes from this hour on the second of January (the first is a holiday) … */
const YEAR_REPORT_HOUR = 9;
/** … until the seventh. */
const YEAR_REPORT_LAST_DAY = 7;

export interface Quarter {
  readonly year: number;
  readonly quarter: number;
}

/** A `YYYY-MM-DD` date's quarter. */
export function quarterOfDate(date: string): Quarter {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

/**
 * The quarter whose report is due at `now` after `meeting` (held): it is the last held meeting of its quarter
 * (the next held one, if any, is in a later quarter), it ended over an hour ago, and not more than a week ago.
 */
export function dueQuarterReport(meeting: Meeting, nextHeld: Meeting | null, now: Date): Quarter | null {
  const quarter = quarterOfDate(meeting.date);
  if (nextHeld !== null) {
    const next = quarterOfDate(nextHeld.date);
    if (next.year === quarter.year && next.quarter === quarter.quarter) return null;
  }
  const opens = meeting.endsAt.getTime() + AFTER_MEETING_MS;
  const closes = meeting.endsAt.getTime() + QUARTER_REPORT_DAYS * 24 * 60 * 60_000;
  return now.getTime() >= opens && now.getTime() < closes ? quarter : null;
}

/** The year whose report is due at `now`, and the week its post is filed under; null outside the first week. */
export function dueYearReport(now: Date, timezone: string): { year: number; week: MeetingWeek } | null {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  if (local.month !== 1 || local.day < 2 || local.day > YEAR_REPORT_LAST_DAY) return null;
  if (local.day === 2 && local.hour < YEAR_REPORT_HOUR) return null;
  const opened = local.set({ day: 2, hour: YEAR_REPORT_HOUR, minute: 0, second: 0, millisecond: 0 });
  return { year: local.year - 1, week: weekOfDate(opened.toJSDate(), timezone) };
}

/** A report someone asked for with `/rapport`, as the job that makes it carries it. */
export interface ReportOrder {
  /** The week it was asked in: its effects are filed under it. */
  readonly week: MeetingWeek;
  /** The effect's target: `<user>/<period>/<filter>/<request key>`, so an open order of the same is found. */
  readonly target: string;
  readonly userId: string;
  readonly request: ReportRequest;
}

/** The prefix of the orders of one asker and period (and filter): one report at a time for the same. */
export function orderPrefix(userId: string, periodSlug: string, filterKey: string | null): string {
  return `${userId}/${periodSlug}/${filterKey ?? '-'}/`;
}
