import { isWithinWindow } from '../src/domain/calendar.js';
import type { Meeting, MeetingWeek } from '../src/domain/schedule.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { settledAgenda } from './agenda-thread.js';
import { postInChannel } from './deliver.js';
import { runEffect } from './effect.js';
import { loadMeeting, partKey } from './meeting.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

/** Runs one part of a message posted in parts; the same signature for each kind. */
export type PartRunner = (
  ctx: CycleContext,
  week: MeetingWeek,
  part: number,
  options: RunOptions,
) => Promise<Outcome>;

/**
 * A message in parts posted in the agenda's thread (or in the channel when there is no agenda to reply to): the
 * compiled picture at the meeting's start, the summary after it. Each part is its own effect, so a retry resumes
 * at the first part not yet posted; each part queues the next once it is posted, and the channel queue paces
 * them one a second. Every part renders from the same state (`partsOf` reads what is locked for the meeting).
 */
export function runThreadedParts(
  kind: 'compile' | 'summary',
  partsOf: (ctx: CycleContext, meeting: Meeting) => Promise<SlackMessage[]>,
): PartRunner {
  return async (ctx, week, part, options) => {
    const channel = ctx.config.meetingChannelId;
    if (channel === null) return skipped('no-channel');
    const { meeting, state } = await loadMeeting(ctx, week);
    if (state.cancelled) return skipped('cancelled');
    if (!options.ignoreWindow && !isWithinWindow(kind, meeting, ctx.clock.now())) return skipped('not-due');

    const parts = await partsOf(ctx, meeting);
    const message = parts[part - 1];
    if (message === undefined) return skipped('no-part');
    const agenda = await settledAgenda(ctx, week, channel);
    const thread = agenda?.status === 'done' ? agenda.messageTs : null;

    const outcome = await runEffect(
      ctx,
      partKey(kind, week, channel, part),
      options,
      postInChannel(ctx, agenda?.channelId ?? channel, message, {
        threadTs: thread,
        stillDue: () => options.ignoreWindow || isWithinWindow(kind, meeting, ctx.clock.now()),
      }),
    );
    if ((outcome.status === 'done' || outcome.status === 'already') && part < parts.length) {
      await ctx.enqueue([{ kind, week, part: part + 1 }]);
    }
    return outcome;
  };
}
