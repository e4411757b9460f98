import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';

const ANNA = 'U0ANNA001';
const BERTIL = 'U0BERTIL1';
const CECILIA = 'U0CECILI1';
const ROBOT = 'U0ROBOT01';
const GONE = 'U0SLUTAT1';
const STRANGER = 'U0OKAND01';

/**
 * A Tuesday, whatever the real date: what is submitted and what is shown of it stay in one meeting's week,
 * which a real clock passing Friday 09:00 (the meeting's start and lock) during the run would split.
 */
const TUESDAY = '2026-12-01T09:00:00Z';

describe('/samverkan: parties, members and admins', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY) });
    t.slack
      .addUser({ id: ADMIN, name: 'admin' })
      .addUser({ id: ANNA, name: 'anna' })
      .addUser({ id: BERTIL, name: 'bertil' })
      .addUser({ id: CECILIA, name: 'cecilia' })
      .addUser({ id: ROBOT, name: 'robot', isBot: true })
      .addUser({ id: GONE, name: 'slutat', deleted: true })
      .addUser({ id: STRANGER, name: 'okand' });
    db = createDatabase(t.databaseUrl);
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  const samverkan = (userId: string, text: string) => t.command(userId, '/samverkan', text);

  async function partiesOf(userId: string): Promise<string[]> {
    const rows = await db.selectFrom('members').select('party_key').where('user_id', '=', userId).execute();
    return rows.map((r) => r.party_key).sort();
  }

  async function admins(): Promise<string[]> {
    const rows = await db.selectFrom('admins').select('user_id').execute();
    return rows.map((r) => r.user_id).sort();
  }

  it('lets an admin add a member named as Slack sends a mention, and welcomes them', async () => {
    const response = await samverkan(ADMIN, `medlem lägg till <@${ANNA}|anna> polisen`);
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.text).toContain(`<@${ANNA}> är nu medlem i *Polisen, lokalpolisområde Västervik*`);
    expect(await partiesOf(ANNA)).toEqual(['polisen']);
    expect(t.slack.succeeded('users.info').some((args) => args.user === ANNA)).toBe(true);
    await t.slack.waitFor(() => t.slack.succeeded('chat.postMessage').some((args) => args.channel === ANNA));
    const welcome = t.slack.succeeded('chat.postMessage').find((args) => args.channel === ANNA);
    expect(welcome?.text).toContain('/lagesbild');

    const again = await samverkan(ADMIN, `medlem lägg till <@${ANNA}|anna> Polisen`);
    expect(again.body.text).toContain('redan medlem');
    const both = await samverkan(ADMIN, `medlem lagg till <@${ANNA}> kommunen kustbevakningen`);
    expect(both.body.text).toContain('Västerviks kommun');
    expect(await partiesOf(ANNA)).toEqual(['kommunen', 'kustbevakningen', 'polisen']);
  });

  it('publishes the App Home again for a user whose membership changed', async () => {
    const published = () =>
      t.slack.succeeded('views.publish').filter((args) => args.user_id === CECILIA).length;
    const lastHome = () =>
      JSON.stringify(
        t.slack
          .succeeded('views.publish')
          .filter((args) => args.user_id === CECILIA)
          .at(-1),
      );
    const before = published();
    await samverkan(ADMIN, `medlem lägg till <@${CECILIA}> regionen`);
    await t.slack.waitFor(() => published() > before, 5_000, 'the App Home to be published');
    expect(lastHome()).not.toContain('inte medlem i någon part');
    const afterAdding = published();
    await samverkan(ADMIN, `medlem ta bort <@${CECILIA}>`);
    expect(await partiesOf(CECILIA)).toEqual([]);
    await t.slack.waitFor(() => published() > afterAdding, 5_000, 'the App Home to be published again');
    expect(lastHome()).toContain('inte medlem i någon part');
  });

  it('refuses unknown users, bots, deactivated accounts and unknown parties, changing nothing', async () => {
    const unknown = await samverkan(ADMIN, 'medlem lägg till <@U0FINNSEJ|x> polisen');
    expect(unknown.body.text).toContain('Jag hittar ingen användare med id `U0FINNSEJ`');
    const bot = await samverkan(ADMIN, `medlem lägg till <@${ROBOT}> polisen`);
    expect(bot.body.text).toContain('är en bot');
    const gone = await samverkan(ADMIN, `medlem lägg till <@${GONE}> polisen`);
    expect(gone.body.text).toContain('avaktiverat konto');
    const party = await samverkan(ADMIN, `medlem lägg till <@${BERTIL}> polisen brandkåren`);
    expect(party.body.text).toContain('Jag känner inte till parten ”brandkåren”');
    expect(party.body.text).toContain('`kustbevakningen`');
    const noParty = await samverkan(ADMIN, `medlem lägg till <@${BERTIL}>`);
    expect(noParty.body.text).toContain('Ange vilken part');
    const noUser = await samverkan(ADMIN, 'medlem lägg till anna polisen');
    expect(noUser.body.text).toContain('Ange användaren med @');
    for (const user of ['U0FINNSEJ', ROBOT, GONE, BERTIL]) expect(await partiesOf(user)).toEqual([]);
  });

  it('refuses membership changes by non-admins and names the admins', async () => {
    const response = await samverkan(ANNA, `medlem lägg till <@${BERTIL}|bertil> polisen`);
    expect(response.body.text).toContain('bara administratörer');
    expect(response.body.text).toContain(`<@${ADMIN}>`);
    expect(await partiesOf(BERTIL)).toEqual([]);
    const admin = await samverkan(ANNA, `admin lägg till <@${ANNA}>`);
    expect(admin.body.text).toContain('bara administratörer');
    expect(await admins()).toEqual([ADMIN]);
  });

  it('removes a member from one party or from all', async () => {
    const one = await samverkan(ADMIN, `medlem ta bort <@${ANNA}|anna> kommunen`);
    expect(one.body.text).toContain('inte längre medlem i *Västerviks kommun*');
    expect(await partiesOf(ANNA)).toEqual(['kustbevakningen', 'polisen']);
    const notThere = await samverkan(ADMIN, `medlem ta bort <@${ANNA}> kommunen`);
    expect(notThere.body.text).toContain('är inte medlem i *Västerviks kommun*');
    const all = await samverkan(ADMIN, `medlem ta bort <@${ANNA}>`);
    expect(all.body.text).toContain('Polisen');
    expect(all.body.text).toContain('Kustbevakningen');
    expect(await partiesOf(ANNA)).toEqual([]);
    // Removal needs no Slack account: someone who left can still be taken off the list.
    await db
      .insertInto('members')
      .values({ user_id: GONE, party_key: 'regionen', added_by: ADMIN })
      .execute();
    await samverkan(ADMIN, `medlem ta bort <@${GONE}>`);
    expect(await partiesOf(GONE)).toEqual([]);
  });

  it('lists members per party to admins and members, and to no one else', async () => {
    await samverkan(ADMIN, `medlem lägg till <@${BERTIL}> regionen`);
    const forAdmin = await samverkan(ADMIN, 'medlemmar');
    const text = JSON.stringify(forAdmin.body.blocks);
    expect(text).toContain(`*Region Kalmar län* (\`regionen\`): <@${BERTIL}>`);
    expect(text).toContain('*Polisen, lokalpolisområde Västervik* (`polisen`): _inga medlemmar_');
    expect(text).toContain(`*Administratörer:* <@${ADMIN}>`);
    const forMember = await samverkan(BERTIL, 'medlemmar');
    expect(JSON.stringify(forMember.body.blocks)).toContain(`<@${BERTIL}>`);
    const forStranger = await samverkan(STRANGER, 'medlemmar');
    expect(forStranger.body.text).toContain('visas bara för parternas medlemmar och administratörer');
    expect(forStranger.body.blocks).toBeUndefined();
  });

  it('makes and unmakes admins, keeps at least one, and notes admins from ADMIN_USER_IDS', async () => {
    const added = await samverkan(ADMIN, `admin lägg till <@${CECILIA}|cecilia>`);
    expect(added.body.text).toContain(`<@${CECILIA}> är nu administratör`);
    expect(await admins()).toEqual([ADMIN, CECILIA].sort());
    // An admin is not a member: they still cannot submit.
    const submit = await t.command(CECILIA, '/lagesbild', 'trafik: test');
    expect(submit.body.text).toContain('administratör men inte medlem');

    const byNew = await samverkan(CECILIA, `admin ta bort <@${ADMIN}>`);
    expect(byNew.body.text).toContain('inte längre administratör');
    expect(byNew.body.text).toContain('ADMIN_USER_IDS');
    const last = await samverkan(CECILIA, `admin ta bort <@${CECILIA}>`);
    expect(last.body.text).toContain('minst en administratör');
    expect(await admins()).toEqual([CECILIA]);
    const notAdmin = await samverkan(CECILIA, `admin ta bort <@${BERTIL}>`);
    expect(notAdmin.body.text).toContain('är inte administratör');
    await samverkan(CECILIA, `admin lägg till <@${ADMIN}>`);
  });

  it('lists the parties and the areas with their aliases to anyone', async () => {
    const parties = await samverkan(STRANGER, 'parter');
    expect(parties.body.text).toContain('`kustbevakningen` – Kustbevakningen');
    const areas = await samverkan(STRANGER, 'omraden');
    expect(areas.body.text).toContain('Trafikbrott: `trafik`');
    const help = await samverkan(STRANGER, 'hjälp');
    for (const usage of [
      'medlem lägg till',
      'medlem ta bort',
      'medlemmar',
      'admin lägg till',
      'admin ta bort',
    ]) {
      expect(help.body.text).toContain(usage);
    }
  });
});
