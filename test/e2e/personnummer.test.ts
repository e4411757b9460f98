// End to end: a personnummer disguised by spaces or written in Arabic-Indic digits is refused by the one-liner
// and by an answer in a direct message, with the reason, and nothing of it is kept in the database.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { directMessage, eventCallback } from '../support/payloads.js';
import type { RecordedCall } from '../support/slack-fake.js';

// Tuesday 1 December 2026, 10:00 in Stockholm: the coming meeting is Friday 4 December, week 49.
const TUESDAY = '2026-12-01T09:00:00Z';
const POLICE = 'U0POLIS01';
const REFUSED = 'person- eller samordningsnummer';
const DISGUISED = ['19 12 12 12-1212', '١٢١٢١٢-١٢١٢'];

describe('a disguised personnummer', () => {
  let t: TestApp;
  let db: Db;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY) });
    db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: POLICE, partyKey: 'polisen' }, ADMIN);
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  async function entryTexts(): Promise<string[]> {
    const rows = await db.selectFrom('entries').select('text').where('author_user_id', '=', POLICE).execute();
    return rows.map((row) => row.text);
  }

  /** The tables whose rows hold `number` anywhere, once the request has been carried out; expected none. */
  async function tablesHolding(number: string): Promise<string[]> {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
    const holding: string[] = [];
    for (const { name } of tables.rows) {
      const found = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(name)} as r where r::text like ${`%${number}%`}`.execute(
        db,
      );
      if ((found.rows[0]?.n ?? 0) > 0) holding.push(name);
    }
    return holding;
  }

  /** Sends a direct message from POLICE and returns the reply in its thread. */
  async function directMessageAnswered(text: string): Promise<RecordedCall> {
    counter += 1;
    const ts = `1764579600.${String(counter).padStart(6, '0')}`;
    const request = eventCallback(
      directMessage({ userId: POLICE, channelId: t.slack.dmChannelOf(POLICE), text, ts }),
      {
        eventId: `EvPnr${counter}`,
      },
    );
    expect((await t.send(request)).status).toBe(200);
    const reply = () =>
      t.slack.calls.find(
        (c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && c.outcome === 'ok',
      );
    await t.slack.waitFor(() => reply() !== undefined, 10_000, `a reply to the direct message ${ts}`);
    return reply() as RecordedCall;
  }

  it.each(DISGUISED)('is refused by the one-liner, which stores nothing: %s', async (number) => {
    const response = await t.command(POLICE, '/lagesbild', `trafik: föraren ${number} stoppades vid E22`);
    expect(response.body.text).toContain(REFUSED);
    expect(await entryTexts()).toEqual([]);
    await expect.poll(() => tablesHolding(number), { timeout: 5_000 }).toEqual([]);
  });

  it.each(DISGUISED)('is refused in a direct message, which stores nothing: %s', async (number) => {
    const reply = await directMessageAnswered(`trafik: föraren ${number} stoppades vid E22`);
    expect(reply.args.text).toContain(REFUSED);
    expect(await entryTexts()).toEqual([]);
    await expect.poll(() => tablesHolding(number), { timeout: 5_000 }).toEqual([]);
  });

  it('stores the same text without the number, by both ways', async () => {
    const command = await t.command(POLICE, '/lagesbild', 'trafik: föraren stoppades vid E22');
    expect(command.body.text).not.toContain(REFUSED);
    const reply = await directMessageAnswered('trafik: föraren stoppades i Gamleby');
    expect(reply.args.text).not.toContain(REFUSED);
    await expect
      .poll(async () => (await entryTexts()).sort())
      .toEqual(['föraren stoppades i Gamleby', 'föraren stoppades vid E22']);
    // The search that finds nothing above finds what was stored.
    expect(await tablesHolding('föraren stoppades i Gamleby')).toContain('entries');
  });
});
