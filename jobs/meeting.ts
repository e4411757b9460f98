import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { EffectKey } from '../src/db/effects.repository.js';
import { getMeetingOverride } from '../src/db/meetings.repository.js';
import { type MeetingState, meetingState } from '../src/domain/calendar.js';
import { type Meeting, type MeetingWeek, meetingOfWeek, weekOfDate } from '../src/domain/schedule.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { alertTarget, type CycleContext, type Place, type Problem } from './types.js';

/** A meeting with whether it is held, as the admins and the holiday rule decide it now. */
export async function loadMeeting(
  ctx: Pick<CycleContext, 'db' | 'config'>,
  week: MeetingWeek,
): Promise<{ meeting: Meeting; state: MeetingState }> {
  const meeting = meetingOfWeek(week, ctx.config.schedule);
  const override = await getMeetingOverride(ctx.db, week);
  return { meeting, state: meetingState(meeting, override, ctx.config.schedule) };
}

/** The agenda of a meeting in a channel: the thread the last call and the compiled picture reply in. */
export function agendaKey(week: MeetingWeek, channelId: string): EffectKey {
  return { meetingWeek: week, kind: 'agenda', target: channelId };
}

export function channelEffectKey(
  kind: 'lastcall' | 'notice',
  week: MeetingWeek,
  channelId: string,
): EffectKey {
  return { meetingWeek: week, kind, target: channelId };
}

/** One part of a message posted in parts (the compiled picture, the summary). */
export function partKey(
  kind: 'compile' | 'summary',
  week: MeetingWeek,
  channelId: string,
  part: number,
): EffectKey {
  return { meetingWeek: week, kind, target: `${channelId}#${part}` };
}

export function callKey(week: MeetingWeek, userId: string): EffectKey {
  return { meetingWeek: week, kind: 'call', target: userId };
}

/** The alert to one admin about a problem: one per admin, meeting, error and place. */
export function alertKey(week: MeetingWeek, adminId: string, problem: Problem): EffectKey {
  return { meetingWeek: week, kind: 'alert', target: `${adminId}/${alertTarget(problem)}` };
}

/**
 * Where an effect's message goes, read back from its key (the builders above): the channel, or the user of a
 * direct message. Null for a kind it does not know.
 */
export function placeOf(key: EffectKey): Place | null {
  switch (key.kind) {
    case 'agenda':
    case 'lastcall':
    case 'notice':
      return { channelId: key.target };
    case 'compile':
    case 'summary':
      return { channelId: key.target.split('#')[0] ?? key.target };
    case 'call':
      return { userId: key.target };
    case 'followup':
      return { userId: key.target.split('/').at(-1) ?? key.target };
    case 'alert':
      return { userId: key.target.split('/')[0] ?? key.target };
    default:
      return null;
  }
}

/** A day-before reminder, filed under the week of its follow-up date. */
export function followUpKey(
  priorityId: number,
  followUpDate: string,
  userId: string,
  timezone: string,
): EffectKey {
  const week = weekOfDate(DateTime.fromISO(followUpDate, { zone: timezone }).toJSDate(), timezone);
  return { meetingWeek: week, kind: 'followup', target: `${priorityId}/${followUpDate}/${userId}` };
}

/** A hash of what a message shows, to tell whether an update would change anything. */
export function contentHash(message: SlackMessage): string {
  return createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 32);
}
