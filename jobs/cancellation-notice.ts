/** At agenda time of a cancelled meeting: a short notice in the channel instead of the agenda, with the next meeting. */

import type { MeetingWeek } from '../src/domain/schedule.js';
import { postInChannel } from '../src/effects/delivery.js';
import { channelEffectKey } from '../src/effects/keys.js';
import { renderCancellationNotice } from '../src/slack/agenda.js';
import { isSkip, meetingJob } from './guard.js';
import { runEffect } from './run-effect.js';
import type { CycleContext, Outcome, RunOptions } from './types.js';

export async function runCancellationNotice(
  ctx: CycleContext,
  week: MeetingWeek,
  options: RunOptions,
): Promise<Outcome> {
  const job = await meetingJob(ctx, 'notice', week, options, { cancelled: true });
  if (isSkip(job)) return job;
  const message = renderCancellationNotice({
    meeting: job.meeting,
    timezone: ctx.config.schedule.timezone,
    reason: job.state.reason,
    next: await ctx.meetings.nextHeldAfter(week, ctx.db),
  });
  return runEffect(
    ctx,
    channelEffectKey('notice', week, job.channel),
    options,
    postInChannel(ctx.slack, ctx.channelTurn, job.channel, message),
  );
}
