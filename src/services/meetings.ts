/**
 * Which meeting applies now, with the admins' cancellations and the holiday rule: where a submission goes, where
 * a decision belongs, and whether a week's meeting is held. One small query each.
 */

import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db, Executor } from '../db/database.js';
import { getMeetingOverride, holdPictureOpen, listMeetingOverrides } from '../db/meetings.repository.js';
import {
  comingMeeting,
  type MeetingOverride,
  type MeetingState,
  meetingState,
  nextHeldMeeting,
  submissionMeeting,
  submissionWeeks,
  weeksInPlay,
} from '../domain/calendar.js';
import {
  checkFollowUpDate,
  type FollowUpDateCheck,
  followUpWeeks,
  heldMeetingsAfter,
  weekOfLocalDate,
} from '../domain/follow-up-dates.js';
import { effectiveMeeting, type PictureLock, pictureLock } from '../domain/meeting-override.js';
import { boundMeeting, decisionCalendarWeeks, defaultFollowUpDate } from '../domain/priority-meetings.js';
import { localDate, type Meeting, type MeetingWeek, shiftWeek } from '../domain/schedule.js';

const LOOK_AHEAD_WEEKS = 8;

const noDecision: MeetingOverride = { cancelled: null, reason: null };

/** Where a decision made now belongs, and when what is agreed there is followed up by default. */
export interface DecisionCalendar {
  readonly now: Date;
  /** Today's local date where the meeting is held. */
  readonly today: string;
  /** The meeting a decision made now is bound to (a button's meeting while it may still take one). */
  readonly meeting: Meeting;
  /** The next held meeting after it: the default follow-up date of what is agreed there. */
  readonly defaultFollowUpDate: string;
}

export interface Meetings {
  /**
   * The meeting a submission made now goes to (and the one status, visa and mina show by default): the next that
   * has not started and is held, skipping cancelled ones.
   */
  open(db?: Executor): Promise<Meeting>;
  /**
   * The one place that binds priorities, notes and status changes to a meeting: never a cancelled meeting, which
   * gets no "Beslut och uppföljning", nor one whose summary is already posted.
   */
  decisionCalendar(requested?: MeetingWeek | null, db?: Executor): Promise<DecisionCalendar>;
  /**
   * A week's meeting as it will be held (moved, if an admin moved it), whether it is held, and whether its
   * lägesbild is locked now (started, or compiled early).
   */
  ofWeek(week: MeetingWeek, db?: Executor): Promise<WeekMeeting>;
  /** The coming meeting for an operator: the one under way, else the next (held or not). */
  coming(db?: Executor): Promise<Meeting>;
  /**
   * The held meeting before `open` when its picture is locked and it is today's (or still ahead, compiled
   * early): a submission now may have been meant for it, and is told where it went instead. Null otherwise.
   */
  justLocked(open: Meeting, db?: Executor): Promise<{ meeting: Meeting; lock: PictureLock } | null>;
  /** The next held meeting after a week's, within eight weeks; null when none is. */
  nextHeldAfter(week: MeetingWeek, db?: Executor): Promise<Meeting | null>;
  /**
   * A joint priority's follow-up dates (src/domain/follow-up-dates.ts): the held meetings after `week` the forms
   * offer, and whether a meeting is held on a date. One query.
   */
  followUpDates(
    week: MeetingWeek,
    db?: Executor,
    options?: { readonly including?: boolean },
  ): Promise<{ choices: Meeting[]; check(date: string): Promise<FollowUpDateCheck> }>;
}

export interface WeekMeeting {
  readonly meeting: Meeting;
  readonly state: MeetingState;
  readonly lock: PictureLock | null;
  readonly override: MeetingOverride | null;
}

export function createMeetings(env: { config: Pick<Config, 'schedule'>; clock: Clock; db: Db }): Meetings {
  const { schedule } = env.config;
  return {
    async open(db = env.db) {
      const now = env.clock.now();
      const overrides = await listMeetingOverrides(db, submissionWeeks(now, schedule));
      // Held open until a submission's transaction ends; a lock that came in between moves it on.
      for (let attempt = 0; ; attempt += 1) {
        const meeting = submissionMeeting(now, schedule, overrides);
        const lockedAt = await holdPictureOpen(db, meeting.week);
        if (lockedAt === null || attempt >= 2) return meeting;
        overrides.set(meeting.week, {
          ...(overrides.get(meeting.week) ?? noDecision),
          pictureLockedAt: lockedAt,
        });
      }
    },
    async decisionCalendar(requested = null, db = env.db) {
      const now = env.clock.now();
      const overrides = await listMeetingOverrides(db, decisionCalendarWeeks(now, schedule, requested));
      const today = localDate(now, schedule.timezone);
      const meeting = boundMeeting(requested, now, schedule, overrides);
      return {
        now,
        today,
        meeting,
        defaultFollowUpDate: defaultFollowUpDate(meeting.week, schedule, overrides, today),
      };
    },
    async ofWeek(week, db = env.db) {
      const override = await getMeetingOverride(db, week);
      const meeting = effectiveMeeting(week, schedule, override);
      return {
        meeting,
        state: meetingState(meeting, override, schedule),
        lock: pictureLock(meeting, override, env.clock.now()),
        override,
      };
    },
    async coming(db = env.db) {
      const now = env.clock.now();
      return comingMeeting(now, schedule, await listMeetingOverrides(db, weeksInPlay(now, schedule)));
    },
    async justLocked(open, db = env.db) {
      const now = env.clock.now();
      const weeks = Array.from({ length: LOOK_AHEAD_WEEKS }, (_, i) =>
        shiftWeek(open.week, -(i + 1), schedule),
      );
      const overrides = await listMeetingOverrides(db, weeks);
      for (const week of weeks) {
        const override = overrides.get(week) ?? null;
        const meeting = effectiveMeeting(week, schedule, override);
        if (meetingState(meeting, override, schedule).cancelled) continue;
        const lock = pictureLock(meeting, override, now);
        const today = localDate(now, schedule.timezone);
        return lock !== null && (today <= meeting.date || now < meeting.endsAt) ? { meeting, lock } : null;
      }
      return null;
    },
    async followUpDates(week, db = env.db, options = {}) {
      const read = new Set(followUpWeeks(week, schedule));
      const overrides = await listMeetingOverrides(db, [...read]);
      return {
        choices: heldMeetingsAfter(week, schedule, overrides, undefined, options.including ?? false),
        async check(date) {
          // A date beyond the weeks already read (far ahead, or before the meeting) reads its own.
          const weeks = followUpWeeks(weekOfLocalDate(date), schedule);
          const known = weeks.every((w) => read.has(w));
          return checkFollowUpDate(date, schedule, known ? overrides : await listMeetingOverrides(db, weeks));
        },
      };
    },
    async nextHeldAfter(week, db = env.db) {
      const weeks = Array.from({ length: LOOK_AHEAD_WEEKS }, (_, i) => shiftWeek(week, i + 1, schedule));
      return nextHeldMeeting(week, schedule, await listMeetingOverrides(db, weeks), LOOK_AHEAD_WEEKS);
    },
  };
}
