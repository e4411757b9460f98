import { getEffect } from '../src/db/effects.repository.js';
import { listEntriesForWeek, listPartyStatuses } from '../src/db/entries.repository.js';
import { listAreas } from '../src/db/parties.repository.js';
import { isWithinWindow } from '../src/domain/calendar.js';
import type { Meeting, MeetingWeek } from '../src/domain/schedule.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { renderCompiledPicture } from '../src/slack/compiled.js';
import { runEffect } from './effect.js';
import { agendaKey, compileKey, loadMeeting } from './meeting.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

/** The compiled lägesbild of a meeting, in as many messages as Slack's limits need. */
export async function compiledPictureParts(
  ctx: Pick<CycleContext, 'db' | 'config'>,
  meeting: Meeting,
): Promise<SlackMessage[]> {
  const [statuses, entries, areas] = await Promise.all([
    listPartyStatuses(ctx.db, meeting.week),
    listEntriesForWeek(ctx.db, meeting.week),
    listAreas(ctx.db),
  ]);
  return renderCompiledPicture({
    meeting,
    timezone: ctx.config.schedule.timezone,
    statuses,
    entries,
    areaNames: new Map(areas.map((area) => [area.key, area.name])),
  });
}

/**
 * One part of the compiled picture, posted at the meeting's start in the agenda's thread (or in the channel if
 * there is no agenda to reply to). Each part is its own effect, so a retry resumes at the first part not yet
 * posted; each part queues the next, and the channel queue paces them one a second. The entries lock by time
 * at the start (isOpenForChanges), so every part renders from the same picture.
 */
export async function runCompile(
  ctx: CycleContext,
  week: MeetingWeek,
  part: number,
  options: RunOptions,
): Promise<Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  const { meeting, state } = await loadMeeting(ctx, week);
  if (state.cancelled) return skipped('cancelled');
  if (!options.ignoreWindow && !isWithinWindow('compile', meeting, ctx.clock.now()))
    return skipped('not-due');

  const parts = await compiledPictureParts(ctx, meeting);
  const message = parts[part - 1];
  if (message === undefined) return skipped('no-part');
  const agenda = await getEffect(ctx.db, agendaKey(week, channel));
  const thread = agenda?.status === 'done' ? agenda.messageTs : null;

  const outcome = await runEffect(
    ctx,
    compileKey(week, channel, part),
    options,
    { channelId: channel },
    async () => {
      await ctx.channelTurn(agenda?.channelId ?? channel);
      const posted = await ctx.slack.chat.postMessage({
        channel: agenda?.channelId ?? channel,
        ...(thread === null ? {} : { thread_ts: thread }),
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { channelId: posted.channel ?? channel, messageTs: posted.ts ?? null };
    },
  );
  if ((outcome.status === 'done' || outcome.status === 'already') && part < parts.length) {
    await ctx.enqueue([{ kind: 'compile', week, part: part + 1 }]);
  }
  return outcome;
}
