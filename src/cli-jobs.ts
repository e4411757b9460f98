/**
 * `npm run cli -- jobs run <step> [--week 2026-W49] [--force]`: one step of the weekly cycle, now. Without
 * `--week` every step is for the coming meeting (the one under way, else the next); a step that makes no sense
 * for that meeting now is refused with why (src/domain/manual-run.ts), and exits 1 like every unusable call.
 */

import pino from 'pino';
import { prioritiesOnAgenda } from '../jobs/agenda-priorities.js';
import { runManually } from '../jobs/inline.js';
import type { Outcome } from '../jobs/types.js';
import type { Clock } from './clock.js';
import { loadConfig } from './config.js';
import { createDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { isManualStep, type ManualRefusal, type ManualStep, manualRunRefusal } from './domain/manual-run.js';
import { formatLocalDateTime, type MeetingWeek, parseMeetingWeek } from './domain/schedule.js';
import { sv } from './i18n/sv.js';
import { createLogger } from './logger.js';
import { createMeetings } from './services/meetings.js';

/** A line of the answer to the operator, on stdout (logs and refusals go to stderr). */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

interface JobsArgs {
  readonly step: ManualStep;
  readonly weekText: string | null;
  readonly force: boolean;
}

/** The words after `jobs`, or the line to print (with the usage) and exit 1. */
function parseJobsArgs(args: readonly string[]): JobsArgs | { error: string | null } {
  const t = sv.cycle.cli;
  const [subcommand, action, ...options] = args;
  if (subcommand !== 'run' || action === undefined) return { error: null };
  if (!isManualStep(action)) return { error: t.unknownAction(action) };
  let weekText: string | null = null;
  let force = false;
  for (let i = 0; i < options.length; i += 1) {
    const option = options[i] ?? '';
    if (option === '--force') force = true;
    else if (option === '--week') {
      i += 1;
      weekText = options[i] ?? '';
    } else if (option.startsWith('--week=')) weekText = option.slice('--week='.length);
    else return { error: t.unknownOption(option) };
  }
  return { step: action, weekText, force };
}

export async function jobsCommand(args: readonly string[], usage: string, clock: Clock): Promise<number> {
  const t = sv.cycle.cli;
  const parsed = parseJobsArgs(args);
  if ('error' in parsed) {
    console.error(parsed.error === null ? usage : `${parsed.error}\n\n${usage}`);
    return 1;
  }
  const config = loadConfig(process.env);
  const { schedule } = config;
  const now = clock.now();
  const requested = parsed.weekText === null ? null : parseMeetingWeek(parsed.weekText, now, schedule);
  if (parsed.weekText !== null && requested === null) {
    console.error(t.badWeek(parsed.weekText));
    return 1;
  }
  const db = createDatabase(config.databaseUrl);
  // Log lines go to stderr, and only warnings unless asked for more: stdout is the answer to the operator.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, pino.destination(2));
  try {
    // Same schema as the app it runs beside; a no-op when the app has already migrated.
    await migrateToLatest(db);
    const meetings = createMeetings({ config, clock, db });
    const week = requested ?? (await meetings.coming()).week;
    const { meeting, state, lock } = await meetings.ofWeek(week);
    say(t.week(week, formatLocalDateTime(meeting.startsAt, schedule.timezone, now)));
    const refusal = manualRunRefusal({
      step: parsed.step,
      meeting,
      lock,
      now,
      force: parsed.force,
      schedule,
    });
    if (refusal !== null) {
      console.error(refusalText(refusal, week, meeting.startsAt, meeting.endsAt, schedule.timezone));
      return 1;
    }
    const { outcomes } = await runManually(
      { config, db, clock, logger, extensions: prioritiesOnAgenda(db) },
      parsed.step,
      meeting,
      { force: parsed.force },
    );
    const lines = describeRun(parsed.step, week, outcomes, state.reason);
    // A compile before the start has locked the week: the operator is told what that means.
    if (parsed.step === 'compile' && lock === null && now < meeting.startsAt && posted(outcomes))
      lines.push(t.lockedNow(week));
    for (const line of lines) say(line);
    return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

function posted(outcomes: readonly Outcome[]): boolean {
  return outcomes.some((o) => o.status === 'done' || o.status === 'already' || o.status === 'in-doubt');
}

function refusalText(
  refusal: ManualRefusal,
  week: MeetingWeek,
  startsAt: Date,
  endsAt: Date,
  timezone: string,
): string {
  const t = sv.cycle.cli.refusal;
  const when = (date: Date) => formatLocalDateTime(date, timezone);
  switch (refusal.kind) {
    case 'compileEarly':
      return t.compileEarly(week, when(startsAt));
    case 'summaryNotHeld':
      return t.summaryNotHeld(week, when(startsAt));
    case 'summaryUnderway':
      return t.summaryUnderway(week, when(endsAt));
    case 'pictureLocked':
      return refusal.lock.kind === 'compiled'
        ? t.compiledEarly(week, when(refusal.lock.at))
        : t.started(week, when(refusal.lock.at));
    case 'followUpNotTomorrow':
      return t.followUpNotTomorrow(week, refusal.day);
  }
}

/** What a manual run did, in a few lines: how many sent, already done, failed, and why nothing was done. */
function describeRun(
  action: ManualStep,
  week: MeetingWeek,
  outcomes: readonly Outcome[],
  cancelReason: string | null,
): string[] {
  const t = sv.cycle.cli;
  const label = t.label[action] ?? action;
  const count = (status: Outcome['status']) => outcomes.filter((o) => o.status === status).length;
  const lines: string[] = [];
  if (count('done') > 0) lines.push(t.done(label, count('done')));
  if (count('already') > 0) lines.push(t.already(label, count('already')));
  if (count('in-doubt') > 0) lines.push(t.inDoubt(label, count('in-doubt')));
  const failed = outcomes.flatMap((o) => (o.status === 'failed' ? [o.code] : []));
  if (failed.length > 0) lines.push(t.failed(label, failed.length, [...new Set(failed)].join(', ')));
  const reasons = new Set(outcomes.flatMap((o) => (o.status === 'skipped' ? [o.reason] : [])));
  if (reasons.has('cancelled'))
    lines.push(t.cancelled(week, cancelReason === null ? '' : `: ${cancelReason}`));
  if (reasons.has('no-channel')) lines.push(t.noChannel);
  if (reasons.has('no-agenda')) lines.push(t.noAgenda(week));
  if (action === 'followup') {
    if (lines.length === 0) lines.push(t.noFollowUps(week));
  } else if (reasons.has('nothing-missing') || (action === 'call' && outcomes.length === 0))
    lines.push(t.allSubmitted(week));
  if (lines.length === 0) lines.push(t.nothing(label));
  return lines;
}
