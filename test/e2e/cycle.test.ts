/**
 * The weekly cycle end to end: the call for input, the live agenda, the last call, the compiled picture, holidays
 * and catching up when started late.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEffect, listEffects } from '../../src/db/effects.repository.js';
import { createPriority } from '../../src/db/priority-changes.repository.js';
import type { MeetingSchedule } from '../../src/domain/schedule.js';
import { ADMIN, MEETING_CHANNEL, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import {
  buttonsOf,
  drained,
  meeting,
  nothingToReport,
  plus,
  postsTo,
  startCycleApps,
  submitEntries,
  textOf,
  tickAt as tickAtSupport,
} from '../support/cycle.js';
import { blockAction } from '../support/payloads.js';

/**
 * The week as the bot runs it, driven by calling the scheduler's tick with a manual clock: the call for input,
 * the agenda with live status, the last call and the compiled picture. Each test uses its own meeting week of
 * one shared app, so they do not see each other's effects.
 */
describe('the weekly cycle', () => {
  const clock = new ManualClock('2026-11-24T09:00:00Z'); // a quiet Tuesday: nothing is due at start
  let cycle: Awaited<ReturnType<typeof startCycleApps>>;
  let t: TestApp;
  let schedule: MeetingSchedule;

  const channelPosts = () => postsTo(t.slack, MEETING_CHANNEL);
  const tickAt = (at: Date, options?: { timeoutMs?: number }) => tickAtSupport([t], clock, at, options);

  beforeAll(async () => {
    cycle = await startCycleApps({
      clock,
      env: { MEETING_URL: 'https://meet.example.se/fredag' },
      members: {
        polisen: ['U0POL1', 'U0POL2', 'U0BOTH'],
        kommunen: ['U0KOM1', 'U0BOTH'],
        regionen: ['U0REG1'],
        kustbevakningen: ['U0KBV1'],
      },
    });
    [t] = cycle.apps as [TestApp];
    schedule = cycle.schedule;
  });
  afterAll(async () => {
    await cycle.stop();
  });

  it('runs a whole week: call to the missing parties, agenda, last call in its thread, compiled picture', async () => {
    const week = '2026-W49';
    const m = meeting(week, schedule);
    const db = t.app.deps.db;
    await submitEntries(db, week, 'regionen', 2);
    await nothingToReport(db, week, 'kustbevakningen');

    // At start the app checked that it can post in the meeting channel.
    expect(
      t.slack.calls.some((c) => c.method === 'conversations.info' && c.args.channel === MEETING_CHANNEL),
    ).toBe(true);
    // Nothing before the call's time.
    expect(await tickAt(plus(m.callAt, -1))).toEqual([]);

    await tickAt(plus(m.callAt, 1));
    const dms = ['U0POL1', 'U0POL2', 'U0BOTH', 'U0KOM1'].map((user) => postsTo(t.slack, user));
    expect(dms.map((posts) => posts.length)).toEqual([1, 1, 1, 1]);
    expect(postsTo(t.slack, 'U0REG1')).toHaveLength(0);
    expect(postsTo(t.slack, 'U0KBV1')).toHaveLength(0);
    const both = textOf(dms[2]?.[0]?.args ?? {});
    expect(both).toContain('*Polisen, lokalpolisområde Västervik* och *Västerviks kommun* har inte lämnat');
    expect(both).toContain('v. 49');
    expect(buttonsOf(dms[0]?.[0]?.args ?? {})).toEqual([
      { actionId: 'lagesbild_oppna', value: week },
      { actionId: 'lagesbild_inget', value: week },
    ]);

    // A second tick sends nothing again.
    expect(await tickAt(plus(m.callAt, 30))).toEqual([]);
    expect(['U0POL1', 'U0POL2', 'U0BOTH', 'U0KOM1'].map((u) => postsTo(t.slack, u).length)).toEqual([
      1, 1, 1, 1,
    ]);

    await submitEntries(db, week, 'polisen', 3);
    await tickAt(plus(m.agendaAt, 0));
    expect(channelPosts()).toHaveLength(1);
    const agenda = channelPosts()[0]?.args ?? {};
    const agendaText = textOf(agenda);
    expect(agendaText).toContain('Fredagsmötet v. 49 – fredag 4 december 2026');
    expect(agendaText).toContain('09:00–10:00');
    expect(agendaText).toContain('<https://meet.example.se/fredag|Anslut till mötet>');
    expect(agendaText).toContain('✅ *Polisen, lokalpolisområde Västervik* – 3 iakttagelser');
    expect(agendaText).toContain('⏳ *Västerviks kommun* – har inte lämnat ännu');
    expect(agendaText).toContain('✅ *Region Kalmar län* – 2 iakttagelser');
    expect(agendaText).toContain('✅ *Kustbevakningen* – inget att rapportera');
    expect(agendaText).toMatch(
      /1\. Lägesbild[\s\S]*2\. Uppföljning av gemensamma prioriteringar[\s\S]*3\. Nya gemensamma prioriteringar[\s\S]*4\. Övrigt/,
    );
    expect(buttonsOf(agenda).map((b) => b.actionId)).toEqual(
      expect.arrayContaining(['lagesbild_oppna', 'agenda_visa_lagesbild']),
    );
    // The agenda as Slack keeps it: its ts is the thread the rest of the week replies in.
    const agendaTs = t.slack.messages.get(MEETING_CHANNEL)?.[0]?.ts;
    expect(agendaTs).toMatch(/^\d+\.\d+$/);

    await tickAt(plus(m.lastCallAt, 1));
    expect(channelPosts()).toHaveLength(2);
    const lastCall = channelPosts()[1]?.args ?? {};
    const [agendaEffect] = await listEffects(db, week, ['agenda']);
    expect(agendaEffect?.messageTs).toBe(agendaTs);
    expect(lastCall.thread_ts).toBe(agendaTs);
    const lastCallText = textOf(lastCall);
    expect(lastCallText).toContain('lägesbild saknas från 1 av 4 parter');
    expect(lastCallText).toContain('*Västerviks kommun* – <@U0KOM1> <@U0BOTH>');
    expect(lastCallText).not.toContain('Polisen');

    await tickAt(plus(m.startsAt, 0));
    expect(channelPosts()).toHaveLength(3);
    const compiled = channelPosts()[2]?.args ?? {};
    expect(compiled.thread_ts).toBe(agendaTs);
    expect(textOf(compiled)).toContain('Lägesbild v. 49');
    expect(textOf(compiled)).toContain('Iakttagelse 3');

    // Everything is done: later ticks during the meeting add nothing.
    expect(await tickAt(plus(m.startsAt, 20))).toEqual([]);
    expect(channelPosts()).toHaveLength(3);

    // At the meeting a joint priority was agreed; after it, "Beslut och uppföljning" goes in the thread, once.
    await createPriority(
      db,
      {
        title: 'Trygghetsvandring vid resecentrum',
        description: null,
        areaKeys: ['brottskoncentrationer'],
        partyKeys: ['polisen', 'kommunen'],
        contactUserId: null,
        followUpDate: '2026-12-18',
        effectShort: null,
        effectLong: null,
        citizenPromise: null,
        agreedWeek: week,
        idempotencyKey: 'cycle-test-priority-1',
      },
      { actorUserId: 'U0POL1', at: plus(m.startsAt, 30) },
    );
    await tickAt(m.endsAt);
    await tickAt(plus(m.endsAt, 1));
    expect(channelPosts()).toHaveLength(4);
    const summary = channelPosts()[3]?.args ?? {};
    expect(summary.thread_ts).toBe(agendaEffect?.messageTs);
    expect(textOf(summary)).toContain('Beslut och uppföljning v. 49');
    expect(textOf(summary)).toContain('Trygghetsvandring vid resecentrum');
    expect(t.slack.calls.filter((c) => c.outcome !== 'ok' && c.method === 'chat.postMessage')).toEqual([]);
  });

  it('catches up when started late before the meeting: the call, then a late agenda with today’s status', async () => {
    const week = '2026-W50';
    const m = meeting(week, schedule);
    await submitEntries(t.app.deps.db, week, 'kommunen', 1);
    const before = channelPosts().length;

    // No tick ran on Thursday or at 07:30: the app "was down". It comes back at 08:45.
    const comeback = plus(m.startsAt, -15);
    const jobs = await tickAt(comeback);
    expect(jobs.map((j) => j.kind).sort()).toEqual(['agenda', 'call', 'call', 'call', 'call', 'call']);
    const agenda = channelPosts()[before];
    expect(textOf(agenda?.args ?? {})).toContain('✅ *Västerviks kommun* – 1 iakttagelse');
    expect(postsTo(t.slack, 'U0KOM1').length).toBe(1); // from W49 only: kommunen has submitted for W50

    // The next minute's tick sends the last call in the now posted agenda's thread.
    await tickAt(plus(comeback, 1));
    expect(channelPosts()).toHaveLength(before + 2);
    expect(channelPosts()[before + 1]?.args.thread_ts).toBeDefined();
  });

  it('posts no stale agenda and no pointless reminder when started after the meeting began', async () => {
    const week = '2026-W51';
    const m = meeting(week, schedule);
    const before = t.slack.calls.length;
    const jobs = await tickAt(plus(m.startsAt, 5));
    // Only the compiled picture is still of use; with no agenda to reply to it goes in the channel.
    expect(jobs.map((j) => j.kind)).toEqual(['compile']);
    const posts = t.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe(MEETING_CHANNEL);
    expect(posts[0]?.args.thread_ts).toBeUndefined();
    expect(textOf(posts[0]?.args ?? {})).toContain('Lägesbild v. 51');

    // After the meeting has ended only its summary, and half a day later nothing at all.
    expect(await tickAt(plus(m.endsAt, 1))).toEqual([{ kind: 'summary', week, part: 1 }]);
    expect(textOf(t.slack.calls.at(-1)?.args ?? {})).toContain(
      'Inga gemensamma prioriteringar registrerades',
    );
    // Half a day later: no more of the week's posts. The meeting was the quarter's last held one (Christmas and New
    // Year's Day cancel the next two), so its quarter's report is due instead.
    expect((await tickAt(plus(m.endsAt, 12 * 60), { timeoutMs: 60_000 })).map((j) => j.kind)).toEqual([
      'quarter-report',
    ]);
    expect(await tickAt(plus(m.endsAt, 12 * 60 + 1))).toEqual([]);
  });

  it('reminds the responsible parties’ members the day before a follow-up nobody has written a note on', async () => {
    await createPriority(
      t.app.deps.db,
      {
        title: 'Kameraövervakning vid busstationen',
        description: null,
        areaKeys: ['brottskoncentrationer'],
        partyKeys: ['kommunen'],
        contactUserId: null,
        followUpDate: '2027-01-21',
        effectShort: null,
        effectLong: null,
        citizenPromise: null,
        agreedWeek: '2027-W01',
        idempotencyKey: 'cycle-test-priority-2',
      },
      { actorUserId: 'U0KOM1', at: new Date('2027-01-08T09:00:00Z') },
    );
    const reminders = (user: string) =>
      postsTo(t.slack, user).filter((c) => textOf(c.args).includes('Kameraövervakning vid busstationen'));
    expect(await tickAt(new Date('2027-01-20T11:59:00Z'))).toEqual([]); // 12:59 the day before
    const jobs = await tickAt(new Date('2027-01-20T12:00:00Z'));
    expect(jobs.map((j) => j.kind)).toEqual(['followup', 'followup']);
    expect([reminders('U0KOM1').length, reminders('U0BOTH').length, reminders('U0POL1').length]).toEqual([
      1, 1, 0,
    ]);
    expect(await tickAt(new Date('2027-01-20T15:00:00Z'))).toEqual([]);
    expect(reminders('U0KOM1')).toHaveLength(1);
  });

  it('skips a holiday: no call, no agenda, a notice at agenda time naming the holiday and the next meeting', async () => {
    const week = '2026-W52'; // Friday 25 December, juldagen
    const m = meeting(week, schedule);
    const before = t.slack.calls.length;
    expect(await tickAt(plus(m.callAt, 1))).toEqual([]);
    await tickAt(plus(m.agendaAt, 1));
    const posts = t.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    const notice = textOf(posts[0]?.args ?? {});
    expect(notice).toContain('Fredagsmötet v. 52 (fredag 25 december 2026) är inställt');
    expect(notice).toContain('Orsak: juldagen');
    // 1 January 2027 is nyårsdagen, so the next meeting is 8 January.
    expect(notice).toContain('Nästa möte: fredag 8 januari 2027 kl. 09:00');
    expect(await tickAt(plus(m.lastCallAt, 1))).toEqual([]);
  });

  it('keeps the agenda live: a burst of submissions leads to few chat.update calls showing the final status', async () => {
    const week = '2027-W02';
    const m = meeting(week, schedule);
    await tickAt(plus(m.agendaAt, 1));
    const [agenda] = await listEffects(t.app.deps.db, week, ['agenda']);
    expect(agenda?.status).toBe('done');
    const updatesBefore = t.slack.calls.filter((c) => c.method === 'chat.update').length;

    // Four submissions through /lagesbild at once, from three parties.
    const responses = await Promise.all([
      t.command('U0POL1', '/lagesbild', 'trafik: fler hastighetsöverträdelser på E22'),
      t.command('U0POL2', '/lagesbild', 'narkotika: langning vid skolan'),
      t.command('U0KOM1', '/lagesbild', 'inget'),
      t.command('U0REG1', '/lagesbild', 'olyckor: halka på infarten'),
    ]);
    expect(responses).toHaveLength(4);
    const updated = () => t.slack.calls.filter((c) => c.method === 'chat.update').slice(updatesBefore);
    await t.slack.waitFor(
      () => updated().some((c) => textOf(c.args).includes('✅ *Region Kalmar län* – 1 iakttagelse')),
      12_000,
      'the agenda updated with every submission',
    );
    await drained(t.app.cycle);
    expect(updated().length).toBeGreaterThanOrEqual(1);
    expect(updated().length).toBeLessThanOrEqual(2);
    const last = updated()[updated().length - 1]?.args ?? {};
    expect(last.ts).toBe(agenda?.messageTs);
    expect(last.channel).toBe(MEETING_CHANNEL);
    const text = textOf(last);
    expect(text).toContain('✅ *Polisen, lokalpolisområde Västervik* – 2 iakttagelser');
    expect(text).toContain('✅ *Västerviks kommun* – inget att rapportera');
    expect(text).toContain('⏳ *Kustbevakningen* – har inte lämnat ännu');
    expect(text).toContain('3 av 4 parter har lämnat lägesbild');
  });

  it('shows a change stored while the agenda was being posted within seconds, without waiting for a tick', async () => {
    const week = '2027-W03';
    const m = meeting(week, schedule);
    const db = t.app.deps.db;
    for (const party of ['polisen', 'kommunen', 'regionen']) await nothingToReport(db, week, party);
    const updates = () => t.slack.calls.filter((c) => c.method === 'chat.update');
    const updatesBefore = updates().length;

    // Slack takes its time with the agenda; meanwhile Kustbevakningen reports nothing, and its hook finds no
    // posted agenda to update.
    t.slack.slowDown('chat.postMessage', 2_500);
    clock.set(m.agendaAt);
    const ticked = t.app.cycle.tick();
    const key = { meetingWeek: week, kind: 'agenda', target: MEETING_CHANNEL };
    for (let i = 0; i < 200 && (await getEffect(db, key))?.status !== 'sending'; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await getEffect(db, key))?.status).toBe('sending');
    await t.command('U0KBV1', '/lagesbild', 'inget');
    expect((await getEffect(db, key))?.status).toBe('sending');
    await ticked;
    await drained(t.app.cycle);
    t.slack.clearFailures();

    const agenda = channelPosts().at(-1)?.args ?? {};
    expect(textOf(agenda)).toContain('⏳ *Kustbevakningen* – har inte lämnat ännu');
    const followed = updates().slice(updatesBefore);
    expect(followed).toHaveLength(1);
    expect(followed[0]?.args.ts).toBe((await getEffect(db, key))?.messageTs);
    expect(textOf(followed[0]?.args ?? {})).toContain('✅ *Kustbevakningen* – inget att rapportera');
  });

  it('heals a missed live update on the next tick, and updates nothing when nothing changed', async () => {
    const week = '2027-W02';
    const m = meeting(week, schedule);
    const updates = () => t.slack.calls.filter((c) => c.method === 'chat.update').length;
    const before = updates();
    expect(await tickAt(plus(m.agendaAt, 5))).toEqual([]);
    expect(updates()).toBe(before);

    // A change that reached no hook (stored while Redis was away, say): the tick sees the agenda is outdated.
    await nothingToReport(t.app.deps.db, week, 'kustbevakningen');
    const jobs = await tickAt(plus(m.agendaAt, 6));
    expect(jobs.map((j) => j.kind)).toEqual(['agenda-update']);
    expect(updates()).toBe(before + 1);
    expect(textOf(t.slack.calls.filter((c) => c.method === 'chat.update').at(-1)?.args ?? {})).toContain(
      '✅ *Kustbevakningen* – inget att rapportera',
    );
  });

  it('shows the compiled picture ephemerally to a member who clicks "Visa lägesbild", and refuses others', async () => {
    const week = '2026-W49';
    const shown = t.slack.responseUrl();
    const res = await t.send(
      blockAction({ userId: 'U0REG1', actionId: 'agenda_visa_lagesbild', value: week, responseUrl: shown }),
    );
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.visibleResponses(shown).length > 0);
    const picture = t.slack.visibleResponses(shown)[0] ?? {};
    expect(picture.response_type).toBe('ephemeral');
    expect(picture.replace_original).toBe(false);
    expect(textOf(picture)).toContain('Lägesbild v. 49');

    const responseUrl = t.slack.responseUrl();
    await t.send(
      blockAction({ userId: 'U0STRANGER', actionId: 'agenda_visa_lagesbild', value: week, responseUrl }),
    );
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === id));
    const refusal = t.slack.responses.find((r) => r.id === id);
    expect(refusal?.body.text).toContain('visas bara för parternas medlemmar och administratörer');
    expect(refusal?.body.text).toContain(`<@${ADMIN}>`);
  });
});
