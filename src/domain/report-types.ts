/**
 * The follow-up report's shapes: what the repository reads for it (ReportData) and what every renderer reads
 * (ReportModel, plain and structured-cloneable, so it can be handed to a worker thread). See report-model.ts.
 */

import type { Assessment, Trend } from './entry.js';
import { TRENDS } from './entry.js';
import type { Aliased, Named } from './lookup.js';
import type { JointPriority, PriorityEvent } from './priorities.js';
import type { DateRange, ReportFilter, ReportPeriod } from './report-period.js';
import type { PrioritySummary } from './report-priorities.js';
import type { MeetingWeek } from './schedule.js';

/** One observation as the report reads it. `text` is null when it was not asked for. */
export interface ReportObservation {
  readonly id: number;
  readonly week: MeetingWeek;
  readonly partyKey: string;
  readonly areaKey: string;
  readonly place: string | null;
  readonly when: string | null;
  readonly trend: Trend | null;
  readonly text: string | null;
  /** The free text was removed by gallring; the row still counts. */
  readonly purged: boolean;
}

export interface PartyWeekReport {
  readonly week: MeetingWeek;
  readonly partyKey: string;
  readonly nothingToReport: boolean;
  readonly assessment: Assessment | null;
}

/** Everything the report is computed from, for the period and the one before it. */
export interface ReportData {
  readonly parties: readonly (Named & { readonly active: boolean })[];
  readonly areas: readonly (Aliased & { readonly active: boolean })[];
  readonly overrides: readonly { week: MeetingWeek; cancelled: boolean; reason: string | null }[];
  readonly observations: readonly ReportObservation[];
  readonly partyWeeks: readonly PartyWeekReport[];
  readonly priorities: readonly JointPriority[];
  readonly events: readonly PriorityEvent[];
}

export interface Change {
  readonly current: number;
  readonly previous: number;
}

export type TrendKey = Trend | 'none';
export const TREND_KEYS: readonly TrendKey[] = [...TRENDS, 'none'];

export interface AreaSummary {
  readonly key: string;
  readonly observations: number;
  readonly previous: number;
  readonly trends: Readonly<Record<TrendKey, number>>;
  /** The parties that reported on the area, in the parties' order. */
  readonly partyKeys: readonly string[];
  /** Places named at least PLACE_THRESHOLD times (report-places.ts), most named first. */
  readonly places: readonly { place: string; count: number }[];
}

export interface MeetingSummary {
  readonly week: MeetingWeek;
  readonly date: string;
  readonly cancelled: boolean;
  /** The admin's reason or the holiday's name; null when held or when the admin gave none. */
  readonly reason: string | null;
}

export interface ParticipationRow {
  readonly partyKey: string;
  readonly held: number;
  readonly submitted: number;
  /** Of the submitted: "inget att rapportera" only. */
  readonly nothingToReport: number;
  readonly missed: number;
}

/** A party's week: its overall assessment, submitted without one, "inget att rapportera", or nothing given. */
export type GridValue = Assessment | 'none' | 'nothing' | 'missing';

export interface AssessmentGrid {
  readonly weeks: readonly { week: MeetingWeek; date: string }[];
  readonly partyKeys: readonly string[];
  readonly cells: readonly { week: MeetingWeek; partyKey: string; value: GridValue }[];
}

export interface QuarterSummary {
  readonly quarter: number;
  readonly from: string;
  readonly to: string;
  readonly observations: number;
  readonly byArea: readonly { areaKey: string; count: number }[];
  readonly meetingsHeld: number;
  readonly prioritiesDecided: number;
  readonly prioritiesCompleted: number;
}

export interface ObservationLine {
  readonly week: MeetingWeek;
  readonly date: string;
  readonly partyKey: string;
  readonly areaKey: string;
  readonly place: string | null;
  readonly when: string | null;
  readonly trend: Trend | null;
  readonly assessment: Assessment | null;
  readonly text: string | null;
  readonly purged: boolean;
}

export interface ReportModel {
  readonly period: ReportPeriod;
  readonly previous: DateRange;
  readonly filter: ReportFilter;
  /** Names of every party and area the report mentions, in their own order. */
  readonly parties: readonly Named[];
  readonly areas: readonly Named[];
  readonly generatedAt: string;
  readonly timezone: string;
  readonly includeText: boolean;
  /** Nothing was recorded in the period: no observation, no party's report, no decision. */
  readonly empty: boolean;
  readonly headline: {
    readonly observations: Change;
    readonly meetingsHeld: Change;
    readonly meetingsCancelled: number;
    /** Share of the held meetings the parties submitted for, 0–1; null without held meetings. */
    readonly participation: { readonly current: number | null; readonly previous: number | null };
    readonly prioritiesDecided: Change;
    readonly prioritiesCompleted: Change;
    readonly overdue: number;
  };
  readonly areaSummaries: readonly AreaSummary[];
  readonly weeklyByArea: readonly { week: MeetingWeek; areaKey: string; count: number }[];
  readonly grid: AssessmentGrid;
  readonly participation: readonly ParticipationRow[];
  readonly meetings: readonly MeetingSummary[];
  readonly priorities: PrioritySummary;
  /** For a year: quarter by quarter. */
  readonly quarters: readonly QuarterSummary[];
  readonly textPurge: { readonly purged: number; readonly total: number };
  readonly observations: readonly ObservationLine[];
}
