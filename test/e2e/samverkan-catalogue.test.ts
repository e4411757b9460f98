import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import type { AccessResource } from '../../src/domain/access-log.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';

/**
 * `/samverkan part …` and `/samverkan område …`: admins add, rename and retire parties and areas in Slack; a
 * retired one keeps its history; every change and refused attempt is in the access log.
 */

const KBV = 'U0KBV0001';
const RTJ = 'U0RTJ0001';
const OUTSIDER = 'U0OUTSID1';

/**
 * A Tuesday, whatever the real date: what is submitted and what is shown of it stay in one meeting's week,
 * which a real clock passing Friday 09:00 (the meeting's start and lock) during the run would split.
 */
const TUESDAY = '2026-12-01T09:00:00Z';

describe('/samverkan part and område', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY) });
    t.slack.addUser({ id: ADMIN, name: 'admin' }).addUser({ id: KBV, name: 'kbv' });
    t.slack.addUser({ id: RTJ, name: 'rtj' }).addUser({ id: OUTSIDER, name: 'outsider' });
    db = createDatabase(t.databaseUrl);
    await db
      .insertInto('members')
      .values([{ user_id: KBV, party_key: 'kustbevakningen', added_by: ADMIN }])
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  const samverkan = (text: string, userId = ADMIN) => t.command(userId, '/samverkan', text);
  const text = (response: { body: { text?: string; blocks?: unknown } }) =>
    `${response.body.text ?? ''}${JSON.stringify(response.body.blocks ?? [])}`;
  const logged = (resource: AccessResource) =>
    db.selectFrom('access_log').selectAll().where('resource', '=', resource).orderBy('id').execute();

  it('gives Kustbevakningen its own areas: sjösäkerhet, miljöbrott and fiske', async () => {
    const sea = await t.command(KBV, '/lagesbild', 'sjö: grundstötning utanför Idö');
    expect(sea.body.text).toContain('Sparat för *Kustbevakningen*');
    expect(text(sea)).toContain('*Sjösäkerhet*');
    const oil = await t.command(KBV, '/lagesbild', 'miljö: oljefläck vid Händelöp');
    expect(text(oil)).toContain('*Miljöbrott och oljeutsläpp*');
    const fish = await t.command(KBV, '/lagesbild', 'fiske: olagliga nät i Gamlebyviken');
    expect(text(fish)).toContain('*Fiskebrott*');
  });

  it('lets an admin add an area with its short words, which then work in /lagesbild', async () => {
    const added = await samverkan('område lägg till Skärgårdstrafik: skärgård, färja');
    expect(added.body.text).toContain('✅ Området *Skärgårdstrafik* finns nu i formulären');
    expect(added.body.text).toContain('`skärgård`, `färja`');
    const listed = await samverkan('områden');
    expect(listed.body.text).toContain('Skärgårdstrafik: `skärgård`, `färja`');
    const entry = await t.command(KBV, '/lagesbild', 'färja: inställda turer till Hasselö');
    expect(text(entry)).toContain('*Skärgårdstrafik*');
    const [row] = (await logged('area')).slice(-1);
    expect(row).toMatchObject({ action: 'change', outcome: 'ok', actor_user_id: ADMIN });
    expect(row?.detail).toEqual({ kind: 'ny', areaKeys: ['skargard'] });
  });

  it('refuses a short word another party or area has, a command word, and a personal identity number', async () => {
    const taken = await samverkan('område lägg till Båtliv: båtliv, polis');
    expect(taken.body.text).toContain(
      '”polis” används redan av parten *Polisen, lokalpolisområde Västervik*',
    );
    const reserved = await samverkan('område lägg till Båtliv: inget');
    expect(reserved.body.text).toContain('”inget” används av kommandona själva');
    const personal = await samverkan('område lägg till Ärende 19811218-9876: arende');
    expect(personal.inAck).toBe(true);
    expect(personal.body.text).toContain('person- eller samordningsnummer');
    const long = await samverkan(`område lägg till ${'Å'.repeat(76)}`);
    expect(long.body.text).toContain('högst 75 tecken; det har 76');
    const names = await db.selectFrom('priority_areas').select('name').execute();
    expect(names.map((n) => n.name)).not.toContain('Båtliv');
  });

  it('renames an area, keeping its key and what was given under it', async () => {
    const renamed = await samverkan(
      'område byt namn skärgård till Skärgård och färjor: skärgård, färja, färjor',
    );
    expect(renamed.body.text).toContain('✅ *Skärgårdstrafik* heter nu *Skärgård och färjor*');
    const shown = await t.command(KBV, '/lagesbild', 'visa kustbevakningen');
    expect(text(shown)).toContain('*Skärgård och färjor*');
    expect(text(shown)).toContain('inställda turer till Hasselö');
    const area = await db
      .selectFrom('priority_areas')
      .selectAll()
      .where('key', '=', 'skargard')
      .executeTakeFirst();
    expect(area?.aliases).toEqual(['skärgård', 'färja', 'färjor']);
  });

  it('retires an area: it leaves /lagesbild, and its entries keep its name', async () => {
    const retired = await samverkan('område ta bort Skärgård och färjor');
    expect(retired.body.text).toContain('✅ Området *Skärgård och färjor* är borttaget ur formulären');
    const refused = await t.command(KBV, '/lagesbild', 'färja: en till');
    expect(refused.body.text).toMatch(/Jag känner inte till området [”"]färja[”"]/);
    const shown = await t.command(KBV, '/lagesbild', 'visa kustbevakningen');
    expect(text(shown)).toContain('*Skärgård och färjor*');
    expect(text(shown)).toContain('inställda turer till Hasselö');
  });

  it('adds a party that members can then be added to, and it shows in the status', async () => {
    const added = await samverkan('part lägg till Räddningstjänsten Västervik: räddning, rtj');
    expect(added.body.text).toContain('✅ *Räddningstjänsten Västervik* är nu en part i Fredagsmötet');
    expect(added.body.text).toContain('`/samverkan medlem lägg till @användare raddning`');
    const member = await samverkan(`medlem lägg till <@${RTJ}|rtj> rtj`);
    expect(member.body.text).toContain('är nu medlem i *Räddningstjänsten Västervik*');
    const entry = await t.command(RTJ, '/lagesbild', 'olyckor: brand i Gamleby');
    expect(entry.body.text).toContain('Sparat för *Räddningstjänsten Västervik*');
    const parties = await samverkan('parter');
    expect(parties.body.text).toContain(
      '`raddning` – Räddningstjänsten Västervik; kortord: `räddning`, `rtj`',
    );
  });

  it('renames a party and its short words', async () => {
    const renamed = await samverkan(
      'part byt namn räddning till Räddningstjänsten Västervik–Gamleby: räddning, rtj, brand',
    );
    expect(renamed.body.text).toContain('heter nu *Räddningstjänsten Västervik–Gamleby*');
    const member = await t.command(RTJ, '/lagesbild', 'brand olyckor: rökutveckling');
    expect(member.body.text).toContain('Sparat för *Räddningstjänsten Västervik–Gamleby*');
  });

  it('retires a party: its members are told and lose membership, its week still shows what it gave', async () => {
    const retired = await samverkan('part ta bort rtj');
    expect(retired.body.text).toContain(
      '✅ *Räddningstjänsten Västervik–Gamleby* är borttagen ur formulär och listor',
    );
    expect(retired.body.text).toContain('1 medlem har fått ett meddelande');
    await t.slack.waitFor(() =>
      t.slack
        .succeeded('chat.postMessage')
        .some((m) => m.channel === RTJ && String(m.text).includes('inte längre medlem')),
    );
    expect(await db.selectFrom('members').selectAll().where('user_id', '=', RTJ).execute()).toEqual([]);
    const submit = await t.command(RTJ, '/lagesbild', 'olyckor: ännu en');
    expect(submit.body.text).toContain('inte medlem i någon part');
    const shown = await t.command(KBV, '/lagesbild', 'visa');
    expect(text(shown)).toContain('brand i Gamleby');
    const parties = await samverkan('parter');
    expect(parties.body.text).not.toContain('Räddningstjänsten');
    const [member] = (await logged('member')).slice(-1);
    expect(member).toMatchObject({
      subject_user_id: RTJ,
      detail: { kind: 'borttagen', partyKeys: ['raddning'] },
    });
  });

  it('brings a retired party back by its name, with its key', async () => {
    const revived = await samverkan('part lägg till Räddningstjänsten Västervik: räddning');
    expect(revived.body.text).toContain('är i bruk igen, med samma korta namn `raddning`');
  });

  it('refuses non-admins and logs the attempt', async () => {
    const refused = await samverkan('område lägg till Något: nagot', OUTSIDER);
    expect(refused.body.text).toContain('bara administratörer');
    const [row] = (await logged('area')).slice(-1);
    expect(row).toMatchObject({ actor_user_id: OUTSIDER, outcome: 'refused', detail: { command: 'omrade' } });
    const party = await samverkan('part ta bort polisen', OUTSIDER);
    expect(party.body.text).toContain('bara administratörer');
    expect(
      await db.selectFrom('parties').select('active').where('key', '=', 'polisen').executeTakeFirst(),
    ).toEqual({
      active: true,
    });
  });
});
