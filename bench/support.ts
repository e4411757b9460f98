/**
 * What every benchmark shares: the Benchmark/BenchResult shape bench/run.ts reports, a fresh migrated
 * database and queue prefix per run, percentiles, and forking the server and load generator as child
 * processes.
 */

import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { databaseUrl, TEST_DATABASE_ADMIN_URL, TEST_REDIS_URL } from '../test/support/env.js';

/**
 * What every benchmark module gives `npm run bench` (bench/run.ts): a readable report and numbers for the
 * JSON summary, and each target with whether this run met it.
 */
export interface BenchTarget {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface BenchResult {
  readonly name: string;
  /** Lines for a person reading the report. */
  readonly report: readonly string[];
  /** Numbers for the JSON summary, e.g. `{ appP99Ms: 12.3 }`. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly targets: readonly BenchTarget[];
}

export interface Benchmark {
  /** Short id for `npm run bench -- <id>`. */
  readonly id: string;
  readonly title: string;
  run(): Promise<BenchResult>;
}

/** The services the benchmarks use: the same Postgres server and Redis as the tests (TEST_DATABASE_URL, TEST_REDIS_URL). */
export const BENCH_REDIS_URL = TEST_REDIS_URL;

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A fresh database on the test Postgres server, migrated and seeded; drop it when done. */
export async function createBenchDatabase(): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const name = `fmbench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(name);
  const db = createDatabase(url);
  await migrateToLatest(db);
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      const client = new pg.Client({ connectionString: TEST_DATABASE_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export function benchQueuePrefix(): string {
  return `fmbench-${randomBytes(4).toString('hex')}`;
}

/**
 * A TypeScript module run as its own Node process (through tsx), talking over IPC. Benchmarks put the server
 * under test and the load generator in separate processes, as in production, so neither's event loop
 * holds up the other's.
 */
export function forkTs(modulePath: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  // BENCH_CPU_PROF=<dir> writes a CPU profile of every child (open it in Chrome DevTools) to find hot spots.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  return fork(fileURLToPath(new URL(modulePath, import.meta.url)), args, {
    execArgv: ['--import', 'tsx', ...profile],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next IPC message from a child that satisfies `accept`; rejects if the child exits first. */
export function nextMessage<T>(child: ChildProcess, accept: (message: unknown) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!accept(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child process exited (code ${code}) before answering`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
