/**
 * The Friday agenda in the meeting channel: posted once before the meeting week's meeting, then kept current
 * (each party's lägesbild status, the priorities' points) by coalesced `chat.update`s.
 */

import { getEffect, setEffectContentHash } from '../src/db/effects.repository.js';
import { listPartyStatuses } from '../src/db/party-reports.repository.js';
import type { MeetingState } from '../src/domain/calendar.js';
import type { Meeting, MeetingWeek } from '../src/domain/schedule.js';
import { problemOf, sendAlerts } from '../src/effects/alerts.js';
import { postInChannel } from '../src/effects/delivery.js';
import { agendaKey } from '../src/effects/keys.js';
import { IN_FLIGHT_RECHECK_MS } from '../src/effects/state.js';
import { followUpBudget, renderAgenda } from '../src/slack/agenda.js';
import { contentHash, type SlackMessage } from '../src/slack/blocks.js';
import { classifySlackError } from '../src/slack/errors.js';
import { isSkip, meetingJob } from './guard.js';
import { RetryLater } from './policy.js';
import { runEffect } from './run-effect.js';
import { alertEnvOf, type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

/**
 * How long one agenda update may hold the week's update lock: longer than a wait for the channel's turn and a
 * Slack call take; a holder that died frees it by then.
 */
const UPDATE_LOCK_MS = 45_000;

/** The agenda as it should look now: rendered from the database, with today's status of every party. */
export async function renderAgendaNow(
  ctx: CycleContext,
  meeting: Meeting,
  state: MeetingState,
): Promise<SlackMessage> {
  const statuses = await listPartyStatuses(ctx.db, meeting.week);
  const followUp =
    state.cancelled || ctx.extensions.followUp === undefined
      ? undefined
      : await ctx.extensions.followUp(meeting, followUpBudget(statuses));
  const proposals =
    state.cancelled || ctx.extensions.proposals === undefined
      ? undefined
      : await ctx.extensions.proposals(meeting, ctx.config.schedule);
  return renderAgenda({
    meeting,
    timezone: ctx.config.schedule.timezone,
    meetingUrl: ctx.config.meetingUrl,
    statuses,
    state,
    followUp,
    newPriorityButton: ctx.extensions.newPriorityButton?.(meeting),
    proposals,
    minutesButtons: ctx.extensions.minutesButtons?.(meeting),
  });
}

/**
 * Posts the Friday agenda in the meeting channel, once. A late start still posts it, with the status as it is
 * now; once the meeting has started it is stale and is not posted. A change stored while it was being posted
 * found no agenda to update (statusChanged), so one update follows the post, under the id the tick uses for it:
 * it renders the status then, and changes nothing when nothing changed.
 */
export async function runAgenda(ctx: CycleContext, week: MeetingWeek, options: RunOptions): Promise<Outcome> {
  const job = await meetingJob(ctx, 'agenda', week, options);
  if (isSkip(job)) return job;
  const message = await renderAgendaNow(ctx, job.meeting, job.state);
  const outcome = await runEffect(
    ctx,
    agendaKey(week, job.channel),
    options,
    postInChannel(ctx.slack, ctx.channelTurn, job.channel, message, {
      contentHash: contentHash(message),
      stillDue: job.stillDue,
    }),
  );
  if (outcome.status === 'done') await ctx.enqueue([{ kind: 'agenda-update', week }]);
  return outcome;
}

/**
 * Brings the posted agenda up to date (`chat.update`) when what it shows has changed: a party submitted or
 * withdrew, the meeting was cancelled, point 2 changed. One update of a week at a time, whichever replica runs
 * it (a lock in Redis, not a database transaction held across Slack), so two never overtake each other and the
 * newest state is the one left showing; an update finding the lock taken runs again shortly.
 */
export async function runAgendaUpdate(ctx: CycleContext, week: MeetingWeek): Promise<Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  const key = agendaKey(week, channel);
  const release = await ctx.tryLock(`agenda-update:${week}`, UPDATE_LOCK_MS);
  if (release === null)
    throw new RetryLater(`another update of the agenda ${week} runs`, IN_FLIGHT_RECHECK_MS);
  try {
    const agenda = await getEffect(ctx.db, key);
    if (agenda === null || agenda.status !== 'done' || agenda.messageTs === null)
      return skipped('not-posted');
    const { meeting, state } = await ctx.meetings.ofWeek(week, ctx.db);
    const message = await renderAgendaNow(ctx, meeting, state);
    const hash = contentHash(message);
    if (hash === agenda.contentHash) return skipped('unchanged');
    const target = agenda.channelId ?? channel;
    const ts = agenda.messageTs;
    try {
      await ctx.channelTurn(target, () =>
        ctx.slack.web.chat.update({ channel: target, ts, text: message.text, blocks: message.blocks }),
      );
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'permanent') throw error;
      // The agenda was deleted or the bot lost the channel: nothing to retry. Remember this state so the
      // scheduler does not try again every minute until something changes.
      ctx.logger.warn({ week, slackError: failure.code }, 'could not update the agenda');
      // The admins are told what to fix (alerts are effects: asked again, none is sent twice), unless someone
      // deleted the agenda, which is their choice. The agenda is updated again at the next change.
      const problem = problemOf({ kind: 'agenda-update' }, { channelId: target }, failure.code);
      if (problem !== null && failure.code !== 'message_not_found') {
        await sendAlerts(alertEnvOf(ctx), week, { ...problem, retryInMinutes: null });
      }
      await setEffectContentHash(ctx.db, key, hash);
      return { status: 'failed', code: failure.code };
    }
    await setEffectContentHash(ctx.db, key, hash);
    ctx.logger.info({ week, ts: agenda.messageTs }, 'agenda updated');
    return { status: 'done', channelId: agenda.channelId, messageTs: agenda.messageTs };
  } finally {
    await release();
  }
}
