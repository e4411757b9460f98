import type { MeetingWeek } from '../src/domain/schedule.js';
import { renderAdminAlert } from '../src/slack/agenda.js';
import { runEffect } from './effect.js';
import { alertTarget, type CycleContext, type Outcome, type Problem, type RunOptions } from './types.js';

/**
 * A direct message to one admin about something Slack refused for good, saying what to fix. Once per admin,
 * meeting, error and place, whatever number of jobs ran into the same problem.
 */
export async function runAdminAlert(
  ctx: CycleContext,
  week: MeetingWeek,
  adminId: string,
  problem: Problem,
  options: RunOptions,
): Promise<Outcome> {
  const message = renderAdminAlert({ week, ...problem });
  const key = { meetingWeek: week, kind: 'alert', target: `${adminId}/${alertTarget(problem)}` };
  return runEffect(ctx, key, options, { userId: adminId }, async () => {
    const posted = await ctx.slack.chat.postMessage({
      channel: adminId,
      text: message.text,
      blocks: message.blocks,
    });
    return { channelId: posted.channel ?? null, messageTs: posted.ts ?? null };
  });
}
