/**
 * What `/rapport <text>` (and `npm run cli -- rapport …`) asks for: a period and optionally one party or one
 * area. Pure: today, the parties, the areas and the date of the first data come in as arguments. Dates are local
 * calendar dates `YYYY-MM-DD`, both ends included.
 *
 *   (empty) | kvartal              the last full quarter
 *   2026-Q3 | kv3 | Q3             a quarter (without a year: this year's, or last year's if it has not started)
 *   år | 2026                      this year so far | a year
 *   v40-v52 | 2026-W40-2026-W52    ISO meeting weeks (without a year: this year's)
 *   2026-01-01 2026-06-30          two dates
 *   … trafik | … kommunen          then a party or an area
 *   hjälp
 */

import { DateTime } from 'luxon';
import { type Aliased, findArea, findParty, foldForMatch, lookup, type Named } from './lookup.js';
import { formatMeetingWeek, isMeetingWeek, type MeetingSchedule, type MeetingWeek } from './schedule.js';

export interface DateRange {
  readonly from: string;
  readonly to: string;
}

export type PeriodName =
  | { readonly kind: 'quarter'; readonly year: number; readonly quarter: number }
  | { readonly kind: 'year'; readonly year: number }
  | { readonly kind: 'weeks'; readonly fromWeek: MeetingWeek; readonly toWeek: MeetingWeek }
  | { readonly kind: 'dates' };

export interface ReportPeriod extends DateRange {
  readonly name: PeriodName;
  /** The period asked for ran into the future and ends today instead. */
  readonly clamped: boolean;
}

export type ReportFilter = { readonly kind: 'party' | 'area'; readonly key: string } | null;

/** A report to make: JSON-safe, so it can travel as a job's data. */
export interface ReportRequest {
  readonly period: ReportPeriod;
  readonly filter: ReportFilter;
}

export type PeriodProblem =
  | { readonly kind: 'unreadable'; readonly text: string }
  | { readonly kind: 'future'; readonly from: string; readonly today: string }
  | { readonly kind: 'reversed'; readonly from: string; readonly to: string }
  | { readonly kind: 'tooLong'; readonly from: string; readonly to: string; readonly maxYears: number }
  | { readonly kind: 'beforeData'; readonly to: string; readonly firstData: string }
  | { readonly kind: 'unknownFilter'; readonly word: string };

export type ReportRequestParse =
  | { readonly kind: 'help' }
  | { readonly kind: 'ok'; readonly request: ReportRequest }
  | { readonly kind: 'problem'; readonly problem: PeriodProblem };

export interface PeriodContext {
  readonly now: Date;
  readonly timezone: string;
  readonly parties: readonly Named[];
  readonly areas: readonly Aliased[];
  /** The local date of the first meeting with any data; null when there is none yet. */
  readonly firstDataDate: string | null;
}

export const MAX_PERIOD_YEARS = 5;

const HELP_WORDS = new Set(['hjalp', 'help', '?']);

/** Reads `/rapport`'s text. */
export function parseReportRequest(input: string, context: PeriodContext): ReportRequestParse {
  const today = DateTime.fromJSDate(context.now, { zone: context.timezone }).toISODate() as string;
  // Dashes of every kind, and spaces around them, make one range: `v40 – v52` is `v40-v52`.
  const text = foldForMatch(input)
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    .replace(/\s*-\s*/g, '-');
  const words = text.split(/\s+/).filter((w) => w !== '');
  if (words.length === 1 && HELP_WORDS.has(words[0] as string)) return { kind: 'help' };

  let named: { name: PeriodName; from: string; to: string } | null = null;
  let rest = words;
  for (const take of [3, 2, 1]) {
    if (words.length < take) continue;
    named = readPeriod(words.slice(0, take).join(' '), today);
    if (named !== null) {
      rest = words.slice(take);
      break;
    }
  }
  if (named === null) {
    const first = words[0] ?? '';
    // A first word with a digit in it (`kv5`, `v54`, `2026-13`) was meant as a period.
    if (first !== '' && /\d/.test(first)) return problem({ kind: 'unreadable', text: input.trim() });
    named = lastFullQuarter(today);
  }

  let filter: ReportFilter = null;
  if (rest.length > 0) {
    filter = findFilter(rest.join(' '), context);
    if (filter === null) return problem({ kind: 'unknownFilter', word: restOf(input, rest.length) });
  }

  const { from, to } = named;
  if (from > to) return problem({ kind: 'reversed', from, to });
  if (from > today) return problem({ kind: 'future', from, today });
  const end = earlier(to, today);
  if ((DateTime.fromISO(from).plus({ years: MAX_PERIOD_YEARS }).toISODate() as string) <= end)
    return problem({ kind: 'tooLong', from, to: end, maxYears: MAX_PERIOD_YEARS });
  if (context.firstDataDate !== null && end < context.firstDataDate)
    return problem({ kind: 'beforeData', to: end, firstData: context.firstDataDate });
  return {
    kind: 'ok',
    request: { period: { name: named.name, from, to: end, clamped: end !== to }, filter },
  };
}

/** The earlier of two ISO dates. */
function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

function problem(p: PeriodProblem): ReportRequestParse {
  return { kind: 'problem', problem: p };
}

/** The last `count` words of what was typed, as typed (for naming an unknown party or area). */
function restOf(input: string, count: number): string {
  return input.trim().split(/\s+/).slice(-count).join(' ');
}

const QUARTER_WORD = '(?:q|kv|kvartal ?)';

function readPeriod(text: string, today: string): { name: PeriodName; from: string; to: string } | null {
  if (text === 'kvartal') return lastFullQuarter(today);
  if (text === 'ar' || text === 'aret') return year(Number(today.slice(0, 4)));
  let m = /^(\d{4})$/.exec(text);
  if (m) return year(Number(m[1]));
  m = new RegExp(`^(\\d{4})[- ]?${QUARTER_WORD}([1-4])$`).exec(text);
  if (m) return quarter(Number(m[1]), Number(m[2]));
  m = new RegExp(`^${QUARTER_WORD}([1-4])[- ]?(\\d{4})$`).exec(text);
  if (m) return quarter(Number(m[2]), Number(m[1]));
  m = new RegExp(`^${QUARTER_WORD}([1-4])$`).exec(text);
  if (m) {
    const thisYear = quarter(Number(today.slice(0, 4)), Number(m[1]));
    return thisYear.from <= today ? thisYear : quarter(Number(today.slice(0, 4)) - 1, Number(m[1]));
  }
  m = /^(?:v|v\.|vecka ?)?(\d{1,2})(?:-(?:v|v\.)?(\d{1,2}))?$/.exec(text);
  if (m && (text.startsWith('v') || m[2] !== undefined)) {
    const weekYear = DateTime.fromISO(today).weekYear;
    return weeks(weekYear, Number(m[1]), weekYear, Number(m[2] ?? m[1]));
  }
  m = /^(\d{4})-?w(\d{1,2})(?:-(\d{4})-?w(\d{1,2}))?$/.exec(text);
  if (m) return weeks(Number(m[1]), Number(m[2]), Number(m[3] ?? m[1]), Number(m[4] ?? m[2]));
  m = /^(\d{4}-\d{2}-\d{2})(?: |-|\.\.)(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m) {
    const [from, to] = [m[1] as string, m[2] as string];
    return isDate(from) && isDate(to) ? { name: { kind: 'dates' }, from, to } : null;
  }
  return null;
}

function isDate(text: string): boolean {
  return DateTime.fromISO(text).isValid;
}

/** A whole quarter or year as a request for everyone, for the reports the schedule posts by itself. */
export function wholePeriodRequest(period: {
  readonly year: number;
  readonly quarter?: number;
}): ReportRequest {
  const named = period.quarter === undefined ? year(period.year) : quarter(period.year, period.quarter);
  return { period: { ...named, clamped: false }, filter: null };
}

function year(y: number) {
  return { name: { kind: 'year', year: y } as const, from: `${y}-01-01`, to: `${y}-12-31` };
}

export function quarter(y: number, q: number) {
  const start = DateTime.fromObject({ year: y, month: (q - 1) * 3 + 1, day: 1 });
  return {
    name: { kind: 'quarter', year: y, quarter: q } as const,
    from: start.toISODate() as string,
    to: start.plus({ months: 3 }).minus({ days: 1 }).toISODate() as string,
  };
}

/** The last quarter that ended before today. */
export function lastFullQuarter(today: string) {
  const date = DateTime.fromISO(today);
  const current = Math.ceil(date.month / 3);
  return current === 1 ? quarter(date.year - 1, 4) : quarter(date.year, current - 1);
}

function weeks(fromYear: number, fromNumber: number, toYear: number, toNumber: number) {
  const fromWeek = formatMeetingWeek(fromYear, fromNumber);
  const toWeek = formatMeetingWeek(toYear, toNumber);
  if (!isMeetingWeek(fromWeek) || !isMeetingWeek(toWeek)) return null;
  const monday = (y: number, n: number) => DateTime.fromObject({ weekYear: y, weekNumber: n, weekday: 1 });
  return {
    name: { kind: 'weeks', fromWeek, toWeek } as const,
    from: monday(fromYear, fromNumber).toISODate() as string,
    to: monday(toYear, toNumber).plus({ days: 6 }).toISODate() as string,
  };
}

/**
 * A party or an area by what people type, through the one lookup (./lookup.ts): a whole word or name first, a
 * party before an area; then a beginning (`kust`, `traf`) that only one party or one area has.
 */
export function findFilter(text: string, context: Pick<PeriodContext, 'parties' | 'areas'>): ReportFilter {
  const exactly = { prefixes: false };
  const exactParty = findParty(context.parties, text, exactly);
  if (exactParty) return { kind: 'party', key: exactParty.key };
  const exactArea = findArea(context.areas, text, exactly);
  if (exactArea) return { kind: 'area', key: exactArea.key };
  const party = lookup(context.parties, text);
  const area = lookup(context.areas, text);
  if (party.kind === 'found' && area.kind === 'unknown') return { kind: 'party', key: party.item.key };
  if (area.kind === 'found' && party.kind === 'unknown') return { kind: 'area', key: area.item.key };
  return null;
}

// ── the period's calendar ──

const DAY_MS = 24 * 60 * 60_000;

function utcDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days in a range, both ends counted. */
export function lengthInDays(range: DateRange): number {
  return Math.round((utcDay(range.to) - utcDay(range.from)) / DAY_MS) + 1;
}

/** The period to compare with: as many days, ending the day before. */
export function previousRange(range: DateRange): DateRange {
  const to = utcDay(range.from) - DAY_MS;
  return { from: isoDate(to - (lengthInDays(range) - 1) * DAY_MS), to: isoDate(to) };
}

/**
 * The meetings whose local date lies in the range, as `{ week, date }`, oldest first. Plain date arithmetic: a
 * meeting's date is its ISO week's Monday plus the meeting weekday, whatever the time zone.
 */
export function meetingDatesIn(
  range: DateRange,
  schedule: Pick<MeetingSchedule, 'weekday'>,
): { week: MeetingWeek; date: string }[] {
  const from = utcDay(range.from);
  const to = utcDay(range.to);
  // The Monday of the ISO week holding `from`.
  let monday = from - ((new Date(from).getUTCDay() + 6) % 7) * DAY_MS;
  const meetings: { week: MeetingWeek; date: string }[] = [];
  for (; monday <= to; monday += 7 * DAY_MS) {
    const day = monday + (schedule.weekday - 1) * DAY_MS;
    if (day < from || day > to) continue;
    const thursday = new Date(monday + 3 * DAY_MS);
    const weekYear = thursday.getUTCFullYear();
    const number = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS)) + 1;
    meetings.push({ week: formatMeetingWeek(weekYear, number), date: isoDate(day) });
  }
  return meetings;
}

/** For a year: its quarters that have begun by the period's end, each cut to the period. */
export function quartersOf(period: ReportPeriod): { quarter: number; from: string; to: string }[] {
  if (period.name.kind !== 'year') return [];
  const y = period.name.year;
  return [1, 2, 3, 4]
    .map((q) => ({ quarter: q, ...quarter(y, q) }))
    .filter((q) => q.from <= period.to)
    .map((q) => ({ quarter: q.quarter, from: q.from, to: earlier(q.to, period.to) }));
}
