import { listPartyStatuses } from '../src/db/entries.repository.js';
import { listMembers } from '../src/db/members.repository.js';
import { isWithinWindow } from '../src/domain/calendar.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { renderLastCall } from '../src/slack/agenda.js';
import { settledAgenda } from './agenda-thread.js';
import { postInChannel } from './deliver.js';
import { runEffect } from './effect.js';
import { channelEffectKey, loadMeeting } from './meeting.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

/**
 * The last call, a reply in the agenda's thread naming the parties still missing and mentioning their members.
 * Nothing when every party has submitted, and nothing once the meeting has started.
 */
export async function runLastCall(
  ctx: CycleContext,
  week: MeetingWeek,
  options: RunOptions,
): Promise<Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  const { meeting, state } = await loadMeeting(ctx, week);
  if (state.cancelled) return skipped('cancelled');
  if (!options.ignoreWindow && !isWithinWindow('lastcall', meeting, ctx.clock.now()))
    return skipped('not-due');

  const agenda = await settledAgenda(ctx, week, channel);
  if (agenda === null || agenda.status !== 'done' || agenda.messageTs === null) return skipped('no-agenda');
  const statuses = await listPartyStatuses(ctx.db, week);
  const missing = statuses.filter((status) => !status.submitted);
  if (missing.length === 0) return skipped('nothing-missing');

  const members = await listMembers(
    ctx.db,
    missing.map((status) => status.partyKey),
  );
  const message = renderLastCall({
    meeting,
    timezone: ctx.config.schedule.timezone,
    partyCount: statuses.length,
    missing: missing.map((status) => ({
      partyName: status.partyName,
      memberIds: members.filter((m) => m.partyKey === status.partyKey).map((m) => m.userId),
    })),
  });
  return runEffect(
    ctx,
    channelEffectKey('lastcall', week, channel),
    options,
    postInChannel(ctx, agenda.channelId ?? channel, message, {
      threadTs: agenda.messageTs,
      stillDue: () => options.ignoreWindow || isWithinWindow('lastcall', meeting, ctx.clock.now()),
    }),
  );
}
