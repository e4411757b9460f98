import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { MEETING_CHANNEL } from '../support/app.js';
import { nothingToReport, postsTo, seedMembers, textOf } from '../support/cycle.js';
import { freshDatabaseUrl } from '../support/db.js';
import { TEST_SIGNING_SECRET } from '../support/signer.js';
import { SlackFake } from '../support/slack-fake.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'src/cli.ts');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

/** `npm run cli -- jobs run …` as an operator runs it, from an empty directory with only this environment. */
describe('npm run cli -- jobs run', () => {
  let slack: SlackFake;
  let databaseUrl: string;
  let db: Db;

  const cli = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', `file://${TSX}`, CLI, ...args], {
        cwd: mkdtempSync(path.join(tmpdir(), 'fredagsmotet-cli-')),
        env: {
          PATH: process.env.PATH ?? '',
          SLACK_BOT_TOKEN: slack.token,
          SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
          SLACK_API_URL: slack.apiUrl,
          DATABASE_URL: databaseUrl,
          MEETING_CHANNEL_ID: MEETING_CHANNEL,
          ADMIN_USER_IDS: 'U0ADMIN01',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    slack = await new SlackFake().start();
    slack.addChannel(MEETING_CHANNEL);
    databaseUrl = await freshDatabaseUrl();
    db = createDatabase(databaseUrl);
    await seedMembers(db, { polisen: ['U0POL1'], kommunen: ['U0KOM1'] });
    await nothingToReport(db, '2026-W49', 'regionen');
    await nothingToReport(db, '2026-W49', 'kustbevakningen');
  });
  afterAll(async () => {
    await db.destroy();
    await slack.stop();
  });

  it('posts the agenda once; a second run does nothing and says so; --force posts again', async () => {
    // Each run starts a process; the independent ones run side by side to keep the test short.
    const agendaRuns = (async () => {
      const first = await cli('jobs', 'run', 'agenda', '--week', '2026-W49');
      const second = await cli('jobs', 'run', 'agenda', '--week=v49');
      const afterSecond = postsTo(slack, MEETING_CHANNEL).length;
      const forced = await cli('jobs', 'run', 'agenda', '--week', '2026-W49', '--force');
      return { first, second, afterSecond, forced };
    })();
    const [{ first, second, afterSecond, forced }, call, bad] = await Promise.all([
      agendaRuns,
      cli('jobs', 'run', 'call', '--week', '2026-W49'),
      cli('jobs', 'run', 'agendan'),
    ]);

    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Möte 2026-W49, fredag 4 december kl. 09:00.');
    expect(first.stdout).toContain('Agendan: skickad.');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Agendan: var redan gjord; inget skickades igen. Använd --force');
    expect(afterSecond).toBe(1);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Agendan: skickad.');
    const agendas = postsTo(slack, MEETING_CHANNEL);
    expect(agendas).toHaveLength(2);
    expect(textOf(agendas[0]?.args ?? {})).toContain('Fredagsmötet v. 49');

    // The call: one direct message to each member of a party that has not submitted.
    expect(call.code).toBe(0);
    expect(call.stdout).toContain('Inbjudan att lämna lägesbild: 2 meddelanden skickade.');
    expect(postsTo(slack, 'U0POL1')).toHaveLength(1);
    expect(postsTo(slack, 'U0KOM1')).toHaveLength(1);

    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Okänt steg: agendan. Välj ett av call, agenda, lastcall, compile.');
  });

  it('sends a second call to no one, and says so', async () => {
    const again = await cli('jobs', 'run', 'call', '--week', '2026-W49');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Inbjudan att lämna lägesbild: 2 var redan gjorda; inget skickades igen.');
    expect(postsTo(slack, 'U0POL1')).toHaveLength(1);
  });
});
