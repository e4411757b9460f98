import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl, freshQueuePrefix } from '../support/db.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { slashCommand } from '../support/payloads.js';
import { freePort, startProcess, waitForHealth } from '../support/process.js';
import { signatureHeaders, TEST_SIGNING_SECRET } from '../support/signer.js';
import { SlackFake } from '../support/slack-fake.js';
import { TcpProxy } from '../support/tcp-proxy.js';

describe('the npm start process', () => {
  let slack: SlackFake;

  beforeAll(async () => {
    slack = await new SlackFake().start();
  });
  afterAll(async () => {
    await slack.stop();
  });

  it('serves /health, answers a signed /lagesbild hjälp, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const run = startProcess({
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: await freshDatabaseUrl(),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: freshQueuePrefix(),
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}/health`, run);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', db: 'ok', redis: 'ok' });

      const responseUrl = slack.responseUrl();
      const request = slashCommand({
        command: '/lagesbild',
        text: 'hjälp',
        userId: 'U0MEMBER1',
        responseUrl,
      });
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': request.contentType, ...signatureHeaders(request.body) },
        body: request.body,
      });
      expect(res.status).toBe(200);
      await slack.waitFor(() => slack.responses.length > 0);
      expect(slack.responses[0]?.body.text).toContain('`/lagesbild hjälp`');

      const stoppedAt = Date.now();
      run.child.kill('SIGTERM');
      const { code } = await run.exit;
      expect(code).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
      // Structured logs, and never the bot token.
      const lines = run.stdout.trim().split('\n');
      expect(lines.every((line) => line.startsWith('{'))).toBe(true);
      expect(run.stdout).not.toContain(slack.token);
      expect(run.stdout).toContain('"msg":"stopped"');
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });

  it('stops gracefully, exit 0, on a SIGTERM that comes while it is still starting', async () => {
    // Postgres behind a proxy that holds the connection: the start waits in its migration step.
    const databaseUrl = new URL(await freshDatabaseUrl());
    const postgres = await new TcpProxy(databaseUrl.hostname, Number(databaseUrl.port || 5432)).start();
    postgres.hold();
    databaseUrl.host = `127.0.0.1:${postgres.port}`;
    const run = startProcess({
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: freshQueuePrefix(),
      PORT: String(await freePort()),
    });
    try {
      await postgres.connected;
      run.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      postgres.release();
      const { code, signal } = await run.exit;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(run.stdout).toContain('"msg":"stopped"');
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await postgres.stop();
    }
  });

  it('stops with exit code 1 and one plain line naming SLACK_BOT_TOKEN when it is missing', async () => {
    const run = startProcess({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, PORT: String(await freePort()) });
    const { code } = await run.exit;
    expect(code).toBe(1);
    const problems = run.stderr.split('\n').filter((line) => line.startsWith('Konfigurationsfel'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Konfigurationsfel: SLACK_BOT_TOKEN: saknas/);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+\)/); // no stack trace
  });

  it('stops with exit code 1 and a clear message when a migration cannot run', async () => {
    const run = startProcess({
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      // A database that does not exist: the first migration step cannot connect.
      DATABASE_URL: `${(await freshDatabaseUrl()).replace(/\/[^/]+$/, '')}/fredagsmotet_finns_inte`,
      REDIS_URL: TEST_REDIS_URL,
      PORT: String(await freePort()),
    });
    const { code } = await run.exit;
    expect(code).toBe(1);
    expect(run.stderr).toMatch(/Migreringen misslyckades: .*fredagsmotet_finns_inte/);
  });
});
