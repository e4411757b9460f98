/**
 * Benchmark of lägesbild one-liners: 200 concurrent `/lagesbild` against the app and two bare Bolt floors;
 * the ack p99 must stay within 1.3× the store-then-ack floor and every receipt must arrive once.
 */

import { randomBytes } from 'node:crypto';
import { addMember } from '../src/db/members.repository.js';
import { TEST_SIGNING_SECRET } from '../test/support/signer.js';
import { SlackFake } from '../test/support/slack-fake.js';
import type { LoadRequest, LoadResult } from './load.js';
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
/** One unmeasured round per server first: JIT, connection pools and the load generator's sockets warmed up. */
const WARMUP = SUBMISSIONS;
/** Rounds per server; BENCH_ROUNDS overrides (more rounds, steadier medians on a busy machine). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
/** The app's ack p99 against the floor: a bare Bolt app that stores each request with one INSERT, then acks. */
const TARGET_RATIO = 1.3;
/** Every receipt within this long of its request, p99. */
const TARGET_RECEIPT_P99_MS = 5_000;
/** A Slack-like delay on every Web API call and response_url post: the bot's follow-up work is not instant. */
const SLACK_LATENCY_MS = 30;

const PARTIES = ['polisen', 'kommunen', 'regionen', 'kustbevakningen'];

interface Round extends LoadResult {
  /** CPU the server used from the first request until the last ack arrived. */
  readonly cpuMs: number;
}

interface AppRound extends Round {
  /** CPU including the follow-up work after the acks (storing, confirming, App Home). */
  readonly cpuTotalMs: number;
  readonly answered: number;
  readonly refused: number;
  readonly stored: number;
  /** From each request to its receipt on the response_url, ms. */
  readonly receiptMs: number[];
  /** Requests answered more than once (a receipt posted twice, or an entry stored twice). */
  readonly doubled: number;
}

const round2 = (value: number) => round(value, 2);

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * 200 concurrent signed `/lagesbild <alias>: <text>` against the app (real Postgres and Redis, Slack fake), and
 * the same against two bare Bolt apps in the same run: one that only acks, and one that stores the request with
 * one INSERT before it acks — the floor for a bot whose ack means stored. The app stores each request before its
 * ack (one insert), so its ack p99 must stay within 1.3× that floor; every receipt must reach its response_url
 * within 5 s p99, none lost and none doubled.
 */
export const submissionsBenchmark: Benchmark = {
  id: 'submissions',
  title: '200 samtidiga /lagesbild-rader mot appen och mot två bara Bolt-appar',
  async run(): Promise<BenchResult> {
    const slack = await new SlackFake().start();
    slack.latencyMs = SLACK_LATENCY_MS;
    const database = await createBenchDatabase();
    const load = await startLoadGenerator();
    const runId = randomBytes(3).toString('hex');
    const servers: Server[] = [];
    try {
      const users = Array.from({ length: 40 }, (_, i) => `U0BENCH${String(i).padStart(3, '0')}`);
      for (const [i, userId] of users.entries()) {
        await addMember(
          database.db,
          { userId, partyKey: PARTIES[i % PARTIES.length] as string },
          'U0ADMIN01',
        );
      }
      const env = {
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: database.url,
        REDIS_URL: BENCH_REDIS_URL,
        QUEUE_PREFIX: benchQueuePrefix(),
        MEETING_CHANNEL_ID: 'C0MEETING',
        ADMIN_USER_IDS: 'U0ADMIN01',
        LOG_LEVEL: 'silent',
      };
      const responseUrlBase = `${slack.apiUrl.replace(/api\/$/, '')}response/`;
      const job = (url: string, requests: ReturnType<typeof oneLiners>): LoadRequest => ({
        url,
        signingSecret: TEST_SIGNING_SECRET,
        responseUrlBase,
        requests,
      });

      // Both servers run side by side; rounds alternate (bare, app, app, bare, …) so that whatever else the
      // machine does at the time weighs on both alike. What is reported: p50 and p99 of all measured acks of
      // each server pooled over the rounds, and the ratio of the pooled p99s; each round's figures as detail.
      const bare = await startServer('bare', env);
      servers.push(bare);
      const floor = await startServer('insert', env);
      servers.push(floor);
      const app = await startServer('app', env);
      servers.push(app);
      await load.run(job(bare.url, oneLiners(`bare-warm-${runId}`, WARMUP, users)));
      await load.run(job(floor.url, oneLiners(`insert-warm-${runId}`, WARMUP, users)));
      const warm = oneLiners(`app-warm-${runId}`, WARMUP, users);
      await load.run(job(app.url, warm));
      await confirmations(slack, warm, 30_000);
      await quiet(slack);

      const bareRounds: Round[] = [];
      const floorRounds: Round[] = [];
      const appRounds: AppRound[] = [];
      const ORDERS: ReadonlyArray<ReadonlyArray<'bare' | 'insert' | 'app'>> = [
        ['bare', 'insert', 'app'],
        ['app', 'insert', 'bare'],
        ['insert', 'app', 'bare'],
      ];
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const which of ORDERS[round % ORDERS.length] ?? []) {
          if (which !== 'app') {
            const server = which === 'bare' ? bare : floor;
            const cpuBefore = await server.cpuMs();
            const result = await load.run(
              job(server.url, oneLiners(`${which}-${runId}-${round}`, SUBMISSIONS, users)),
            );
            (which === 'bare' ? bareRounds : floorRounds).push({
              ...result,
              cpuMs: (await server.cpuMs()) - cpuBefore,
            });
            continue;
          }
          const prefix = `app-${runId}-${round}`;
          const measured = oneLiners(prefix, SUBMISSIONS, users);
          const cpuBefore = await app.cpuMs();
          const result = await load.run(job(app.url, measured));
          const cpuAtLastAck = (await app.cpuMs()) - cpuBefore;
          // Every submission answers on its response_url; a missing answer counts as an error below.
          const answers = await confirmations(slack, measured, 60_000);
          await quiet(slack);
          const cpuTotal = (await app.cpuMs()) - cpuBefore;
          const stored = await database.db
            .selectFrom('entries')
            .select(database.db.fn.countAll<string>().as('count'))
            .where('idempotency_key', 'like', `kommando:${prefix}-%`)
            .executeTakeFirstOrThrow();
          const firstAnswer = new Map<string, number>();
          const posts = new Map<string, number>();
          for (const answer of answers) {
            posts.set(answer.id, (posts.get(answer.id) ?? 0) + 1);
            if (!firstAnswer.has(answer.id)) firstAnswer.set(answer.id, answer.at);
          }
          appRounds.push({
            ...result,
            cpuMs: cpuAtLastAck,
            cpuTotalMs: cpuTotal,
            answered: firstAnswer.size,
            refused: answers.filter((r) => !String(r.body.text ?? '').includes('Sparat')).length,
            stored: Number(stored.count),
            receiptMs: [...firstAnswer].map(([id, at]) => at - (result.sentAt[id] ?? at)),
            doubled:
              [...posts.values()].filter((n) => n > 1).length +
              Math.max(0, Number(stored.count) - SUBMISSIONS),
          });
        }
      }

      const p = (runs: readonly LoadResult[], q: number) =>
        percentile(
          runs.flatMap((r) => r.latenciesMs),
          q,
        );
      const bareP50 = p(bareRounds, 50);
      const bareP99 = p(bareRounds, 99);
      const floorP50 = p(floorRounds, 50);
      const floorP99 = p(floorRounds, 99);
      const appP50 = p(appRounds, 50);
      const appP99 = p(appRounds, 99);
      const ratio = appP99 / floorP99;
      const bareRatio = appP99 / bareP99;
      const roundRatios = appRounds.map(
        (r, i) => percentile(r.latenciesMs, 99) / percentile(floorRounds[i]?.latenciesMs ?? [], 99),
      );
      const receipts = appRounds.flatMap((r) => r.receiptMs);
      const receiptP50 = percentile(receipts, 50);
      const receiptP99 = percentile(receipts, 99);
      const doubled = appRounds.reduce((sum, r) => sum + r.doubled, 0);
      const networkErrors = [...bareRounds, ...floorRounds, ...appRounds].flatMap((r) => r.errors);
      const refused = appRounds.reduce((sum, r) => sum + r.refused, 0);
      const unanswered = appRounds.reduce((sum, r) => sum + (SUBMISSIONS - r.answered), 0);
      const errors = networkErrors.length + refused;
      const storedPerRound = appRounds.map((r) => r.stored);
      const line = (name: string, runs: readonly LoadResult[]) =>
        `${name}: p50 ${round2(p(runs, 50))} ms, p99 ${round2(p(runs, 99))} ms ` +
        `(alla ${runs.reduce((sum, r) => sum + r.latenciesMs.length, 0)} ack i ${runs.length} omgångar)`;
      const perRound = (name: string, runs: readonly LoadResult[]) =>
        `  ${name} per omgång, p50/p99: ` +
        runs
          .map((r) => `${round2(percentile(r.latenciesMs, 50))}/${round2(percentile(r.latenciesMs, 99))}`)
          .join(' · ') +
        ' ms';

      return {
        name: this.title,
        report: [
          `${SUBMISSIONS} samtidiga signerade anrop per omgång, ${ROUNDS} omgångar per server`,
          line('Bar Bolt-app (bara ack)', bareRounds),
          line('Bolt-app med en INSERT före ack (golvet)', floorRounds),
          line('Fredagsmötet', appRounds),
          `p99-kvot app/golvet: ${round2(ratio)} (mål ≤ ${TARGET_RATIO}); app/bar: ${round2(bareRatio)}`,
          perRound('Bar Bolt-app', bareRounds),
          perRound('Golvet', floorRounds),
          perRound('Fredagsmötet', appRounds),
          `  p99-kvot app/golvet per omgång: ${roundRatios.map((r) => round2(r)).join(' · ')}`,
          `Kvitto från anrop till svar: p50 ${round2(receiptP50)} ms, p99 ${round2(receiptP99)} ms (mål p99 ≤ ${TARGET_RECEIPT_P99_MS} ms)`,
          `Förlorade: ${unanswered}, dubblerade: ${doubled}`,
          `Fel: ${errors} (HTTP/nät: ${networkErrors.length}, avvisade svar: ${refused})` +
            (networkErrors.length > 0 ? ` – ${[...new Set(networkErrors)].slice(0, 3).join('; ')}` : ''),
          `Sparade iakttagelser per omgång: ${storedPerRound.join(', ')} (av ${SUBMISSIONS})`,
          `Serverns CPU per anrop fram till sista ack: bar ${round2(median(bareRounds.map((r) => r.cpuMs)) / SUBMISSIONS)} ms, ` +
            `app ${round2(median(appRounds.map((r) => r.cpuMs)) / SUBMISSIONS)} ms; appen med efterarbete ` +
            `${round2(median(appRounds.map((r) => r.cpuTotalMs)) / SUBMISSIONS)} ms`,
        ],
        metrics: {
          submissions: SUBMISSIONS,
          rounds: ROUNDS,
          bareP50Ms: round2(bareP50),
          bareP99Ms: round2(bareP99),
          floorP50Ms: round2(floorP50),
          floorP99Ms: round2(floorP99),
          receiptP50Ms: round2(receiptP50),
          receiptP99Ms: round2(receiptP99),
          lost: unanswered,
          doubled,
          appP50Ms: round2(appP50),
          appP99Ms: round2(appP99),
          p99Ratio: round(ratio, 3),
          errors,
          entriesStoredPerRound: Math.min(...storedPerRound),
          bareCpuMsPerRequest: round2(median(bareRounds.map((r) => r.cpuMs)) / SUBMISSIONS),
          appCpuMsPerRequestUntilLastAck: round2(median(appRounds.map((r) => r.cpuMs)) / SUBMISSIONS),
          appCpuMsPerRequestWithFollowUp: round2(median(appRounds.map((r) => r.cpuTotalMs)) / SUBMISSIONS),
        },
        targets: [
          {
            name: `ack p99 inom ${TARGET_RATIO}× golvet (en INSERT före ack)`,
            ok: ratio <= TARGET_RATIO,
            detail: `${round2(ratio)}×`,
          },
          {
            name: `kvitto p99 inom ${TARGET_RECEIPT_P99_MS / 1000} s`,
            ok: receiptP99 <= TARGET_RECEIPT_P99_MS,
            detail: `${round2(receiptP99)} ms`,
          },
          {
            name: 'inga förlorade och inga dubblerade',
            ok: unanswered === 0 && doubled === 0,
            detail: `${unanswered}/${doubled}`,
          },
          { name: 'inga fel', ok: errors === 0, detail: String(errors) },
          {
            name: `exakt ${SUBMISSIONS} sparade per omgång`,
            ok: storedPerRound.every((n) => n === SUBMISSIONS),
            detail: storedPerRound.join(', '),
          },
        ],
      };
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      load.stop();
      await database.drop();
      await slack.stop();
    }
  },
};
