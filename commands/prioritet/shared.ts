import { listMeetingOverrides } from '../../src/db/meetings.repository.js';
import { listAdmins } from '../../src/db/members.repository.js';
import type { Deps } from '../../src/deps.js';
import {
  boundMeeting,
  decisionCalendarWeeks,
  defaultFollowUpDate,
  localDate,
} from '../../src/domain/priorities.js';
import type { Meeting, MeetingWeek } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { errorFields } from '../../src/logger.js';
import type { SlackMessage } from '../../src/slack/blocks.js';
import { mention } from '../../src/slack/mrkdwn.js';

/** "You are not a member; ask one of these admins", naming them. */
export async function notMemberText(deps: Deps): Promise<string> {
  const admins = await listAdmins(deps.db);
  return admins.length === 0 ? sv.prioritet.noAdmins : sv.prioritet.notMember(admins.map(mention).join(', '));
}

/** "Only party members and admins may read the priorities; ask one of these admins", naming them. */
export async function notAllowedToReadText(deps: Deps): Promise<string> {
  const admins = await listAdmins(deps.db);
  return admins.length === 0
    ? sv.prioritet.noAdmins
    : sv.prioritet.notAllowedToRead(admins.map(mention).join(', '));
}

/** Where a decision made now belongs, and when what is agreed there is followed up by default. */
export interface DecisionCalendar {
  readonly now: Date;
  /** Today's local date where the meeting is held. */
  readonly today: string;
  /** The meeting a decision made now is bound to (boundMeeting: a button's meeting while it may still take one). */
  readonly meeting: Meeting;
  /**
   * The default follow-up date of a priority agreed at that meeting (the next held meeting after it): what the
   * modal's hint promises and what is stored when the date is left empty.
   */
  readonly defaultFollowUpDate: string;
}

/**
 * The one place that binds priorities, notes and status changes to a meeting: reads the admins' cancellations
 * for the weeks that can matter (one query) and applies the holiday rule, so nothing is bound to a cancelled
 * meeting, which gets no "Beslut och uppföljning", nor to one whose summary is already posted.
 */
export async function loadDecisionCalendar(
  deps: Deps,
  requested: MeetingWeek | null = null,
): Promise<DecisionCalendar> {
  const { schedule } = deps.config;
  const now = deps.clock.now();
  const overrides = await listMeetingOverrides(deps.db, decisionCalendarWeeks(now, schedule, requested));
  const today = localDate(now, schedule.timezone);
  const meeting = boundMeeting(requested, now, schedule, overrides);
  return {
    now,
    today,
    meeting,
    defaultFollowUpDate: defaultFollowUpDate(meeting.week, schedule, overrides, today),
  };
}

/** Logs a failure with ids only (see errorFields: never a value users typed). */
export function logFailure(deps: Deps, error: unknown, message: string, ids: Record<string, unknown>): void {
  deps.logger.error({ ...ids, err: errorFields(error) }, message);
}

/** An ephemeral answer through a response_url, added below the message rather than replacing it. */
export function ephemeral(message: SlackMessage | string) {
  return typeof message === 'string'
    ? { response_type: 'ephemeral' as const, replace_original: false, text: message }
    : { response_type: 'ephemeral' as const, replace_original: false, ...message };
}
