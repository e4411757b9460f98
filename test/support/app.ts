import pino from 'pino';
import { type RunningApp, SLACK_EVENTS_PATH, startApp } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { freshDatabaseUrl, freshQueuePrefix } from './db.js';
import { TEST_REDIS_URL } from './env.js';
import type { SlackRequest } from './payloads.js';
import { slashCommand } from './payloads.js';
import { listenersIdle, settleRequest, trackListeners } from './settle.js';
import { signatureHeaders, TEST_SIGNING_SECRET } from './signer.js';
import { type RecordedResponse, SlackFake } from './slack-fake.js';

export const MEETING_CHANNEL = 'C0MEETING';
export const ADMIN = 'U0ADMIN01';

export interface TestAppOptions {
  clock?: Clock;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** Share a fake (and so the recorded calls) between instances. */
  slack?: SlackFake;
  /** Share a database between instances; default a fresh one. */
  databaseUrl?: string;
  /** Share a queue prefix between instances; default a fresh one. */
  queuePrefix?: string;
  /** The port to listen on; default a free one. */
  port?: number;
  /** How often the app sweeps for stored requests and replies left behind (default: the app's). */
  sweepIntervalMs?: number;
}

export interface TestApp {
  readonly app: RunningApp;
  readonly slack: SlackFake;
  readonly baseUrl: string;
  readonly databaseUrl: string;
  readonly queuePrefix: string;
  /** Sends a request to /slack/events, signed unless `headers` replaces the signature. */
  send(request: SlackRequest, headers?: Record<string, string>): Promise<Response>;
  /**
   * Runs a slash command as `userId` and returns its first answer: the ack's own body when it carried one (a
   * refusal answered at once), otherwise the first response_url post it led to.
   */
  command(userId: string, command: string, text: string): Promise<RecordedResponse>;
  /**
   * Waits until the stored request `requestKey` (its inbox key) is carried out, its replies sent, no listener
   * is running, and a sweep has run after that: then "exactly once" can be counted (see settle.ts).
   */
  settled(requestKey: string): Promise<void>;
  /** Waits until no listener is running (for requests that store nothing). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the app exactly as `npm start` does (src/app.ts, from a Config read from environment variables),
 * against a fresh database, its own queue prefix and a Slack fake.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const slack = options.slack ?? (await new SlackFake().start());
  const ownsSlack = options.slack === undefined;
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl());
  const queuePrefix = options.queuePrefix ?? freshQueuePrefix();
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    MEETING_CHANNEL_ID: MEETING_CHANNEL,
    ADMIN_USER_IDS: ADMIN,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await startApp(config, {
    clock: options.clock,
    logger,
    port: options.port ?? 0,
    ...(options.sweepIntervalMs === undefined ? {} : { sweepIntervalMs: options.sweepIntervalMs }),
  });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  const listeners = trackListeners(app.bolt);

  const send = (request: SlackRequest, headers?: Record<string, string>) =>
    fetch(`${baseUrl}${SLACK_EVENTS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': request.contentType, ...(headers ?? signatureHeaders(request.body)) },
      body: request.body,
    });

  return {
    app,
    slack,
    baseUrl,
    databaseUrl,
    queuePrefix,
    send,
    async command(userId, command, text) {
      const responseUrl = slack.responseUrl();
      const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
      const res = await send(slashCommand({ command, text, userId, responseUrl }));
      if (res.status !== 200) throw new Error(`${command} ${text} answered HTTP ${res.status}`);
      const acked = await res.text();
      if (acked !== '') return { id, body: JSON.parse(acked), at: Date.now(), inAck: true };
      await slack.waitFor(
        () => slack.responses.some((r) => r.id === id),
        10_000,
        `a response to ${command} ${text}`,
      );
      return slack.responses.find((r) => r.id === id) as RecordedResponse;
    },
    settled: (requestKey) => settleRequest(app, listeners, requestKey),
    idle: () => listenersIdle(listeners),
    async stop() {
      await app.stop();
      if (ownsSlack) await slack.stop();
    },
  };
}
