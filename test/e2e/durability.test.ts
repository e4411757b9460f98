import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { freshDatabaseUrl, freshQueuePrefix } from '../support/db.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { directMessage, eventCallback, slashCommand, triggerId } from '../support/payloads.js';
import { freePort, type Run, startProcess, waitForHealth } from '../support/process.js';
import { signatureHeaders, TEST_SIGNING_SECRET } from '../support/signer.js';
import { type RecordedCall, SlackFake } from '../support/slack-fake.js';

/**
 * An ack means stored: what Slack saw answered with 200 is kept and answered exactly once, whatever happens to
 * the process after the ack — killed with SIGKILL in the middle of a burst, or Slack refusing the answer.
 */

const POLICE = 'U0POLIS01';
const MUNICIPALITY = 'U0KOMMUN1';

async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a process killed in the middle of a burst of one-liners', () => {
  let slack: SlackFake;
  let db: Db;
  let databaseUrl: string;
  const runs: Run[] = [];

  beforeAll(async () => {
    slack = await new SlackFake().start();
    databaseUrl = await freshDatabaseUrl();
    db = createDatabase(databaseUrl);
    await addMember(db, { userId: POLICE, partyKey: 'polisen' }, ADMIN);
    await addMember(db, { userId: MUNICIPALITY, partyKey: 'kommunen' }, ADMIN);
  });
  afterAll(async () => {
    for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await db.destroy();
    await slack.stop();
  });

  it('keeps every acked submission once and answers each once, after the restart if need be', async () => {
    const env = {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: freshQueuePrefix(),
      LOG_LEVEL: 'warn',
    };
    const port = await freePort();
    const first = startProcess({ ...env, PORT: String(port) });
    runs.push(first);
    expect((await waitForHealth(`http://127.0.0.1:${port}/health`, first)).status).toBe(200);

    const requests = Array.from({ length: 100 }, (_, i) => ({
      trigger: triggerId(),
      responseUrl: slack.responseUrl(),
      userId: i % 2 === 0 ? POLICE : MUNICIPALITY,
      text: `trafik: hastighetsöverträdelse nummer ${i + 1} på E22`,
    }));
    // Killed at a random point once a fifth to three fifths of the burst has been acked.
    const killAfter = 20 + Math.floor(Math.random() * 40);
    let acked = 0;
    const statuses = await Promise.all(
      requests.map(async (request) => {
        const body = slashCommand({ command: '/lagesbild', ...request, triggerId: request.trigger });
        try {
          const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
            method: 'POST',
            headers: { 'content-type': body.contentType, ...signatureHeaders(body.body) },
            body: body.body,
          });
          if (res.status === 200 && ++acked === killAfter) first.child.kill('SIGKILL');
          return res.status;
        } catch {
          return 0; // the connection died with the process: no ack
        }
      }),
    );
    expect((await first.exit).signal).toBe('SIGKILL');
    const ok = requests.filter((_, i) => statuses[i] === 200);
    const notOk = requests.filter((_, i) => statuses[i] !== 200);
    expect(ok.length).toBeGreaterThanOrEqual(killAfter);

    const entriesOf = async (trigger: string) =>
      (
        await db
          .selectFrom('entries')
          .select('id')
          .where('idempotency_key', '=', `kommando:${trigger}`)
          .execute()
      ).length;
    const answers = (url: string) => slack.visibleResponses(url);

    const second = startProcess({ ...env, PORT: String(await freePort()) });
    runs.push(second);
    await until(
      'every acked submission stored and answered',
      async () => {
        for (const request of ok) {
          if ((await entriesOf(request.trigger)) !== 1 || answers(request.responseUrl).length !== 1)
            return false;
        }
        return true;
      },
      60_000,
    );
    for (const request of ok) {
      expect(answers(request.responseUrl)).toHaveLength(1);
      expect(answers(request.responseUrl)[0]?.text).toContain('Sparat');
    }
    // What got no ack is there whole or not at all: once the restarted process has carried out everything that
    // was stored, each is stored and answered once, or neither stored nor answered.
    await until(
      'every stored request carried out',
      async () =>
        (await db.selectFrom('inbox').select('key').where('processed_at', 'is', null).execute()).length === 0,
      60_000,
    );
    for (const request of notOk) {
      const stored = await entriesOf(request.trigger);
      expect([0, 1]).toContain(stored);
      if (stored === 1) {
        await until(
          'the answer to a request stored before its ack was lost',
          () => answers(request.responseUrl).length === 1,
          30_000,
        );
      } else {
        expect(answers(request.responseUrl)).toHaveLength(0);
      }
    }
    second.child.kill('SIGTERM');
    expect((await second.exit).code).toBe(0);
  }, 120_000);
});

describe('a direct message whose answer Slack refuses', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock('2026-12-01T09:00:00Z'), sweepIntervalMs: 300 });
    db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: MUNICIPALITY, partyKey: 'kommunen' }, ADMIN);
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  it('stores it once and answers it once after three 500s, without Slack delivering it again', async () => {
    const channel = t.slack.dmChannelOf(MUNICIPALITY);
    const ts = '1764579600.000101';
    t.slack.refuseWithServerError('chat.postMessage', 500, 3);
    const request = eventCallback(
      directMessage({ userId: MUNICIPALITY, channelId: channel, text: 'trafik: kö vid Gamlebyviken', ts }),
      { eventId: 'Ev0DURABLE1' },
    );
    expect((await t.send(request, signatureHeaders(request.body))).status).toBe(200);
    const posts = (): RecordedCall[] =>
      t.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    await until('the answer after three refusals', () => posts().some((c) => c.outcome === 'ok'), 40_000);
    expect(posts().map((c) => c.outcome)).toEqual(['http_500', 'http_500', 'http_500', 'ok']);
    // Each attempt after a 500 first looked for an answer that might have landed.
    expect(
      t.slack.calls.filter((c) => c.method === 'conversations.replies' && c.args.ts === ts),
    ).toHaveLength(3);
    const entries = await db
      .selectFrom('entries')
      .select('id')
      .where('idempotency_key', '=', `chatt:${channel}:${ts}`)
      .execute();
    expect(entries).toHaveLength(1);
  }, 60_000);
});
