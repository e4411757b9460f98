/**
 * Nothing a user types reaches the database with a personal identity number in it, not even for the moment a
 * request is kept before it is carried out: every /samverkan change and every /rapport is refused in the ack
 * itself, in the words of what was asked (/lagesbild and /protokoll do the same, see personnummer.test.ts).
 */

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';

// Tuesday 1 December 2026, 10:00 in Stockholm.
const TUESDAY = '2026-12-01T09:00:00Z';
const POLICE = 'U0POLIS01';
const NUMBER = '19121212-1212';

describe('a personnummer in a command that changes something', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY) });
    await addMember(t.app.deps.db, { userId: POLICE, partyKey: 'polisen' }, ADMIN);
  });
  afterAll(async () => {
    await t.stop();
  });

  /** The tables whose rows hold the number anywhere; expected none. */
  async function tablesHolding(number: string): Promise<string[]> {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.app.deps.db);
    const holding: string[] = [];
    for (const { name } of tables.rows) {
      const found = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(name)} as r where r::text like ${`%${number}%`}`.execute(
        t.app.deps.db,
      );
      if ((found.rows[0]?.n ?? 0) > 0) holding.push(name);
    }
    return holding;
  }

  it.each([
    ['/samverkan', `ställ in v50 ${NUMBER} är sjuk`, ADMIN, 'Orsaken ser ut att innehålla ett personnummer'],
    ['/samverkan', `radera 1 gällde ${NUMBER}`, ADMIN, 'Orsaken ser ut att innehålla ett personnummer'],
    ['/samverkan', `medlem lägg till <@${POLICE}> ${NUMBER}`, ADMIN, 'personnummer eller samordningsnummer'],
    ['/samverkan', `part lägg till Polisen ${NUMBER}`, ADMIN, 'person- eller samordningsnummer'],
    ['/samverkan', `flytta v50 ${NUMBER}`, ADMIN, 'personnummer eller samordningsnummer'],
    ['/rapport', `2026 ${NUMBER}`, POLICE, 'person- eller samordningsnummer'],
  ])('%s %s is refused in the ack, and nothing of it is stored', async (command, text, user, refusal) => {
    const answer = await t.command(user, command, text);
    expect(answer.inAck).toBe(true);
    expect(answer.body.text).toContain(refusal);
    expect(await tablesHolding(NUMBER)).toEqual([]);
  });

  it('still carries out a cancellation whose reason holds only a date and a time', async () => {
    const answer = await t.command(ADMIN, '/samverkan', 'ställ in v50 utbildning 2026-12-11 09.00');
    expect(answer.inAck).toBeUndefined();
    expect(answer.body.text).toContain('inställt');
  });
});
