import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { slashCommand } from '../support/payloads.js';
import { signatureHeaders } from '../support/signer.js';
import { TcpProxy } from '../support/tcp-proxy.js';

/** A Tuesday: no meeting under way, whenever the tests run (signatures are checked on the real clock). */
const TUESDAY = '2026-12-01T09:00:00Z';

describe('the app over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY) });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers /lagesbild hjälp ephemerally with the Swedish help text', async () => {
    const response = await t.command('U0MEMBER1', '/lagesbild', 'hjälp');
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.text).toContain('Lägesbild till mötet');
    expect(response.body.text).toContain('`/lagesbild hjälp`');
  });

  it('answers an unknown subcommand with what it did not understand and the help', async () => {
    const response = await t.command('U0MEMBER1', '/lagesbild', 'flurp <!channel>');
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.text).toContain('Jag känner inte igen `/lagesbild flurp`');
    expect(response.body.text).toContain('`/lagesbild hjälp`');
    expect(response.body.text).not.toContain('<!channel>');
  });

  it('refuses a forged signature with 401 and reaches no listener', async () => {
    const responseUrl = t.slack.responseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    const posts = () => t.slack.responses.filter((r) => r.id === id);
    const request = slashCommand({ command: '/lagesbild', text: 'hjälp', userId: 'U0X', responseUrl });
    const res = await t.send(request, signatureHeaders(request.body, { secret: 'not-the-signing-secret' }));
    expect(res.status).toBe(401);
    const missing = await t.send(request, {});
    expect(missing.status).toBe(401);
    // The same request correctly signed is answered on the same response_url; once every listener has finished,
    // that one answer is all there is: the refused two reached none.
    expect((await t.send(request)).status).toBe(200);
    await t.slack.waitFor(() => posts().length > 0, 10_000, 'the answer to the signed request');
    await t.idle();
    expect(posts()).toHaveLength(1);
  });

  it('refuses a correctly signed request older than five minutes with 401', async () => {
    const request = slashCommand({
      command: '/lagesbild',
      text: 'hjälp',
      userId: 'U0X',
      responseUrl: t.slack.responseUrl(),
    });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await t.send(request, signatureHeaders(request.body, { timestamp: sixMinutesAgo }));
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed request from more than five minutes in the future with 401', async () => {
    const request = slashCommand({
      command: '/lagesbild',
      text: 'hjälp',
      userId: 'U0X',
      responseUrl: t.slack.responseUrl(),
    });
    const sixMinutesAhead = Math.floor(Date.now() / 1000) + 6 * 60;
    const res = await t.send(request, signatureHeaders(request.body, { timestamp: sixMinutesAhead }));
    expect(res.status).toBe(401);
    // Within the window, both ways, it is taken.
    const fourMinutesAhead = Math.floor(Date.now() / 1000) + 4 * 60;
    const taken = await t.send(request, signatureHeaders(request.body, { timestamp: fourMinutesAhead }));
    expect(taken.status).toBe(200);
  });

  it.each([
    ['an event_callback without its event', { type: 'event_callback', team_id: 'T0000001', event: null }],
    [
      'a block_actions without a user or actions',
      { payload: { type: 'block_actions', user: null, actions: [null], team: { id: 'T0000001' } } },
    ],
    [
      'a view_submission without a view',
      { payload: { type: 'view_submission', user: { id: 'U0X' }, view: null, team: { id: 'T0000001' } } },
    ],
  ])('answers a signed but malformed payload (%s) with 400, not 500', async (_what, payload) => {
    const request =
      'payload' in payload
        ? {
            body: new URLSearchParams({ payload: JSON.stringify(payload.payload) }).toString(),
            contentType: 'application/x-www-form-urlencoded',
          }
        : { body: JSON.stringify(payload), contentType: 'application/json' };
    const res = await t.send(request);
    expect(res.status).toBe(400);
  });

  it('reports health 200 when Postgres and Redis answer', async () => {
    const res = await fetch(`${t.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', redis: 'ok' });
  });
});

describe('/health when Redis goes away', () => {
  let t: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const redis = new URL(TEST_REDIS_URL);
    proxy = await new TcpProxy(redis.hostname, Number(redis.port || 6379)).start();
    t = await startTestApp({
      clock: new ManualClock(TUESDAY),
      env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}` },
    });
  });
  afterAll(async () => {
    proxy.restore();
    await t.stop();
    await proxy.stop();
  });

  it('answers 503 naming Redis while it is unreachable, and 200 again when it is back', async () => {
    expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
    proxy.cut();
    const down = await fetch(`${t.baseUrl}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'error', db: 'ok', redis: 'error' });

    proxy.restore();
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await fetch(`${t.baseUrl}/health`)).status;
    }
    expect(status).toBe(200);
  });
});
