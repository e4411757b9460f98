import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { MigrationError } from './db/migrate.js';
import { loadDotEnv } from './env.js';

/** Process entry for `npm start`: config, start, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  loadDotEnv();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`Konfigurationsfel: ${problem}`);
    console.error('Se README.md, avsnittet "Miljövariabler".');
    process.exit(1);
  }

  const app = await startApp(config).catch((error: unknown) => {
    if (error instanceof MigrationError) console.error(error.message);
    else
      console.error(
        `Fredagsmötet kunde inte starta: ${error instanceof Error ? error.message : String(error)}`,
      );
    process.exit(1);
  });

  const shutdown = (signal: string) => {
    app.deps.logger.info({ signal }, 'shutdown requested');
    // A second signal, or a stop that hangs, must not keep the process alive past its grace period.
    const deadline = setTimeout(() => {
      app.deps.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 9_000);
    deadline.unref();
    void app.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
