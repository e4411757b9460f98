import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';

/**
 * Issue 11, defect 10: parties are found by their full names, their short names and the unambiguous beginning of
 * either, in every command; what could not be found is quoted as the user typed it.
 */

const ANNA = 'U0ANNA001';
const BERTIL = 'U0BERTIL1';

/**
 * A Tuesday, whatever the real date: what is submitted and what is shown of it stay in one meeting's week,
 * which a real clock passing Friday 09:00 (the meeting's start and lock) during the run would split.
 */
const TUESDAY = '2026-12-01T09:00:00Z';

describe('party names as people type them', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY) });
    t.slack.addUser({ id: ADMIN, name: 'admin' }).addUser({ id: ANNA, name: 'anna' });
    t.slack.addUser({ id: BERTIL, name: 'bertil' });
    db = createDatabase(t.databaseUrl);
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  const samverkan = (text: string) => t.command(ADMIN, '/samverkan', text);
  async function partiesOf(userId: string): Promise<string[]> {
    const rows = await db.selectFrom('members').select('party_key').where('user_id', '=', userId).execute();
    return rows.map((r) => r.party_key).sort();
  }

  it('accepts a party by its full name, also one of several words', async () => {
    const response = await samverkan(`medlem lägg till <@${ANNA}|anna> Västerviks kommun`);
    expect(response.body.text).toContain(`<@${ANNA}> är nu medlem i *Västerviks kommun*`);
    expect(response.body.text).not.toContain('känner inte till');
    const two = await samverkan(`medlem lägg till <@${ANNA}> Region Kalmar län och Kustbevakningen`);
    expect(two.body.text).toContain('*Region Kalmar län*');
    expect(two.body.text).toContain('*Kustbevakningen*');
    expect(await partiesOf(ANNA)).toEqual(['kommunen', 'kustbevakningen', 'regionen']);
  });

  it('accepts the short words kommun, polis, region and kustbevakning', async () => {
    for (const word of ['kommun', 'polis', 'region', 'kustbevakning']) {
      const response = await samverkan(`medlem lägg till <@${BERTIL}> ${word}`);
      expect(response.body.text, word).toContain('är nu medlem i');
    }
    expect(await partiesOf(BERTIL)).toEqual(['kommunen', 'kustbevakningen', 'polisen', 'regionen']);
    const removed = await samverkan(`medlem ta bort <@${BERTIL}> Polisen, lokalpolisområde Västervik`);
    expect(removed.body.text).toContain('inte längre medlem i *Polisen, lokalpolisområde Västervik*');
  });

  it('accepts the unambiguous beginning of a name and says which parties an ambiguous one could be', async () => {
    await db.insertInto('parties').values({ key: 'kustradio', name: 'Kustradion', sort_order: 50 }).execute();
    const prefix = await samverkan(`medlem lägg till <@${ANNA}> pol`);
    expect(prefix.body.text).toContain('är nu medlem i *Polisen, lokalpolisområde Västervik*');
    const ambiguous = await samverkan(`medlem lägg till <@${ANNA}> kust`);
    expect(ambiguous.body.text).toContain('Jag vet inte vilken part du menar med ”kust”');
    expect(ambiguous.body.text).toContain('Kustbevakningen');
    expect(ambiguous.body.text).toContain('Kustradion');
    await db.deleteFrom('parties').where('key', '=', 'kustradio').execute();
  });

  it('quotes what was typed when a party is unknown, and changes nothing', async () => {
    const before = await partiesOf(ANNA);
    const unknown = await samverkan(`medlem lägg till <@${ANNA}> polisen Räddningstjänsten Västervik`);
    // Quoted as typed, whole (the quotation marks are the wording's, ” or ").
    expect(unknown.body.text).toMatch(/Jag känner inte till parten [”"]Räddningstjänsten Västervik[”"]/);
    expect(await partiesOf(ANNA)).toEqual(before);
  });

  it('finds parties by full and short names in /lagesbild too', async () => {
    const entry = await t.command(ANNA, '/lagesbild', 'Västerviks kommun trafik: fler bilar på E22');
    expect(entry.body.text).toContain('Sparat för *Västerviks kommun*');
    const nothing = await t.command(ANNA, '/lagesbild', 'inget region');
    expect(nothing.body.text).toContain('*Region Kalmar län* har inget att rapportera');
    const shown = await t.command(ANNA, '/lagesbild', 'visa Västerviks kommun');
    expect(JSON.stringify(shown.body.blocks)).toContain('fler bilar på E22');
    expect(JSON.stringify(shown.body.blocks)).not.toContain('Kustbevakningen');
  });
});
