import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { addMember, isAdmin } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { appHomeOpened, blockAction, directMessage, eventCallback } from '../support/payloads.js';
import { signatureHeaders } from '../support/signer.js';

/**
 * The behörighetslogg through the app as people use it: every path that shows entry text or changes something
 * writes its row (identifiers only), the admins read it with `/samverkan logg`, remove an entry's text with
 * `radera`, and a user Slack deactivates loses access at once.
 */

const POLICE = 'U0POLIS01';
const MUNICIPALITY = 'U0KOMMUN1';
const OUTSIDER = 'U0UTANFOR';
const LEAVER = 'U0SLUTAR1';
const TUESDAY = '2026-12-01T09:00:00Z';
const WEEK = '2026-W49';

interface Row {
  actor_user_id: string;
  action: string;
  outcome: string;
  resource: string;
  via: string;
  meeting_week: string | null;
  entry_ids: number[] | null;
  subject_user_id: string | null;
  detail: Record<string, unknown>;
}

describe('the access log and data protection', () => {
  let t: TestApp;
  let db: Db;
  let since = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY), sweepIntervalMs: 300 });
    db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: POLICE, partyKey: 'polisen' }, ADMIN);
    await addMember(db, { userId: MUNICIPALITY, partyKey: 'kommunen' }, ADMIN);
    await addMember(db, { userId: LEAVER, partyKey: 'regionen' }, ADMIN);
    t.slack.addUser({ id: POLICE, name: 'polis' }).addUser({ id: MUNICIPALITY, name: 'kommun' });
    t.slack.addUser({ id: ADMIN, name: 'admin' }).addUser({ id: LEAVER, name: 'slutar', deleted: true });
    t.slack.addUser({ id: OUTSIDER, name: 'utanfor' }).addUser({ id: 'U0NYMEDL1', name: 'ny' });
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });
  beforeEach(async () => {
    const row = await sql<{ max: number | null }>`select max(id) as max from access_log`.execute(db);
    since = Number(row.rows[0]?.max ?? 0);
  });

  /** The log rows written since the test began, oldest first. */
  async function rows(): Promise<Row[]> {
    const result = await sql<Row>`select * from access_log where id > ${since} order by id`.execute(db);
    return result.rows;
  }

  async function waitForRow(match: Partial<Row>): Promise<Row> {
    for (let i = 0; i < 100; i += 1) {
      const found = (await rows()).find((row) =>
        Object.entries(match).every(
          ([key, value]) => JSON.stringify(row[key as keyof Row]) === JSON.stringify(value),
        ),
      );
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no log row like ${JSON.stringify(match)} in ${JSON.stringify(await rows())}`);
  }

  it('records a one-liner, `mina`, `visa` and `status`, with the entries they showed and never the text', async () => {
    const typed = 'trafik: hemlig iakttagelse vid Gamleby';
    await t.command(POLICE, '/lagesbild', typed);
    const [entry] = await db
      .selectFrom('entries')
      .select('id')
      .where('author_user_id', '=', POLICE)
      .execute();
    expect(entry).toBeDefined();
    await waitForRow({
      actor_user_id: POLICE,
      action: 'change',
      resource: 'entry',
      via: 'kommando',
      meeting_week: WEEK,
      entry_ids: [entry?.id as number],
    });
    await t.command(POLICE, '/lagesbild', 'mina');
    await waitForRow({
      actor_user_id: POLICE,
      action: 'read',
      resource: 'entry',
      entry_ids: [entry?.id as number],
    });
    await t.command(MUNICIPALITY, '/lagesbild', 'visa');
    await waitForRow({
      actor_user_id: MUNICIPALITY,
      action: 'read',
      resource: 'picture',
      meeting_week: WEEK,
    });
    await t.command(MUNICIPALITY, '/lagesbild', 'status');
    await waitForRow({ actor_user_id: MUNICIPALITY, action: 'read', resource: 'status', meeting_week: WEEK });
    const all = JSON.stringify(await rows());
    expect(all).not.toContain('hemlig');
    expect(all).not.toContain('Gamleby');
  });

  it('records an answer in chat, a removal by button, the agenda’s "Visa lägesbild" and App Home', async () => {
    const channel = t.slack.dmChannelOf(MUNICIPALITY);
    const dm = eventCallback(
      directMessage({
        userId: MUNICIPALITY,
        channelId: channel,
        text: 'unga: klotter',
        ts: '1764579600.000901',
      }),
      { eventId: 'Ev0LOGG01' },
    );
    expect((await t.send(dm, signatureHeaders(dm.body))).status).toBe(200);
    await waitForRow({ actor_user_id: MUNICIPALITY, action: 'change', resource: 'entry', via: 'dm' });
    const [entry] = await db
      .selectFrom('entries')
      .select('id')
      .where('idempotency_key', '=', `chatt:${channel}:1764579600.000901`)
      .execute();

    await t.send(
      blockAction({
        userId: MUNICIPALITY,
        actionId: 'lagesbild_ta_bort',
        value: JSON.stringify({ id: entry?.id, from: 'kvitto' }),
        responseUrl: t.slack.responseUrl(),
      }),
    );
    const removal = await waitForRow({ actor_user_id: MUNICIPALITY, resource: 'entry', via: 'knapp' });
    expect(removal).toMatchObject({
      action: 'change',
      entry_ids: [entry?.id],
      detail: { kind: 'borttagen' },
    });

    await t.send(
      blockAction({
        userId: POLICE,
        actionId: 'agenda_visa_lagesbild',
        value: WEEK,
        responseUrl: t.slack.responseUrl(),
      }),
    );
    await waitForRow({ actor_user_id: POLICE, action: 'read', resource: 'picture', via: 'knapp' });

    await t.send(eventCallback(appHomeOpened(POLICE)));
    await waitForRow({ actor_user_id: POLICE, action: 'read', resource: 'home', via: 'hem' });
  });

  it('records membership and calendar changes, and a refused attempt as refused', async () => {
    await t.command(ADMIN, '/samverkan', 'medlem lägg till <@U0NYMEDL1|ny> kustbevakningen');
    await waitForRow({
      actor_user_id: ADMIN,
      action: 'change',
      resource: 'member',
      subject_user_id: 'U0NYMEDL1',
    });
    await t.command(ADMIN, '/samverkan', 'ställ in v51 personalbrist');
    await waitForRow({
      actor_user_id: ADMIN,
      action: 'change',
      resource: 'meeting',
      meeting_week: '2026-W51',
    });

    const refused = await t.command(OUTSIDER, '/samverkan', 'logg');
    expect(refused.body.text).toContain('bara administratörer');
    expect(refused.body.text).toContain('noterats i behörighetsloggen');
    const attempt = await waitForRow({ actor_user_id: OUTSIDER, outcome: 'refused' });
    expect(attempt).toMatchObject({ action: 'read', resource: 'access_log', detail: { command: 'logg' } });
    const member = await t.command(OUTSIDER, '/samverkan', `medlem lägg till <@${OUTSIDER}> polisen`);
    expect(member.body.text).toContain('bara administratörer');
    await waitForRow({ actor_user_id: OUTSIDER, outcome: 'refused', resource: 'member' });
  });

  it('lets an admin read the log, newest first, and logs that too', async () => {
    const page = await t.command(ADMIN, '/samverkan', `logg <@${POLICE}|polis>`);
    const text = JSON.stringify(page.body.blocks);
    expect(page.body.text).toContain('Behörighetslogg');
    expect(text).toContain(`<@${POLICE}>`);
    expect(text).toContain('läste');
    await waitForRow({
      actor_user_id: ADMIN,
      action: 'read',
      resource: 'access_log',
      subject_user_id: POLICE,
    });
    const bad = await t.command(ADMIN, '/samverkan', 'logg förra tisdagen');
    expect(bad.body.text).toContain('Jag förstår inte');
  });

  it('removes an entry’s text on an admin’s request, keeping the entry and its counts', async () => {
    await t.command(POLICE, '/lagesbild', 'narkotika: text som inte får sparas');
    const entry = await db
      .selectFrom('entries')
      .select(['id', 'area_key'])
      .where('author_user_id', '=', POLICE)
      .where('area_key', '=', 'narkotika')
      .executeTakeFirstOrThrow();
    const answer = await t.command(ADMIN, '/samverkan', `radera ${entry.id} skrevs av misstag`);
    expect(answer.body.text).toContain(`iakttagelse ${entry.id}`);
    const after = await db
      .selectFrom('entries')
      .selectAll()
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow();
    expect(after.text).toBe('');
    expect(after.area_key).toBe('narkotika');
    expect(after.removed_at).toBeNull();
    await waitForRow({ actor_user_id: ADMIN, action: 'change', resource: 'entry', entry_ids: [entry.id] });
    const refused = await t.command(POLICE, '/samverkan', `radera ${entry.id} vill bort`);
    expect(refused.body.text).toContain('bara administratörer');
  });

  it('ends a deactivated user’s access at once and tells each admin once, however often Slack says so', async () => {
    const event = (n: number) =>
      eventCallback(
        { type: 'user_change', user: { id: LEAVER, deleted: true }, event_ts: '1764580000.000100' },
        { eventId: `Ev0SLUT0${n}` },
      );
    for (const n of [1, 2]) {
      const request = event(n);
      expect((await t.send(request, signatureHeaders(request.body))).status).toBe(200);
    }
    const memberships = async () =>
      db.selectFrom('members').select('party_key').where('user_id', '=', LEAVER).execute();
    for (let i = 0; i < 100 && (await memberships()).length > 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await memberships()).toEqual([]);
    expect(await isAdmin(db, LEAVER)).toBe(false);
    await t.slack.waitFor(
      () =>
        t.slack
          .succeeded('chat.postMessage')
          .some((a) => a.channel === ADMIN && String(a.text).includes(LEAVER)),
      10_000,
      'the admins to be told',
    );
    await waitForRow({
      actor_user_id: 'system',
      action: 'change',
      resource: 'member',
      subject_user_id: LEAVER,
    });
    expect(
      t.slack
        .succeeded('chat.postMessage')
        .filter((a) => a.channel === ADMIN && String(a.text).includes(LEAVER)),
    ).toHaveLength(1);
    // A joining user changes nothing.
    const join = eventCallback({ type: 'team_join', user: { id: 'U0NYANST1' } }, { eventId: 'Ev0JOIN01' });
    expect((await t.send(join, signatureHeaders(join.body))).status).toBe(200);
  });

  it('marks members Slack reports as deactivated in /samverkan medlemmar', async () => {
    await addMember(db, { userId: LEAVER, partyKey: 'regionen' }, ADMIN);
    const list = await t.command(ADMIN, '/samverkan', 'medlemmar');
    const text = JSON.stringify(list.body.blocks);
    expect(text).toContain(`<@${LEAVER}> _(avaktiverad i Slack)_`);
    expect(text).not.toContain(`<@${POLICE}> _(avaktiverad`);
  });
});
