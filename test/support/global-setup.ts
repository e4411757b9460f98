import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { databaseUrl, TEST_DATABASE_ADMIN_URL, TEST_REDIS_URL } from './env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database migrated to the latest schema for this run; each test app clones it. */
    templateDatabase: string;
    runId: string;
  }
}

/**
 * Once per `npm test`: creates this run's database and migrates it; every test app clones it (a Postgres
 * template copy takes milliseconds), so test files run in parallel without seeing each other's rows.
 * Afterwards every database of the run is dropped, and every Redis key under the run's queue prefixes deleted.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `fmtest_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${runId}`);
  const db = createDatabase(databaseUrl(runId));
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  await admin.end();
  project.provide('templateDatabase', runId);
  project.provide('runId', runId);

  return async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_ADMIN_URL });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${runId}%`],
    );
    // Clones first, the template last: a template cannot be dropped while copies are being made from it.
    for (const { datname } of rows.sort((a, b) => b.datname.length - a.datname.length)) {
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await client.end();
    // Every queue prefix of the run starts with its id: nothing of the run stays in Redis.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${runId}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.unlink(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  };
}
