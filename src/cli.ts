/**
 * `npm run cli -- <command>`: admin tasks run beside the bot, with the same configuration.
 * Output is for an operator at a terminal, in Swedish like everything else the bot says.
 */

import { logCommand, registerExtractCommand, retentionCommand } from './cli-dataskydd.js';
import { jobsCommand } from './cli-jobs.js';
import { type Clock, clockStartingAt, systemClock } from './clock.js';
import { ConfigError, loadCliClockStart, loadDatabaseUrl } from './config.js';
import { createDatabase } from './db/database.js';
import { MigrationError, migrateToLatest } from './db/migrate.js';
import { loadDotEnv } from './env.js';
import { sv } from './i18n/sv.js';
import { rapportCommand } from './reports/cli.js';

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

/** The CLI's clock: the system's, or one that starts at CLI_CLOCK_START and runs on (rehearsals, tests). */
function cliClock(): Clock {
  const start = loadCliClockStart(process.env);
  return start === null ? systemClock : clockStartingAt(start);
}

async function run(args: string[]): Promise<number> {
  const [command] = args;
  switch (command) {
    case 'migrate':
      return migrate();
    case 'jobs':
      return jobsCommand(args.slice(1), USAGE, cliClock());
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
