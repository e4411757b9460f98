import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { SlackFake } from '../support/slack-fake.js';
import { SocketModeFake } from '../support/socket-mode.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  let slack: SlackFake;
  let socket: SocketModeFake;
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    slack = await new SlackFake().start();
    socket = await new SocketModeFake().start(slack);
    port = await freePort();
    t = await startTestApp({
      slack,
      port,
      env: { SLACK_APP_TOKEN: slack.appToken, SLACK_SIGNING_SECRET: '' },
    });
    await socket.whenConnected();
  });
  afterAll(async () => {
    await t.stop();
    await socket.stop();
    await slack.stop();
  });

  it('takes slash commands over the websocket, acks them, and answers on the response_url', async () => {
    const responseUrl = slack.responseUrl();
    await socket.send('slash_commands', {
      command: '/lagesbild',
      text: 'hjälp',
      user_id: 'U0MEMBER1',
      channel_id: 'C0MEETING',
      team_id: 'T0000001',
      response_url: responseUrl,
      trigger_id: '1.2.abc',
    });
    await slack.waitFor(() => slack.responses.length > 0);
    expect(slack.responses[0]?.body.text).toContain('`/lagesbild hjälp`');
    expect(slack.calls.some((c) => c.method === 'apps.connections.open' && c.token === slack.appToken)).toBe(
      true,
    );
  });

  it('still serves /health on PORT for the container health check', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', redis: 'ok' });
  });
});
