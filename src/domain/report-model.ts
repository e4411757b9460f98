/**
 * The follow-up report ("Uppföljning") as numbers: what the meetings of a period recorded, compared with the
 * period before. Pure: `buildReportModel` takes what the repository read (a fixed number of queries, see
 * src/db/reports.repository.ts) and returns a plain, structured-cloneable object every renderer reads.
 * Everything belongs to a period through its meeting: an observation, a party's report and a decision about a
 * joint priority count in the period when their meeting's date lies in it.
 */

import { meetingState } from './calendar.js';
import {
  type DateRange,
  meetingDatesIn,
  previousRange,
  quartersOf,
  type ReportFilter,
  type ReportPeriod,
} from './report-period.js';
import { frequentPlaces } from './report-places.js';
import { type PrioritySummary, summarisePriorities } from './report-priorities.js';
import type {
  AreaSummary,
  GridValue,
  MeetingSummary,
  ParticipationRow,
  PartyWeekReport,
  ReportData,
  ReportModel,
  ReportObservation,
  TrendKey,
} from './report-types.js';
import { TREND_KEYS } from './report-types.js';
import { type MeetingSchedule, meetingOfWeek } from './schedule.js';

export type * from './report-types.js';
export { TREND_KEYS } from './report-types.js';

export interface ModelOptions {
  readonly now: Date;
  readonly schedule: MeetingSchedule;
  readonly includeText: boolean;
}

/**
 * The joint priorities' part of a report (see report-priorities.ts), computed on its own so a caller on a busy
 * event loop can do it in a turn of its own before buildReportModel.
 */
export function reportPriorities(
  period: ReportPeriod,
  filter: ReportFilter,
  data: ReportData,
  options: Pick<ModelOptions, 'schedule'>,
): PrioritySummary {
  const { schedule } = options;
  const weeks = new Set(meetingDatesIn(period, schedule).map((m) => m.week));
  const previousWeeks = new Set(meetingDatesIn(previousRange(period), schedule).map((m) => m.week));
  return summarisePriorities(
    data.priorities.filter(
      (p) => filter === null || (filter.kind === 'party' ? p.partyKeys : p.areaKeys).includes(filter.key),
    ),
    data.events,
    {
      weeks,
      previousWeeks,
      dateOf: (week) => meetingOfWeek(week, schedule).date,
      period,
      timezone: schedule.timezone,
      areaOrder: data.areas.map((a) => a.key),
      partyOrder: data.parties.map((p) => p.key),
    },
  );
}

export function buildReportModel(
  period: ReportPeriod,
  filter: ReportFilter,
  data: ReportData,
  options: ModelOptions,
  priorities: PrioritySummary = reportPriorities(period, filter, data, options),
): ReportModel {
  const { now, schedule } = options;
  const previous = previousRange(period);
  const overrides = new Map(data.overrides.map((o) => [o.week, o]));
  const meetingsOf = (range: DateRange): MeetingSummary[] =>
    meetingDatesIn(range, schedule)
      .filter((m) => meetingOfWeek(m.week, schedule).startsAt.getTime() <= now.getTime())
      .map((m) => ({ ...m, ...meetingState(m, overrides.get(m.week) ?? null, schedule) }));
  const meetings = meetingsOf(period);
  const previousMeetings = meetingsOf(previous);
  const weeks = new Set(meetingDatesIn(period, schedule).map((m) => m.week));
  const previousWeeks = new Set(meetingDatesIn(previous, schedule).map((m) => m.week));
  const dateOf = new Map(meetingDatesIn(period, schedule).map((m) => [m.week, m.date]));

  const partyKeys = data.parties
    .filter((p) => (filter?.kind === 'party' ? p.key === filter.key : p.active))
    .map((p) => p.key);
  const inFilter = (o: { partyKey: string; areaKey: string }) =>
    filter === null || (filter.kind === 'party' ? o.partyKey : o.areaKey) === filter.key;
  const observations: ReportObservation[] = [];
  const previousObservations: ReportObservation[] = [];
  // A party's week is about the party, not an area: an area filter leaves participation and the grid whole.
  const entriesAt = new Set<string>();
  for (const o of data.observations) {
    entriesAt.add(`${o.week}|${o.partyKey}`);
    if (!inFilter(o)) continue;
    if (weeks.has(o.week)) observations.push(o);
    else if (previousWeeks.has(o.week)) previousObservations.push(o);
  }
  const partyWeeks = data.partyWeeks.filter((r) => filter?.kind !== 'party' || r.partyKey === filter.key);
  const reportAt = new Map(partyWeeks.map((r) => [`${r.week}|${r.partyKey}`, r]));
  const participationOf = (held: readonly MeetingSummary[]) =>
    participation(held, partyKeys, entriesAt, reportAt);
  const held = meetings.filter((m) => !m.cancelled);
  const currentParticipation = participationOf(held);

  const byArea = groupBy(observations, (o) => o.areaKey);
  const previousByArea = groupBy(previousObservations, (o) => o.areaKey);
  const areaKeys = data.areas
    .filter((a) => (filter?.kind === 'area' ? a.key === filter.key : true))
    .filter((a) => a.active || byArea.has(a.key))
    .map((a) => a.key);
  const empty =
    observations.length === 0 &&
    !partyWeeks.some((r) => weeks.has(r.week)) &&
    priorities.followUps.length === 0;

  return {
    period,
    previous,
    filter,
    parties: data.parties.map(({ key, name }) => ({ key, name })),
    areas: data.areas.map(({ key, name }) => ({ key, name })),
    generatedAt: now.toISOString(),
    timezone: schedule.timezone,
    includeText: options.includeText,
    empty,
    headline: {
      observations: { current: observations.length, previous: previousObservations.length },
      meetingsHeld: { current: held.length, previous: previousMeetings.filter((m) => !m.cancelled).length },
      meetingsCancelled: meetings.length - held.length,
      participation: {
        current: rate(currentParticipation),
        previous: rate(participationOf(previousMeetings.filter((m) => !m.cancelled))),
      },
      prioritiesDecided: { current: priorities.totals.decided, previous: priorities.previous.decided },
      prioritiesCompleted: { current: priorities.totals.completed, previous: priorities.previous.completed },
      overdue: priorities.totals.overdue,
    },
    areaSummaries: areaKeys
      .map((key) =>
        areaSummary(key, byArea.get(key) ?? [], previousByArea.get(key)?.length ?? 0, partyKeysInOrder(data)),
      )
      .filter((a) => a.observations + a.previous > 0 || filter?.kind === 'area'),
    weeklyByArea: countBy(observations, (o) => `${o.week}|${o.areaKey}`).map(([k, count]) => {
      const [week = '', areaKey = ''] = k.split('|');
      return { week, areaKey, count };
    }),
    grid: {
      weeks: held.map(({ week, date }) => ({ week, date })),
      partyKeys,
      cells: held.flatMap((m) =>
        partyKeys.map((partyKey) => ({
          week: m.week,
          partyKey,
          value: gridValue(`${m.week}|${partyKey}`, entriesAt, reportAt),
        })),
      ),
    },
    participation: currentParticipation,
    meetings,
    priorities,
    quarters: quartersOf(period).map((q) => {
      const quarterWeeks = new Set(meetingDatesIn(q, schedule).map((m) => m.week));
      const inQuarter = observations.filter((o) => quarterWeeks.has(o.week));
      const activity = priorities.byWeek.filter((w) => quarterWeeks.has(w.week));
      return {
        ...q,
        observations: inQuarter.length,
        byArea: countBy(inQuarter, (o) => o.areaKey).map(([areaKey, count]) => ({ areaKey, count })),
        meetingsHeld: held.filter((m) => quarterWeeks.has(m.week)).length,
        prioritiesDecided: activity.reduce((sum, w) => sum + w.decided, 0),
        prioritiesCompleted: activity.reduce((sum, w) => sum + w.completed, 0),
      };
    }),
    textPurge: { purged: observations.filter((o) => o.purged).length, total: observations.length },
    observations: observations.map((o) => ({
      week: o.week,
      date: dateOf.get(o.week) ?? '',
      partyKey: o.partyKey,
      areaKey: o.areaKey,
      place: o.place,
      when: o.when,
      trend: o.trend,
      assessment: reportAt.get(`${o.week}|${o.partyKey}`)?.assessment ?? null,
      text: o.text,
      purged: o.purged,
    })),
  };
}

function partyKeysInOrder(data: ReportData): readonly string[] {
  return data.parties.map((p) => p.key);
}

function areaSummary(
  key: string,
  mine: readonly ReportObservation[],
  previous: number,
  partyOrder: readonly string[],
): AreaSummary {
  const trends = Object.fromEntries(TREND_KEYS.map((t) => [t, 0])) as Record<TrendKey, number>;
  for (const o of mine) trends[o.trend ?? 'none'] += 1;
  const reporting = new Set(mine.map((o) => o.partyKey));
  return {
    key,
    observations: mine.length,
    previous,
    trends,
    partyKeys: partyOrder.filter((p) => reporting.has(p)),
    places: frequentPlaces(mine.map((o) => o.place)),
  };
}

/** Submitted for a meeting: an entry, or "inget att rapportera". */
function participation(
  held: readonly MeetingSummary[],
  partyKeys: readonly string[],
  entriesAt: ReadonlySet<string>,
  reportAt: ReadonlyMap<string, PartyWeekReport>,
): ParticipationRow[] {
  return partyKeys.map((partyKey) => {
    let submitted = 0;
    let nothingToReport = 0;
    for (const { week } of held) {
      const key = `${week}|${partyKey}`;
      if (entriesAt.has(key)) submitted += 1;
      else if (reportAt.get(key)?.nothingToReport) {
        submitted += 1;
        nothingToReport += 1;
      }
    }
    return { partyKey, held: held.length, submitted, nothingToReport, missed: held.length - submitted };
  });
}

function rate(rows: readonly ParticipationRow[]): number | null {
  const expected = rows.reduce((sum, r) => sum + r.held, 0);
  return expected === 0 ? null : rows.reduce((sum, r) => sum + r.submitted, 0) / expected;
}

function gridValue(
  key: string,
  entriesAt: ReadonlySet<string>,
  reportAt: ReadonlyMap<string, PartyWeekReport>,
): GridValue {
  const report = reportAt.get(key);
  if (report?.assessment) return report.assessment;
  if (entriesAt.has(key)) return 'none';
  return report?.nothingToReport ? 'nothing' : 'missing';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

/** Counts by key, in the order keys first appear. */
function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts];
}
