/**
 * What `/samverkan logg [@användare] [vecka|period]` and `npm run cli -- logg --från … --till …` ask for, read
 * from the words people type, and turned into the instants the log is queried by (local days of the config's
 * time zone).
 */

import { DateTime } from 'luxon';
import type { AccessQuery, AccessRecord, AccessVia } from './access-log.js';
import {
  formatMeetingWeek,
  isIsoDate,
  isMeetingWeek,
  type MeetingSchedule,
  type MeetingWeek,
  parseMeetingWeek,
  upcomingMeeting,
  weekNumberOf,
} from './schedule.js';

export interface AccessLogFilter {
  readonly userId?: string;
  /** Rows about this meeting. */
  readonly week?: MeetingWeek;
  /** Local dates `YYYY-MM-DD`, both inclusive. */
  readonly fromDate?: string;
  readonly toDate?: string;
}

export type ParsedLogQuery =
  | { readonly ok: true; readonly filter: AccessLogFilter }
  /** `given`: the word that could not be read. */
  | { readonly ok: false; readonly given: string };

const MENTION = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const MONTH = /^\d{4}-\d{2}$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})(?:\.\.|–|—|-(?=\d{4}-))(\d{4}-\d{2}-\d{2})$/;

/**
 * Reads `@user`, a week (`v49`, `2026-W49`), a day (`2026-01-05`), a month (`2026-01`) or a period
 * (`2026-01-01 2026-03-31`, `2026-01-01..2026-03-31`), in any order. A reversed period is refused.
 */
export function parseAccessLogQuery(text: string, now: Date, schedule: MeetingSchedule): ParsedLogQuery {
  let userId: string | undefined;
  let week: MeetingWeek | undefined;
  const dates: string[] = [];
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const mention = MENTION.exec(word);
    if (userId === undefined && (mention !== null || USER_ID.test(word))) {
      userId = mention?.[1] ?? word;
      continue;
    }
    const range = RANGE.exec(word);
    if (range !== null && dates.length === 0) {
      dates.push(range[1] as string, range[2] as string);
      continue;
    }
    if (isIsoDate(word) && dates.length < 2) {
      dates.push(word);
      continue;
    }
    if (MONTH.test(word) && dates.length === 0 && DateTime.fromISO(`${word}-01`).isValid) {
      const first = DateTime.fromISO(`${word}-01`);
      dates.push(first.toISODate() as string, first.endOf('month').toISODate() as string);
      continue;
    }
    // `vecka 49` is two words.
    const joined = /^(v|vecka)$/i.test(word) && words[i + 1] !== undefined ? `${word} ${words[i + 1]}` : word;
    const parsed = week === undefined ? pastWeek(joined, now, schedule) : null;
    if (parsed !== null) {
      week = parsed;
      if (joined !== word) i += 1;
      continue;
    }
    return { ok: false, given: word };
  }
  const [fromDate, toDate = fromDate] = dates;
  if (fromDate !== undefined && toDate !== undefined && toDate < fromDate)
    return { ok: false, given: `${fromDate} ${toDate}` };
  return {
    ok: true,
    filter: {
      ...(userId === undefined ? {} : { userId }),
      ...(week === undefined ? {} : { week }),
      ...(fromDate === undefined ? {} : { fromDate, toDate }),
    },
  };
}

/**
 * A week as people type it; the log holds the past, so a bare number (`v3` in December) means the latest such
 * week that has come, not the closest.
 */
function pastWeek(text: string, now: Date, schedule: MeetingSchedule): MeetingWeek | null {
  const week = parseMeetingWeek(text, now, schedule);
  if (week === null || /\d{4}/.test(text)) return week;
  if (week <= upcomingMeeting(now, schedule).week) return week;
  const earlier = formatMeetingWeek(Number(week.slice(0, 4)) - 1, weekNumberOf(week));
  return isMeetingWeek(earlier) ? earlier : week;
}

/** Local days [fromDate, toDate] as instants [from, to), the second exclusive. */
export function dayRange(fromDate: string, toDate: string, timezone: string): { from: Date; to: Date } {
  return {
    from: DateTime.fromISO(fromDate, { zone: timezone }).startOf('day').toJSDate(),
    to: DateTime.fromISO(toDate, { zone: timezone }).plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

/** The repository's query for a filter. */
export function accessQueryOf(filter: AccessLogFilter, timezone: string): AccessQuery {
  const range =
    filter.fromDate === undefined
      ? null
      : dayRange(filter.fromDate, filter.toDate ?? filter.fromDate, timezone);
  return {
    ...(filter.userId === undefined ? {} : { actorUserId: filter.userId }),
    ...(filter.week === undefined ? {} : { week: filter.week }),
    ...(range === null ? {} : range),
  };
}

/** The period of a filter as the log's `period` column holds it: `2026-01-01..2026-03-31`. */
export function periodOf(filter: AccessLogFilter): string | null {
  if (filter.fromDate === undefined) return null;
  return `${filter.fromDate}..${filter.toDate ?? filter.fromDate}`;
}

/** The log row of someone reading the log itself (`/samverkan logg`, a "Nästa sida"), written before the page is shown. */
export function logReadRecord(
  actorUserId: string,
  filter: AccessLogFilter,
  page: number,
  via: AccessVia,
): AccessRecord {
  return {
    actorUserId,
    action: 'read',
    resource: 'access_log',
    via,
    meetingWeek: filter.week ?? null,
    subjectUserId: filter.userId ?? null,
    period: periodOf(filter),
    detail: { page },
  };
}
