import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_RETRY_MINUTES } from '../../jobs/effect.js';
import { listEffects } from '../../src/db/effects.repository.js';
import type { MeetingSchedule } from '../../src/domain/schedule.js';
import { ADMIN, MEETING_CHANNEL, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import {
  drained,
  meeting,
  nothingToReport,
  PARTIES,
  plus,
  postsTo,
  seedMembers,
  submitEntries,
  textOf,
} from '../support/cycle.js';

/** What Slack can do to the cycle: 429 with Retry-After, permanent refusals. Nothing dropped, nothing doubled. */
describe('the weekly cycle when Slack says no', () => {
  const clock = new ManualClock('2026-11-24T09:00:00Z');
  let t: TestApp;
  let schedule: MeetingSchedule;

  const tickAt = async (at: Date) => {
    clock.set(at);
    const jobs = await t.app.cycle.tick();
    await drained(t.app.cycle, 30_000);
    return jobs;
  };
  const channelCalls = () =>
    t.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === MEETING_CHANNEL);
  /** Every party has submitted: no call for input gets in the way of the channel posts under test. */
  const allSubmitted = async (week: string) => {
    for (const party of PARTIES) await nothingToReport(t.app.deps.db, week, party);
  };

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

  it('waits Retry-After on a 429 and posts the agenda once', async () => {
    const week = '2027-W03';
    await allSubmitted(week);
    const before = channelCalls().length;
    t.slack.rateLimit('chat.postMessage', 2, 1);
    await tickAt(meeting(week, schedule).agendaAt);
    const calls = channelCalls().slice(before);
    expect(calls.map((c) => c.outcome)).toEqual(['ratelimited', 'ok']);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_950);
  });

  it('posts a long compiled picture part by part, at most one a second, each part once despite 429s', async () => {
    const week = '2027-W04';
    const m = meeting(week, schedule);
    await allSubmitted(week);
    const long = (i: number) => `Iakttagelse ${i + 1}: ${'lång beskrivning av läget '.repeat(55)}`;
    await submitEntries(t.app.deps.db, week, 'polisen', 9, long);
    await submitEntries(t.app.deps.db, week, 'regionen', 9, long);
    await tickAt(m.agendaAt);
    const before = channelCalls().length;

    t.slack.rateLimit('chat.postMessage', 1, 2);
    await tickAt(m.startsAt);
    const calls = channelCalls().slice(before);
    const posted = calls.filter((c) => c.outcome === 'ok');
    expect(calls.filter((c) => c.outcome === 'ratelimited')).toHaveLength(2);
    const titles = posted.map((c) => /del (\d+) av (\d+)/.exec(textOf(c.args))?.slice(1, 3).join('/'));
    const total = Number(titles[0]?.split('/')[1]);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(titles).toEqual(Array.from({ length: total }, (_, i) => `${i + 1}/${total}`));
    const [agenda] = await listEffects(t.app.deps.db, week, ['agenda']);
    expect(posted.every((c) => c.args.thread_ts === agenda?.messageTs)).toBe(true);
    for (let i = 1; i < posted.length; i += 1) {
      expect((posted[i]?.at ?? 0) - (posted[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    }
  });

  it('sends the call to every member exactly once under a rate limit that answers 429 past its quota', async () => {
    const week = '2027-W05';
    const members = Array.from({ length: 12 }, (_, i) => `U0MANY${String(i).padStart(2, '0')}`);
    await seedMembers(t.app.deps.db, { kustbevakningen: members });
    for (const party of ['polisen', 'kommunen', 'regionen'])
      await nothingToReport(t.app.deps.db, week, party);
    t.slack.enforceQuota('chat.postMessage', 5, 1);
    try {
      await tickAt(meeting(week, schedule).callAt);
    } finally {
      t.slack.clearFailures();
    }
    expect(members.map((user) => postsTo(t.slack, user).length)).toEqual(members.map(() => 1));
    expect(t.slack.calls.some((c) => c.outcome === 'ratelimited')).toBe(true);
  });

  it('does not retry a post the channel refuses, records it failed and tells each admin what to fix', async () => {
    const week = '2027-W06';
    const m = meeting(week, schedule);
    await allSubmitted(week);
    const before = channelCalls().length;
    t.slack.failWith('chat.postMessage', 'not_in_channel', 1);
    await tickAt(m.agendaAt);
    await tickAt(plus(m.agendaAt, 1)); // the next minute's tick does not try again
    expect(
      channelCalls()
        .slice(before)
        .map((c) => c.outcome),
    ).toEqual(['not_in_channel']);
    const [effect] = await listEffects(t.app.deps.db, week, ['agenda']);
    expect(effect).toMatchObject({ status: 'failed', error: 'not_in_channel' });

    const alerts = postsTo(t.slack, ADMIN).filter((c) => textOf(c.args).includes('v. 6'));
    expect(alerts).toHaveLength(1);
    const alert = textOf(alerts[0]?.args ?? {});
    expect(alert).toContain('kunde inte posta agendan för v. 6');
    expect(alert).toContain('bjud in boten till kanalen');
    expect(alert).toContain('`not_in_channel`');

    // Once an admin has had time to invite the bot, it tries again, and tells nobody twice.
    await tickAt(plus(m.agendaAt, FAILED_RETRY_MINUTES + 1));
    expect(
      channelCalls()
        .slice(before)
        .map((c) => c.outcome),
    ).toEqual(['not_in_channel', 'ok']);
    expect(postsTo(t.slack, ADMIN).filter((c) => textOf(c.args).includes('v. 6'))).toHaveLength(1);
  });

  it('gives up on a member Slack does not know, and asks the admins to check the membership', async () => {
    const week = '2027-W07';
    for (const party of ['kommunen', 'regionen', 'kustbevakningen'])
      await nothingToReport(t.app.deps.db, week, party);
    t.slack.failWith('chat.postMessage', 'user_not_found', 1);
    const m = meeting(week, schedule);
    await tickAt(m.callAt);
    await tickAt(plus(m.callAt, 60 * 6)); // hours later: still not tried again
    const attempts = t.slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'U0POL1',
    );
    expect(attempts.filter((c) => textOf(c.args).includes('v. 7')).map((c) => c.outcome)).toEqual([
      'user_not_found',
    ]);
    const alert = postsTo(t.slack, ADMIN).find((c) =>
      textOf(c.args).includes('inbjudan att lämna lägesbild för v. 7'),
    );
    expect(textOf(alert?.args ?? {})).toContain('<@U0POL1> kan inte nås');
  });
});

describe('the weekly cycle without MEETING_CHANNEL_ID', () => {
  it('still sends the call for input, and posts nothing in any channel', async () => {
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    const t = await startTestApp({ clock, env: { MEETING_CHANNEL_ID: '' } });
    try {
      await t.app.cycle.stopMinuteTick();
      await seedMembers(t.app.deps.db, { polisen: ['U0POL1'] });
      const m = meeting('2026-W49', t.app.deps.config.schedule);
      for (const at of [m.callAt, m.agendaAt, m.lastCallAt, m.startsAt]) {
        clock.set(at);
        await t.app.cycle.tick();
        await drained(t.app.cycle);
      }
      const posts = t.slack.calls.filter((c) => c.method === 'chat.postMessage');
      expect(posts.map((c) => c.args.channel)).toEqual(['U0POL1']);
    } finally {
      await t.stop();
    }
  });
});
