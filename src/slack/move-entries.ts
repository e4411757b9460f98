/** The answer to `/lagesbild flytta` and `/samverkan överför`: what moved where, or why nothing did. */

import { formatLocalDateTime, weekNumberOf } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import type { MoveOutcome } from '../services/move-entries.js';
import { meetingWhen } from './lagesbild-texts.js';
import { escapeMrkdwn } from './mrkdwn.js';

export function moveAnswer(
  outcome: MoveOutcome,
  partyName: (key: string) => string,
  timezone: string,
): string {
  const t = sv.flytta;
  const week = weekNumberOf(outcome.week);
  switch (outcome.kind) {
    case 'notCancelled':
      return t.notCancelled(week);
    case 'noNextMeeting':
      return t.noNextMeeting(week);
    case 'targetLocked':
      return t.targetLocked(
        week,
        weekNumberOf(outcome.target.week),
        formatLocalDateTime(outcome.at, timezone),
      );
    case 'moved': {
      if (outcome.moved.length === 0) {
        const names = outcome.partyKeys.map((key) => `*${escapeMrkdwn(partyName(key))}*`).join(', ');
        return t.nothing(week, names);
      }
      const target = outcome.target;
      return [
        t.movedTo(week, meetingWhen(target, timezone), weekNumberOf(target.week)),
        ...outcome.moved.map((m) => t.moved(m.entryIds.length, escapeMrkdwn(partyName(m.partyKey)))),
        t.hint,
      ].join('\n');
    }
  }
}
