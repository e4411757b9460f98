/**
 * The guard every channel job of a meeting opens with: a meeting channel is configured, the meeting is held, and
 * (unless an operator asked for now) its moment has come and not passed. `stillDue` asks again when the channel's
 * turn comes, seconds later: an agenda posted after the meeting has started would be stale.
 */

import { type CycleAction, isWithinWindow, type MeetingState } from '../src/domain/calendar.js';
import type { Meeting, MeetingWeek } from '../src/domain/schedule.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

export interface MeetingJob {
  readonly channel: string;
  readonly meeting: Meeting;
  readonly state: MeetingState;
  stillDue(): boolean;
}

export async function meetingJob(
  ctx: CycleContext,
  action: CycleAction,
  week: MeetingWeek,
  options: RunOptions,
  when: { cancelled: boolean } = { cancelled: false },
): Promise<MeetingJob | Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  const { meeting, state } = await ctx.meetings.ofWeek(week, ctx.db);
  // Most jobs are for held meetings; the cancellation notice is for cancelled ones.
  if (state.cancelled !== when.cancelled) return skipped(state.cancelled ? 'cancelled' : 'not-due');
  const stillDue = () => options.ignoreWindow || isWithinWindow(action, meeting, ctx.clock.now());
  if (!stillDue()) return skipped('not-due');
  return { channel, meeting, state, stillDue };
}

export function isSkip(value: MeetingJob | Outcome): value is Outcome {
  return 'status' in value;
}
