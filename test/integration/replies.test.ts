/**
 * Recorded replies sent after the commit: through the response_url, ephemerally or as a DM, retried until they
 * land, shown once, and failed for good with an alert.
 */

import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import { listRepliesOf } from '../../src/db/effect-replies.repository.js';
import { bootstrapAdmins } from '../../src/db/members.repository.js';
import type { AlertRequest } from '../../src/effects/alerts.js';
import { createEffectSlack } from '../../src/effects/client.js';
import { replyKey } from '../../src/effects/keys.js';
import { createReplies, type Replies, recordReplyEffects } from '../../src/effects/replies.js';
import { ManualClock } from '../support/clock.js';
import { freshDatabase } from '../support/db.js';
import { SlackFake } from '../support/slack-fake.js';

/**
 * Replies as effects on real Postgres against the Slack fake: through the response_url while Slack takes it (five
 * posts, thirty minutes), then ephemerally in the channel or as a direct message; tried again after a 5xx until
 * they land, and the admins told when Slack refuses one for good.
 */
describe('replies', () => {
  let db: Db;
  let slack: SlackFake;
  let replies: Replies;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const alerts: AlertRequest[] = [];
  let counter = 0;

  beforeAll(async () => {
    ({ db } = await freshDatabase());
    await bootstrapAdmins(db, ['U0ADMIN01']);
    slack = await new SlackFake().start();
    slack.addChannel('C0MEETING');
    const config = loadConfig({
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: slack.apiUrl,
    });
    const logger = pino({ level: 'silent' });
    replies = createReplies({
      db,
      clock,
      logger,
      slack: createEffectSlack(config, logger),
      alerts: {
        db,
        logger,
        enqueueAlerts: async (list) => {
          alerts.push(...list);
        },
      },
    });
  });
  afterAll(async () => {
    await db.destroy();
    await slack.stop();
  });
  beforeEach(() => {
    clock.set('2026-12-01T09:00:00Z');
    slack.clearFailures();
    alerts.length = 0;
  });

  /** Records `count` replies of one request through its response_url, as a handler would, and returns its key. */
  async function record(url: string, count: number, channelId: string | null = 'C0MEETING'): Promise<string> {
    counter += 1;
    const requestKey = `kommando:T${counter}`;
    await recordReplyEffects(
      db,
      Array.from({ length: count }, (_, i) => ({
        key: replyKey('svar', '2026-W49', requestKey, i + 1),
        requestKey,
        payload: {
          message: { text: `Svar ${i + 1}` },
          route: {
            via: 'response_url' as const,
            url,
            issuedAt: clock.now().toISOString(),
            userId: 'U0ANNA',
            channelId,
            replaceOriginal: false,
            replaceOnRetry: true,
          },
        },
      })),
      clock.now(),
    );
    return requestKey;
  }

  /** Sends what is due until `done` holds (a retry waits for its backoff: the sweep takes it when due). */
  async function sweepUntil(done: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('replies not sent in time');
      await sql`update effects set created_at = created_at - interval '1 minute'`.execute(db);
      await replies.sweep();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('sends five through the response_url and the rest ephemerally in the channel, in order', async () => {
    const url = slack.responseUrl();
    const key = await record(url, 7);
    await replies.deliver(key);
    expect(slack.visibleResponses(url).map((r) => r.text)).toEqual([
      'Svar 1',
      'Svar 2',
      'Svar 3',
      'Svar 4',
      'Svar 5',
    ]);
    const ephemerals = slack.succeeded('chat.postEphemeral').filter((a) => String(a.text).startsWith('Svar'));
    expect(ephemerals.map((a) => a.text)).toEqual(['Svar 6', 'Svar 7']);
    expect(ephemerals.every((a) => a.user === 'U0ANNA' && a.channel === 'C0MEETING')).toBe(true);
    expect((await listRepliesOf(db, key)).map((e) => e.status)).toEqual(Array(7).fill('done'));
  });

  it('sends a reply whose response_url has expired (thirty minutes) as a direct message, findable by its key', async () => {
    const url = slack.responseUrl();
    const key = await record(url, 1, null);
    clock.advance(31 * 60_000);
    await replies.deliver(key);
    expect(slack.visibleResponses(url)).toEqual([]);
    const direct = slack.succeeded('chat.postMessage').filter((a) => a.channel === 'U0ANNA');
    expect(direct.at(-1)?.text).toBe('Svar 1');
    expect(direct.at(-1)?.metadata?.event_payload?.key).toBe(`2026-W49/svar/${key}#1`);
  });

  it('tries a reply the response_url answered 500 again until it lands, showing it once', async () => {
    const url = slack.responseUrl();
    const key = await record(url, 1);
    slack.failResponses(500, 2);
    await replies.deliver(key);
    expect(slack.visibleResponses(url)).toEqual([]);
    await sweepUntil(() => slack.visibleResponses(url).length > 0);
    expect(slack.visibleResponses(url).map((r) => r.text)).toEqual(['Svar 1']);
    expect(slack.responses.filter((r) => url.endsWith(r.id)).map((r) => r.error ?? 'ok')).toEqual([
      'http_500',
      'http_500',
      'ok',
    ]);
    expect((await listRepliesOf(db, key))[0]?.status).toBe('done');
  });

  it('shows one answer when a post that landed lost its answer: the retry replaces it', async () => {
    const url = slack.responseUrl();
    const key = await record(url, 1);
    // Slack took the post, but its answer never came: a second post replaces the first rather than adding one.
    slack.failResponses(500, 1);
    await replies.deliver(key);
    await sql`update effects set status = 'sending', claimed_at = now() - interval '1 hour' where request_key = ${key}`.execute(
      db,
    );
    await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'Svar 1' }) });
    await sweepUntil(async () => (await listRepliesOf(db, key))[0]?.status === 'done');
    expect(slack.visibleResponses(url).map((r) => r.text)).toEqual(['Svar 1']);
  });

  it('sends a reply given back after a 429 when the app’s clock is ahead of the database’s', async () => {
    // A clock a year ahead (a test's manual clock, a host whose clock is wrong): the sweep goes by the database's.
    clock.set(new Date(Date.now() + 365 * 24 * 60 * 60_000));
    const url = slack.responseUrl();
    const key = await record(url, 1);
    slack.failResponses(429, 1);
    await replies.deliver(key);
    expect(slack.visibleResponses(url)).toEqual([]);
    expect((await listRepliesOf(db, key))[0]?.status).toBe('pending');
    const deadline = Date.now() + 10_000;
    while (slack.visibleResponses(url).length === 0 && Date.now() < deadline) {
      await replies.sweep();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(slack.visibleResponses(url).map((r) => r.text)).toEqual(['Svar 1']);
  });

  it('records a reply Slack refuses for good as failed, and tells the admins', async () => {
    const url = slack.responseUrl();
    const key = await record(url, 1, null);
    slack.failWith('chat.postMessage', 'user_not_found', 1);
    clock.advance(31 * 60_000); // past the response_url: a direct message, which Slack refuses
    await replies.deliver(key);
    expect((await listRepliesOf(db, key))[0]).toMatchObject({ status: 'failed', error: 'user_not_found' });
    expect(alerts).toEqual([
      expect.objectContaining({
        adminId: 'U0ADMIN01',
        problem: expect.objectContaining({ userId: 'U0ANNA' }),
      }),
    ]);
  });
});
