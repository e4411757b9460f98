// The behörighetslogg on real Postgres: append-only by trigger, purge only past its cut-off, keyset pages.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportAccess,
  listAccess,
  purgeAccessLogBefore,
  recordAccess,
  recordAccessMany,
} from '../../src/db/access-log.repository.js';
import type { Db } from '../../src/db/database.js';
import { type AccessRecord, AccessRecordError } from '../../src/domain/access-log.js';
import { freshDatabase } from '../support/db.js';

const read = (actorUserId: string, extra: Partial<AccessRecord> = {}): AccessRecord => ({
  actorUserId,
  action: 'read',
  resource: 'picture',
  via: 'kommando',
  ...extra,
});

/** Rows written as if long ago: only raw SQL can set `at`, as only a test may. */
async function insertAt(db: Db, at: string, actor = 'U0OLD1'): Promise<void> {
  await sql`insert into access_log (at, actor_user_id, action, resource, via)
    values (${at}::timestamptz, ${actor}, 'read', 'picture', 'kommando')`.execute(db);
}

const count = async (db: Db) =>
  Number((await sql<{ n: string }>`select count(*) as n from access_log`.execute(db)).rows[0]?.n);

describe('the access log table', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await freshDatabase());
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
    await recordAccess(db, read('U0ANNA1'));
    for (const statement of [
      sql`update access_log set action = 'export'`,
      sql`update access_log set at = now() - interval '10 years'`,
      sql`delete from access_log`,
      sql`truncate access_log`,
    ]) {
      await expect(statement.execute(db)).rejects.toThrow(/append-only/);
    }
    expect(await count(db)).toBe(1);
  });

  it('lets the purge delete only rows older than its cut-off, and only a cut-off a month old', async () => {
    await insertAt(db, '2024-01-10T00:00:00Z');
    await insertAt(db, '2024-06-10T00:00:00Z');
    const before = await count(db);

    // Armed for 2024-03-01, a delete of everything is refused as a whole: no row older or newer goes.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select set_config('fredagsmotet.access_log_purge_before', '2024-03-01T00:00:00Z', true)`.execute(
          trx,
        );
        await sql`delete from access_log`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    // A cut-off younger than a month by the database's clock is refused, whatever the app's clock said.
    await expect(purgeAccessLogBefore(db, new Date(Date.now() - 86_400_000))).rejects.toThrow(
      /older than one month/,
    );
    expect(await count(db)).toBe(before);

    expect(await purgeAccessLogBefore(db, new Date('2024-03-01T00:00:00Z'))).toBe(1);
    expect(await count(db)).toBe(before - 1);
  });

  it('is disarmed again within the purge’s own transaction', async () => {
    await insertAt(db, '2023-01-10T00:00:00Z');
    await expect(
      db.transaction().execute(async (trx) => {
        await purgeAccessLogBefore(trx, new Date('2023-01-01T00:00:00Z'));
        await sql`delete from access_log where at < '2023-02-01'`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
  });

  it('commits and rolls back with the caller’s transaction', async () => {
    const before = await count(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAccess(trx, read('U0ROLLBACK1', { action: 'change', resource: 'entry', entryIds: [1] }));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count(db)).toBe(before);
    await db.transaction().execute((trx) => recordAccessMany(trx, [read('U0COMMIT1'), read('U0COMMIT1')]));
    expect(await count(db)).toBe(before + 2);
  });

  it('never stores prose: the repository refuses it and so does the database', async () => {
    await expect(
      recordAccess(db, read('U0ANNA1', { detail: { reason: 'bråk vid torget' } })),
    ).rejects.toThrow(AccessRecordError);
    await expect(
      sql`insert into access_log (actor_user_id, action, resource, via, period)
        values ('U0ANNA1', 'read', 'picture', 'kommando', 'bråk vid torget')`.execute(db),
    ).rejects.toThrow(/period_check/);
  });
});

describe('reading the access log', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await freshDatabase());
    // 12 rows in one transaction share one `at` (the transaction's now()); the id orders them.
    await db.transaction().execute((trx) =>
      recordAccessMany(
        trx,
        Array.from({ length: 12 }, (_, i) =>
          read(i % 3 === 0 ? 'U0BERIT1' : 'U0ANNA1', { meetingWeek: i < 6 ? '2026-W48' : '2026-W49' }),
        ),
      ),
    );
    await recordAccess(db, read('U0ANNA1', { meetingWeek: '2026-W49' }));
    await insertAt(db, '2026-01-15T10:00:00Z', 'U0ANNA1');
    await insertAt(db, '2026-01-15T10:00:00Z', 'U0ANNA1');
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('pages newest first, each row exactly once, with a cursor from the last row', async () => {
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const page = await listAccess(db, {}, { limit: 4, before });
      seen.push(...page.rows.map((r) => r.id));
      const times = page.rows.map((r) => r.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      before = page.nextBefore;
      pages += 1;
    } while (before !== null);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(15);
    expect(new Set(seen).size).toBe(15);
    // The old rows come last.
    const last = await listAccess(db, {}, { limit: 2, before: seen[12] });
    expect(last.rows.map((r) => r.at.toISOString())).toEqual([
      '2026-01-15T10:00:00.000Z',
      '2026-01-15T10:00:00.000Z',
    ]);
    expect(last.nextBefore).toBeNull();
  });

  it('filters by actor, week and time', async () => {
    const berit = await listAccess(db, { actorUserId: 'U0BERIT1' }, { limit: 50 });
    expect(berit.rows).toHaveLength(4);
    expect(berit.rows.every((r) => r.actorUserId === 'U0BERIT1')).toBe(true);
    const week = await listAccess(db, { actorUserId: 'U0ANNA1', week: '2026-W49' }, { limit: 50 });
    expect(week.rows).toHaveLength(5);
    const january = await listAccess(
      db,
      { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') },
      { limit: 50 },
    );
    expect(january.rows).toHaveLength(2);
  });

  it('exports a period oldest first, in batches, without losing rows that share a time', async () => {
    const rows = [];
    for await (const row of exportAccess(
      db,
      new Date('2026-01-01T00:00:00Z'),
      new Date(Date.now() + 60_000),
      {
        batchSize: 5,
      },
    ))
      rows.push(row);
    expect(rows).toHaveLength(15);
    expect(new Set(rows.map((r) => r.id)).size).toBe(15);
    expect(rows[0]?.at.toISOString()).toBe('2026-01-15T10:00:00.000Z');
    const anna = [];
    for await (const row of exportAccess(
      db,
      new Date('2026-01-01T00:00:00Z'),
      new Date(Date.now() + 60_000),
      {
        actorUserId: 'U0ANNA1',
        batchSize: 3,
      },
    ))
      anna.push(row);
    expect(anna).toHaveLength(11);
  });
});
