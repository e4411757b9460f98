/**
 * Issue 12: the bot's ack p99 for one-liners stays as it was while a report is being made. A year of data (52
 * weeks × 4 parties × 25 observations, 500 priorities); rounds of 200 concurrent signed one-liners against the app,
 * alternately with nothing else going on and right after a member asked for `/rapport` of the year (the report's
 * files are drawn in worker threads, off the event loop that acks). The ratio of the two p99s is the target.
 */

import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { addMember } from '../src/db/members.repository.js';
import { shiftWeek, upcomingMeeting } from '../src/domain/schedule.js';
import { TEST_SIGNING_SECRET } from '../test/support/signer.js';
import { SlackFake } from '../test/support/slack-fake.js';
import type { LoadRequest, LoadResult } from './load.js';
import { seed } from './rapport.js';
import { confirmations, oneLiners, quiet, type Server, startLoadGenerator, startServer } from './servers.js';
import {
  BENCH_REDIS_URL,
  type Benchmark,
  type BenchResult,
  benchQueuePrefix,
  createBenchDatabase,
  percentile,
  round,
} from './support.js';

const SUBMISSIONS = 200;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const TARGET_RATIO = 1.3;
/** How long after `/rapport` the one-liners come: the report's job has started by then. */
const REPORT_HEAD_START_MS = 300;
const PARTIES = ['polisen', 'kommunen', 'regionen', 'kustbevakningen'];

export const reportAckBenchmark: Benchmark = {
  id: 'rapport-ack',
  title: 'Kvitteringen av enradare medan en årsrapport tas fram',
  async run(): Promise<BenchResult> {
    const slack = await new SlackFake().start();
    slack.latencyMs = 30;
    const database = await createBenchDatabase();
    const load = await startLoadGenerator();
    const runId = randomBytes(3).toString('hex');
    let app: Server | null = null;
    try {
      const users = Array.from({ length: 40 }, (_, i) => `U0BENCH${String(i).padStart(3, '0')}`);
      for (const [i, userId] of users.entries())
        await addMember(
          database.db,
          { userId, partyKey: PARTIES[i % PARTIES.length] as string },
          'U0ADMIN01',
        );
      const env = {
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: database.url,
        REDIS_URL: BENCH_REDIS_URL,
        QUEUE_PREFIX: benchQueuePrefix(),
        ADMIN_USER_IDS: 'U0ADMIN01',
        LOG_LEVEL: 'silent',
      };
      const { schedule } = loadConfig(env);
      const last = shiftWeek(upcomingMeeting(new Date(), schedule).week, -1, schedule);
      const weeks = Array.from({ length: 52 }, (_, i) => shiftWeek(last, i - 51, schedule));
      await seed(database.db, weeks, 25, 500);

      app = await startServer('app', env);
      const responseUrlBase = `${slack.apiUrl.replace(/api\/$/, '')}response/`;
      const job = (requests: LoadRequest['requests']): LoadRequest => ({
        url: (app as Server).url,
        signingSecret: TEST_SIGNING_SECRET,
        responseUrlBase,
        requests,
      });
      const warm = oneLiners(`warm-${runId}`, SUBMISSIONS, users);
      await load.run(job(warm));
      await confirmations(slack, warm, 30_000);
      await quiet(slack);

      const idle: LoadResult[] = [];
      const busy: LoadResult[] = [];
      const year = String(new Date().getFullYear());
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const withReport of round % 2 === 0 ? [false, true] : [true, false]) {
          const lines = oneLiners(`${withReport ? 'busy' : 'idle'}-${runId}-${round}`, SUBMISSIONS, users);
          if (!withReport) {
            idle.push(await load.run(job(lines)));
          } else {
            const uploads = slack.uploads.length;
            const asked = load.run(
              job([
                {
                  userId: users[round % users.length] as string,
                  text: year,
                  id: `rapport-${runId}-${round}`,
                  command: '/rapport',
                },
              ]),
            );
            await new Promise((resolve) => setTimeout(resolve, REPORT_HEAD_START_MS));
            busy.push(await load.run(job(lines)));
            await asked;
            await slack.waitFor(() => slack.uploads.length > uploads, 60_000, 'the report').catch(() => {});
          }
          await confirmations(slack, lines, 60_000);
          await quiet(slack);
        }
      }
      const p99 = (runs: readonly LoadResult[]) =>
        percentile(
          runs.flatMap((r) => r.latenciesMs),
          99,
        );
      const ratio = p99(busy) / p99(idle);
      const reports = slack.uploads.length;
      const errors = [...idle, ...busy].flatMap((r) => r.errors).length;
      return {
        name: this.title,
        report: [
          `${SUBMISSIONS} samtidiga enradare per omgång, ${ROUNDS} omgångar utan och ${ROUNDS} med en årsrapport som tas fram`,
          `Utan rapport: p99 ${round(p99(idle))} ms; medan en rapport tas fram: p99 ${round(p99(busy))} ms`,
          `Kvot: ${round(ratio)} (mål ≤ ${TARGET_RATIO}); rapporter levererade: ${reports} av ${ROUNDS}; fel: ${errors}`,
          `  Per omgång utan/med rapport, p50/p99: ${idle
            .map((run, i) => {
              const with_ = busy[i] as LoadResult;
              const p = (r: LoadResult, q: number) => round(percentile(r.latenciesMs, q));
              return `${p(run, 50)}/${p(run, 99)} – ${p(with_, 50)}/${p(with_, 99)}`;
            })
            .join(' · ')} ms`,
        ],
        metrics: {
          idleP99Ms: round(p99(idle)),
          busyP99Ms: round(p99(busy)),
          ratio: round(ratio, 3),
          reports,
          errors,
        },
        targets: [
          {
            name: `kvitteringens p99 inom ${TARGET_RATIO}× medan en rapport tas fram`,
            ok: ratio <= TARGET_RATIO,
            detail: `${round(ratio)}×`,
          },
          {
            name: 'varje rapport levererad, inga fel',
            ok: reports === ROUNDS && errors === 0,
            detail: `${reports}/${ROUNDS}, ${errors} fel`,
          },
        ],
      };
    } finally {
      await app?.stop();
      load.stop();
      await database.drop();
      await slack.stop();
    }
  },
};
