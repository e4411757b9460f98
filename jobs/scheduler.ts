import { type Effect, listEffects } from '../src/db/effects.repository.js';
import { listPartyStatuses } from '../src/db/entries.repository.js';
import { listMeetingOverrides } from '../src/db/meetings.repository.js';
import {
  type CycleAction,
  isDue,
  type MeetingState,
  meetingState,
  meetingsInPlay,
} from '../src/domain/calendar.js';
import type { Meeting } from '../src/domain/schedule.js';
import { renderAgendaNow } from './agenda.js';
import { callRecipients } from './call-for-input.js';
import { compiledPictureParts } from './compile.js';
import { isSettled } from './effect.js';
import { dueFollowUpReminders, type FollowUpJob } from './follow-up-reminder.js';
import {
  agendaKey,
  callKey,
  channelEffectKey,
  compileKey,
  contentHash,
  followUpKey,
  summaryKey,
} from './meeting.js';
import { meetingSummaryParts } from './meeting-summary.js';
import type { CycleContext, CycleJob } from './types.js';

/** The actions that post in the meeting channel; without MEETING_CHANNEL_ID they are skipped. */
const CHANNEL_ACTIONS: ReadonlySet<CycleAction> = new Set([
  'agenda',
  'lastcall',
  'compile',
  'summary',
  'notice',
]);

function keyOf(effect: { kind: string; target: string }): string {
  return `${effect.kind}\u0000${effect.target}`;
}

/**
 * The level-triggered heart of the cycle: from the clock, the configuration and the database, every job that is
 * due now and not yet done. Running it twice, on two replicas, or after Redis lost its queues gives the same
 * answer until the jobs are done; a job re-checks when it runs, so enqueuing a job twice does no harm.
 *
 * `warnOnce` is told about each channel action skipped because no meeting channel is configured.
 */
export async function planDueJobs(
  ctx: CycleContext,
  now: Date,
  warnOnce: (action: CycleAction) => void = () => {},
): Promise<CycleJob[]> {
  const schedule = ctx.config.schedule;
  const channel = ctx.config.meetingChannelId;
  const meetings = meetingsInPlay(now, schedule);
  const overrides = await listMeetingOverrides(
    ctx.db,
    meetings.map((meeting) => meeting.week),
  );
  const jobs: CycleJob[] = [];
  for (const meeting of meetings) {
    const state = meetingState(meeting, overrides.get(meeting.week) ?? null, schedule);
    const effects = new Map(
      (await listEffects(ctx.db, meeting.week)).map((effect) => [keyOf(effect), effect] as const),
    );
    const effect = (key: { kind: string; target: string }): Effect | undefined => effects.get(keyOf(key));
    const due = (action: CycleAction) => isDue(action, meeting, state, now);

    if (due('call')) {
      for (const userId of await callRecipients(ctx, meeting.week)) {
        if (!isSettled(effect(callKey(meeting.week, userId)), now)) {
          jobs.push({ kind: 'call', week: meeting.week, userId });
        }
      }
    }

    const channelDue = [...CHANNEL_ACTIONS].filter(due);
    if (channel === null) {
      for (const action of channelDue) warnOnce(action);
      continue;
    }
    const agenda = effect(agendaKey(meeting.week, channel));
    const agendaPosted = agenda?.status === 'done' && agenda.messageTs !== null;

    if (due('notice') && !isSettled(effect(channelEffectKey('notice', meeting.week, channel)), now)) {
      jobs.push({ kind: 'notice', week: meeting.week });
    }
    if (due('agenda') && !isSettled(agenda, now)) {
      jobs.push({ kind: 'agenda', week: meeting.week });
    }
    if (
      due('lastcall') &&
      agendaPosted &&
      !isSettled(effect(channelEffectKey('lastcall', meeting.week, channel)), now) &&
      (await somePartyIsMissing(ctx, meeting))
    ) {
      jobs.push({ kind: 'lastcall', week: meeting.week });
    }
    if (due('compile')) {
      const parts = (await compiledPictureParts(ctx, meeting)).length;
      const part = firstPartToPost(parts, (n) => compileKey(meeting.week, channel, n), effect, now);
      if (part !== null) jobs.push({ kind: 'compile', week: meeting.week, part });
    }
    if (due('summary')) {
      const parts = (await meetingSummaryParts(ctx, meeting)).length;
      const part = firstPartToPost(parts, (n) => summaryKey(meeting.week, channel, n), effect, now);
      if (part !== null) jobs.push({ kind: 'summary', week: meeting.week, part });
    }
    // The agenda is kept true until the meeting ends; after that it is a record of how the week went.
    if (agendaPosted && now < meeting.endsAt && (await agendaIsOutdated(ctx, meeting, state, agenda))) {
      jobs.push({ kind: 'agenda-update', week: meeting.week });
    }
  }
  return [...jobs, ...(await followUpRemindersToSend(ctx, now))];
}

/** The joint priorities' day-before reminders that are due and not yet sent. */
async function followUpRemindersToSend(ctx: CycleContext, now: Date): Promise<CycleJob[]> {
  const due = await dueFollowUpReminders(ctx, now);
  const timezone = ctx.config.schedule.timezone;
  const keyOf = (job: FollowUpJob) => followUpKey(job.priorityId, job.followUpDate, job.userId, timezone);
  const sent = new Map<string, Effect>();
  for (const week of new Set(due.map((job) => keyOf(job).meetingWeek))) {
    for (const effect of await listEffects(ctx.db, week, ['followup'])) sent.set(effect.target, effect);
  }
  return due.filter((job) => !isSettled(sent.get(keyOf(job).target), now));
}

/** Whether some party has not submitted (the last call only goes out then). */
async function somePartyIsMissing(ctx: CycleContext, meeting: Meeting): Promise<boolean> {
  return (await listPartyStatuses(ctx.db, meeting.week)).some((status) => !status.submitted);
}

/**
 * The first part of a message in parts (the compiled picture, the summary) not yet posted; null when all are
 * posted or the next one failed in a way not to retry (the parts after it wait: never a hole in the middle).
 */
function firstPartToPost(
  parts: number,
  keyOf: (part: number) => { kind: string; target: string },
  effect: (key: { kind: string; target: string }) => Effect | undefined,
  now: Date,
): number | null {
  for (let part = 1; part <= parts; part += 1) {
    const posted = effect(keyOf(part));
    if (posted?.status === 'done') continue;
    return isSettled(posted, now) ? null : part;
  }
  return null;
}

/** Whether the posted agenda shows something else than it would now (a missed or lost live update). */
async function agendaIsOutdated(
  ctx: CycleContext,
  meeting: Meeting,
  state: MeetingState,
  agenda: Effect,
): Promise<boolean> {
  const message = await renderAgendaNow(ctx, meeting, state);
  return contentHash(message) !== agenda.contentHash;
}
