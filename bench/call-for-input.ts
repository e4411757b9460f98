/**
 * Benchmark (issue 4): the weekly call for lägesbild reaching 300 members under Slack's rate limit, through
 * one and two app replicas — how close to the allowed rate, with nothing lost or doubled.
 */

import pino from 'pino';
import { type RunningApp, startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { listEffects } from '../src/db/effects.repository.js';
import { addMember } from '../src/db/members.repository.js';
import { meetingOfWeek } from '../src/domain/schedule.js';
import { ManualClock } from '../test/support/clock.js';
import { TEST_SIGNING_SECRET } from '../test/support/signer.js';
import { SlackFake } from '../test/support/slack-fake.js';
import { BENCH_REDIS_URL, type Benchmark, benchQueuePrefix, createBenchDatabase, round } from './support.js';

const MEMBERS = 300;
const PARTIES = ['polisen', 'kommunen', 'regionen', 'kustbevakningen'];
/**
 * What the Slack fake allows: chat.postMessage calls per one-second window; past it, 429 with Retry-After 1.
 * Slack's own limit for chat.postMessage is about one a second per channel with short bursts, and a few hundred a
 * minute per workspace: ten a second is on the generous side of that.
 */
const QUOTA_PER_SECOND = 10;
const SLACK_LATENCY_MS = 20;
const TARGET_SHARE = 0.8;
const WEEK = '2026-W49';
const TIMEOUT_MS = 120_000;

/** What one run measured. */
interface Measured {
  readonly replicas: number;
  readonly delivered: number;
  readonly seconds: number;
  readonly share: number;
  readonly rateLimited: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly recorded: number;
}

/**
 * The call for input to MEMBERS members through `replicas` instances of the real app sharing Postgres and the
 * queue prefix (each with its own workers, as separate processes would have), against one Slack fake that
 * enforces the rate limit.
 */
async function measure(replicas: number): Promise<Measured> {
  const database = await createBenchDatabase();
  const slack = await new SlackFake().start();
  slack.latencyMs = SLACK_LATENCY_MS;
  const members = Array.from({ length: MEMBERS }, (_, i) => `U0BENCH${String(i).padStart(3, '0')}`);
  for (const [i, userId] of members.entries()) {
    await addMember(database.db, { userId, partyKey: PARTIES[i % PARTIES.length] as string }, 'U0ADMIN01');
  }
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: database.url,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: benchQueuePrefix(),
    ADMIN_USER_IDS: 'U0ADMIN01',
    LOG_LEVEL: 'silent',
  });
  const meeting = meetingOfWeek(WEEK, config.schedule);
  const clock = new ManualClock(new Date(meeting.callAt.getTime() - 60 * 60_000));
  const apps: RunningApp[] = [];
  try {
    for (let i = 0; i < replicas; i += 1) {
      apps.push(await startApp(config, { clock, logger: pino({ level: 'silent' }), port: 0 }));
    }
    for (const app of apps) await app.cycle.stopMinuteTick();
    slack.enforceQuota('chat.postMessage', QUOTA_PER_SECOND, 1);
    clock.set(meeting.callAt);
    const dms = () => slack.calls.filter((c) => c.method === 'chat.postMessage');
    const delivered = () =>
      new Set(
        dms()
          .filter((c) => c.outcome === 'ok')
          .map((c) => String(c.args.channel)),
      );
    // Every replica's minute tick comes at the same moment.
    await Promise.all(apps.map((app) => app.cycle.tick()));
    await slack.waitFor(() => delivered().size >= MEMBERS, TIMEOUT_MS, `${MEMBERS} direct messages`);
    // A little longer, so that a late duplicate would still be counted.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const calls = dms();
    const ok = calls.filter((c) => c.outcome === 'ok');
    const perUser = new Map<string, number>();
    for (const call of ok)
      perUser.set(String(call.args.channel), (perUser.get(String(call.args.channel)) ?? 0) + 1);
    const first = calls[0]?.at ?? 0;
    const last = ok[ok.length - 1]?.at ?? first;
    const seconds = (last - first) / 1000;
    // Under a limit of N per one-second window, the last of M messages can at best go out
    // ceil(M/N) − 1 windows after the first: that is the allowed pace the share is measured against.
    const idealSeconds = Math.ceil(MEMBERS / QUOTA_PER_SECOND) - 1;
    return {
      replicas,
      delivered: ok.length,
      seconds,
      share: seconds > 0 ? Math.min(1, idealSeconds / seconds) : 1,
      rateLimited: calls.filter((c) => c.outcome === 'ratelimited').length,
      lost: members.filter((user) => !perUser.has(user)).length,
      duplicated: [...perUser.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      recorded: (await listEffects(database.db, WEEK, ['call'])).filter((e) => e.status === 'done').length,
    };
  } finally {
    for (const kind of ['channel', 'dm'] as const) {
      await apps[0]?.cycle.queues
        .queue(kind)
        .obliterate({ force: true })
        .catch(() => {});
    }
    for (const app of apps) await app.stop();
    await slack.stop();
    await database.drop();
  }
}

const IDEAL_SECONDS = Math.ceil(MEMBERS / QUOTA_PER_SECOND) - 1;

/**
 * Issue 4's benchmark: the call for input to 300 members across the four parties, through the real app (the
 * scheduler's tick, BullMQ, Postgres), against a Slack fake that enforces a rate limit and answers 429 with
 * Retry-After past it. How close does the bot get to the allowed rate, and does it lose or double anything? Run
 * once with one instance and once with two sharing the queue, as two replicas would.
 */
export const callForInputBenchmark: Benchmark = {
  id: 'call-for-input',
  title: `Inbjudan att lämna lägesbild till ${MEMBERS} medlemmar under Slacks hastighetsgräns`,
  async run() {
    const one = await measure(1);
    const two = await measure(2);
    const label = (m: Measured) => (m.replicas === 1 ? 'en instans' : `${m.replicas} instanser`);
    const lines = (m: Measured) => [
      `${label(m)}: ${m.delivered} meddelanden levererade på ${round(m.seconds, 1)} s (${round(m.delivered / Math.max(m.seconds, 0.001), 1)} per sekund); bästa möjliga ${IDEAL_SECONDS} s`,
      `${label(m)}: uppnådd takt ${round(m.share * 100, 1)} % av den tillåtna; 429-svar från Slack: ${m.rateLimited}; förlorade: ${m.lost}; dubbletter: ${m.duplicated}; utskick registrerade i Postgres: ${m.recorded}`,
    ];
    const targets = (m: Measured) => [
      {
        name: `${label(m)}: uppnådd takt ≥ 80 % av den tillåtna`,
        ok: m.share >= TARGET_SHARE,
        detail: `${round(m.share * 100, 1)} %`,
      },
      { name: `${label(m)}: inga förlorade meddelanden`, ok: m.lost === 0, detail: String(m.lost) },
      { name: `${label(m)}: inga dubbletter`, ok: m.duplicated === 0, detail: String(m.duplicated) },
    ];
    return {
      name: 'call-for-input',
      report: [
        `${MEMBERS} medlemmar i ${PARTIES.length} parter, ingen har lämnat lägesbild; Slack-attrappen tillåter ${QUOTA_PER_SECOND} chat.postMessage per sekund, ${SLACK_LATENCY_MS} ms per anrop`,
        ...lines(one),
        ...lines(two),
      ],
      metrics: {
        members: MEMBERS,
        quotaPerSecond: QUOTA_PER_SECOND,
        delivered: one.delivered,
        seconds: round(one.seconds, 2),
        achievedShare: round(one.share, 3),
        rateLimited: one.rateLimited,
        lost: one.lost,
        duplicated: one.duplicated,
        twoReplicasDelivered: two.delivered,
        twoReplicasSeconds: round(two.seconds, 2),
        twoReplicasAchievedShare: round(two.share, 3),
        twoReplicasRateLimited: two.rateLimited,
        twoReplicasLost: two.lost,
        twoReplicasDuplicated: two.duplicated,
      },
      targets: [...targets(one), ...targets(two)],
    };
  },
};
