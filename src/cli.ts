import { ConfigError, loadConfig } from './config.js';
import { createDatabase } from './db/database.js';
import { MigrationError, migrateToLatest } from './db/migrate.js';
import { loadDotEnv } from './env.js';

/**
 * `npm run cli -- <command>`: admin tasks run beside the bot, with the same configuration.
 * Output is for an operator at a terminal, in Swedish like everything else the bot says.
 */
const USAGE = `Användning: npm run cli -- <kommando>

Kommandon:
  migrate     uppdaterar databasens schema till senaste versionen`;

async function migrate(): Promise<number> {
  const config = loadConfig(process.env);
  const db = createDatabase(config.databaseUrl);
  try {
    const { applied } = await migrateToLatest(db);
    console.log(applied.length === 0 ? 'Databasen är redan uppdaterad.' : `Migrerade: ${applied.join(', ')}`);
    return 0;
  } finally {
    await db.destroy();
  }
}

async function run(args: string[]): Promise<number> {
  const [command] = args;
  switch (command) {
    case 'migrate':
      return migrate();
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
