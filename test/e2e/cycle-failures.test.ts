/**
 * The weekly cycle when Slack says no: rate limits, refused posts, answers lost in doubt; each effect still
 * happens once, and the admins hear of what needs fixing.
 */

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database.js';
import { getEffect, listEffects } from '../../src/db/effects.repository.js';
import { createPriority } from '../../src/db/priority-changes.repository.js';
import type { MeetingSchedule } from '../../src/domain/schedule.js';
import { FAILED_RETRY_MINUTES } from '../../src/effects/state.js';
import { ADMIN, MEETING_CHANNEL, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import {
  drained,
  expireClaims,
  meeting,
  nothingToReport,
  PARTIES,
  plus,
  postsTo,
  seedMembers,
  startCycleApps,
  submitEntries,
  textOf,
  tickAt as tickAtSupport,
} from '../support/cycle.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { blockAction } from '../support/payloads.js';
import { SlackFake } from '../support/slack-fake.js';

/** What Slack can do to the cycle: 429 with Retry-After, permanent refusals. Nothing dropped, nothing doubled. */
describe('the weekly cycle when Slack says no', () => {
  const clock = new ManualClock('2026-11-24T09:00:00Z');
  let cycle: Awaited<ReturnType<typeof startCycleApps>>;
  let t: TestApp;
  let schedule: MeetingSchedule;

  const tickAt = (at: Date) => tickAtSupport([t], clock, at, { timeoutMs: 30_000 });
  const channelCalls = () =>
    t.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === MEETING_CHANNEL);
  /** Every party has submitted: no call for input gets in the way of the channel posts under test. */
  const allSubmitted = async (week: string) => {
    for (const party of PARTIES) await nothingToReport(t.app.deps.db, week, party);
  };

  beforeAll(async () => {
    cycle = await startCycleApps({ clock, members: { polisen: ['U0POL1'], kommunen: ['U0KOM1'] } });
    [t] = cycle.apps as [TestApp];
    schedule = cycle.schedule;
  });
  afterAll(async () => {
    await cycle.stop();
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

  /**
   * The agenda of `week` goes up with the police missing; then Slack refuses every update with `code`, and the
   * police report. Returns what the updates were answered, and the admins' messages about the week.
   */
  const agendaUpdateRefused = async (week: string, code: string) => {
    const m = meeting(week, schedule);
    for (const party of ['kommunen', 'regionen', 'kustbevakningen'])
      await nothingToReport(t.app.deps.db, week, party);
    await tickAt(m.agendaAt);
    const updates = () => t.slack.calls.filter((c) => c.method === 'chat.update');
    const before = updates().length;
    t.slack.failWith('chat.update', code);
    try {
      await nothingToReport(t.app.deps.db, week, 'polisen');
      await tickAt(plus(m.agendaAt, 1));
      await tickAt(plus(m.agendaAt, 2));
    } finally {
      t.slack.clearFailures();
    }
    return {
      outcomes: updates()
        .slice(before)
        .map((c) => c.outcome),
      alerts: postsTo(t.slack, ADMIN).filter((c) => textOf(c.args).includes(`v. ${Number(week.slice(6))}`)),
    };
  };

  it('tells the admins once when the live agenda cannot be updated, and does not keep trying', async () => {
    // The channel is archived after the agenda went up.
    const { outcomes, alerts } = await agendaUpdateRefused('2027-W19', 'is_archived');
    expect(outcomes).toEqual(['is_archived']);
    expect(alerts).toHaveLength(1);
    const alert = textOf(alerts[0]?.args ?? {});
    expect(alert).toContain('kunde inte uppdatera agendan för v. 19');
    expect(alert).toContain('är arkiverad');
    expect(alert).not.toContain('försöker igen');
  });

  it('leaves an agenda someone deleted alone, without alerting anyone', async () => {
    const { outcomes, alerts } = await agendaUpdateRefused('2027-W20', 'message_not_found');
    expect(outcomes).toEqual(['message_not_found']);
    expect(alerts).toEqual([]);
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

  it('tells the admins to let the bot post when the channel restricts posting', async () => {
    const week = '2027-W08';
    await allSubmitted(week);
    t.slack.failWith('chat.postMessage', 'restricted_action', 1);
    await tickAt(meeting(week, schedule).agendaAt);
    const [effect] = await listEffects(t.app.deps.db, week, ['agenda']);
    expect(effect).toMatchObject({ status: 'failed', error: 'restricted_action' });
    const alerts = postsTo(t.slack, ADMIN).filter((c) => textOf(c.args).includes('v. 8'));
    expect(alerts).toHaveLength(1);
    expect(textOf(alerts[0]?.args ?? {})).toContain(`<#${MEETING_CHANNEL}> tillåter inte att boten postar`);
  });

  it('posts the agenda once when Slack posted it but answered 503: the next tick finds it in the channel', async () => {
    const week = '2027-W09';
    const m = meeting(week, schedule);
    await allSubmitted(week);
    const before = channelCalls().length;
    t.slack.answerServerError('chat.postMessage', 503, 1);
    await tickAt(m.agendaAt);
    expect(
      channelCalls()
        .slice(before)
        .map((c) => [c.outcome, c.answered]),
    ).toEqual([['ok', 'http_503']]);
    const key = { meetingWeek: week, kind: 'agenda', target: MEETING_CHANNEL };
    expect(await getEffect(t.app.deps.db, key)).toMatchObject({ status: 'sending' });

    // Slack answered, so the attempt is over: the next tick looks for the message before anything is posted.
    expect((await tickAt(plus(m.agendaAt, 1))).map((j) => j.kind)).toEqual(['agenda']);

    expect(channelCalls().slice(before)).toHaveLength(1);
    const history = t.slack.calls.filter((c) => c.method === 'conversations.history').at(-1);
    expect(history?.args).toMatchObject({ channel: MEETING_CHANNEL, include_all_metadata: 'true' });
    const posted = t.slack.messages.get(MEETING_CHANNEL)?.at(-1);
    expect(posted?.metadata).toEqual({
      event_type: 'fredagsmotet_effect',
      event_payload: { key: `${week}/agenda/${MEETING_CHANNEL}` },
    });
    expect(await getEffect(t.app.deps.db, key)).toMatchObject({ status: 'done', messageTs: posted?.ts });
  });

  it('puts the compiled picture in the thread of an agenda whose post was in doubt at the start: found, not reposted', async () => {
    const week = '2027-W18';
    const m = meeting(week, schedule);
    await allSubmitted(week);
    const before = channelCalls().length;
    // The agenda goes out a minute before the start, and Slack's answer comes after the client gave up.
    t.slack.answerLate('chat.postMessage', 6_000, 1);
    await tickAt(plus(m.startsAt, -1));
    const key = { meetingWeek: week, kind: 'agenda', target: MEETING_CHANNEL };
    expect(await getEffect(t.app.deps.db, key)).toMatchObject({ status: 'sending' });

    // The agenda's window has closed: only the compiled picture is due, and it looks the agenda up first; the
    // agenda's attempt in doubt is only looked up (lookupOnly), never posted again.
    await expireClaims(t.app.deps.db);
    expect((await tickAt(m.startsAt)).map((j) => [j.kind, j.lookupOnly === true])).toEqual([
      ['compile', false],
      ['agenda', true],
    ]);
    const agenda = t.slack.messages
      .get(MEETING_CHANNEL)
      ?.find((message) => message.metadata?.event_payload?.key === `${week}/agenda/${MEETING_CHANNEL}`);
    expect(agenda).toBeDefined();
    const posts = channelCalls().slice(before);
    expect(posts.filter((c) => c.args.thread_ts === undefined)).toHaveLength(1); // the agenda, once
    const replies = posts.filter((c) => c.args.thread_ts !== undefined);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((c) => c.args.thread_ts === agenda?.ts)).toBe(true);
    expect(textOf(replies[0]?.args ?? {})).toContain('Lägesbild');
    expect(await getEffect(t.app.deps.db, key)).toMatchObject({ status: 'done', messageTs: agenda?.ts });
  });

  it('sends a direct message once when Slack’s answer comes after the client gave up', async () => {
    const week = '2027-W10';
    const m = meeting(week, schedule);
    for (const party of ['kommunen', 'regionen', 'kustbevakningen'])
      await nothingToReport(t.app.deps.db, week, party);
    const dms = () => postsTo(t.slack, 'U0POL1').filter((c) => textOf(c.args).includes('v. 10'));
    t.slack.answerLate('chat.postMessage', 6_000, 1);
    await tickAt(m.callAt);
    expect(dms().map((c) => c.answered)).toEqual(['late']);
    expect(await tickAt(plus(m.callAt, 1))).toEqual([]);

    await expireClaims(t.app.deps.db);
    expect(await tickAt(plus(m.callAt, 2))).toEqual([{ kind: 'call', week, userId: 'U0POL1' }]);
    expect(dms()).toHaveLength(1);
    expect(t.slack.calls.some((c) => c.method === 'conversations.open' && c.args.users === 'U0POL1')).toBe(
      true,
    );
    const [call] = await listEffects(t.app.deps.db, week, ['call']);
    expect(call).toMatchObject({
      status: 'done',
      messageTs: t.slack.messages.get(t.slack.dmChannelOf('U0POL1'))?.at(-1)?.ts,
    });
  });

  it('replies once in the agenda’s thread when the answer to the reply is lost', async () => {
    const week = '2027-W11';
    const m = meeting(week, schedule);
    for (const party of ['polisen', 'regionen', 'kustbevakningen'])
      await nothingToReport(t.app.deps.db, week, party);
    await tickAt(m.agendaAt); // the agenda, and the call to kommunen's member
    const before = channelCalls().length;
    t.slack.answerServerError('chat.postMessage', 502, 1);
    await tickAt(m.lastCallAt);
    await expireClaims(t.app.deps.db);
    await tickAt(plus(m.lastCallAt, 1));

    const replies = channelCalls().slice(before);
    expect(replies.map((c) => c.answered)).toEqual(['http_502']);
    const [agenda] = await listEffects(t.app.deps.db, week, ['agenda']);
    expect(replies[0]?.args.thread_ts).toBe(agenda?.messageTs);
    const lookup = t.slack.calls.filter((c) => c.method === 'conversations.replies').at(-1);
    expect(lookup?.args).toMatchObject({ channel: MEETING_CHANNEL, ts: agenda?.messageTs });
    const [lastCall] = await listEffects(t.app.deps.db, week, ['lastcall']);
    expect(lastCall?.status).toBe('done');
  });

  it('posts the meeting summary once when Slack posted it but answered 503: it finds it in the agenda’s thread', async () => {
    const week = '2027-W14';
    const m = meeting(week, schedule);
    await allSubmitted(week);
    await tickAt(m.agendaAt);
    await tickAt(m.startsAt);
    const before = channelCalls().length;
    t.slack.answerServerError('chat.postMessage', 503, 1);
    expect((await tickAt(m.endsAt)).map((j) => j.kind)).toEqual(['summary']);
    const summaries = () =>
      channelCalls()
        .slice(before)
        .filter((c) => textOf(c.args).includes('Beslut och uppföljning v. 14'));
    expect(summaries().map((c) => c.answered)).toEqual(['http_503']);
    const key = { meetingWeek: week, kind: 'summary', target: `${MEETING_CHANNEL}#1` };
    expect(await getEffect(t.app.deps.db, key)).toMatchObject({ status: 'sending' });

    // Slack answered, so the attempt is over: the next tick looks the summary up in the thread, and finds it.
    expect(await tickAt(plus(m.endsAt, 1))).toEqual([{ kind: 'summary', week, part: 1 }]);

    expect(summaries()).toHaveLength(1);
    const [agenda] = await listEffects(t.app.deps.db, week, ['agenda']);
    expect(summaries()[0]?.args.thread_ts).toBe(agenda?.messageTs);
    const lookup = t.slack.calls.filter((c) => c.method === 'conversations.replies').at(-1);
    expect(lookup?.args).toMatchObject({ channel: MEETING_CHANNEL, ts: agenda?.messageTs });
    const posted = t.slack.messages
      .get(MEETING_CHANNEL)
      ?.find((msg) => msg.text.includes('Beslut och uppföljning v. 14'));
    expect(posted?.metadata).toEqual({
      event_type: 'fredagsmotet_effect',
      event_payload: { key: `${week}/summary/${MEETING_CHANNEL}#1` },
    });
    expect(await getEffect(t.app.deps.db, key)).toMatchObject({ status: 'done', messageTs: posted?.ts });
  });

  it('sends the day-before reminder of a joint priority once when Slack’s answer comes after the client gave up', async () => {
    const week = '2027-W16';
    const m = meeting(week, schedule);
    await allSubmitted(week); // no call for input in the way
    const { priority } = await createPriority(
      t.app.deps.db,
      {
        title: 'Belysning i gångtunneln',
        description: null,
        areaKeys: ['trafik'],
        partyKeys: ['polisen'],
        contactUserId: null,
        followUpDate: '2027-04-23', // the Friday of week 16
        effectShort: null,
        effectLong: null,
        citizenPromise: null,
        agreedWeek: '2027-W15',
        idempotencyKey: 'reminder-answer-lost',
      },
      { actorUserId: 'U0POL1', at: new Date('2027-04-16T09:30:00Z') },
    );
    const reminders = () =>
      postsTo(t.slack, 'U0POL1').filter((c) => textOf(c.args).includes('Belysning i gångtunneln'));
    const job = { kind: 'followup', priorityId: priority.id, followUpDate: '2027-04-23', userId: 'U0POL1' };

    t.slack.answerLate('chat.postMessage', 6_000, 1);
    expect(await tickAt(m.callAt)).toEqual([job]);
    expect(reminders().map((c) => c.answered)).toEqual(['late']);
    expect(await tickAt(plus(m.callAt, 1))).toEqual([]);

    await expireClaims(t.app.deps.db);
    expect(await tickAt(plus(m.callAt, 2))).toEqual([job]);
    expect(reminders()).toHaveLength(1);
    const opened = t.slack.calls.filter((c) => c.method === 'conversations.open').at(-1);
    expect(opened?.args.users).toBe('U0POL1');
    const [effect] = await listEffects(t.app.deps.db, '2027-W16', ['followup']);
    expect(effect).toMatchObject({
      status: 'done',
      target: `${priority.id}/2027-04-23/U0POL1`,
      messageTs: t.slack.messages
        .get(t.slack.dmChannelOf('U0POL1'))
        ?.find((msg) => msg.text.includes('Belysning i gångtunneln'))?.ts,
    });
  });
});

/**
 * Stopping while jobs wait for Slack: `npm start` gives the app 9 s after SIGTERM. Slack answers too late to a
 * direct message that it does post, and the channel's turn is taken for a minute; the stop must not wait for
 * either, and what the interrupted jobs did must come out exactly once after a restart.
 */
describe('stopping with jobs in flight', () => {
  it('stops within seven seconds, and after a restart nothing is posted twice', async () => {
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    const slack = await new SlackFake().start();
    slack.addChannel(MEETING_CHANNEL);
    const redis = new Redis(TEST_REDIS_URL);
    let first: TestApp | null = await startTestApp({ clock, slack });
    let second: TestApp | null = null;
    try {
      await first.app.cycle.stopMinuteTick();
      const { databaseUrl, queuePrefix } = first;
      const db = first.app.deps.db;
      await seedMembers(db, { polisen: ['U0POL1'] });
      const week = '2026-W49';
      const m = meeting(week, first.app.deps.config.schedule);
      for (const party of ['kommunen', 'regionen', 'kustbevakningen']) await nothingToReport(db, week, party);

      // Another replica has just taken the channel's turn, for long; Slack is slow to answer the DM it posts.
      const turn = `${queuePrefix}:channel-turn:${MEETING_CHANNEL}`;
      await redis.set(turn, '1', 'PX', 60_000);
      slack.answerLate('chat.postMessage', 20_000, 1);
      clock.set(m.agendaAt);
      await first.app.cycle.tick();
      await slack.waitFor(() => postsTo(slack, 'U0POL1').length === 1);
      const channelQueue = first.app.cycle.queues.queue('channel');
      for (let i = 0; i < 100 && (await channelQueue.getActiveCount()) === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await channelQueue.getActiveCount()).toBe(1); // the agenda, waiting for its turn
      // And a listener still at work after its ack: "Visa lägesbild", with Slack slow to take the ephemeral.
      slack.slowDown('chat.postEphemeral', 3_000);
      const clicked = await first.send(
        blockAction({
          userId: 'U0POL1',
          actionId: 'agenda_visa_lagesbild',
          value: week,
          channelId: MEETING_CHANNEL,
        }),
      );
      expect(clicked.status).toBe(200);

      const stopping = Date.now();
      await first.stop();
      expect(Date.now() - stopping).toBeLessThan(7_000);
      first = null;
      // The listener finished before the app closed.
      expect(slack.succeeded('chat.postEphemeral').map((args) => args.user)).toEqual(['U0POL1']);
      slack.clearFailures();
      // Both jobs ended before the database closed: the agenda gave its claim back (its wait for the turn was
      // cut short), the direct message stays `sending`: Slack may have posted it.
      const after = createDatabase(databaseUrl);
      try {
        expect((await listEffects(after, week, ['call', 'agenda'])).map((e) => [e.kind, e.status])).toEqual([
          ['call', 'sending'],
        ]);
      } finally {
        await after.destroy();
      }

      // Back up, after the DM's lease has run out, with the channel free again.
      await redis.del(turn);
      second = await startTestApp({ clock, slack, databaseUrl, queuePrefix });
      await second.app.cycle.stopMinuteTick();
      await expireClaims(second.app.deps.db);
      clock.set(plus(m.agendaAt, 5));
      await second.app.cycle.tick();
      await drained(second.app.cycle, 30_000);

      expect(postsTo(slack, 'U0POL1')).toHaveLength(1);
      expect(postsTo(slack, MEETING_CHANNEL)).toHaveLength(1);
      const effects = await listEffects(second.app.deps.db, week, ['call', 'agenda']);
      expect(effects.map((e) => [e.kind, e.status]).sort()).toEqual([
        ['agenda', 'done'],
        ['call', 'done'],
      ]);
    } finally {
      await first?.stop();
      await second?.stop();
      redis.disconnect();
      await slack.stop();
    }
  }, 60_000);
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
