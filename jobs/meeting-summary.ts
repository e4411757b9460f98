import { getEffect } from '../src/db/effects.repository.js';
import { listAreas, listParties } from '../src/db/parties.repository.js';
import { listPriorityActivityForWeek } from '../src/db/priorities.repository.js';
import { isWithinWindow } from '../src/domain/calendar.js';
import type { Meeting, MeetingWeek } from '../src/domain/schedule.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { renderMeetingSummary } from '../src/slack/priorities.js';
import { runEffect } from './effect.js';
import { agendaKey, loadMeeting, summaryKey } from './meeting.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

/** "Beslut och uppföljning v.NN" of a meeting: the joint priorities agreed, followed up, closed at it. */
export async function meetingSummaryParts(
  ctx: Pick<CycleContext, 'db'>,
  meeting: Meeting,
): Promise<SlackMessage[]> {
  const [activity, parties, areas] = await Promise.all([
    listPriorityActivityForWeek(ctx.db, meeting.week),
    listParties(ctx.db),
    listAreas(ctx.db),
  ]);
  return renderMeetingSummary({ activity, parties, areas });
}

/**
 * One part of the summary, posted after the meeting in the agenda's thread (or in the channel when there was no
 * agenda). Like the compiled picture: each part its own effect, each part queues the next.
 */
export async function runMeetingSummary(
  ctx: CycleContext,
  week: MeetingWeek,
  part: number,
  options: RunOptions,
): Promise<Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  const { meeting, state } = await loadMeeting(ctx, week);
  if (state.cancelled) return skipped('cancelled');
  if (!options.ignoreWindow && !isWithinWindow('summary', meeting, ctx.clock.now()))
    return skipped('not-due');

  const parts = await meetingSummaryParts(ctx, meeting);
  const message = parts[part - 1];
  if (message === undefined) return skipped('no-part');
  const agenda = await getEffect(ctx.db, agendaKey(week, channel));
  const thread = agenda?.status === 'done' ? agenda.messageTs : null;
  const target = agenda?.channelId ?? channel;

  const outcome = await runEffect(
    ctx,
    summaryKey(week, channel, part),
    options,
    { channelId: target },
    async () => {
      await ctx.channelTurn(target);
      const posted = await ctx.slack.chat.postMessage({
        channel: target,
        ...(thread === null ? {} : { thread_ts: thread }),
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { channelId: posted.channel ?? target, messageTs: posted.ts ?? null };
    },
  );
  if ((outcome.status === 'done' || outcome.status === 'already') && part < parts.length) {
    await ctx.enqueue([{ kind: 'summary', week, part: part + 1 }]);
  }
  return outcome;
}
