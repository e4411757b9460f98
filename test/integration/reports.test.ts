import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDatabase, type Db } from '../../src/db/database.js';
import type { ReportRequest } from '../../src/domain/report-period.js';
import { type GeneratedReport, generateReport, readReportRequest } from '../../src/reports/generate.js';
import { freshDatabaseUrl } from '../support/db.js';
import { observationText, REPORT_NOW, seedReportYear } from '../support/report-year.js';

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * The follow-up report of a seeded year (test/support/report-year.ts), computed with seven queries: every
 * figure here is counted by hand from the seed. The files' contents are read back in report-files.test.ts.
 */
const HAS_PURGE = readdirSync(MIGRATIONS).some((file) =>
  readFileSync(path.join(MIGRATIONS, file), 'utf8').includes("addColumn('purged_at'"),
);
const { schedule } = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test' });

let db: Db;
let url: string;
const queries = { count: 0 };

async function request(text: string): Promise<ReportRequest> {
  const read = await readReportRequest(db, text, { now: REPORT_NOW, schedule });
  if (read.kind !== 'ok') throw new Error(`"${text}": ${read.kind}`);
  return read.request;
}

const report = async (text: string, formats: GeneratedReport['files'][number]['format'][] = []) =>
  generateReport(db, await request(text), { formats, includeText: true, now: REPORT_NOW, schedule });

beforeAll(async () => {
  url = await freshDatabaseUrl();
  db = createDatabase(url, { onQuery: () => (queries.count += 1) });
  await seedReportYear(db);
});
afterAll(async () => {
  await db.destroy();
});

describe('the report of a year', () => {
  let year: GeneratedReport;
  beforeAll(async () => {
    year = await report('2026');
  });

  it('compares 1 January – 2 December with as many days before, and counts the observations', () => {
    const { model } = year;
    expect(model.period).toMatchObject({ from: '2026-01-01', to: '2026-12-02', clamped: true });
    expect(model.previous).toEqual({ from: '2025-01-30', to: '2025-12-31' });
    expect(model.empty).toBe(false);
    // 19 observations in 2026, one removed; 4 in the period compared with (the one of W03 2025 is before it).
    expect(model.headline.observations).toEqual({ current: 18, previous: 4 });
    expect(model.textPurge).toEqual({ purged: 0, total: 18 });
  });

  it('sums up each area: count, trends, the parties that reported and the places named three times', () => {
    expect(model().areaSummaries).toEqual([
      {
        key: 'unga',
        observations: 5,
        previous: 1,
        trends: { okar: 3, oforandrat: 1, minskar: 1, none: 0 },
        partyKeys: ['kommunen', 'regionen'],
        places: [{ place: 'Västervik', count: 5 }],
      },
      {
        key: 'heder',
        observations: 1,
        previous: 0,
        trends: { okar: 0, oforandrat: 1, minskar: 0, none: 0 },
        partyKeys: ['kommunen'],
        places: [],
      },
      {
        key: 'narkotika',
        observations: 3,
        previous: 1,
        trends: { okar: 1, oforandrat: 1, minskar: 1, none: 0 },
        partyKeys: ['polisen', 'regionen'],
        places: [],
      },
      {
        key: 'trafik',
        observations: 7,
        previous: 2,
        trends: { okar: 5, oforandrat: 0, minskar: 1, none: 1 },
        partyKeys: ['polisen', 'kommunen'],
        // Gamleby, gamleby, "GAMLEBY ", Gämleby, Gamleby; Ankarsrum twice is not listed.
        places: [{ place: 'Gamleby', count: 5 }],
      },
      {
        key: 'olyckor',
        observations: 2,
        previous: 0,
        trends: { okar: 0, oforandrat: 1, minskar: 1, none: 0 },
        partyKeys: ['kustbevakningen'],
        places: [],
      },
    ]);
  });

  it('counts held and cancelled meetings, by the holiday rule and by admins, and why', () => {
    const { model } = year;
    // 48 Fridays; långfredagen and midsommarafton cancel, första maj was resumed, admins cancelled W30 and W31.
    expect(model.headline.meetingsHeld).toEqual({ current: 44, previous: 44 });
    expect(model.headline.meetingsCancelled).toBe(4);
    expect(model.meetings.filter((m) => m.cancelled)).toEqual([
      { week: '2026-W14', date: '2026-04-03', cancelled: true, reason: 'långfredagen' },
      { week: '2026-W25', date: '2026-06-19', cancelled: true, reason: 'midsommarafton' },
      { week: '2026-W30', date: '2026-07-24', cancelled: true, reason: 'Sommaruppehåll' },
      { week: '2026-W31', date: '2026-07-31', cancelled: true, reason: null },
    ]);
  });

  it("counts each party's submissions to held meetings, with nothing to report, and the misses", () => {
    const { model } = year;
    expect(model.participation).toEqual([
      { partyKey: 'polisen', held: 44, submitted: 7, nothingToReport: 0, missed: 37 },
      // Its observation in W30 went to a meeting that was cancelled: no submission to a held meeting.
      { partyKey: 'kommunen', held: 44, submitted: 5, nothingToReport: 0, missed: 39 },
      { partyKey: 'regionen', held: 44, submitted: 4, nothingToReport: 1, missed: 40 },
      { partyKey: 'kustbevakningen', held: 44, submitted: 5, nothingToReport: 3, missed: 39 },
    ]);
    expect(model.headline.participation).toEqual({ current: 21 / 176, previous: 3 / 176 });
  });

  it('draws the assessment grid over the held weeks and the parties', () => {
    const { grid } = year.model;
    expect(grid.weeks).toHaveLength(44);
    expect(grid.partyKeys).toEqual(['polisen', 'kommunen', 'regionen', 'kustbevakningen']);
    const tally: Record<string, number> = {};
    for (const cell of grid.cells) tally[cell.value] = (tally[cell.value] ?? 0) + 1;
    expect(tally).toEqual({ forhojt: 3, normallage: 1, allvarligt: 1, none: 12, nothing: 4, missing: 155 });
    const cell = (week: string, party: string) =>
      grid.cells.find((c) => c.week === week && c.partyKey === party)?.value;
    expect(cell('2026-W02', 'polisen')).toBe('forhojt');
    expect(cell('2026-W33', 'polisen')).toBe('allvarligt');
    expect(cell('2026-W02', 'kustbevakningen')).toBe('nothing');
    expect(cell('2026-W05', 'regionen')).toBe('none');
    expect(cell('2026-W48', 'polisen')).toBe('missing');
  });

  it('follows the joint priorities: decided, followed up, completed, cancelled, overdue, and how long they took', () => {
    const { priorities, headline } = year.model;
    expect(priorities.totals).toEqual({ decided: 4, followedUp: 2, completed: 2, cancelled: 1, overdue: 1 });
    expect(headline.prioritiesDecided).toEqual({ current: 4, previous: 2 });
    expect(headline.prioritiesCompleted).toEqual({ current: 2, previous: 1 });
    expect(headline.overdue).toBe(1);
    // 30 January → 14 August is 196 days, 3 October 2025 → 9 January 98: the median is 147.
    expect(priorities.medianDaysToCompletion).toBe(147);
    expect(priorities.list.map((p) => p.id)).toEqual([1, 2, 3, 4, 6]);
    expect(priorities.list.find((p) => p.id === 2)).toMatchObject({ statusAtEnd: 'aktiv', overdue: true });
    expect(priorities.list.find((p) => p.id === 1)).toMatchObject({
      statusAtEnd: 'genomford',
      closedOn: '2026-08-14',
    });
    expect(priorities.perArea).toEqual([
      { key: 'unga', decided: 2, followedUp: 0, completed: 0, cancelled: 1, overdue: 1 },
      { key: 'narkotika', decided: 1, followedUp: 0, completed: 0, cancelled: 1, overdue: 0 },
      { key: 'trafik', decided: 2, followedUp: 1, completed: 1, cancelled: 0, overdue: 0 },
      { key: 'olyckor', decided: 0, followedUp: 1, completed: 1, cancelled: 0, overdue: 0 },
    ]);
    expect(priorities.perParty).toEqual([
      { key: 'polisen', decided: 3, followedUp: 1, completed: 1, cancelled: 1, overdue: 0 },
      { key: 'kommunen', decided: 2, followedUp: 1, completed: 1, cancelled: 0, overdue: 1 },
      { key: 'regionen', decided: 1, followedUp: 0, completed: 0, cancelled: 1, overdue: 0 },
      { key: 'kustbevakningen', decided: 0, followedUp: 1, completed: 1, cancelled: 0, overdue: 0 },
    ]);
    const month = (m: string) => priorities.byMonth.find((row) => row.month === m);
    expect(priorities.byMonth).toHaveLength(12);
    expect(month('2026-01')).toEqual({ month: '2026-01', opened: 1, closed: 1 });
    expect(month('2026-08')).toEqual({ month: '2026-08', opened: 0, closed: 1 });
    expect(month('2026-11')).toEqual({ month: '2026-11', opened: 1, closed: 0 });
    expect(priorities.followUps.map((f) => [f.priorityId, f.week, f.kind])).toEqual([
      [1, '2026-W05', 'decided'],
      [1, '2026-W16', 'followedUp'],
      [1, '2026-W33', 'completed'],
      [2, '2026-W20', 'decided'],
      [3, '2026-W36', 'decided'],
      [3, '2026-W41', 'cancelled'],
      [4, '2026-W02', 'completed'],
      [6, '2026-W45', 'decided'],
    ]);
  });

  it('lists the medborgarlöfte with their expected effect and last follow-up', () => {
    expect(
      year.model.priorities.citizenPromises.map((p) => [
        p.id,
        p.citizenPromise,
        p.effectShort,
        p.statusAtEnd,
        p.lastNote,
      ]),
    ).toEqual([
      [
        1,
        'Tryggare trafikmiljö i Gamleby',
        'Färre hastighetsöverträdelser',
        'genomford',
        'Kontroller genomförda i april',
      ],
      [4, 'Säkrare skärgård', 'Fler bär flytväst', 'genomford', 'Klar inför säsongen'],
      [6, 'Trygg hamn', 'Färre inbrott i båtar', 'aktiv', null],
    ]);
  });

  it('goes through the year quarter by quarter', () => {
    expect(
      year.model.quarters.map((q) => [
        q.quarter,
        q.to,
        q.observations,
        q.meetingsHeld,
        q.prioritiesDecided,
        q.prioritiesCompleted,
      ]),
    ).toEqual([
      [1, '2026-03-31', 4, 13, 1, 1],
      [2, '2026-06-30', 4, 11, 1, 0],
      [3, '2026-09-30', 6, 11, 1, 1],
      [4, '2026-12-02', 4, 9, 1, 0],
    ]);
    expect(year.model.quarters[0]?.byArea).toEqual([
      { areaKey: 'trafik', count: 2 },
      { areaKey: 'unga', count: 1 },
      { areaKey: 'narkotika', count: 1 },
    ]);
  });

  it('carries each observation with its meeting date, assessment and, when asked for, its text', () => {
    const { observations } = year.model;
    expect(observations).toHaveLength(18);
    expect(observations[0]).toEqual({
      week: '2026-W02',
      date: '2026-01-09',
      partyKey: 'polisen',
      areaKey: 'trafik',
      place: 'Gamleby',
      when: 'fredag kväll',
      trend: 'okar',
      assessment: 'forhojt',
      text: observationText(1),
      purged: false,
    });
    expect(observations.map((o) => o.week)).toContain('2026-W30');
  });

  function model() {
    return year.model;
  }
});

describe('what the report reads', () => {
  it('takes seven queries for a report and three for a request, whatever the period', async () => {
    for (const text of ['2026', 'kv3 trafik', '2025-01-17 2026-12-02']) {
      const parsed = await request(text);
      queries.count = 0;
      await generateReport(db, parsed, { formats: [], includeText: false, now: REPORT_NOW, schedule });
      expect(queries.count).toBe(7);
    }
    queries.count = 0;
    await readReportRequest(db, '2026', { now: REPORT_NOW, schedule });
    expect(queries.count).toBe(3);
  });

  it('leaves the free text in the database when the reader may not see it', async () => {
    const { model } = await generateReport(db, await request('2026'), {
      formats: [],
      includeText: false,
      now: REPORT_NOW,
      schedule,
    });
    expect(model.observations.every((o) => o.text === null && o.when === null)).toBe(true);
    expect(model.headline.observations.current).toBe(18);
  });
});

describe('a report narrowed to a party or an area', () => {
  it('an area: its observations and priorities; participation and the grid stay whole', async () => {
    const { model } = await report('2026 trafik');
    expect(model.filter).toEqual({ kind: 'area', key: 'trafik' });
    expect(model.headline.observations).toEqual({ current: 7, previous: 2 });
    expect(model.areaSummaries.map((a) => a.key)).toEqual(['trafik']);
    expect(model.priorities.list.map((p) => p.id)).toEqual([1, 6]);
    expect(model.participation.map((p) => p.submitted)).toEqual([7, 5, 4, 5]);
  });

  it('a party: its observations, its submissions, its column of the grid and the priorities it answers for', async () => {
    const { model } = await report('2026 kommunen');
    expect(model.headline.observations).toEqual({ current: 6, previous: 1 });
    expect(model.participation).toEqual([
      { partyKey: 'kommunen', held: 44, submitted: 5, nothingToReport: 0, missed: 39 },
    ]);
    expect(model.grid.partyKeys).toEqual(['kommunen']);
    expect(model.priorities.list.map((p) => p.id)).toEqual([1, 2]);
  });
});

describe('a period with nothing recorded', () => {
  it('is a report that says so, without charts', async () => {
    const { model, message, files } = await report('2026-W42-2026-W43', ['pdf', 'xlsx', 'csv', 'png']);
    expect(model.empty).toBe(true);
    expect(model.headline.observations.current).toBe(0);
    expect(JSON.stringify(message.blocks)).toContain('Inget registrerades under perioden');
    expect(files.map((f) => f.format)).toEqual(['pdf', 'xlsx', 'csv']);
  });
});

describe('a purged observation', () => {
  // Purging comes with migration 2026_12_02_1110_retention (entries.purged_at); before it nothing is purged.
  it.skipIf(!HAS_PURGE)('counts, and its text shows as gallrad', async () => {
    const purgeDb = createDatabase(await freshDatabaseUrl());
    try {
      await seedReportYear(purgeDb);
      await sql`update entries set purged_at = now(), text = '', place = null, when_text = null
        where idempotency_key = 'report-seed-2'`.execute(purgeDb);
      const parsed = await readReportRequest(purgeDb, '2026', { now: REPORT_NOW, schedule });
      if (parsed.kind !== 'ok') throw new Error(parsed.kind);
      const { model, message } = await generateReport(purgeDb, parsed.request, {
        formats: [],
        includeText: true,
        now: REPORT_NOW,
        schedule,
      });
      expect(model.textPurge).toEqual({ purged: 1, total: 18 });
      expect(model.areaSummaries.find((a) => a.key === 'unga')?.places).toEqual([
        { place: 'Västervik', count: 4 },
      ]);
      expect(JSON.stringify(message.blocks)).toContain('Fritexten i 1 av 18 iakttagelser är gallrad');
    } finally {
      await purgeDb.destroy();
    }
  });
});
