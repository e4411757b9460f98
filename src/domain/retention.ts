/**
 * Gallring decided by the organisation: what may go and from when. Public records are kept by default; the
 * settings exist only once the archive authority has decided (arkivlagen; TF 2:18). Pure, no I/O.
 */

import { DateTime } from 'luxon';
import { findPersonalIdentityNumber } from './personnummer.js';
import {
  latestStartedMeeting,
  type MeetingSchedule,
  type MeetingWeek,
  meetingOfWeek,
  shiftWeek,
  weekOfDate,
} from './schedule.js';
import { characterCount } from './text.js';

/** Whole months to keep, from GALLRING_IAKTTAGELSER_MANADER and GALLRING_LOGG_MANADER; null keeps everything. */
export interface RetentionSettings {
  readonly observationMonths: number | null;
  readonly accessLogMonths: number | null;
}

export interface RetentionCutoffs {
  /** The free text of entries of meetings before this week (exclusive) goes; null: nothing goes. */
  readonly observationsBeforeWeek: MeetingWeek | null;
  /** Access-log rows older than this instant go; null: nothing goes. */
  readonly accessLogBefore: Date | null;
}

export function isRetentionConfigured(settings: RetentionSettings): boolean {
  return settings.observationMonths !== null || settings.accessLogMonths !== null;
}

/**
 * What may go at `now`. Observations: the meetings that started more than N months ago — and never the meeting
 * now under way or just held, nor the coming one, whatever N says. The log: rows older than M months.
 */
export function retentionCutoffs(
  now: Date,
  settings: RetentionSettings,
  schedule: MeetingSchedule,
): RetentionCutoffs {
  const local = DateTime.fromJSDate(now, { zone: schedule.timezone });
  let observationsBeforeWeek: MeetingWeek | null = null;
  if (settings.observationMonths !== null) {
    const limit = local.minus({ months: settings.observationMonths }).toJSDate();
    // The first meeting that started at or after the limit is kept, and every one after it.
    let firstKept = weekOfDate(limit, schedule.timezone);
    if (meetingOfWeek(firstKept, schedule).startsAt.getTime() < limit.getTime())
      firstKept = shiftWeek(firstKept, 1, schedule);
    const current = latestStartedMeeting(now, schedule).week;
    // The earlier of the two; `YYYY-Www` sorts as time does.
    observationsBeforeWeek = [firstKept, current].sort()[0] as MeetingWeek;
  }
  const accessLogBefore =
    settings.accessLogMonths === null ? null : local.minus({ months: settings.accessLogMonths }).toJSDate();
  return { observationsBeforeWeek, accessLogBefore };
}

/** The local hour from which the day's scheduled retention may run: at night, away from the meeting's steps. */
export const RETENTION_LOCAL_HOUR = 3;

/** The local date whose scheduled run is due at `now` (`YYYY-MM-DD`), or null before RETENTION_LOCAL_HOUR. */
export function retentionDueDay(now: Date, timezone: string): string | null {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  return local.hour < RETENTION_LOCAL_HOUR ? null : (local.toISODate() as string);
}

export const PURGE_REASON_MAX = 300;

export type PurgeReasonProblem = 'missing' | 'tooLong' | 'identifies';

/** Why an admin's reason for removing one entry's text cannot be stored, or null when it can. */
export function purgeReasonProblem(reason: string): PurgeReasonProblem | null {
  const text = reason.trim();
  if (text === '') return 'missing';
  if (characterCount(text) > PURGE_REASON_MAX) return 'tooLong';
  if (findPersonalIdentityNumber(text) !== null) return 'identifies';
  return null;
}

/** What the reports need of one week's observations by a party in an area, kept when the text is purged. */
export interface ObservationStatistics {
  readonly meetingWeek: MeetingWeek;
  readonly partyKey: string;
  readonly areaKey: string;
  readonly entryCount: number;
  readonly trends: {
    readonly okar: number;
    readonly oforandrat: number;
    readonly minskar: number;
    readonly none: number;
  };
}
