import { listAreas, listParties } from '../src/db/parties.repository.js';
import { listPriorityActivityForWeek } from '../src/db/priorities.repository.js';
import type { Meeting } from '../src/domain/schedule.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { renderMeetingSummary } from '../src/slack/priorities.js';
import { runThreadedParts } from './threaded-parts.js';
import type { CycleContext } from './types.js';

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
  return renderMeetingSummary({ activity, meetingStartsAt: meeting.startsAt, parties, areas });
}

/**
 * One part of the summary, posted after the meeting in the agenda's thread (or in the channel when there was no
 * agenda). Like the compiled picture: each part its own effect, each part queues the next.
 */
export const runMeetingSummary = runThreadedParts('summary', meetingSummaryParts);
