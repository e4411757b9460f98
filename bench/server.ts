/**
 * A server under benchmark, as its own process: `app` is Fredagsmötet started exactly as `npm start` does
 * (config from the environment); `bare` a Bolt app with the same receiver that only acks `/lagesbild`; `insert`
 * the same, but storing each request with one INSERT into the same Postgres before it acks — the least any bot
 * whose ack means stored can do. Tells the parent `{ port }` over IPC once listening, and stops on `'stop'`.
 */

import { App, HTTPReceiver } from '@slack/bolt';
import { sql } from 'kysely';
import pino from 'pino';
import { SLACK_EVENTS_PATH, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/database.js';

async function main(): Promise<void> {
  const mode = process.argv[2];
  const config = loadConfig(process.env);
  let stop: () => Promise<void>;
  let port: number | null;
  if (mode === 'app') {
    const app = await startApp(config, { port: 0, logger: pino({ level: 'silent' }) });
    port = app.port;
    stop = () => app.stop();
  } else if (mode === 'bare' || mode === 'insert') {
    const receiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret as string,
      endpoints: SLACK_EVENTS_PATH,
    });
    const bolt = new App({
      receiver,
      authorize: async () => ({ botToken: config.slack.botToken, botId: 'BBENCH', botUserId: 'UBENCH' }),
    });
    const db = createDatabase(config.databaseUrl);
    await sql`create table if not exists bench_floor (key text primary key, payload jsonb not null)`.execute(
      db,
    );
    bolt.command('/lagesbild', async ({ ack, command }) => {
      if (mode === 'insert') {
        await sql`insert into bench_floor (key, payload) values (${`kommando:${command.trigger_id}`}, ${JSON.stringify(
          { text: command.text, channelId: command.channel_id, responseUrl: command.response_url },
        )}) on conflict do nothing`.execute(db);
      }
      await ack();
    });
    const server = (await bolt.start(0)) as { address(): { port: number } };
    port = server.address().port;
    stop = async () => {
      await bolt.stop();
      await db.destroy();
    };
  } else {
    throw new Error(`unknown server mode: ${mode}`);
  }
  process.on('message', (message) => {
    // CPU time used so far, so the parent can tell how much work a round cost the server.
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (message === 'stop') void stop().then(() => process.exit(0));
  });
  process.send?.({ port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
