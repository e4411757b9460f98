import pino from 'pino';
import { prioritiesOnAgenda } from '../jobs/agenda-priorities.js';
import { MANUAL_ACTIONS, type ManualAction, runManually } from '../jobs/inline.js';
import type { Outcome } from '../jobs/types.js';
import { logCommand, registerExtractCommand, retentionCommand } from './cli-dataskydd.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig, loadDatabaseUrl } from './config.js';
import { createDatabase } from './db/database.js';
import { getMeetingOverride } from './db/meetings.repository.js';
import { MigrationError, migrateToLatest } from './db/migrate.js';
import { defaultMeetingFor, meetingState } from './domain/calendar.js';
import { formatLocalDateTime, type MeetingWeek, meetingOfWeek, parseMeetingWeek } from './domain/schedule.js';
import { loadDotEnv } from './env.js';
import { sv } from './i18n/sv.js';
import { createLogger } from './logger.js';
import { rapportCommand } from './reports/cli.js';

/**
 * `npm run cli -- <command>`: admin tasks run beside the bot, with the same configuration.
 * Output is for an operator at a terminal, in Swedish like everything else the bot says.
 */
const USAGE = `Användning: npm run cli -- <kommando>

Kommandon:
  migrate     uppdaterar databasens schema till senaste versionen
${sv.cycle.cli.usage}
${sv.dataskydd.cli.usage}
${sv.rapport.cli.usage}`;

async function migrate(): Promise<number> {
  const db = createDatabase(loadDatabaseUrl(process.env));
  try {
    const { applied } = await migrateToLatest(db);
    console.log(applied.length === 0 ? 'Databasen är redan uppdaterad.' : `Migrerade: ${applied.join(', ')}`);
    return 0;
  } finally {
    await db.destroy();
  }
}

/** `jobs run <call|agenda|lastcall|compile> [--week 2026-W49] [--force]`. */
async function jobs(args: string[]): Promise<number> {
  const t = sv.cycle.cli;
  const [subcommand, action, ...options] = args;
  if (subcommand !== 'run' || action === undefined) {
    console.error(USAGE);
    return 1;
  }
  if (!(MANUAL_ACTIONS as readonly string[]).includes(action)) {
    console.error(t.unknownAction(action));
    return 1;
  }
  let weekText: string | null = null;
  let force = false;
  for (let i = 0; i < options.length; i += 1) {
    const option = options[i] ?? '';
    if (option === '--force') force = true;
    else if (option === '--week') {
      i += 1;
      weekText = options[i] ?? '';
    } else if (option.startsWith('--week=')) weekText = option.slice('--week='.length);
    else {
      console.error(`${t.unknownOption(option)}\n\n${USAGE}`);
      return 1;
    }
  }

  const config = loadConfig(process.env);
  const now = systemClock.now();
  const step = action as ManualAction;
  const week =
    weekText === null
      ? defaultMeetingFor(step, now, config.schedule)
      : parseMeetingWeek(weekText, now, config.schedule);
  if (week === null) {
    console.error(t.badWeek(weekText ?? ''));
    return 1;
  }
  const db = createDatabase(config.databaseUrl);
  // Log lines go to stderr, and only warnings unless asked for more: stdout is the answer to the operator.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, pino.destination(2));
  try {
    // Same schema as the app it runs beside; a no-op when the app has already migrated.
    await migrateToLatest(db);
    const meeting = meetingOfWeek(week, config.schedule);
    console.log(t.week(week, formatLocalDateTime(meeting.startsAt, config.schedule.timezone)));
    const { outcomes } = await runManually(
      { config, db, clock: systemClock, logger, extensions: prioritiesOnAgenda(db) },
      step,
      week,
      { force },
    );
    const state = meetingState(meeting, await getMeetingOverride(db, week), config.schedule);
    for (const line of describeRun(step, week, outcomes, state.reason)) console.log(line);
    return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

/** What a manual run did, in a few lines: how many sent, already done, failed, and why nothing was done. */
function describeRun(
  action: ManualAction,
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
  if (reasons.has('nothing-missing') || (action === 'call' && outcomes.length === 0))
    lines.push(t.allSubmitted(week));
  if (lines.length === 0) lines.push(t.nothing(label));
  return lines;
}

async function run(args: string[]): Promise<number> {
  const [command] = args;
  switch (command) {
    case 'migrate':
      return migrate();
    case 'jobs':
      return jobs(args.slice(1));
    case 'logg':
      return logCommand(args.slice(1));
    case 'gallra':
      return retentionCommand(args.slice(1));
    case 'registerutdrag':
      return registerExtractCommand(args.slice(1));
    case 'rapport':
      return rapportCommand(args.slice(1));
    case undefined:
    case 'help':
    case 'hjälp':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`Okänt kommando: ${command}\n\n${USAGE}`);
      return 1;
  }
}

loadDotEnv();
run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`Konfigurationsfel: ${problem}`);
    } else if (error instanceof MigrationError) {
      console.error(error.message);
    } else {
      console.error(error instanceof Error ? error.message : String(error));
    }
    process.exit(1);
  },
);
