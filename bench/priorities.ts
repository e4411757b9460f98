/**
 * Issue 5: the App Home and `/prioritet lista` with 500 active priorities and a year of lägesbild
 * (52 weeks × 4 parties × 25 entries). Measures the server side of each render (database reads and Block Kit),
 * p50 and p95, and counts the SQL queries of one render at two data sizes: the same count at 50 and at 500
 * priorities shows there is no query per row.
 */

import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import pino from 'pino';
import { buildPriorityList } from '../commands/prioritet/command.js';
import { loadConfig } from '../src/config.js';
import { createDatabase, type Db } from '../src/db/database.js';
import type { Deps } from '../src/deps.js';
import { shiftWeek, upcomingMeeting } from '../src/domain/schedule.js';
import { createScope } from '../src/kit/context.js';
import { buildHome } from '../src/services/home.js';
import { createMeetings } from '../src/services/meetings.js';
import { BENCH_REDIS_URL, type Benchmark, createBenchDatabase, percentile, round } from './support.js';

const PRIORITIES = 500;
const SMALL = 50;
const WEEKS = 52;
const ENTRIES_PER_PARTY_AND_WEEK = 25;
const ITERATIONS = 200;
const WARMUP = 30;
const TARGET_P95_MS = 50;

const PARTIES = ['polisen', 'kommunen', 'regionen', 'kustbevakningen'];
const AREAS = [
  'organiserad',
  'unga',
  'nara-relation',
  'heder',
  'valfard',
  'brottskoncentrationer',
  'narkotika',
  'trafik',
];
const MEMBER = 'U0MEMBER01';
const ADMIN = 'U0ADMIN01';

const CONFIG_ENV = {
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench',
  MEETING_CHANNEL_ID: 'C0MEETING',
  ADMIN_USER_IDS: ADMIN,
};
const { schedule } = loadConfig(CONFIG_ENV);

async function seed(db: Db, priorities: number, now: Date): Promise<void> {
  const members = PARTIES.flatMap((party, p) =>
    Array.from({ length: 10 }, (_, i) => ({
      user_id: i === 0 && p === 0 ? MEMBER : `U${p}M${i}`,
      party_key: party,
      added_by: ADMIN,
    })),
  );
  await db.insertInto('members').values(members).execute();
  await db.insertInto('admins').values({ user_id: ADMIN, added_by: null }).execute();

  // A year of entries, inserted set-wise by Postgres itself.
  const upcoming = upcomingMeeting(now, schedule);
  const weeks = Array.from({ length: WEEKS }, (_, i) => shiftWeek(upcoming.week, -i, schedule));
  await sql`
    insert into entries (meeting_week, party_key, area_key, text, place, author_user_id, source, idempotency_key)
    select w.week, p.key, (array[${sql.join(AREAS.map((a) => sql.lit(a)))}])[1 + (n % ${AREAS.length})],
           'Iakttagelse ' || n || ' med en text av ungefär normal längd om läget i kommunen den här veckan.',
           'Västervik', 'U0AUTHOR', 'kommando', w.week || '-' || p.key || '-' || n
    from unnest(${weeks}::text[]) as w(week)
    cross join (select key from parties) p
    cross join generate_series(1, ${ENTRIES_PER_PARTY_AND_WEEK}) n
  `.execute(db);

  await sql`
    insert into joint_priorities (title, description, agreed_week, follow_up_date, effect_short, status, created_by, idempotency_key)
    select 'Gemensam prioritering ' || n, 'Beskrivning av insatsen nummer ' || n, ${upcoming.week},
           (current_date + ((n % 60) - 20))::date, 'Kortsiktig effekt', 'aktiv', 'U0AUTHOR', 'bench-' || n
    from generate_series(1, ${priorities}) n
  `.execute(db);
  await sql`
    insert into joint_priority_areas (priority_id, area_key)
    select id, (array[${sql.join(AREAS.map((a) => sql.lit(a)))}])[1 + (id % ${AREAS.length})] from joint_priorities
  `.execute(db);
  await sql`
    insert into joint_priority_parties (priority_id, party_key)
    select id, (array[${sql.join(PARTIES.map((p) => sql.lit(p)))}])[1 + (id % 4)] from joint_priorities
    union all
    select id, 'kommunen' from joint_priorities where id % 4 = 0
  `.execute(db);
  await sql`
    insert into joint_priority_events (priority_id, kind, actor_user_id, meeting_week)
    select id, 'skapad', 'U0AUTHOR', agreed_week from joint_priorities
  `.execute(db);
  await sql`analyze`.execute(db);
}

interface Scenario {
  readonly name: string;
  readonly render: (deps: Deps) => Promise<unknown>;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'App Home, medlem', render: (deps) => buildHome(deps, MEMBER) },
  { name: 'App Home, administratör', render: (deps) => buildHome(deps, ADMIN) },
  { name: '/prioritet lista', render: (deps) => buildPriorityList(requestOf(deps, MEMBER), '') },
  { name: '/prioritet lista alla', render: (deps) => buildPriorityList(requestOf(deps, MEMBER), 'alla') },
  {
    name: '/prioritet lista polisen',
    render: (deps) => buildPriorityList(requestOf(deps, MEMBER), 'polisen'),
  },
];

/** A request's context as the kit makes it for a slash command: each render is a request of its own. */
function requestOf(deps: Deps, userId: string) {
  return createScope({
    deps,
    db: deps.db,
    userId,
    via: 'kommando',
    requestKey: `bench:${Math.random()}`,
    target: { responseUrl: null, issuedAt: new Date(), channelId: null, thread: null, replaceOnRetry: false },
  }).ctx;
}

async function withDeps<T>(
  url: string,
  run: (deps: Deps, queries: { count: number }) => Promise<T>,
): Promise<T> {
  const queries = { count: 0 };
  const db = createDatabase(url, { onQuery: () => (queries.count += 1) });
  const redis = new Redis(BENCH_REDIS_URL, { lazyConnect: true });
  const config = loadConfig({ ...CONFIG_ENV, DATABASE_URL: url });
  const clock = { now: () => new Date() };
  // What a render uses of the app's dependencies; the rest is never reached.
  const deps = {
    config,
    db,
    redis,
    clock,
    logger: pino({ level: 'silent' }),
    meetings: createMeetings({ config, clock, db }),
  } as unknown as Deps;
  try {
    return await run(deps, queries);
  } finally {
    await db.destroy();
    redis.disconnect();
  }
}

async function queriesPerRender(url: string): Promise<number[]> {
  return withDeps(url, async (deps, queries) => {
    const counts: number[] = [];
    for (const scenario of SCENARIOS) {
      await scenario.render(deps);
      queries.count = 0;
      await scenario.render(deps);
      counts.push(queries.count);
    }
    return counts;
  });
}

export const prioritiesBenchmark: Benchmark = {
  id: 'priorities',
  title: `App Home och /prioritet lista med ${PRIORITIES} aktiva prioriteringar och ett års lägesbild`,
  async run() {
    const small = await createBenchDatabase();
    const large = await createBenchDatabase();
    try {
      const now = new Date();
      await seed(small.db, SMALL, now);
      await seed(large.db, PRIORITIES, now);
      const entries = await large.db
        .selectFrom('entries')
        .select(large.db.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();

      const smallQueries = await queriesPerRender(small.url);
      const largeQueries = await queriesPerRender(large.url);

      const timings = await withDeps(large.url, async (deps) => {
        const results: Array<{ name: string; p50: number; p95: number }> = [];
        for (const scenario of SCENARIOS) {
          for (let i = 0; i < WARMUP; i += 1) await scenario.render(deps);
          const samples: number[] = [];
          for (let i = 0; i < ITERATIONS; i += 1) {
            const started = performance.now();
            await scenario.render(deps);
            samples.push(performance.now() - started);
          }
          results.push({ name: scenario.name, p50: percentile(samples, 50), p95: percentile(samples, 95) });
        }
        return results;
      });

      const report = [
        `Data: ${PRIORITIES} aktiva prioriteringar, ${entries.n} iakttagelser (${WEEKS} veckor × 4 parter × ${ENTRIES_PER_PARTY_AND_WEEK}), 40 medlemmar`,
        ...timings.map(
          (t, i) =>
            `${t.name}: p50 ${round(t.p50)} ms, p95 ${round(t.p95)} ms, ${largeQueries[i]} SQL-frågor per rendering ` +
            `(${smallQueries[i]} med ${SMALL} prioriteringar)`,
        ),
      ];
      const worstP95 = Math.max(...timings.map((t) => t.p95));
      const constantQueries = largeQueries.every((count, i) => count === smallQueries[i]);
      const metrics: Record<string, number> = {
        priorities: PRIORITIES,
        entries: Number(entries.n),
        worstP95Ms: round(worstP95),
      };
      timings.forEach((t, i) => {
        metrics[`scenario${i + 1}P50Ms`] = round(t.p50);
        metrics[`scenario${i + 1}P95Ms`] = round(t.p95);
        metrics[`scenario${i + 1}Queries`] = largeQueries[i] ?? 0;
      });
      return {
        name: this.title,
        report,
        metrics,
        targets: [
          {
            name: `p95 under ${TARGET_P95_MS} ms i varje scenario`,
            ok: worstP95 < TARGET_P95_MS,
            detail: `${round(worstP95)} ms`,
          },
          {
            name: 'ingen fråga per rad (samma antal frågor vid 50 och 500 prioriteringar)',
            ok: constantQueries,
            detail: `${largeQueries.join('/')} mot ${smallQueries.join('/')}`,
          },
        ],
      };
    } finally {
      await small.drop();
      await large.drop();
    }
  },
};
