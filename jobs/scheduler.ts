/**
 * The scheduler: from the clock, the configuration and the database, every weekly-cycle job that is due and
 * not done — the meeting week's posts, follow-up reminders, reports, lost admin alerts, and interrupted
 * attempts to heal.
 */

import { listFailedEffectsSince, listStalledJobs } from '../src/db/effect-sweeps.repository.js';
import { type Effect, type EffectKey, getEffect, listEffects } from '../src/db/effects.repository.js';
import { listMeetingOverrides } from '../src/db/meetings.repository.js';
import { listAdmins } from '../src/db/members.repository.js';
import { listPartyStatuses } from '../src/db/party-reports.repository.js';
import {
  type CycleAction,
  dueActions,
  type MeetingState,
  meetingState,
  meetingsInPlay,
  postsInChannel,
  weeksInPlay,
} from '../src/domain/calendar.js';
import { dueQuarterReport, dueYearReport } from '../src/domain/report-schedule.js';
import type { Meeting, MeetingWeek } from '../src/domain/schedule.js';
import { shiftWeek, upcomingMeeting } from '../src/domain/schedule.js';
import { problemOfEffect } from '../src/effects/alerts.js';
import { agendaKey, alertKey, callKey, channelEffectKey, followUpKey, partKey } from '../src/effects/keys.js';
import { EFFECT_LEASE_MS, needsRun, REPLY_KINDS } from '../src/effects/state.js';
import { compiledPictureParts } from '../src/services/picture.js';
import { contentHash } from '../src/slack/blocks.js';
import { TOKEN_FIXES } from '../src/slack/errors.js';
import { renderAgendaNow } from './agenda.js';
import { callRecipients } from './call-for-input.js';
import { dueFollowUpReminders, type FollowUpJob } from './follow-up-reminder.js';
import { meetingSummaryParts } from './meeting-summary.js';
import { filesKey, quarterReportKey, yearReportKey } from './report.js';
import { type CycleContext, type CycleJob, jobIdOf, type QueuedJob, type StoredJob } from './types.js';

/** Failures this recent are checked for an alert to the admins that was never sent (a lost alert job). */
const ALERT_LOOKBACK_MS = 24 * 60 * 60_000;

/** A week's effects, looked up by key. */
type EffectsOf = (key: EffectKey) => Effect | undefined;

function keyOf(effect: { kind: string; target: string }): string {
  return `${effect.kind}\u0000${effect.target}`;
}

/**
 * The level-triggered heart of the cycle: from the clock, the configuration and the database, every job that is
 * due now and not yet done. Running it twice, on two replicas, or after Redis lost its queues gives the same
 * answer until the jobs are done; a job re-checks when it runs, so enqueuing a job twice does no harm.
 *
 * Each action of each meeting is worked out on its own: one that fails (a rendering that throws, a query that
 * fails) is logged and leaves the rest of the schedule as it would be.
 *
 * `warnOnce` is told about each channel action skipped because no meeting channel is configured.
 */
export async function planDueJobs(
  ctx: CycleContext,
  now: Date,
  warnOnce: (action: CycleAction) => void = () => {},
): Promise<QueuedJob[]> {
  const schedule = ctx.config.schedule;
  const channel = ctx.config.meetingChannelId;
  // The admins' decisions first: a moved meeting is in play, and due, at its new times.
  const overrides = await listMeetingOverrides(ctx.db, weeksInPlay(now, schedule));
  const meetings = meetingsInPlay(now, schedule, overrides);
  const stateOf = (meeting: Meeting) => meetingState(meeting, overrides.get(meeting.week) ?? null, schedule);
  const loaded = new Map<MeetingWeek, Promise<EffectsOf>>();
  const effectsOf = (week: MeetingWeek): Promise<EffectsOf> => {
    let effects = loaded.get(week);
    if (effects === undefined) {
      effects = listEffects(ctx.db, week).then((list) => {
        const byKey = new Map(list.map((effect) => [keyOf(effect), effect] as const));
        return (key: EffectKey) => byKey.get(keyOf(key));
      });
      loaded.set(week, effects);
    }
    return effects;
  };

  const jobs: QueuedJob[] = [];
  const isolated = async (what: { week?: MeetingWeek; action: string }, plan: () => Promise<QueuedJob[]>) => {
    try {
      jobs.push(...(await plan()));
    } catch (error) {
      ctx.logger.error(
        { ...what, err: { message: error instanceof Error ? error.message : String(error) } },
        'could not work out what is due for this; the rest of the schedule goes on',
      );
    }
  };

  for (const { meeting, action } of dueActions(now, schedule, stateOf, overrides)) {
    if (postsInChannel(action) && channel === null) {
      warnOnce(action);
      continue;
    }
    await isolated({ week: meeting.week, action }, async () =>
      planAction(ctx, action, meeting, channel ?? '', await effectsOf(meeting.week), now),
    );
  }
  if (channel !== null) {
    for (const meeting of meetings) {
      await isolated({ week: meeting.week, action: 'agenda-update' }, async () =>
        planAgendaUpdate(ctx, meeting, stateOf(meeting), channel, await effectsOf(meeting.week), now),
      );
    }
  }
  await isolated({ action: 'followup' }, () => followUpRemindersToSend(ctx, now));
  await isolated({ action: 'alert' }, () => alertsToSend(ctx, now));
  await isolated({ action: 'report' }, () => reportsToPost(ctx, now));
  await isolated({ action: 'heal' }, () => interruptedAttempts(ctx));
  // An interrupted attempt of an action that is due anyway is planned once (BullMQ would drop the second).
  const planned = new Set<string>();
  return jobs.filter((job) => {
    const id = jobIdOf(job);
    if (planned.has(id)) return false;
    planned.add(id);
    return true;
  });
}

/**
 * The reports the bot posts by itself that are due and not done: the quarter's after its last held meeting (one
 * of the two meetings before the coming one, the report's window being a week), the year's in January. A report
 * whose message Slack refused for good is not made again every minute.
 */
async function reportsToPost(ctx: CycleContext, now: Date): Promise<QueuedJob[]> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return [];
  const schedule = ctx.config.schedule;
  const due = async (key: EffectKey) => {
    const [message, files] = await Promise.all([getEffect(ctx.db, key), getEffect(ctx.db, filesKey(key))]);
    return needsRun(message, now) || (message?.status === 'done' && needsRun(files, now));
  };
  const jobs: QueuedJob[] = [];
  const upcoming = upcomingMeeting(now, schedule).week;
  for (const week of [shiftWeek(upcoming, -1, schedule), shiftWeek(upcoming, -2, schedule)]) {
    const { meeting, state } = await ctx.meetings.ofWeek(week, ctx.db);
    if (state.cancelled || meeting.endsAt.getTime() > now.getTime()) continue;
    if (dueQuarterReport(meeting, await ctx.meetings.nextHeldAfter(week, ctx.db), now) === null) continue;
    if (await due(quarterReportKey(week, channel))) jobs.push({ kind: 'quarter-report', week });
  }
  const year = dueYearReport(now, schedule.timezone);
  if (year !== null && (await due(yearReportKey(year.week, year.year, channel))))
    jobs.push({ kind: 'year-report', week: year.week, year: year.year });
  return jobs;
}

/** How many interrupted attempts one tick heals at most; the next tick takes the rest. */
const HEAL_BATCH = 200;
/** A job recorded as pending (a report someone asked for) that has not started after this long was lost. */
const STALLED_PENDING_MS = 30_000;
/**
 * How long after its claim ran out an attempt the clock started is looked for. Its job may skip before it looks
 * (the meeting was cancelled, everyone has submitted); such an attempt is left `sending` after this.
 */
const LOOKUP_HORIZON_MS = 24 * 60 * 60_000;

/**
 * Heals every effect whose attempt was interrupted (`sending` past its lease: the process died, or Slack's answer
 * was lost), whatever started it; replies are the outbox's (src/effects/replies.ts). What an operator ran from
 * the CLI, or someone asked for (a report), outside any window, is run again as the same job with the same
 * options. What the clock started is planned again above while its moment lasts (it is due and not done); here it
 * is only looked up (lookupOnly): found, it is recorded done; not there, its claim is forgotten and it is not
 * posted late. Either way each job first looks for the message, and posts it only if it is not there.
 */
async function interruptedAttempts(ctx: CycleContext): Promise<QueuedJob[]> {
  const expired = await listStalledJobs(ctx.db, {
    excludeKinds: REPLY_KINDS,
    leaseMs: EFFECT_LEASE_MS,
    pendingAgeMs: STALLED_PENDING_MS,
    lookupHorizonMs: LOOKUP_HORIZON_MS,
    limit: HEAL_BATCH,
  });
  return expired.flatMap((effect): QueuedJob[] => {
    const stored = effect.job as StoredJob | null;
    if (stored === null || typeof stored !== 'object' || stored.job === undefined) return [];
    return [
      stored.ignoreWindow ? { ...stored.job, ignoreWindow: true } : { ...stored.job, lookupOnly: true },
    ];
  });
}

/** The jobs of one due action of one meeting. */
async function planAction(
  ctx: CycleContext,
  action: CycleAction,
  meeting: Meeting,
  channel: string,
  effect: EffectsOf,
  now: Date,
): Promise<CycleJob[]> {
  const week = meeting.week;
  switch (action) {
    case 'call': {
      const recipients = await callRecipients(ctx, week);
      return recipients
        .filter((userId) => needsRun(effect(callKey(week, userId)), now))
        .map((userId): CycleJob => ({ kind: 'call', week, userId }));
    }
    case 'agenda':
      return needsRun(effect(agendaKey(week, channel)), now) ? [{ kind: 'agenda', week }] : [];
    case 'notice':
      return needsRun(effect(channelEffectKey('notice', week, channel)), now)
        ? [{ kind: 'notice', week }]
        : [];
    case 'lastcall':
      return isPosted(effect(agendaKey(week, channel))) &&
        needsRun(effect(channelEffectKey('lastcall', week, channel)), now) &&
        (await somePartyIsMissing(ctx, meeting))
        ? [{ kind: 'lastcall', week }]
        : [];
    case 'compile':
    case 'summary': {
      const parts = await (action === 'compile' ? compiledPictureParts : meetingSummaryParts)(ctx, meeting);
      const part = firstPartToPost(parts.length, (n) => partKey(action, week, channel, n), effect, now);
      return part === null ? [] : [{ kind: action, week, part }];
    }
  }
}

/** The agenda is kept true until the meeting ends; after that it is a record of how the week went. */
async function planAgendaUpdate(
  ctx: CycleContext,
  meeting: Meeting,
  state: MeetingState,
  channel: string,
  effect: EffectsOf,
  now: Date,
): Promise<CycleJob[]> {
  const agenda = effect(agendaKey(meeting.week, channel));
  if (!isPosted(agenda) || now >= meeting.endsAt) return [];
  // A missed or lost live update: the posted agenda shows something else than it would now.
  const message = await renderAgendaNow(ctx, meeting, state);
  return contentHash(message) === agenda.contentHash ? [] : [{ kind: 'agenda-update', week: meeting.week }];
}

function isPosted(agenda: Effect | undefined): agenda is Effect & { messageTs: string } {
  return agenda?.status === 'done' && agenda.messageTs !== null;
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
  return due.filter((job) => needsRun(sent.get(keyOf(job).target), now));
}

/**
 * Alerts to the admins about effects Slack refused for good that no admin was told about: runEffect queues
 * them when the refusal is recorded, and this finds them again if those jobs were lost (Redis flushed, a job
 * given up). Each alert is an effect of its own, so none is sent twice.
 */
async function alertsToSend(ctx: CycleContext, now: Date): Promise<CycleJob[]> {
  const failed = await listFailedEffectsSince(ctx.db, new Date(now.getTime() - ALERT_LOOKBACK_MS));
  const problems = failed.flatMap((effect) => {
    const problem = problemOfEffect(effect);
    // A refused token cannot send the alert either.
    return problem === null || TOKEN_FIXES.has(problem.fix) ? [] : [{ week: effect.meetingWeek, problem }];
  });
  if (problems.length === 0) return [];
  const admins = await listAdmins(ctx.db);
  const sent = new Map<string, Effect>();
  for (const week of new Set(problems.map((p) => p.week))) {
    for (const alert of await listEffects(ctx.db, week, ['alert']))
      sent.set(`${week}/${alert.target}`, alert);
  }
  const jobs: CycleJob[] = [];
  const planned = new Set<string>();
  for (const { week, problem } of problems) {
    for (const adminId of admins) {
      const id = `${week}/${alertKey(week, adminId, problem).target}`;
      if (planned.has(id) || !needsRun(sent.get(id), now)) continue;
      planned.add(id);
      jobs.push({ kind: 'alert', week, adminId, problem });
    }
  }
  return jobs;
}

/** Whether some party has not submitted (the last call only goes out then). */
async function somePartyIsMissing(ctx: CycleContext, meeting: Meeting): Promise<boolean> {
  return (await listPartyStatuses(ctx.db, meeting.week)).some((status) => !status.submitted);
}

/**
 * The first part of a message in parts (the compiled picture, the summary) not yet posted; null when all are
 * posted, or the next one is being posted or failed in a way not to retry (the parts after it wait: never a
 * hole in the middle).
 */
function firstPartToPost(
  parts: number,
  keyOf: (part: number) => EffectKey,
  effect: EffectsOf,
  now: Date,
): number | null {
  for (let part = 1; part <= parts; part += 1) {
    const posted = effect(keyOf(part));
    if (posted?.status === 'done') continue;
    return needsRun(posted, now) ? part : null;
  }
  return null;
}
