/**
 * Posting a long message in parts in the agenda's thread, one effect per part: the runner the compiled
 * lägesbild (./compile.ts) and the meeting summary (./meeting-summary.ts) share.
 */

import type { Meeting, MeetingWeek } from '../src/domain/schedule.js';
import { postInChannel } from '../src/effects/delivery.js';
import { partKey } from '../src/effects/keys.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { settledAgenda } from './agenda-thread.js';
import { isSkip, meetingJob } from './guard.js';
import { runEffect } from './run-effect.js';
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
    const job = await meetingJob(ctx, kind, week, options);
    if (isSkip(job)) return job;
    const parts = await partsOf(ctx, job.meeting);
    const message = parts[part - 1];
    if (message === undefined) return skipped('no-part');
    const agenda = await settledAgenda(ctx, week, job.channel);
    const thread = agenda?.status === 'done' ? agenda.messageTs : null;

    const outcome = await runEffect(
      ctx,
      partKey(kind, week, job.channel, part),
      options,
      postInChannel(ctx.slack, ctx.channelTurn, agenda?.channelId ?? job.channel, message, {
        threadTs: thread,
        stillDue: job.stillDue,
      }),
    );
    if ((outcome.status === 'done' || outcome.status === 'already') && part < parts.length) {
      await ctx.enqueue([{ kind, week, part: part + 1 }]);
    }
    return outcome;
  };
}
