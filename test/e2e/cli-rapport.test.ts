import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { freshDatabaseUrl } from '../support/db.js';
import { runCli } from '../support/process.js';
import { pngStats, readPdf, readWorkbook } from '../support/report-files.js';
import { observationText, seedReportYear } from '../support/report-year.js';
import { TEST_SIGNING_SECRET } from '../support/signer.js';

/**
 * `npm run cli -- rapport …` as the coordinator runs it, from an empty directory with only the environment,
 * against a database with the seeded year (test/support/report-year.ts). Periods that have ended, so the
 * answers do not depend on the day the test runs.
 */
describe('npm run cli -- rapport', () => {
  let databaseUrl: string;
  let db: Db;
  let cwd: string;

  const cli = (...args: string[]) =>
    runCli(
      ['rapport', ...args],
      {
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
      },
      cwd,
    );

  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    db = createDatabase(databaseUrl);
    await seedReportYear(db);
    cwd = mkdtempSync(path.join(tmpdir(), 'fredagsmotet-rapport-'));
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('writes the PDF, the workbook (format from the file name), the CSV with text and the charts', async () => {
    const [pdf, xlsx, csv, png] = await Promise.all([
      cli('2026-01-01', '2026-11-30', '--format', 'pdf', '--out', 'rapport.pdf'),
      cli('2026-01-01', '2026-11-30', 'trafik', '--out=trafik.xlsx'),
      cli('2026-Q3', '--format=csv', '--out', 'q3.csv', '--med-text'),
      cli('2026-01-01', '2026-11-30', '--format', 'png', '--out', 'diagram.png'),
    ]);

    expect(pdf).toMatchObject({ code: 0, stderr: '' });
    const title = 'Uppföljning av samverkansöverenskommelsen — 2026-01-01 – 2026-11-30';
    expect(pdf.stdout).toContain(title);
    expect(pdf.stdout).toMatch(new RegExp(`Skrev ${path.join(cwd, 'rapport.pdf')} \\(\\d+ kB\\)\\.`));
    const read = await readPdf(readFileSync(path.join(cwd, 'rapport.pdf')));
    expect(read.pages[0]).toContain(title);
    expect(read.pdfa.part).toBe('2');

    expect(xlsx.code).toBe(0);
    const sheets = await readWorkbook(readFileSync(path.join(cwd, 'trafik.xlsx')));
    const observations = sheets.get('Iakttagelser') ?? [];
    // The seven trafik observations, without their text: --med-text was not given.
    expect(observations).toHaveLength(8);
    expect(observations[0]).not.toContain('Iakttagelse');

    expect(csv.code).toBe(0);
    const lines = readFileSync(path.join(cwd, 'q3.csv'), 'utf8')
      .split('\r\n')
      .filter((l) => l !== '');
    // W30 (#19), W33 (#9, #10), W36 (#11, #12), W38 (#13).
    expect(lines).toHaveLength(7);
    expect(lines[0]?.endsWith(';Iakttagelse')).toBe(true);
    expect(lines.some((line) => line.endsWith(observationText(9)))).toBe(true);

    expect(png.code).toBe(0);
    const charts = ['omraden-per-vecka', 'bedomningar', 'prioriteringar-per-manad'];
    for (const chart of charts) {
      const file = path.join(cwd, `diagram-${chart}.png`);
      expect(png.stdout).toContain(`Skrev ${file}`);
      expect(pngStats(readFileSync(file)).drawn).toBeGreaterThan(0);
    }
    expect(readdirSync(cwd).filter((f) => f.startsWith('diagram-'))).toHaveLength(3);
    // Four processes, each starting through tsx and drawing in worker threads, on a machine's two cores.
  }, 90_000);

  it('refuses a bad period, an unknown party or area and an unknown format in Swedish, with exit code 1', async () => {
    const [reversed, unknown, format, option] = await Promise.all([
      cli('v45-v40', '--out', 'x.pdf'),
      cli('2026', 'brandkåren'),
      cli('2026', '--format', 'docx'),
      cli('2026', '--snabbt'),
    ]);
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toContain('innan den börjar');
    expect(reversed.stderr).toContain('npm run cli -- rapport');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Jag känner inte igen ”brandkåren” som part eller område');
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('Okänt format ”docx”');
    expect(option.code).toBe(1);
    expect(option.stderr).toContain('Okänt val: --snabbt');
    expect(readdirSync(cwd)).not.toContain('x.pdf');
  }, 60_000);

  it('explains itself for `hjälp`', async () => {
    const help = await cli('hjälp');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run cli -- rapport 2026-Q3');
  });
});
