/**
 * The request pipeline: a stored request carried out once, retried with backoff, swept after a crash, and the
 * apology when a handler fails.
 */

import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import { listRepliesOf } from '../../src/db/effect-replies.repository.js';
import type { Deps } from '../../src/deps.js';
import type { ReplyPayload } from '../../src/effects/replies.js';
import type { RequestContext } from '../../src/kit/context.js';
import { createPipeline, type Pipeline, type ScopeInput } from '../../src/kit/pipeline.js';
import { createAfterAckQueue } from '../../src/services/after-ack.js';
import { createMeetings } from '../../src/services/meetings.js';
import { freshDatabase } from '../support/db.js';

/**
 * The pipeline on real Postgres: a stored request is carried out once, whoever asks and however often; a handler
 * that fails is tried again with backoff and, after its last try, answered with an apology; a read that fails
 * answers only the apology. Slack is not reached: the replies' delivery is recorded, not done.
 */
describe('the pipeline', () => {
  let db: Db;
  let pipe: Pipeline;
  const delivered: string[] = [];
  let runs = 0;
  let failing = false;

  const scope = (key: string): ScopeInput => ({
    userId: 'U0ANNA',
    via: 'kommando',
    requestKey: key,
    target: {
      responseUrl: 'https://hooks.example/response/1',
      issuedAt: new Date(),
      channelId: null,
      thread: null,
      replaceOnRetry: true,
    },
  });
  const handler = async (ctx: RequestContext) => {
    runs += 1;
    ctx.reply('Sparat.');
    if (failing) throw new Error('the handler failed');
  };
  const texts = async (key: string) =>
    (await listRepliesOf(db, key)).map((effect) => (effect.payload as ReplyPayload).message.text);

  beforeAll(async () => {
    ({ db } = await freshDatabase());
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 's' });
    const clock = { now: () => new Date() };
    const deps = {
      config,
      db,
      clock,
      logger: pino({ level: 'silent' }),
      afterAck: createAfterAckQueue(),
      meetings: createMeetings({ config, clock, db }),
      replies: {
        deliver: async (key: string) => {
          delivered.push(key);
        },
        sweep: async () => 0,
      },
    } as unknown as Deps;
    pipe = createPipeline(deps);
    pipe.register('test', (request) => ({ scope: scope(request.key), run: handler }));
  });
  afterAll(async () => {
    await pipe.close();
    await db.destroy();
  });

  it('carries out a stored request once, however often and from however many places it is asked', async () => {
    runs = 0;
    await pipe.store({ key: 'k-once', kind: 'test', userId: 'U0ANNA', payload: {} });
    await pipe.store({ key: 'k-once', kind: 'test', userId: 'U0ANNA', payload: {} });
    await Promise.all([pipe.process('k-once'), pipe.process('k-once'), pipe.process('k-once')]);
    await pipe.process('k-once');
    expect(runs).toBe(1);
    expect(await texts('k-once')).toEqual(['Sparat.']);
    expect(delivered.filter((key) => key === 'k-once')).toHaveLength(1);
  });

  it('tries a failing request again with backoff, and after its last try answers with an apology only', async () => {
    failing = true;
    try {
      await pipe.store({ key: 'k-fail', kind: 'test', userId: 'U0ANNA', payload: { text: 'x' } });
      await pipe.process('k-fail');
      const after1 = await db
        .selectFrom('inbox')
        .selectAll()
        .where('key', '=', 'k-fail')
        .executeTakeFirstOrThrow();
      expect(after1).toMatchObject({ attempts: 1, processed_at: null });
      expect(after1.next_attempt_at?.getTime()).toBeGreaterThan(Date.now());
      expect(await texts('k-fail')).toEqual([]); // rolled back with the change
      await pipe.process('k-fail');
      await pipe.process('k-fail');
      const done = await db
        .selectFrom('inbox')
        .selectAll()
        .where('key', '=', 'k-fail')
        .executeTakeFirstOrThrow();
      expect(done.processed_at).not.toBeNull();
      expect(done.error).toBe('gave up');
      expect(done.payload).toEqual({});
      const answers = await texts('k-fail');
      expect(answers).toHaveLength(1);
      expect(answers[0]).toContain('kunde inte sparas');
    } finally {
      failing = false;
    }
  });

  it('sweeps a request a killed process stored and never carried out', async () => {
    runs = 0;
    await pipe.store({ key: 'k-left', kind: 'test', userId: 'U0ANNA', payload: {} });
    await sql`update inbox set received_at = now() - interval '1 minute' where key = 'k-left'`.execute(db);
    await pipe.sweep();
    expect(runs).toBe(1);
    expect(await texts('k-left')).toEqual(['Sparat.']);
  });

  it('answers a read whose handler fails with the apology alone', async () => {
    await pipe.runNow(scope('k-read'), async (ctx) => {
      ctx.reply('halvfärdigt svar');
      throw new Error('rendering failed');
    });
    const answers = await texts('k-read');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain('Något gick fel');
  });
});
