import { lockEffect, setEffectContentHash } from '../src/db/effects.repository.js';
import { listPartyStatuses } from '../src/db/entries.repository.js';
import { isWithinWindow, type MeetingState } from '../src/domain/calendar.js';
import type { Meeting, MeetingWeek } from '../src/domain/schedule.js';
import { followUpBudget, renderAgenda } from '../src/slack/agenda.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { classifySlackError } from '../src/slack/errors.js';
import { runEffect } from './effect.js';
import { agendaKey, contentHash, loadMeeting } from './meeting.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

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
  return renderAgenda({
    meeting,
    timezone: ctx.config.schedule.timezone,
    meetingUrl: ctx.config.meetingUrl,
    statuses,
    state,
    followUp,
    newPriorityButton: ctx.extensions.newPriorityButton?.(meeting),
  });
}

/**
 * Posts the Friday agenda in the meeting channel, once. A late start still posts it, with the status as it is
 * now; once the meeting has started it is stale and is not posted.
 */
export async function runAgenda(ctx: CycleContext, week: MeetingWeek, options: RunOptions): Promise<Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  const { meeting, state } = await loadMeeting(ctx, week);
  if (state.cancelled) return skipped('cancelled');
  if (!options.ignoreWindow && !isWithinWindow('agenda', meeting, ctx.clock.now())) return skipped('not-due');

  const message = await renderAgendaNow(ctx, meeting, state);
  return runEffect(ctx, agendaKey(week, channel), options, { channelId: channel }, async () => {
    await ctx.channelTurn(channel);
    const posted = await ctx.slack.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    return {
      channelId: posted.channel ?? channel,
      messageTs: posted.ts ?? null,
      contentHash: contentHash(message),
    };
  });
}

/**
 * Brings the posted agenda up to date (`chat.update`) when what it shows has changed: a party submitted or
 * withdrew, the meeting was cancelled, point 2 changed. Holds the agenda's row lock while rendering and
 * updating, so two updates never overtake each other and the newest state is the one left showing.
 */
export async function runAgendaUpdate(ctx: CycleContext, week: MeetingWeek): Promise<Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  const key = agendaKey(week, channel);
  return ctx.db.transaction().execute(async (trx): Promise<Outcome> => {
    const agenda = await lockEffect(trx, key);
    if (agenda === null || agenda.status !== 'done' || agenda.messageTs === null)
      return skipped('not-posted');
    const { meeting, state } = await loadMeeting(ctx, week);
    const message = await renderAgendaNow(ctx, meeting, state);
    const hash = contentHash(message);
    if (hash === agenda.contentHash) return skipped('unchanged');
    try {
      await ctx.channelTurn(agenda.channelId ?? channel);
      await ctx.slack.chat.update({
        channel: agenda.channelId ?? channel,
        ts: agenda.messageTs,
        text: message.text,
        blocks: message.blocks,
      });
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'permanent') throw error;
      // The agenda was deleted or the bot lost the channel: nothing to retry. Remember this state so the
      // scheduler does not try again every minute until something changes.
      ctx.logger.warn({ week, slackError: failure.code }, 'could not update the agenda');
      await setEffectContentHash(trx, key, hash);
      return { status: 'failed', code: failure.code };
    }
    await setEffectContentHash(trx, key, hash);
    ctx.logger.info({ week, ts: agenda.messageTs }, 'agenda updated');
    return { status: 'done', channelId: agenda.channelId, messageTs: agenda.messageTs };
  });
}
