/**
 * The last call, a reply in the agenda's thread naming the parties still missing and mentioning their members.
 * Nothing when every party has submitted, and nothing once the meeting has started.
 */

import { listMembers } from '../src/db/members.repository.js';
import { listPartyStatuses } from '../src/db/party-reports.repository.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { postInChannel } from '../src/effects/delivery.js';
import { channelEffectKey } from '../src/effects/keys.js';
import { renderLastCall } from '../src/slack/agenda.js';
import { settledAgenda } from './agenda-thread.js';
import { isSkip, meetingJob } from './guard.js';
import { runEffect } from './run-effect.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

export async function runLastCall(
  ctx: CycleContext,
  week: MeetingWeek,
  options: RunOptions,
): Promise<Outcome> {
  const job = await meetingJob(ctx, 'lastcall', week, options);
  if (isSkip(job)) return job;
  const agenda = await settledAgenda(ctx, week, job.channel);
  if (agenda === null || agenda.status !== 'done' || agenda.messageTs === null) return skipped('no-agenda');
  const statuses = await listPartyStatuses(ctx.db, week);
  const missing = statuses.filter((status) => !status.submitted);
  if (missing.length === 0) return skipped('nothing-missing');

  const members = await listMembers(
    ctx.db,
    missing.map((status) => status.partyKey),
  );
  const message = renderLastCall({
    meeting: job.meeting,
    timezone: ctx.config.schedule.timezone,
    partyCount: statuses.length,
    missing: missing.map((status) => ({
      partyName: status.partyName,
      memberIds: members.filter((m) => m.partyKey === status.partyKey).map((m) => m.userId),
    })),
  });
  return runEffect(
    ctx,
    channelEffectKey('lastcall', week, job.channel),
    options,
    postInChannel(ctx.slack, ctx.channelTurn, agenda.channelId ?? job.channel, message, {
      threadTs: agenda.messageTs,
      stillDue: job.stillDue,
    }),
  );
}
