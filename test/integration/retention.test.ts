// Gallring on real Postgres with a manual clock: a seeded year purged by batches, resumable, once a day.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import { listObservationStatistics } from '../../src/db/retention.repository.js';
import { formatMeetingWeek } from '../../src/domain/schedule.js';
import { type RetentionConfig, runRetention, runScheduledRetention } from '../../src/services/retention.js';
import { ManualClock } from '../support/clock.js';
import { freshDatabase } from '../support/db.js';

const BASE = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
const config = (
  observationMonths: number | null,
  accessLogMonths: number | null = null,
): RetentionConfig => ({
  schedule: BASE.schedule,
  retention: { observationMonths, accessLogMonths },
});

const PARTIES = ['polisen', 'kommunen', 'regionen', 'kustbevakningen'];
const AREAS = ['trafik', 'unga', 'narkotika', 'brottskoncentrationer'];
const TRENDS = ['okar', 'oforandrat', 'minskar', null] as const;
/** Wednesday of v49: the meeting of v48 was the last held, v49's is coming. */
const NOW = '2026-12-02T12:00:00Z';

/** A year of lägesbild, 2026-W01 to W50: 1–4 entries a week per party, some removed, places and times in some. */
async function seedYear(db: Db): Promise<void> {
  const rows = [];
  let n = 0;
  for (let week = 1; week <= 50; week += 1) {
    for (const [p, party] of PARTIES.entries()) {
      for (let i = 0; i < ((week + p) % 4) + 1; i += 1) {
        n += 1;
        rows.push({
          meeting_week: formatMeetingWeek(2026, week),
          party_key: party,
          area_key: AREAS[(week + i) % AREAS.length] as string,
          text: `Iakttagelse ${n} om läget`,
          place: n % 3 === 0 ? `Plats ${n}` : null,
          when_text: n % 5 === 0 ? `kväll ${n}` : null,
          trend: TRENDS[n % TRENDS.length] ?? null,
          author_user_id: 'U0AUTHOR1',
          source: 'kommando' as const,
          idempotency_key: `seed-${n}`,
          ...(n % 11 === 0 ? { removed_at: new Date('2026-06-01T00:00:00Z'), removed_by: 'U0AUTHOR1' } : {}),
        });
      }
    }
  }
  await db.insertInto('entries').values(rows).execute();
}

const snapshot = (db: Db) =>
  db
    .selectFrom('entries')
    .select([
      'id',
      'meeting_week',
      'party_key',
      'area_key',
      'trend',
      'text',
      'place',
      'when_text',
      'purged_at',
    ])
    .orderBy('id')
    .execute();

/** Counts per week, party, area and trend of the entries not removed: what the reports count. */
async function counts(db: Db, beforeWeek: string): Promise<Record<string, number[]>> {
  const rows = await db
    .selectFrom('entries')
    .select(['meeting_week', 'party_key', 'area_key', 'trend'])
    .where('removed_at', 'is', null)
    .where('meeting_week', '<', beforeWeek)
    .execute();
  const result: Record<string, number[]> = {};
  for (const row of rows) {
    const key = `${row.meeting_week}/${row.party_key}/${row.area_key}`;
    const c = result[key] ?? [0, 0, 0, 0, 0];
    c[0] = (c[0] ?? 0) + 1;
    const slot = row.trend === null ? 4 : TRENDS.indexOf(row.trend) + 1;
    c[slot] = (c[slot] ?? 0) + 1;
    result[key] = c;
  }
  return result;
}

async function statistics(db: Db): Promise<Record<string, number[]>> {
  const result: Record<string, number[]> = {};
  for (const s of await listObservationStatistics(db, '2000-W01', '2100-W01'))
    result[`${s.meetingWeek}/${s.partyKey}/${s.areaKey}`] = [
      s.entryCount,
      s.trends.okar,
      s.trends.oforandrat,
      s.trends.minskar,
      s.trends.none,
    ];
  return result;
}

const retentionRows = (db: Db) =>
  db.selectFrom('access_log').selectAll().where('resource', '=', 'retention').orderBy('id').execute();

describe('gallring of observations', () => {
  const opened: Db[] = [];
  const open = async () => {
    const { db } = await freshDatabase();
    opened.push(db);
    await seedYear(db);
    return db;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
  });
  const clock = new ManualClock(NOW);

  it('keeps the counts, then blanks the text of meetings older than the setting, and logs what it did', async () => {
    const db = await open();
    const before = await snapshot(db);
    const expected = await counts(db, '2026-W23');

    const report = await runRetention(db, config(6), clock.now(), { batchSize: 40 });

    // 2 June minus six months: the meeting of v23 (5 June) and later are kept.
    const purged = before.filter((e) => e.meeting_week < '2026-W23');
    expect(report.observations).toMatchObject({ beforeWeek: '2026-W23', entries: purged.length });
    expect(report.observations?.weeks).toHaveLength(22);
    const after = await snapshot(db);
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    for (const [i, was] of before.entries()) {
      const entry = after[i];
      if (was.meeting_week < '2026-W23')
        // Blank and marked; what it counts as stays.
        expect(entry).toEqual({
          ...was,
          text: '',
          place: null,
          when_text: null,
          purged_at: expect.any(Date),
        });
      else expect(entry).toEqual(was);
    }
    expect(await statistics(db)).toEqual(expected);
    expect(await counts(db, '2026-W23')).toEqual(expected);

    const logged = await retentionRows(db);
    expect(logged.length).toBe(Math.ceil(purged.length / 40));
    expect(
      logged.every((r) => r.actor_user_id === 'system' && r.via === 'schema' && r.action === 'change'),
    ).toBe(true);
    expect(logged.flatMap((r) => r.entry_ids ?? []).sort((a, b) => a - b)).toEqual(purged.map((e) => e.id));
    expect(JSON.stringify(logged)).not.toMatch(/Iakttagelse|Plats|kväll/);

    // Again: nothing left, nothing done twice.
    const again = await runRetention(db, config(6), clock.now(), { batchSize: 40 });
    expect(again.observations?.entries).toBe(0);
    expect(await snapshot(db)).toEqual(after);
    expect(await retentionRows(db)).toHaveLength(logged.length);
  });

  it('never touches the meeting just held or the coming one, even at one month', async () => {
    const db = await open();
    const before = await snapshot(db);
    const report = await runRetention(db, config(1), clock.now());
    expect(report.observations?.beforeWeek).toBe('2026-W45');
    const after = await snapshot(db);
    const kept = after.filter((e) => e.meeting_week >= '2026-W45');
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(before.filter((e) => e.meeting_week >= '2026-W45'));
    expect(after.filter((e) => e.meeting_week === '2026-W44').every((e) => e.purged_at !== null)).toBe(true);
  });

  it('resumes after a process is killed halfway: no half-blanked row, nothing done twice', async () => {
    const db = await open();
    const expected = await counts(db, '2026-W23');
    // The third batch fails between its statistics and its blanking: Postgres rolls its transaction back, as it
    // does a killed process's.
    const killed = runRetention(db, config(6), clock.now(), {
      batchSize: 40,
      afterStatistics: async (trx, batch) => {
        if (batch === 3) await sql`select 1 / 0`.execute(trx);
      },
    });
    await expect(killed).rejects.toThrow(/division by zero/);

    const half = await snapshot(db);
    const purgedSoFar = half.filter((e) => e.purged_at !== null);
    expect(purgedSoFar).toHaveLength(80);
    // Every row is either as written or wholly blank.
    for (const e of half)
      expect(
        e.purged_at === null ? e.text !== '' : e.text === '' && e.place === null && e.when_text === null,
      ).toBe(true);
    expect(await retentionRows(db)).toHaveLength(2);

    const resumed = await runRetention(db, config(6), clock.now(), { batchSize: 40 });
    const purged = (await snapshot(db)).filter((e) => e.purged_at !== null);
    expect(resumed.observations?.entries).toBe(purged.length - 80);
    expect(purged.every((e) => e.meeting_week < '2026-W23')).toBe(true);
    // The first two batches' rows were not touched again.
    for (const e of purgedSoFar) expect(purged.find((p) => p.id === e.id)?.purged_at).toEqual(e.purged_at);
    expect(await statistics(db)).toEqual(expected);
    const ids = (await retentionRows(db)).flatMap((r) => r.entry_ids ?? []);
    expect(ids).toHaveLength(purged.length);
    expect(new Set(ids).size).toBe(purged.length);
  });

  it('dry run tells what would go and changes nothing', async () => {
    const db = await open();
    const before = await snapshot(db);
    const report = await runRetention(db, config(6), clock.now(), { dryRun: true });
    expect(report).toMatchObject({ configured: true, dryRun: true });
    expect(report.observations?.entries).toBe(before.filter((e) => e.meeting_week < '2026-W23').length);
    expect(report.observations?.weeks).toHaveLength(22);
    expect(await snapshot(db)).toEqual(before);
    expect(await statistics(db)).toEqual({});
    expect(await db.selectFrom('access_log').selectAll().execute()).toEqual([]);
  });

  it('does nothing at all while no retention is configured', async () => {
    const db = await open();
    const before = await snapshot(db);
    expect(await runRetention(db, config(null), clock.now())).toEqual({
      configured: false,
      dryRun: false,
      observations: null,
      accessLog: null,
    });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('gallring of the access log', () => {
  it('removes rows past its months through the trigger’s path, and logs that it did', async () => {
    const { db } = await freshDatabase();
    try {
      for (const at of ['2025-01-10T00:00:00Z', '2025-02-10T00:00:00Z', new Date().toISOString()])
        await sql`insert into access_log (at, actor_user_id, action, resource, via)
          values (${at}::timestamptz, 'U0ANNA1', 'read', 'picture', 'kommando')`.execute(db);
      // The database's clock decides what a month is for the trigger, so the app's clock is today here.
      const report = await runRetention(db, config(null, 12), new Date());
      expect(report.observations).toBeNull();
      expect(report.accessLog?.rows).toBe(2);
      const rows = await db.selectFrom('access_log').selectAll().orderBy('id').execute();
      expect(rows).toHaveLength(2);
      expect(rows[1]).toMatchObject({ actor_user_id: 'system', resource: 'retention', via: 'schema' });
      expect(rows[1]?.detail).toMatchObject({ reason: 'logg', count: 2 });
    } finally {
      await db.destroy();
    }
  });
});

describe('runScheduledRetention', () => {
  it('runs the day once across instances, from 03:00 local time, and not at all unconfigured', async () => {
    const { db } = await freshDatabase();
    try {
      const night = new Date('2026-12-02T01:00:00Z');
      expect(await runScheduledRetention(db, config(6), night)).toEqual({ status: 'not-due' });
      expect(await runScheduledRetention(db, config(null), new Date(NOW))).toEqual({
        status: 'not-configured',
      });

      const outcomes = await Promise.all(
        Array.from({ length: 4 }, () => runScheduledRetention(db, config(6), new Date(NOW))),
      );
      expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'claimed-elsewhere')).toHaveLength(3);
      const run = await db.selectFrom('retention_runs').selectAll().executeTakeFirstOrThrow();
      expect(run).toMatchObject({ day: '2026-12-02', attempts: 1, entries_purged: 0 });
      expect(run.finished_at).toBeInstanceOf(Date);
      expect(await runScheduledRetention(db, config(6), new Date(NOW))).toEqual({
        status: 'claimed-elsewhere',
      });
    } finally {
      await db.destroy();
    }
  });

  it('gives an unfinished day to the next instance once its claim has lapsed', async () => {
    const { db } = await freshDatabase();
    try {
      await sql`insert into retention_runs (day, claimed_at) values ('2026-12-02', now() - interval '2 hours')`.execute(
        db,
      );
      const outcome = await runScheduledRetention(db, config(6), new Date(NOW));
      expect(outcome.status).toBe('done');
      const run = await db.selectFrom('retention_runs').selectAll().executeTakeFirstOrThrow();
      expect(run.attempts).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});
