/**
 * The unique keys of every effect, in one place. A key is an identity: where the effect goes is stored beside it
 * (its place), so nothing here is ever split apart again.
 */

import { DateTime } from 'luxon';
import type { EffectKey } from '../domain/effect.js';
import { type Problem, problemTarget } from '../domain/problem.js';
import { type MeetingWeek, weekOfDate } from '../domain/schedule.js';

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
  return { meetingWeek: week, kind: 'alert', target: `${adminId}/${problemTarget(problem)}` };
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

/**
 * The `n`th message a request leads to: `svar` answers the person who asked (a receipt), `dm` tells someone else
 * (a welcome, a notification). Filed under the week the request came in.
 */
export function replyKey(kind: 'svar' | 'dm', week: MeetingWeek, requestKey: string, n: number): EffectKey {
  return { meetingWeek: week, kind, target: `${requestKey}#${n}` };
}
