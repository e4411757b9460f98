/**
 * A week's meeting with the admins' decisions applied: moved to another day and time of its week, and its
 * picture's lock. Pure; src/services/meetings.ts and the scheduler read the `meetings` rows and apply these, so
 * every step of the cycle (call, agenda, last call, compile, summary, the lock) follows a moved meeting.
 */

import { DateTime } from 'luxon';
import { type Meeting, type MeetingSchedule, type MeetingWeek, meetingOfWeek } from './schedule.js';

/** The admins' decisions about one meeting (`meetings` table) and the lock its compiled picture set. */
export interface MeetingOverride {
  /** Cancelled, or held despite a holiday; null when no admin decided (the schedule and holidays do). */
  readonly cancelled: boolean | null;
  readonly reason: string | null;
  /** The admin who cancelled or resumed it; absent where only the decision itself was read. */
  readonly changedBy?: string | null;
  /** The start an admin moved the meeting to; null or absent: the schedule's. */
  readonly startsAt?: Date | null;
  readonly movedBy?: string | null;
  /** When the compiled picture locked the lägesbild; null or absent while it is open. */
  readonly pictureLockedAt?: Date | null;
}

/** Clamped to the day: a step moved with the start never wraps into another day. */
function minuteOfDay(minute: number): number {
  return Math.min(Math.max(minute, 0), 24 * 60 - 1);
}

function at(day: DateTime, minute: number): Date {
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toJSDate();
}

/**
 * The meeting of a week as it will be held. A moved meeting keeps its week (its identity) and its length; the
 * call goes out the configured days before its new day, and the agenda and last call move with the start, so
 * they keep their distance before it (07:30 and 08:30 before a 09:00 meeting are 07:00 and 08:00 before 08:30).
 */
export function effectiveMeeting(
  week: MeetingWeek,
  schedule: MeetingSchedule,
  override: MeetingOverride | null | undefined,
): Meeting {
  const planned = meetingOfWeek(week, schedule);
  const startsAt = override?.startsAt ?? null;
  if (startsAt === null || startsAt.getTime() === planned.startsAt.getTime()) return planned;
  const local = DateTime.fromJSDate(startsAt, { zone: schedule.timezone });
  const day = local.startOf('day');
  const shift = local.hour * 60 + local.minute - schedule.meetingMinute;
  return Object.freeze({
    week,
    date: day.toISODate() as string,
    startsAt,
    endsAt: new Date(startsAt.getTime() + schedule.lengthMinutes * 60_000),
    callAt: at(day.minus({ days: schedule.callDaysBefore }), schedule.callMinute),
    agendaAt: at(day, minuteOfDay(schedule.agendaMinute + shift)),
    lastCallAt: at(day, minuteOfDay(schedule.lastCallMinute + shift)),
    movedFrom: planned.startsAt,
  });
}

/** Why a meeting's lägesbild takes no more changes: its meeting started, or its picture was compiled early. */
export type PictureLock =
  | { readonly kind: 'started'; readonly at: Date }
  | { readonly kind: 'compiled'; readonly at: Date };

/**
 * Whether a meeting's lägesbild is locked at `now`, and why: from its (moved) start, or from the moment its
 * compiled picture was posted ahead of it (`jobs run compile --force`). Null while entries may still change.
 */
export function pictureLock(
  meeting: Pick<Meeting, 'startsAt'>,
  override: MeetingOverride | null | undefined,
  now: Date,
): PictureLock | null {
  const locked = override?.pictureLockedAt ?? null;
  // Written with the app's clock when the picture is posted, as the meeting's times are reckoned.
  if (locked !== null && locked.getTime() < meeting.startsAt.getTime())
    return { kind: 'compiled', at: locked };
  if (meeting.startsAt.getTime() <= now.getTime()) return { kind: 'started', at: meeting.startsAt };
  return null;
}
