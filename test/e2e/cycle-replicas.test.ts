import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingSchedule } from '../../src/domain/schedule.js';
import { MEETING_CHANNEL, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import {
  drained,
  meeting,
  nothingToReport,
  plus,
  postsTo,
  seedMembers,
  startCycleApps,
  textOf,
  tickAt,
} from '../support/cycle.js';
import type { SlackFake } from '../support/slack-fake.js';

const channelPosts = (slack: SlackFake) => postsTo(slack, MEETING_CHANNEL);

describe('two instances sharing Postgres and the queue prefix', () => {
  const clock = new ManualClock('2026-11-24T09:00:00Z');
  let cycle: Awaited<ReturnType<typeof startCycleApps>>;
  let slack: SlackFake;
  let a: TestApp;
  let b: TestApp;
  let schedule: MeetingSchedule;
  const members = Array.from({ length: 8 }, (_, i) => `U0REP${i}`);

  /** Both instances tick at once, twice each, as their crons would, then both queues run dry. */
  const tickBoth = async (at: Date) => {
    await tickAt([a, b], clock, at, { ticksEach: 2 });
  };

  beforeAll(async () => {
    // Two instances whose workers overlap (each Slack call takes a moment), driven by the manual clock.
    cycle = await startCycleApps({
      clock,
      replicas: 2,
      slackLatencyMs: 20,
      members: { polisen: members.slice(0, 4), kommunen: members.slice(4) },
    });
    [a, b] = cycle.apps as [TestApp, TestApp];
    slack = cycle.slack;
    schedule = cycle.schedule;
  });
  afterAll(async () => {
    await cycle?.stop();
  });

  it('sends each direct message, the agenda, the last call, the picture and the summary exactly once', async () => {
    const week = '2026-W49';
    const m = meeting(week, schedule);
    await nothingToReport(a.app.deps.db, week, 'regionen');
    await nothingToReport(a.app.deps.db, week, 'kustbevakningen');

    await tickBoth(m.callAt);
    await tickBoth(plus(m.callAt, 1));
    expect(members.map((user) => postsTo(slack, user).length)).toEqual(members.map(() => 1));

    await tickBoth(m.agendaAt);
    await Promise.all([a.app.deps.notify.statusChanged(week), b.app.deps.notify.statusChanged(week)]);
    await tickBoth(m.lastCallAt);
    await tickBoth(plus(m.lastCallAt, 1));
    await tickBoth(m.startsAt);
    await tickBoth(plus(m.startsAt, 1));
    await tickBoth(m.endsAt);
    await tickBoth(plus(m.endsAt, 1));

    const posts = channelPosts(slack);
    expect(
      posts.map((p) => (p.args.thread_ts === undefined ? 'agenda' : textOf(p.args).split('\n')[0])),
    ).toEqual([
      'agenda',
      'Sista chansen att lämna lägesbild till mötet v. 49',
      'Sammanställd lägesbild v. 49',
      'Beslut och uppföljning v. 49',
    ]);
    expect(slack.calls.filter((c) => c.outcome !== 'ok')).toEqual([]);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Redis loses everything while the app runs. The machine's shared Redis serves other test files in parallel, so
 * this test starts a Redis of its own to flush.
 */
describe('when Redis loses all its data while the app runs', () => {
  const clock = new ManualClock('2026-11-24T09:00:00Z');
  let redisServer: ChildProcess;
  let redis: Redis;
  let t: TestApp;
  let schedule: MeetingSchedule;
  const members = Array.from({ length: 24 }, (_, i) => `U0FL${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    const port = await freePort();
    redisServer = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    redis = new Redis(port, '127.0.0.1', {
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 50, 500),
    });
    redis.on('error', () => {}); // refused until the server listens
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await redis.ping().catch(() => null)) === 'PONG') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    t = await startTestApp({ clock, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    await t.app.cycle.stopMinuteTick(); // the test drives the scheduler with the manual clock
    t.slack.addChannel(MEETING_CHANNEL);
    t.slack.latencyMs = 40;
    schedule = t.app.deps.config.schedule;
    await seedMembers(t.app.deps.db, { polisen: members.slice(0, 12), regionen: members.slice(12) });
  });
  afterAll(async () => {
    await t?.stop();
    redis?.disconnect();
    redisServer?.kill('SIGTERM');
  });

  it('works again at the next tick, without a restart and without double posts', async () => {
    const week = '2026-W49';
    const m = meeting(week, schedule);
    clock.set(m.callAt);
    await t.app.cycle.tick();
    // Flush in the middle of the call for input: some direct messages sent, some waiting, some running.
    await t.slack.waitFor(() => members.filter((user) => postsTo(t.slack, user).length > 0).length >= 6);
    await redis.flushall();
    const sentAtFlush = members.filter((user) => postsTo(t.slack, user).length > 0).length;
    expect(sentAtFlush).toBeLessThan(members.length);

    // The next minute's tick works out from Postgres what is left, and only that.
    clock.set(plus(m.callAt, 1));
    await t.app.cycle.tick();
    await drained(t.app.cycle);
    await t.slack.waitFor(() => members.every((user) => postsTo(t.slack, user).length > 0), 15_000);
    expect(members.map((user) => postsTo(t.slack, user).length)).toEqual(members.map(() => 1));

    // And the rest of the week runs as usual.
    clock.set(m.agendaAt);
    await t.app.cycle.tick();
    await drained(t.app.cycle);
    await redis.flushall();
    clock.set(plus(m.agendaAt, 1));
    await t.app.cycle.tick();
    await drained(t.app.cycle);
    expect(postsTo(t.slack, MEETING_CHANNEL)).toHaveLength(1);
  });
});
