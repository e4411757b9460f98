import { listMeetingOverrides } from '../src/db/meetings.repository.js';
import { isWithinWindow, nextHeldMeeting } from '../src/domain/calendar.js';
import { type MeetingWeek, shiftWeek } from '../src/domain/schedule.js';
import { renderCancellationNotice } from '../src/slack/agenda.js';
import { postInChannel } from './deliver.js';
import { runEffect } from './effect.js';
import { channelEffectKey, loadMeeting } from './meeting.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

const LOOK_AHEAD_WEEKS = 8;

/** At agenda time of a cancelled meeting: a short notice in the channel instead of the agenda, with the next meeting. */
export async function runCancellationNotice(
  ctx: CycleContext,
  week: MeetingWeek,
  options: RunOptions,
): Promise<Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  const { meeting, state } = await loadMeeting(ctx, week);
  if (!state.cancelled) return skipped('not-due');
  if (!options.ignoreWindow && !isWithinWindow('notice', meeting, ctx.clock.now())) return skipped('not-due');

  const schedule = ctx.config.schedule;
  const weeks = Array.from({ length: LOOK_AHEAD_WEEKS }, (_, i) => shiftWeek(week, i + 1, schedule));
  const overrides = await listMeetingOverrides(ctx.db, weeks);
  const message = renderCancellationNotice({
    meeting,
    timezone: schedule.timezone,
    reason: state.reason,
    next: nextHeldMeeting(week, schedule, overrides, LOOK_AHEAD_WEEKS),
  });
  return runEffect(
    ctx,
    channelEffectKey('notice', week, channel),
    options,
    postInChannel(ctx, channel, message),
  );
}
