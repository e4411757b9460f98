/** Process entry for `npm start`: config, start, and a graceful stop on SIGTERM/SIGINT. */

import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { MigrationError } from './db/migrate.js';
import { loadDotEnv } from './env.js';

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

  const started = startApp(config).catch((error: unknown) => {
    if (error instanceof MigrationError) console.error(error.message);
    else
      console.error(
        `Fredagsmötet kunde inte starta: ${error instanceof Error ? error.message : String(error)}`,
      );
    process.exit(1);
  });
  let running: Awaited<typeof started> | undefined;
  void started.then((app) => {
    running = app;
  });

  // Installed before the start finishes: a stop asked for during migrations or the first connections waits for
  // the start, then stops as gracefully as ever (without a handler, node as PID 1 in a container ignores SIGTERM).
  const shutdown = (signal: string) => {
    // A second signal, or a stop that hangs, must not keep the process alive past its grace period.
    const deadline = setTimeout(() => {
      if (running === undefined) console.error('Fredagsmötet: avstängningen tog för lång tid; avslutar.');
      else running.deps.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 9_000);
    deadline.unref();
    void started.then(async (app) => {
      app.deps.logger.info({ signal }, 'shutdown requested');
      await app.stop();
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await started;
}

void main();
