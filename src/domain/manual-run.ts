/**
 * What an operator may run by hand (`npm run cli -- jobs run <step>`), and when a step makes no sense: one rule
 * for every step. Without `--week` the step is for the coming meeting (the one under way, else the next; see
 * comingMeeting in src/domain/calendar.ts). Pure; src/cli-jobs.ts says the refusals in Swedish.
 */

import { DateTime } from 'luxon';
import type { PictureLock } from './meeting-override.js';
import type { Meeting, MeetingSchedule } from './schedule.js';

export const MANUAL_STEPS = ['call', 'agenda', 'lastcall', 'compile', 'summary', 'followup'] as const;
export type ManualStep = (typeof MANUAL_STEPS)[number];

export function isManualStep(value: string): value is ManualStep {
  return (MANUAL_STEPS as readonly string[]).includes(value);
}

export type ManualRefusal =
  /** The compiled picture of a meeting that has not started: it locks the week, so only with --force. */
  | { readonly kind: 'compileEarly' }
  /** "Beslut och uppföljning" of a meeting that has not started: nothing has been decided at it yet. */
  | { readonly kind: 'summaryNotHeld' }
  /** … of a meeting under way: what is decided in the rest of it would be missing, so only with --force. */
  | { readonly kind: 'summaryUnderway' }
  /** Asking for lägesbild (call, last call) when the picture is already compiled and locked. */
  | { readonly kind: 'pictureLocked'; readonly lock: PictureLock }
  /** Follow-up reminders say "i morgon": only the day before the meeting, `day` (YYYY-MM-DD). */
  | { readonly kind: 'followUpNotTomorrow'; readonly day: string };

/**
 * Why a step makes no sense for this meeting now, or null when it may run. `--force` allows what is merely early
 * (compiling before the start locks the picture then; a summary during the meeting) or late (asking for lägesbild
 * after the start), never what cannot be true: a summary of a meeting not yet begun, asking for lägesbild to a
 * picture compiled early, or reminders of "tomorrow" on another day.
 */
export function manualRunRefusal(input: {
  step: ManualStep;
  meeting: Meeting;
  lock: PictureLock | null;
  now: Date;
  force: boolean;
  schedule: Pick<MeetingSchedule, 'timezone'>;
}): ManualRefusal | null {
  const { step, meeting, lock, now, force } = input;
  const started = meeting.startsAt.getTime() <= now.getTime();
  switch (step) {
    case 'compile':
      return started || lock !== null || force ? null : { kind: 'compileEarly' };
    case 'summary':
      if (!started) return { kind: 'summaryNotHeld' };
      return now.getTime() < meeting.endsAt.getTime() && !force ? { kind: 'summaryUnderway' } : null;
    case 'call':
    case 'lastcall':
      if (lock === null) return null;
      return lock.kind === 'started' && force ? null : { kind: 'pictureLocked', lock };
    case 'agenda':
      return null;
    case 'followup': {
      const today = DateTime.fromJSDate(now, { zone: input.schedule.timezone }).toISODate();
      const dayBefore = DateTime.fromISO(meeting.date, { zone: input.schedule.timezone })
        .minus({ days: 1 })
        .toISODate();
      return today === dayBefore ? null : { kind: 'followUpNotTomorrow', day: dayBefore as string };
    }
  }
}
