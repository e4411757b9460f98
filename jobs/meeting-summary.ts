/**
 * The meeting's summary "Beslut och uppföljning" (its minutes), posted in parts in the agenda's thread after
 * the meeting; it carries the decisions bound to the cancelled meetings just before.
 */

import type { Config } from '../src/config.js';
import type { Executor } from '../src/db/database.js';
import { listMeetingOverrides } from '../src/db/meetings.repository.js';
import { getMinutes } from '../src/db/minutes.repository.js';
import { listPriorityActivityForWeek } from '../src/db/priority-meetings.repository.js';
import { meetingState } from '../src/domain/calendar.js';
import { effectiveMeeting } from '../src/domain/meeting-override.js';
import { type Meeting, type MeetingWeek, shiftWeek } from '../src/domain/schedule.js';
import { loadCatalogue } from '../src/services/catalogue.js';
import { storedDisplayNames } from '../src/services/user-names.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { renderMeetingSummary } from '../src/slack/minutes.js';
import { runThreadedParts } from './threaded-parts.js';
import type { CycleContext } from './types.js';

/** How far back a summary looks for cancelled meetings whose decisions it carries. */
const CANCELLED_LOOK_BACK_WEEKS = 8;

/**
 * The cancelled meetings right before `week`, newest first: a decision bound to a meeting that was then
 * cancelled (a priority agreed on Tuesday for a Friday an admin later called off) belongs to this summary.
 */
export async function cancelledMeetingsBefore(
  ctx: { readonly db: Executor; readonly config: Pick<Config, 'schedule'> },
  week: MeetingWeek,
): Promise<MeetingWeek[]> {
  const schedule = ctx.config.schedule;
  const earlier = Array.from({ length: CANCELLED_LOOK_BACK_WEEKS }, (_, i) =>
    shiftWeek(week, -(i + 1), schedule),
  );
  const overrides = await listMeetingOverrides(ctx.db, earlier);
  const cancelled: MeetingWeek[] = [];
  for (const candidate of earlier) {
    // As it was to be held: a meeting moved off a holiday was held.
    const override = overrides.get(candidate) ?? null;
    const state = meetingState(effectiveMeeting(candidate, schedule, override), override, schedule);
    if (!state.cancelled) break;
    cancelled.push(candidate);
  }
  return cancelled;
}

/**
 * "Beslut och uppföljning v.NN" of a meeting, its minutes: who attended, the joint priorities agreed, followed
 * up and closed at it, and the other decisions and notes. People are named by the names already stored
 * (src/services/user-names.ts; each is refreshed when the person acts): the scheduler renders this every tick
 * of the summary's window, so it asks Slack nothing.
 */
export async function meetingSummaryParts(
  ctx: Pick<CycleContext, 'db' | 'config'>,
  meeting: Meeting,
): Promise<SlackMessage[]> {
  const cancelledBefore = await cancelledMeetingsBefore(ctx, meeting.week);
  const [activity, catalogue, minutes] = await Promise.all([
    listPriorityActivityForWeek(ctx.db, meeting.week, cancelledBefore),
    loadCatalogue(ctx.db),
    getMinutes(ctx.db, meeting.week, cancelledBefore),
  ]);
  const people = await storedDisplayNames(ctx.db, [
    ...activity.events.map((event) => event.actorUserId),
    ...minutes.notes.map((note) => note.authorUserId),
  ]);
  return renderMeetingSummary({
    activity,
    meetingStartsAt: meeting.startsAt,
    meetingDate: meeting.date,
    names: catalogue,
    minutes: { minutes, parties: catalogue.parties },
    people,
  });
}

/**
 * One part of the summary, posted after the meeting in the agenda's thread (or in the channel when there was no
 * agenda). Like the compiled picture: each part its own effect, each part queues the next.
 */
export const runMeetingSummary = runThreadedParts('summary', meetingSummaryParts);
