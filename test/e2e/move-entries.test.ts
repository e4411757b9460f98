import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingSchedule } from '../../src/domain/schedule.js';
import { ADMIN, MEETING_CHANNEL, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { meeting, plus, seedMembers, textOf, tickAt as tickAtSupport } from '../support/cycle.js';

/**
 * `/lagesbild flytta <vecka>` (a party's own) and `/samverkan överför <vecka>` (an admin, every party's): the
 * entries of a cancelled meeting move to the next held meeting, once; refused for a held meeting or a locked one.
 */
describe('moving a cancelled meeting’s lägesbild', () => {
  const clock = new ManualClock('2026-12-08T09:00:00Z'); // Tuesday of week 50
  let t: TestApp;
  let schedule: MeetingSchedule;

  const weeksOf = async (text: string) => {
    const rows = await t.app.deps.db
      .selectFrom('entries')
      .select('meeting_week')
      .where('text', '=', text)
      .execute();
    return rows.map((row) => row.meeting_week);
  };
  const moves = () =>
    t.app.deps.db
      .selectFrom('access_log')
      .selectAll()
      .where('resource', '=', 'entry')
      .where('action', '=', 'change')
      .orderBy('id')
      .execute()
      .then((rows) => rows.filter((row) => (row.detail as { kind?: string }).kind === 'flyttad'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.app.cycle.stopMinuteTick(); // the test drives the scheduler with the manual clock
    t.slack.addChannel(MEETING_CHANNEL);
    schedule = t.app.deps.config.schedule;
    await seedMembers(t.app.deps.db, { polisen: ['U0POL1'], kommunen: ['U0KOM1'] });
    await t.command('U0POL1', '/lagesbild', 'trafik: fler bilar på E22');
    await t.command('U0KOM1', '/lagesbild', 'unga: klotter vid skolan');
    const cancelled = await t.command(ADMIN, '/samverkan', 'ställ in v50 Julbord');
    expect(cancelled.body.text).toContain('Mötet v. 50');
    expect(cancelled.body.text).toContain('Flytta den dit med `/samverkan överför v50`');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('refuses to move from a meeting that is held, and asks for the week', async () => {
    const held = await t.command('U0POL1', '/lagesbild', 'flytta v51');
    expect(held.body.text).toContain('Mötet v. 51 är inte inställt');
    expect(held.body.text).toContain('Inget har flyttats');
    const noWeek = await t.command('U0POL1', '/lagesbild', 'flytta');
    expect(noWeek.body.text).toContain(
      'Ange det inställda mötets vecka, till exempel `/lagesbild flytta v51`',
    );
    expect(await weeksOf('fler bilar på E22')).toEqual(['2026-W50']);
  });

  it('moves a party’s own entries, once, and the live agenda of the next meeting follows', async () => {
    const next = meeting('2026-W51', schedule);
    await tickAtSupport([t], clock, plus(next.agendaAt, 1));
    const updates = () => t.slack.calls.filter((c) => c.method === 'chat.update');
    const before = updates().length;

    const moved = await t.command('U0POL1', '/lagesbild', 'flytta v50');
    expect(moved.body.text).toContain('Flyttat från det inställda mötet v. 50 till mötet fredag 18 december');
    expect(moved.body.text).toContain('(v. 51)');
    expect(moved.body.text).toContain('✅ 1 iakttagelse från *Polisen, lokalpolisområde Västervik*');
    expect(await weeksOf('fler bilar på E22')).toEqual(['2026-W51']);
    expect(await weeksOf('klotter vid skolan')).toEqual(['2026-W50']);
    await t.slack.waitFor(
      () =>
        updates()
          .slice(before)
          .some((c) => textOf(c.args).includes('✅ *Polisen, lokalpolisområde Västervik*')),
      10_000,
      'the agenda of v. 51 updated',
    );

    const again = await t.command('U0POL1', '/lagesbild', 'flytta v50');
    expect(again.body.text).toContain(
      '*Polisen, lokalpolisområde Västervik* har inga iakttagelser kvar på det inställda mötet v. 50',
    );
    const [logged] = await moves();
    expect(logged).toMatchObject({ actor_user_id: 'U0POL1', meeting_week: '2026-W51', party_key: 'polisen' });
    expect(logged?.detail).toEqual({ kind: 'flyttad', weeks: ['2026-W50', '2026-W51'] });
    expect(await moves()).toHaveLength(1);
  });

  it('lets only admins move every party’s entries, and logs a refused attempt', async () => {
    const refused = await t.command('U0KOM1', '/samverkan', 'överför v50');
    expect(refused.body.text).toContain('bara administratörer');
    const attempt = await t.app.deps.db
      .selectFrom('access_log')
      .selectAll()
      .where('actor_user_id', '=', 'U0KOM1')
      .where('outcome', '=', 'refused')
      .executeTakeFirst();
    expect(attempt?.detail).toEqual({ command: 'overfor' });

    const moved = await t.command(ADMIN, '/samverkan', 'överför v50');
    expect(moved.body.text).toContain('✅ 1 iakttagelse från *Västerviks kommun*');
    expect(await weeksOf('klotter vid skolan')).toEqual(['2026-W51']);
  });

  it('refuses when the next held meeting has started and its picture is locked', async () => {
    await t.command('U0KOM1', '/lagesbild', 'unga: ännu mer klotter');
    // Something still on the cancelled week (put there directly: what is submitted now goes to v. 51).
    await t.app.deps.db
      .updateTable('entries')
      .set({ meeting_week: '2026-W50' })
      .where('text', '=', 'ännu mer klotter')
      .execute();
    clock.set(plus(meeting('2026-W51', schedule).startsAt, 5));
    const locked = await t.command(ADMIN, '/samverkan', 'överför v50');
    expect(locked.body.text).toContain(
      'Nästa möte som hålls efter v. 50 är v. 51, och dess lägesbild låstes',
    );
    expect(await weeksOf('ännu mer klotter')).toEqual(['2026-W50']);
  });
});
