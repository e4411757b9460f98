/**
 * The meeting calendar over HTTP: listing the coming meetings, cancelling and resuming one (admins only), and
 * what the cycle does with a cancelled meeting.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEffects } from '../../src/db/effects.repository.js';
import { insertEntry } from '../../src/db/entries.repository.js';
import { getMeetingOverride } from '../../src/db/meetings.repository.js';
import { createPriority } from '../../src/db/priority-changes.repository.js';
import type { MeetingSchedule } from '../../src/domain/schedule.js';
import { ADMIN, MEETING_CHANNEL, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import {
  drained,
  meeting,
  plus,
  postsTo,
  seedMembers,
  textOf,
  tickAt as tickAtSupport,
} from '../support/cycle.js';

/** `/samverkan ställ in`, `återuppta` and `kalender`, and what the cycle does with them. */
describe('the meeting calendar', () => {
  const clock = new ManualClock('2026-12-01T09:00:00Z'); // Tuesday of week 49
  let t: TestApp;
  let schedule: MeetingSchedule;

  const samverkan = async (user: string, text: string) => {
    const response = await t.command(user, '/samverkan', text);
    expect(response.body.response_type).toBe('ephemeral');
    return response.body;
  };
  const textOfResponse = (body: Record<string, unknown>) => textOf(body);
  const tickAt = (at: Date) => tickAtSupport([t], clock, at);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.app.cycle.stopMinuteTick(); // the test drives the scheduler with the manual clock
    t.slack.addChannel(MEETING_CHANNEL);
    schedule = t.app.deps.config.schedule;
    await seedMembers(t.app.deps.db, { polisen: ['U0POL1'], kommunen: ['U0KOM1'] });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('lists the coming eight meetings, the holidays among them cancelled, for anyone', async () => {
    const body = await samverkan('U0POL1', 'kalender');
    const text = textOfResponse(body);
    expect(text).toContain('*v. 49* – fredag 4 december kl. 09:00');
    expect(text).toContain('~v. 52 – fredag 25 december 2026~ *inställt*: juldagen');
    expect(text).toContain('~v. 53 – fredag 1 januari 2027~ *inställt*: nyårsdagen');
    expect(text).toContain('*v. 3* – fredag 22 januari 2027 kl. 09:00');
    expect(text.match(/^• /gm)).toHaveLength(8);
  });

  it('refuses changes from someone who is not an admin, naming the admins, and changes nothing', async () => {
    const body = await samverkan('U0POL1', 'ställ in v50 Julbord');
    expect(body.text).toContain('Bara administratörer kan ställa in eller återuppta möten');
    expect(body.text).toContain(`<@${ADMIN}>`);
    expect(await getMeetingOverride(t.app.deps.db, '2026-W50')).toBeNull();
    expect((await samverkan('U0KOM1', 'återuppta v52')).text).toContain('Bara administratörer');
  });

  it.each([
    ['ställ in', 'Ange vilken vecka'],
    ['ställ in vecka femtio', 'Jag förstår inte veckan `vecka`'],
    ['ställ in v60 fest', 'Jag förstår inte veckan `v60`'],
    ['ställ in v48 för sent', 'Mötet v. 48 har redan börjat eller hållits'],
    ['ställ in v50 kontakta 811228-9874', 'personnummer'],
    [`ställ in v50 ${'x'.repeat(301)}`, 'högst 300 tecken'],
    ['återuppta nästa vecka', 'Jag förstår inte veckan `nästa vecka`'],
    ['återuppta v51', 'Mötet v. 51 är inte inställt'],
  ])('answers `/samverkan %s` with a clear message and stores nothing', async (text, expected) => {
    const body = await samverkan(ADMIN, text);
    expect(body.text).toContain(expected);
    expect(await getMeetingOverride(t.app.deps.db, '2026-W50')).toBeNull();
    expect(await getMeetingOverride(t.app.deps.db, '2026-W51')).toBeNull();
  });

  it('cancels a meeting: no call, no agenda, a notice with the reason, escaped, at agenda time', async () => {
    const body = await samverkan(ADMIN, 'ställ in vecka 50 Julbord &amp; &lt;fika&gt;');
    expect(body.text).toContain('Mötet v. 50 (fredag 11 december 2026) är inställt');
    expect(body.text).toContain('kl. 07:30');
    expect(await getMeetingOverride(t.app.deps.db, '2026-W50')).toMatchObject({
      cancelled: true,
      reason: 'Julbord & <fika>',
      changedBy: ADMIN,
    });
    expect((await samverkan(ADMIN, 'ställ in v50')).text).toContain(
      'Mötet v. 50 är redan inställt: Julbord &amp; &lt;fika&gt;',
    );
    expect(textOfResponse(await samverkan('U0POL1', 'kalender'))).toContain(
      `~v. 50 – fredag 11 december 2026~ *inställt*: Julbord &amp; &lt;fika&gt; _(av <@${ADMIN}>)_`,
    );

    const m = meeting('2026-W50', schedule);
    expect(await tickAt(plus(m.callAt, 1))).toEqual([]);
    expect(await tickAt(plus(m.agendaAt, 1))).toEqual([{ kind: 'notice', week: '2026-W50' }]);
    const notice = postsTo(t.slack, MEETING_CHANNEL).at(-1);
    expect(textOf(notice?.args ?? {})).toContain('Orsak: Julbord &amp; &lt;fika&gt;');
    expect(textOf(notice?.args ?? {})).toContain('Nästa möte: fredag 18 december kl. 09:00');
  });

  it('holds a holiday meeting when an admin resumes it', async () => {
    clock.set('2026-12-15T09:00:00Z');
    const body = await samverkan(ADMIN, 'återuppta v52');
    expect(body.text).toContain('Mötet v. 52 hålls trots juldagen, fredag 25 december kl. 09:00');
    expect(textOfResponse(await samverkan('U0POL1', 'kalender'))).toContain(
      '*v. 52* – fredag 25 december kl. 09:00 _(hålls trots juldagen)_',
    );
    const m = meeting('2026-W52', schedule);
    const jobs = await tickAt(plus(m.callAt, 1));
    expect(jobs.map((j) => j.kind)).toEqual(['call', 'call']);
    expect(postsTo(t.slack, 'U0POL1').some((c) => textOf(c.args).includes('v. 52'))).toBe(true);
  });

  it('turns a posted agenda into a cancellation when the meeting is cancelled on the day', async () => {
    const m = meeting('2027-W02', schedule);
    await tickAt(m.agendaAt);
    const agenda = postsTo(t.slack, MEETING_CHANNEL).at(-1);
    expect(textOf(agenda?.args ?? {})).toContain('Fredagsmötet v. 2');

    clock.set(plus(m.agendaAt, 10));
    const body = await samverkan(ADMIN, 'ställ in 2027-W02 sjukdom');
    expect(body.text).toContain('Mötet v. 2');
    await t.slack.waitFor(() => t.slack.calls.some((c) => c.method === 'chat.update'), 12_000);
    await drained(t.app.cycle);
    const update = t.slack.calls.find((c) => c.method === 'chat.update');
    const [posted] = await listEffects(t.app.deps.db, '2027-W02', ['agenda']);
    expect(update?.args.ts).toBe(posted?.messageTs);
    expect(textOf(update?.args ?? {})).toContain('Inställt: mötet v. 2');
    expect(textOf(update?.args ?? {})).toContain('Mötet är inställt*: sjukdom');

    expect(await tickAt(plus(m.agendaAt, 11))).toEqual([{ kind: 'notice', week: '2027-W02' }]);
    expect(textOf(postsTo(t.slack, MEETING_CHANNEL).at(-1)?.args ?? {})).toContain('Orsak: sjukdom');
  });

  it('keeps what was given to a cancelled meeting, says so, and reports its decisions at the next meeting', async () => {
    const db = t.app.deps.db;
    const [week, next] = ['2027-W14', '2027-W15'];
    clock.set('2027-04-06T09:00:00Z'); // Tuesday of week 14
    await insertEntry(db, {
      meetingWeek: week,
      partyKey: 'polisen',
      areaKey: 'trafik',
      text: 'fortkörning på E22',
      place: null,
      when: null,
      trend: null,
      authorUserId: 'U0POL1',
      source: 'kommando',
      idempotencyKey: 'inställt-möte',
    });
    await createPriority(
      db,
      {
        title: 'Trafikkontroller vid Gamleby',
        description: null,
        areaKeys: ['trafik'],
        partyKeys: ['polisen'],
        contactUserId: null,
        followUpDate: '2027-05-07',
        effectShort: null,
        effectLong: null,
        citizenPromise: null,
        agreedWeek: week,
        idempotencyKey: 'inställt-möte',
      },
      { actorUserId: 'U0POL1', at: clock.now() },
    );

    const body = await samverkan(ADMIN, 'ställ in 2027-W14 utbildningsdag');
    expect(body.text).toContain('Mötet v. 14 (fredag 9 april 2027) är inställt');
    expect(body.text).toContain(
      'Lägesbild till v. 14 har redan lämnats av Polisen, lokalpolisområde Västervik. Den ligger kvar på v. 14',
    );
    expect(body.text).toContain('redovisas i nästa mötes *Beslut och uppföljning*');
    const rows = await db
      .selectFrom('entries')
      .select('meeting_week')
      .where('idempotency_key', '=', 'inställt-möte')
      .execute();
    expect(rows).toEqual([{ meeting_week: week }]);

    // Week 15's summary reports what was decided for week 14 before it was called off.
    const m = meeting(next, schedule);
    await tickAt(m.agendaAt);
    await tickAt(m.endsAt);
    const summary = postsTo(t.slack, MEETING_CHANNEL).find((c) =>
      textOf(c.args).includes('Beslut och uppföljning v. 15'),
    );
    const text = textOf(summary?.args ?? {});
    expect(text.indexOf('*Mellan mötena*')).toBeGreaterThan(0);
    expect(text.indexOf('Trafikkontroller vid Gamleby')).toBeGreaterThan(text.indexOf('*Mellan mötena*'));
  });
});
