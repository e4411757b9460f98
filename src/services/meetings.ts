import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db, Executor } from '../db/database.js';
import { getMeetingOverride, listMeetingOverrides } from '../db/meetings.repository.js';
import {
  type MeetingState,
  meetingState,
  nextHeldMeeting,
  submissionMeeting,
  submissionWeeks,
} from '../domain/calendar.js';
import {
  boundMeeting,
  decisionCalendarWeeks,
  defaultFollowUpDate,
  localDate,
} from '../domain/priority-meetings.js';
import { type Meeting, type MeetingWeek, meetingOfWeek, shiftWeek } from '../domain/schedule.js';

const LOOK_AHEAD_WEEKS = 8;

/**
 * Which meeting applies now, with the admins' cancellations and the holiday rule: where a submission goes, where
 * a decision belongs, and whether a week's meeting is held. One small query each.
 */

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
  /** A week's meeting and whether it is held. */
  ofWeek(week: MeetingWeek, db?: Executor): Promise<{ meeting: Meeting; state: MeetingState }>;
  /** The next held meeting after a week's, within eight weeks; null when none is. */
  nextHeldAfter(week: MeetingWeek, db?: Executor): Promise<Meeting | null>;
}

export function createMeetings(env: { config: Pick<Config, 'schedule'>; clock: Clock; db: Db }): Meetings {
  const { schedule } = env.config;
  return {
    async open(db = env.db) {
      const now = env.clock.now();
      const overrides = await listMeetingOverrides(db, submissionWeeks(now, schedule));
      return submissionMeeting(now, schedule, overrides);
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
      const meeting = meetingOfWeek(week, schedule);
      return { meeting, state: meetingState(meeting, await getMeetingOverride(db, week), schedule) };
    },
    async nextHeldAfter(week, db = env.db) {
      const weeks = Array.from({ length: LOOK_AHEAD_WEEKS }, (_, i) => shiftWeek(week, i + 1, schedule));
      return nextHeldMeeting(week, schedule, await listMeetingOverrides(db, weeks), LOOK_AHEAD_WEEKS);
    },
  };
}
