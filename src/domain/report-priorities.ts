/**
 * The joint priorities' part of the follow-up report: what the meetings of a period decided, followed up,
 * completed and cancelled, which priorities were overdue at its end, and the medborgarlöfte with their expected
 * effect. Pure. A priority's status and follow-up date at the end of the period are read back from its history:
 * the first change after the end says what the value was before it (`from`); without one, today's value holds.
 */

import type { JointPriority, PriorityEvent, PriorityStatus } from './priorities.js';
import type { DateRange } from './report-period.js';
import type { MeetingWeek } from './schedule.js';

export interface PriorityCounts {
  readonly decided: number;
  readonly followedUp: number;
  readonly completed: number;
  readonly cancelled: number;
  /** Active at the period's end, its follow-up date passed and not followed up since. */
  readonly overdue: number;
}

export interface PriorityLine {
  readonly id: number;
  readonly title: string;
  readonly areaKeys: readonly string[];
  readonly partyKeys: readonly string[];
  readonly agreedWeek: MeetingWeek;
  readonly statusAtEnd: PriorityStatus;
  readonly followUpDateAtEnd: string;
  readonly decided: boolean;
  readonly followedUp: boolean;
  readonly completed: boolean;
  readonly cancelled: boolean;
  readonly overdue: boolean;
  /** The local date it was completed or cancelled in the period. */
  readonly closedOn: string | null;
  readonly citizenPromise: string | null;
  readonly effectShort: string | null;
  readonly effectLong: string | null;
  /** The last follow-up note up to the period's end, and its local date. */
  readonly lastNote: string | null;
  readonly lastNoteOn: string | null;
}

export type FollowUpKind = 'decided' | 'followedUp' | 'completed' | 'cancelled' | 'reopened';

export interface FollowUpLine {
  readonly priorityId: number;
  readonly week: MeetingWeek;
  /** The local date it was recorded. */
  readonly date: string;
  readonly kind: FollowUpKind;
  readonly note: string | null;
}

export interface PrioritySummary {
  readonly totals: PriorityCounts;
  readonly previous: { readonly decided: number; readonly completed: number };
  readonly perArea: readonly ({ readonly key: string } & PriorityCounts)[];
  readonly perParty: readonly ({ readonly key: string } & PriorityCounts)[];
  /** Days from decision to completion, over the priorities completed in the period; null when none were. */
  readonly medianDaysToCompletion: number | null;
  readonly byMonth: readonly { month: string; opened: number; closed: number }[];
  /** Decided and completed per meeting week, for the quarters of a year. */
  readonly byWeek: readonly { week: MeetingWeek; decided: number; completed: number }[];
  /** The priorities of the period that belong to a medborgarlöfte. */
  readonly citizenPromises: readonly PriorityLine[];
  /** Every priority that was active at some time in the period, by number. */
  readonly list: readonly PriorityLine[];
  readonly followUps: readonly FollowUpLine[];
}

export interface PriorityContext {
  readonly weeks: ReadonlySet<MeetingWeek>;
  readonly previousWeeks: ReadonlySet<MeetingWeek>;
  /** The local date of a week's meeting. */
  readonly dateOf: (week: MeetingWeek) => string;
  readonly period: DateRange;
  readonly timezone: string;
  readonly areaOrder: readonly string[];
  readonly partyOrder: readonly string[];
}

export function summarisePriorities(
  priorities: readonly JointPriority[],
  events: readonly PriorityEvent[],
  context: PriorityContext,
): PrioritySummary {
  const byPriority = new Map<number, PriorityEvent[]>();
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    const list = byPriority.get(event.priorityId) ?? [];
    list.push(event);
    byPriority.set(event.priorityId, list);
  }
  const localDate = localDateIn(context.timezone);
  const lines: PriorityLine[] = [];
  const followUps: FollowUpLine[] = [];
  const days: number[] = [];
  const previous = { decided: 0, completed: 0 };
  const months = new Map(monthsOf(context.period).map((m) => [m, { month: m, opened: 0, closed: 0 }]));
  const weekly = new Map<MeetingWeek, { week: MeetingWeek; decided: number; completed: number }>();
  const weekOf = (week: MeetingWeek) => {
    const row = weekly.get(week) ?? { week, decided: 0, completed: 0 };
    weekly.set(week, row);
    return row;
  };

  for (const priority of [...priorities].sort((a, b) => a.id - b.id)) {
    const history = byPriority.get(priority.id) ?? [];
    const inPeriod = history.filter((e) => context.weeks.has(e.meetingWeek));
    const before = history.filter((e) => context.previousWeeks.has(e.meetingWeek));
    if (before.some((e) => e.kind === 'skapad')) previous.decided += 1;
    if (finalStatus(before)?.to === 'genomford') previous.completed += 1;

    const agreedOn = context.dateOf(priority.agreedWeek);
    const after = (date: string) => history.filter((e) => context.dateOf(e.meetingWeek) > date);
    const statusAtStart = valueBefore(after(dayBefore(context.period.from)), 'status') ?? priority.status;
    if (agreedOn > context.period.to || (statusAtStart !== 'aktiv' && inPeriod.length === 0)) continue;

    const laterEvents = after(context.period.to);
    const statusAtEnd = (valueBefore(laterEvents, 'status') ?? priority.status) as PriorityStatus;
    const followUpDateAtEnd = valueBefore(laterEvents, 'followUpDate') ?? priority.followUpDate;
    const notes = history.filter(
      (e) =>
        e.kind === 'uppfoljning' && e.note !== null && context.dateOf(e.meetingWeek) <= context.period.to,
    );
    const closing = finalStatus(inPeriod);
    const decidedEvent = inPeriod.find((e) => e.kind === 'skapad');
    const line: PriorityLine = {
      id: priority.id,
      title: priority.title,
      areaKeys: priority.areaKeys,
      partyKeys: priority.partyKeys,
      agreedWeek: priority.agreedWeek,
      statusAtEnd,
      followUpDateAtEnd,
      decided: decidedEvent !== undefined,
      followedUp: inPeriod.some((e) => e.kind === 'uppfoljning'),
      completed: closing?.to === 'genomford',
      cancelled: closing?.to === 'avbruten',
      overdue:
        statusAtEnd === 'aktiv' &&
        followUpDateAtEnd < context.period.to &&
        !notes.some((e) => context.dateOf(e.meetingWeek) >= followUpDateAtEnd),
      closedOn:
        closing?.to === 'genomford' || closing?.to === 'avbruten' ? localDate(closing.event.createdAt) : null,
      citizenPromise: priority.citizenPromise,
      effectShort: priority.effectShort,
      effectLong: priority.effectLong,
      lastNote: notes.at(-1)?.note ?? null,
      lastNoteOn: notes.length > 0 ? localDate((notes.at(-1) as PriorityEvent).createdAt) : null,
    };
    lines.push(line);

    if (decidedEvent !== undefined) {
      weekOf(decidedEvent.meetingWeek).decided += 1;
      const month = months.get(context.dateOf(decidedEvent.meetingWeek).slice(0, 7));
      if (month) month.opened += 1;
    }
    if (closing !== null && line.closedOn !== null) {
      if (line.completed) {
        weekOf(closing.event.meetingWeek).completed += 1;
        const decidedAt = history.find((e) => e.kind === 'skapad')?.createdAt ?? priority.createdAt;
        days.push(daysBetween(localDate(decidedAt), line.closedOn));
      }
      const month = months.get(context.dateOf(closing.event.meetingWeek).slice(0, 7));
      if (month) month.closed += 1;
    }
    for (const event of inPeriod) {
      const kind = followUpKind(event);
      if (kind !== null)
        followUps.push({
          priorityId: priority.id,
          week: event.meetingWeek,
          date: localDate(event.createdAt),
          kind,
          note: event.note,
        });
    }
  }

  return {
    totals: count(lines),
    previous,
    perArea: breakdown(lines, (l) => l.areaKeys, context.areaOrder),
    perParty: breakdown(lines, (l) => l.partyKeys, context.partyOrder),
    medianDaysToCompletion: median(days),
    byMonth: [...months.values()],
    byWeek: [...weekly.values()],
    citizenPromises: lines.filter((l) => l.citizenPromise !== null),
    list: lines,
    followUps,
  };
}

/**
 * A function giving an instant's local date `YYYY-MM-DD` in a time zone: one Intl formatter for all (Swedish
 * formats dates as ISO), a fraction of what a time-zone calculation per event would cost the main thread.
 */
function localDateIn(timezone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (at) => format.format(at);
}

/** The last status change among events (in id order), with its event; null when none changed the status. */
function finalStatus(events: readonly PriorityEvent[]): { to: unknown; event: PriorityEvent } | null {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i] as PriorityEvent;
    const change = event.changes.status;
    if (change !== undefined) return { to: change.to, event };
  }
  return null;
}

/** The value of a field before the first of `later` that changed it; null when none did. */
function valueBefore(later: readonly PriorityEvent[], field: 'status' | 'followUpDate'): string | null {
  const change = later.find((e) => e.changes[field] !== undefined)?.changes[field];
  return change === undefined ? null : (change.from as string);
}

function followUpKind(event: PriorityEvent): FollowUpKind | null {
  const status = event.changes.status?.to;
  if (status === 'genomford') return 'completed';
  if (status === 'avbruten') return 'cancelled';
  if (status === 'aktiv') return 'reopened';
  if (event.kind === 'skapad') return 'decided';
  if (event.kind === 'uppfoljning') return 'followedUp';
  return null;
}

function count(lines: readonly PriorityLine[]): PriorityCounts {
  return {
    decided: lines.filter((l) => l.decided).length,
    followedUp: lines.filter((l) => l.followedUp).length,
    completed: lines.filter((l) => l.completed).length,
    cancelled: lines.filter((l) => l.cancelled).length,
    overdue: lines.filter((l) => l.overdue).length,
  };
}

/** Counts per key (an area, a party); a priority with two areas counts in both. Keys without any are left out. */
function breakdown(
  lines: readonly PriorityLine[],
  keysOf: (line: PriorityLine) => readonly string[],
  order: readonly string[],
): ({ key: string } & PriorityCounts)[] {
  return order.map((key) => ({ key, ...count(lines.filter((l) => keysOf(l).includes(key))) })).filter(hasAny);
}

function hasAny(counts: PriorityCounts): boolean {
  return counts.decided + counts.followedUp + counts.completed + counts.cancelled + counts.overdue > 0;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The months a range touches, `YYYY-MM`. */
function monthsOf(range: DateRange): string[] {
  const months: string[] = [];
  let year = Number(range.from.slice(0, 4));
  let month = Number(range.from.slice(5, 7));
  const last = range.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
