import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { createPriority } from '../../src/db/priority-changes.repository.js';
import { PRIORITY_ACTIONS } from '../../src/slack/priorities.js';
import { ADMIN, MEETING_CHANNEL, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { postsTo, startCycleApps, textOf, tickAt } from '../support/cycle.js';
import { appHomeOpened, blockAction, eventCallback } from '../support/payloads.js';

const POLICE = 'U0POLIS01';
const MUNICIPALITY = 'U0KOMMUN1';

/** `/samverkan flytta`: a week's meeting held on another day and time, with the whole cycle following it. */
describe('moving a meeting', () => {
  const clock = new ManualClock('2026-12-01T09:00:00Z'); // Tuesday of week 49
  let cycle: Awaited<ReturnType<typeof startCycleApps>>;
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    cycle = await startCycleApps({ clock, members: { polisen: [POLICE], kommunen: [MUNICIPALITY] } });
    t = cycle.apps[0] as TestApp;
    db = createDatabase(t.databaseUrl);
  });
  afterAll(async () => {
    await db.destroy();
    await cycle.stop();
  });

  const samverkan = async (user: string, text: string) =>
    textOf((await t.command(user, '/samverkan', text)).body);
  const channelPosts = () => postsTo(t.slack, MEETING_CHANNEL).map((c) => textOf(c.args));

  it('refuses someone who is not an admin, and logs the attempt', async () => {
    expect(await samverkan(POLICE, 'flytta v50 torsdag 08:30')).toContain('Bara administratörer');
    const refused = await db
      .selectFrom('access_log')
      .selectAll()
      .where('actor_user_id', '=', POLICE)
      .where('outcome', '=', 'refused')
      .execute();
    expect(refused.map((r) => r.detail)).toContainEqual({ command: 'flytta' });
  });

  it('refuses the past, a meeting that has started, another week’s day and what it cannot read', async () => {
    expect(await samverkan(ADMIN, 'flytta v49 tisdag 08:00')).toContain('har redan passerat');
    expect(await samverkan(ADMIN, 'flytta v48 torsdag 08:00')).toContain('Mötet v. 48 har redan börjat');
    expect(await samverkan(ADMIN, 'flytta v50 2026-12-15 08:00')).toContain(
      '2026-12-15 hör till v. 51, som har sitt eget möte',
    );
    expect(await samverkan(ADMIN, 'flytta v50 snart')).toContain('Jag förstår inte dagen ”snart”');
    expect(await samverkan(ADMIN, 'flytta v52 torsdag 08:30')).toContain('julafton');
  });

  it('moves the meeting, tells the admin what moved, logs it, and the calendar and status show it', async () => {
    const answer = await samverkan(ADMIN, 'flytta v50 torsdag 08:30');
    expect(answer).toContain(
      '✅ Mötet v. 50 flyttas från fredag 11 december kl. 09:00 till torsdag 10 december kl. 08:30.',
    );
    expect(answer).toContain('Parterna ser den nya tiden i agendan');
    const logged = await db
      .selectFrom('access_log')
      .selectAll()
      .where('actor_user_id', '=', ADMIN)
      .where('resource', '=', 'meeting')
      .where('meeting_week', '=', '2026-W50')
      .execute();
    expect(logged.map((r) => r.detail)).toContainEqual({ status: 'flyttat' });

    const calendar = await samverkan(POLICE, 'kalender');
    expect(calendar).toContain('*v. 50* – torsdag 10 december kl. 08:30 _(flyttat från fredag 11 december)_');
    // A meeting cancelled by juldagen may move to a working day, and is held there.
    expect(await samverkan(ADMIN, 'flytta v52 onsdag 08:30')).toContain('till onsdag 23 december kl. 08:30');
    expect(await samverkan(POLICE, 'kalender')).toContain('*v. 52* – onsdag 23 december kl. 08:30');
  });

  it('shows a priority agreed at the moved meeting as agreed on the day it is held', async () => {
    const { priority } = await createPriority(
      db,
      {
        title: 'Trygghetsvandring vid stationen',
        description: null,
        areaKeys: ['trafik'],
        partyKeys: ['polisen'],
        contactUserId: null,
        followUpDate: '2026-12-18',
        effectShort: null,
        effectLong: null,
        citizenPromise: null,
        agreedWeek: '2026-W50',
        idempotencyKey: randomUUID(),
      },
      { actorUserId: POLICE, at: clock.now() },
    );
    const opened = t.slack.succeeded('views.open').length;
    await t.send(
      blockAction({ userId: POLICE, actionId: PRIORITY_ACTIONS.edit, value: String(priority.id) }),
    );
    await t.slack.waitFor(() => t.slack.succeeded('views.open').length > opened, 10_000, 'the edit form');
    const form = textOf(t.slack.succeeded('views.open').at(-1)?.view as Record<string, unknown>);
    expect(form).toContain('Överenskommen vid mötet v. 50 (torsdag 10 december 2026)');
  });

  it('runs the whole cycle at the moved time: call, agenda, last call, compile and its lock, summary', async () => {
    // Week 49 as usual, so that week 50's is the coming meeting.
    await tickAt([t], clock, new Date('2026-12-04T10:00:00Z'));
    const published = () => t.slack.succeeded('views.publish').filter((a) => a.user_id === POLICE);
    const homes = published().length;
    await t.send(eventCallback(appHomeOpened(POLICE)));
    await t.slack.waitFor(() => published().length > homes);
    expect(textOf(published().at(-1)?.view as Record<string, unknown>)).toContain(
      'v. 50, torsdag 10 december kl. 08:30',
    );
    const status = textOf((await t.command(POLICE, '/lagesbild', 'status')).body);
    expect(status).toContain('torsdag 10 december kl. 08:30 (v. 50)');

    await tickAt([t], clock, new Date('2026-12-09T12:00:00Z')); // Wednesday 13:00: the call, a day early
    expect(textOf(postsTo(t.slack, POLICE).at(-1)?.args ?? {})).toContain(
      'Fredagsmötet v. 50 hålls torsdag 10 december kl. 08:30',
    );

    const before = channelPosts().length;
    await tickAt([t], clock, new Date('2026-12-10T06:00:00Z')); // 07:00: the agenda, 90 minutes before
    const agenda = channelPosts().slice(before);
    expect(agenda).toHaveLength(1);
    expect(agenda[0]).toContain('v. 50 – torsdag 10 december 2026');
    expect(agenda[0]).toContain('08:30–09:30');

    await tickAt([t], clock, new Date('2026-12-10T07:00:00Z')); // 08:00: the last call
    expect(channelPosts().at(-1)).toContain('Sista chansen före mötet kl. 08:30');

    await tickAt([t], clock, new Date('2026-12-10T07:30:00Z')); // 08:30: the picture, and the lock
    expect(channelPosts().at(-1)).toContain('Lägesbild v. 50');
    const late = textOf((await t.command(POLICE, '/lagesbild', 'trafik: efter det flyttade mötet')).body);
    expect(late).toContain('Mötet v. 50 har börjat och dess lägesbild är låst');
    expect(late).toContain('v. 51');
    // A decision during the moved meeting is its own, not the next week's: the Friday it left is not yet due.
    const decided = textOf((await t.command(POLICE, '/protokoll', 'beslut: Flyttade mötets beslut')).body);
    expect(decided).toContain('protokollet för mötet v. 50');

    await tickAt([t], clock, new Date('2026-12-10T08:30:00Z')); // 09:30: the summary, with that decision
    expect(channelPosts().at(-1)).toContain('Beslut och uppföljning v. 50');
    expect(channelPosts().join('\n')).toContain('Flyttade mötets beslut');

    // The Friday it was moved from: nothing more.
    const posted = channelPosts().length;
    await tickAt([t], clock, new Date('2026-12-11T06:30:00Z'));
    await tickAt([t], clock, new Date('2026-12-11T08:00:00Z'));
    expect(channelPosts()).toHaveLength(posted);
  });
});
