import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDatabase, type Db } from '../../src/db/database.js';
import { CHART_SIZE } from '../../src/reports/charts.js';
import {
  type GeneratedReport,
  generateReport,
  type ReportFile,
  readReportRequest,
} from '../../src/reports/generate.js';
import { freshDatabaseUrl } from '../support/db.js';
import { pngStats, readPdf, readWorkbook } from '../support/report-files.js';
import { observationText, REPORT_NOW, seedReportYear } from '../support/report-year.js';

/**
 * What the report of the seeded year (test/support/report-year.ts) looks like to its readers: the Slack message,
 * the workbook and the CSV read back, the PDF's text and metadata, the charts' pixels. Figures counted by hand.
 */
const { schedule } = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test' });
const POLISEN = 'Polisen, lokalpolisområde Västervik';
const KOMMUNEN = 'Västerviks kommun';
const TITLE = 'Uppföljning av samverkansöverenskommelsen — 2026 (t.o.m. 2 december 2026)';

let db: Db;
let withText: GeneratedReport;
let withoutText: GeneratedReport;

const file = (report: GeneratedReport, format: ReportFile['format']) => {
  const found = report.files.find((f) => f.format === format);
  if (!found) throw new Error(`no ${format}`);
  return found;
};

beforeAll(async () => {
  db = createDatabase(await freshDatabaseUrl());
  await seedReportYear(db);
  const read = await readReportRequest(db, '2026', { now: REPORT_NOW, schedule });
  if (read.kind !== 'ok') throw new Error(read.kind);
  const options = { formats: ['pdf', 'xlsx', 'csv', 'png'] as const, now: REPORT_NOW, schedule };
  withText = await generateReport(db, read.request, { ...options, includeText: true });
  withoutText = await generateReport(db, read.request, {
    ...options,
    formats: ['xlsx', 'csv'],
    includeText: false,
  });
}, 60_000);
afterAll(async () => {
  await db.destroy();
});

describe('the Slack message', () => {
  it('gives the headline figures and their change against the period before', () => {
    const { message } = withText;
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Uppföljning — 2026 (t.o.m. 2 december 2026)', emoji: true },
    });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*18* iakttagelser (+14 (+350 %) mot perioden före, då 4)');
    expect(text).toContain('*44* möten hölls, 4 ställdes in');
    expect(text).toContain('Deltagande: *12 %* (perioden före 2 %)');
    expect(text).toContain(
      'Gemensamma prioriteringar: *4* nya, 2 följdes upp, 2 genomförda, 1 avbruten, 1 försenad',
    );
    expect(text).toContain('Mediantid från beslut till genomförd: 147 dagar');
    expect(text).toContain(`• ${POLISEN}: 7 av 44 möten`);
    expect(text).toContain('• Kustbevakningen: 5 av 44 möten (varav 3 inget att rapportera)');
    expect(text).toContain('• v. 14 (3 april 2026): långfredagen');
    expect(text).toContain('• v. 31 (31 juli 2026)"');
    expect(text).toContain('#1 Trygg trafik vid Gamleby – _Tryggare trafikmiljö i Gamleby_ · genomförd');
    expect(text).toContain('Bilagor (6)');
  });

  it('puts the areas with most observations in a table block', () => {
    const table = withText.message.blocks.find((b) => b.type === 'table') as
      | { rows: { text: string }[][] }
      | undefined;
    expect(table?.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['Område', 'Iakttagelser', 'Förändring', 'Ökar', 'Parter'],
      ['Trafikbrott', '7', '+5 (+250 %)', '71 %', `${POLISEN}, ${KOMMUNEN}`],
      [
        'Ungdomskriminalitet och normbrytande unga',
        '5',
        '+4 (+400 %)',
        '60 %',
        `${KOMMUNEN}, Region Kalmar län`,
      ],
      ['Narkotika- och alkoholrelaterade brott', '3', '+2 (+200 %)', '33 %', `${POLISEN}, Region Kalmar län`],
      ['Olyckor', '2', '+2', '0 %', 'Kustbevakningen'],
      ['Hedersförtryck', '1', '+1', '0 %', KOMMUNEN],
    ]);
  });

  it("stays within Slack's limits and never carries an observation's text or a place named too seldom", () => {
    const { message } = withText;
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const texts = message.blocks.flatMap((b) =>
      'text' in b && typeof b.text === 'object' && b.text !== null ? [b.text.text] : [],
    );
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(message).length).toBeLessThanOrEqual(12_000);
    const all = JSON.stringify(message);
    expect(all).not.toContain('känslig fritext');
    expect(all).not.toContain('fredag kväll');
    expect(all).not.toContain('Ankarsrum');
  });
});

describe('the workbook', () => {
  it('has the five sheets, one row per observation with its text', async () => {
    const sheets = await readWorkbook(file(withText, 'xlsx').bytes);
    expect([...sheets.keys()]).toEqual([
      'Sammanfattning',
      'Iakttagelser',
      'Prioriteringar',
      'Uppföljningar',
      'Deltagande',
    ]);
    const observations = sheets.get('Iakttagelser') ?? [];
    expect(observations).toHaveLength(19);
    expect(observations[0]).toEqual([
      'Vecka',
      'Mötesdatum',
      'Part',
      'Område',
      'Plats',
      'När',
      'Utveckling',
      'Samlad bedömning',
      'Iakttagelse',
    ]);
    expect(observations[1]).toEqual([
      '2026-W02',
      '2026-01-09',
      POLISEN,
      'Trafikbrott',
      'Gamleby',
      'fredag kväll',
      'Ökar',
      'Förhöjt läge',
      observationText(1),
    ]);
  });

  it('sums up, lists the priorities and their follow-ups, and counts participation as numbers', async () => {
    const sheets = await readWorkbook(file(withText, 'xlsx').bytes);
    const summary = sheets.get('Sammanfattning') ?? [];
    expect(summary[0]).toEqual([TITLE]);
    expect(summary).toContainEqual(['Iakttagelser', 18, 4, '+14 (+350 %)']);
    expect(summary).toContainEqual(['Försenade vid periodens slut', 1, '', '']);
    expect(summary).toContainEqual([
      'Trafikbrott',
      7,
      2,
      5,
      0,
      1,
      1,
      `${POLISEN}, ${KOMMUNEN}`,
      'Gamleby (5)',
    ]);
    const priorities = sheets.get('Prioriteringar') ?? [];
    expect(priorities.slice(1).map((row) => row[0])).toEqual([1, 2, 3, 4, 6]);
    expect(priorities[2]?.slice(0, 12)).toEqual([
      2,
      'Ungdomsinsats i centrum',
      'Ungdomskriminalitet och normbrytande unga',
      KOMMUNEN,
      '2026-W20',
      'Aktiv',
      '2026-06-12',
      'ja',
      '',
      '',
      '',
      'ja',
    ]);
    const followUps = sheets.get('Uppföljningar') ?? [];
    expect(followUps).toHaveLength(9);
    expect(followUps).toContainEqual([
      1,
      'Trygg trafik vid Gamleby',
      '2026-W16',
      '2026-04-17',
      'Uppföljning',
      'Kontroller genomförda i april',
    ]);
    expect(sheets.get('Deltagande')).toEqual([
      ['Part', 'Hållna möten', 'Lämnat', 'Varav inget att rapportera', 'Saknas', 'Andel'],
      [POLISEN, 44, 7, 0, 37, 7 / 44],
      [KOMMUNEN, 44, 5, 0, 39, 5 / 44],
      ['Region Kalmar län', 44, 4, 1, 40, 4 / 44],
      ['Kustbevakningen', 44, 5, 3, 39, 5 / 44],
    ]);
  });

  it('without the right to see the picture: no text, no "när", only places the report lists', async () => {
    const observations = (await readWorkbook(file(withoutText, 'xlsx').bytes)).get('Iakttagelser') ?? [];
    expect(observations[0]).toEqual([
      'Vecka',
      'Mötesdatum',
      'Part',
      'Område',
      'Plats',
      'Utveckling',
      'Samlad bedömning',
    ]);
    expect(JSON.stringify(observations)).not.toContain('känslig');
    // #10, Ankarsrum (named twice), loses its place; #9, Gämleby (one of five Gamleby), keeps it.
    expect(observations).toContainEqual([
      '2026-W33',
      '2026-08-14',
      KOMMUNEN,
      'Trafikbrott',
      '',
      'Ökar',
      'Förhöjt läge',
    ]);
    expect(observations).toContainEqual([
      '2026-W33',
      '2026-08-14',
      POLISEN,
      'Trafikbrott',
      'Gämleby',
      'Ökar',
      'Allvarligt läge',
    ]);
  });
});

describe('the CSV', () => {
  it('is UTF-8 with a byte-order mark, `;` between fields and one line per observation', () => {
    const bytes = file(withText, 'csv').bytes;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = Buffer.from(bytes).toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Vecka;Mötesdatum;Part;Område;Plats;När;Utveckling;Samlad bedömning;Iakttagelse');
    expect(lines[1]).toBe(
      `2026-W02;2026-01-09;${POLISEN};Trafikbrott;Gamleby;fredag kväll;Ökar;Förhöjt läge;${observationText(1)}`,
    );
    expect(lines.filter((line) => line !== '')).toHaveLength(19);
  });

  it('without the right to see the picture has no text column', () => {
    const text = Buffer.from(file(withoutText, 'csv').bytes).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFVecka;Mötesdatum;Part;Område;Plats;Utveckling;Samlad bedömning',
    );
    expect(text).not.toContain('känslig');
  });
});

describe('the PDF', () => {
  it('is PDF/A-2b with its title and language, with the figures, tables and a page per area in Swedish', async () => {
    const pdf = await readPdf(file(withText, 'pdf').bytes);
    expect(pdf.pdfa).toEqual({ part: '2', conformance: 'B' });
    expect(pdf.info).toMatchObject({ Title: TITLE, Language: 'sv-SE', PDFFormatVersion: '1.7' });
    const text = pdf.pages.join('\n');
    expect(pdf.pages[0]).toContain(TITLE);
    expect(text).toContain('Nyckeltal');
    expect(text).toContain('Mediantid från beslut till genomförd 147 dagar');
    expect(text).toContain('långfredagen');
    expect(text).toContain('Sommaruppehåll');
    expect(text).toContain('Tryggare trafikmiljö i Gamleby');
    expect(text).toContain('Kontroller genomförda i april');
    for (const area of [
      'Trafikbrott',
      'Ungdomskriminalitet och normbrytande unga',
      'Hedersförtryck',
      'Olyckor',
    ])
      expect(pdf.pages.some((page) => page.includes(`Område: ${area}`))).toBe(true);
    const trafik = pdf.pages.find((page) => page.includes('Område: Trafikbrott')) ?? '';
    expect(trafik).toContain('7 iakttagelser under perioden (perioden före: 2, +5 (+250 %))');
    expect(trafik).toContain('Gamleby');
  });

  it("never carries an observation's text, its time or a place named fewer than three times", async () => {
    const text = (await readPdf(file(withText, 'pdf').bytes)).pages.join('\n');
    expect(text).not.toContain('känslig fritext');
    expect(text).not.toContain('fredag kväll');
    expect(text).not.toContain('Ankarsrum');
  });
});

describe('the charts', () => {
  it('are three PNGs of the expected size with something drawn on them', () => {
    const charts = withText.files.filter((f) => f.format === 'png');
    expect(charts.map((f) => [f.chart, f.filename])).toEqual([
      ['weekly', 'uppfoljning-2026-omraden-per-vecka.png'],
      ['grid', 'uppfoljning-2026-bedomningar.png'],
      ['monthly', 'uppfoljning-2026-prioriteringar-per-manad.png'],
    ]);
    for (const chart of charts) {
      const stats = pngStats(chart.bytes);
      expect([stats.width, stats.height]).toEqual([
        CHART_SIZE.width * CHART_SIZE.scale,
        CHART_SIZE.height * CHART_SIZE.scale,
      ]);
      expect(stats.drawn).toBeGreaterThan(10_000);
    }
  });
});
