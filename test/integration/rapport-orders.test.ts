/**
 * `/rapport` orders on real Postgres: two requests for the same report carried out at the same moment, each in
 * its own transaction as the pipeline runs them, record one order and give one "being made" answer.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND, rapportCommand } from '../../commands/rapport.js';
import { type Db, inTransaction } from '../../src/db/database.js';
import type { Answer } from '../../src/kit/context.js';
import { freshDatabase } from '../support/db.js';
import { fakeRequestContext } from '../support/request-context.js';

const NOW = new Date('2026-12-01T09:00:00Z');
const POLICE = { userId: 'U0POLIS01', partyKeys: ['polisen'], isAdmin: false };

describe('/rapport orders', () => {
  let db: Db;

  beforeAll(async () => {
    ({ db } = await freshDatabase());
  });
  afterAll(async () => {
    await db.destroy();
  });

  /**
   * Carries out one stored `/rapport <text>` in its own transaction, held open a moment after the handler (as
   * while its replies are recorded), so that a second request runs while the first has not committed.
   */
  const order = (requestKey: string, text: string): Promise<Answer[]> =>
    inTransaction(db, async (trx) => {
      const request = fakeRequestContext({ actor: POLICE, now: NOW, via: 'kommando', db: trx });
      const run = rapportCommand.otherwise?.run ?? (() => Promise.reject(new Error('no fallback')));
      await run({
        ...request.ctx,
        requestKey,
        command: COMMAND,
        channelId: 'C0MEETING',
        responseUrl: 'https://hooks.example/response',
        text,
        rawText: text,
        openView: async () => {},
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return request.replies;
    });

  it('records one order, and one answer that it is being made, for two requests of the same at once', async () => {
    const answers = await Promise.all([order('kommando:T1', '2026'), order('kommando:T2', '2026')]);
    const texts = answers.flat().map((answer) => (typeof answer === 'string' ? answer : answer.text));
    expect(texts.filter((text) => text.includes('tas fram') && !text.includes('redan'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('tas redan fram'))).toHaveLength(1);
    const orders = await db.selectFrom('effects').select('target').where('kind', '=', 'rapport').execute();
    expect(orders).toHaveLength(1);
  });
});
