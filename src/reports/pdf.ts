/**
 * The report as a PDF to print for OBRÅ and to archive: PDF/A-2b (pdfkit's `subset`), PDF 1.7, tagged, with the
 * DejaVu fonts embedded and Swedish as its language. Headline figures, the charts, the tables, then one page per
 * area. Counts, areas, places above the threshold and the priorities only: never an observation's free text.
 */

import PDFDocument from 'pdfkit';
import type { ReportModel } from '../domain/report-model.js';
import { rapport } from '../i18n/rapport.js';
import type { ChartImage } from './charts.js';
import { figureRows, namesOf } from './figures.js';
import { FONTS } from './fonts.js';

const MARGIN = 50;
const HEADER_FILL = '#e6edf2';
/** An area's page lists this many of its priorities; the workbook has them all. */
const AREA_PRIORITIES = 25;

type Doc = PDFKit.PDFDocument;

// Fonts are always named by their file, never registered under a name: pdfkit's table restores the font after
// each cell by its file, and a font known only by name would be read and parsed again for every cell.

export async function renderPdf(model: ReportModel, charts: readonly ChartImage[]): Promise<Uint8Array> {
  const label = rapport.periodLabel(model.period);
  const title = rapport.title(label);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'sv-SE',
    displayTitle: true,
    // The default font would be Helvetica, which is not embedded: PDF/A wants every font in the file.
    font: FONTS.regular,
    info: {
      Title: title,
      Author: 'Fredagsmötet',
      Subject: rapport.shortTitle(label),
      CreationDate: new Date(model.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  titlePage(doc, model, title);
  if (!model.empty) {
    chartPages(doc, charts);
    tablePages(doc, model);
    areaPages(doc, model);
  }
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

function heading(doc: Doc, text: string, size = 14): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(0.6).font(FONTS.bold).fontSize(size).fillColor('#1c2b36').text(text).moveDown(0.3);
  doc.font(FONTS.regular).fontSize(10).fillColor('#000000');
}

function paragraph(doc: Doc, text: string, font: 'regular' | 'oblique' = 'regular'): void {
  doc.font(FONTS[font]).fontSize(10).fillColor('#000000').text(text).font(FONTS.regular);
}

/**
 * A table with a header row; pdfkit lays it out and breaks it over pages. `widths` in points, `*` sharing what is
 * left (the first, wordy column), so numbers and short headers are never broken inside a word.
 */
function table(
  doc: Doc,
  widths: readonly (number | '*')[],
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): void {
  if (rows.length === 0) return;
  doc.x = MARGIN;
  doc.fontSize(8.5).table({
    columnStyles: [...widths],
    data: [
      header.map((text) => ({
        text,
        type: 'TH' as const,
        font: { src: FONTS.bold },
        backgroundColor: HEADER_FILL,
      })),
      ...rows.map((row) => row.map((cell) => String(cell))),
    ],
    defaultStyle: { border: 0.5, borderColor: '#9aa7b0', padding: 3 },
  });
  doc.fontSize(10).moveDown(0.5);
}

function titlePage(doc: Doc, model: ReportModel, title: string): void {
  doc.font(FONTS.bold).fontSize(20).fillColor('#1c2b36').text(title).moveDown(0.4);
  doc.font(FONTS.regular).fontSize(10).fillColor('#000000');
  if (model.filter !== null) {
    const name = namesOf(model)[model.filter.kind === 'party' ? 'party' : 'area'](model.filter.key);
    paragraph(doc, rapport.filterLabel(name));
  }
  paragraph(doc, rapport.generated(model.generatedAt.slice(0, 10)));
  paragraph(doc, rapport.compared(model.previous.from, model.previous.to));
  if (model.empty) {
    heading(doc, rapport.pdf.empty);
    return;
  }
  heading(doc, rapport.pdf.figuresTitle);
  const f = rapport.figures;
  table(doc, ['*', 70, 80, 90], ['', rapport.table.value, f.previous, f.change], figureRows(model));
  paragraph(doc, rapport.pdf.noText, 'oblique');
  if (model.textPurge.purged > 0)
    paragraph(doc, rapport.message.purged(model.textPurge.purged, model.textPurge.total), 'oblique');
}

function chartPages(doc: Doc, charts: readonly ChartImage[]): void {
  if (charts.length === 0) return;
  doc.addPage();
  heading(doc, rapport.pdf.chartsTitle);
  const width = doc.page.width - 2 * MARGIN;
  for (const chart of charts) {
    const height = (width * chart.height) / chart.width;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    doc.image(Buffer.from(chart.png), MARGIN, doc.y, { width });
    doc.y += height + 12;
  }
}

function tablePages(doc: Doc, model: ReportModel): void {
  const t = rapport.table;
  const names = namesOf(model);
  doc.addPage();
  heading(doc, rapport.pdf.areasTitle);
  table(
    doc,
    ['*', 60, 55, 70, 35, 55, 45, 55],
    [t.area, t.observations, t.previous, t.change, t.rising, t.steady, t.falling, t.noTrend],
    model.areaSummaries.map((a) => [
      names.area(a.key),
      a.observations,
      a.previous,
      rapport.change(a.observations, a.previous),
      a.trends.okar,
      a.trends.oforandrat,
      a.trends.minskar,
      a.trends.none,
    ]),
  );
  if (model.quarters.length > 0) {
    heading(doc, rapport.pdf.quartersTitle);
    table(
      doc,
      ['*', 70, 90, 70, 70],
      [
        t.quarter,
        t.observations,
        rapport.figures.meetingsHeld,
        ...t.counts.slice(0, 1),
        t.counts[2] as string,
      ],
      model.quarters.map((q) => [
        `Q${q.quarter}`,
        q.observations,
        q.meetingsHeld,
        q.prioritiesDecided,
        q.prioritiesCompleted,
      ]),
    );
    table(
      doc,
      ['*', ...model.quarters.map(() => 50)],
      [t.area, ...model.quarters.map((q) => `Q${q.quarter}`)],
      model.areaSummaries.map((a) => [
        names.area(a.key),
        ...model.quarters.map((q) => q.byArea.find((b) => b.areaKey === a.key)?.count ?? 0),
      ]),
    );
  }
  heading(doc, rapport.pdf.participationTitle);
  table(
    doc,
    ['*', 60, 50, 95, 50, 45],
    [t.party, t.held, t.submitted, t.nothing, t.missed, t.share],
    model.participation.map((p) => [
      names.party(p.partyKey),
      p.held,
      p.submitted,
      p.nothingToReport,
      p.missed,
      p.held === 0 ? '–' : rapport.percent(p.submitted / p.held),
    ]),
  );
  heading(doc, rapport.pdf.meetingsTitle);
  const cancelled = model.meetings.filter((m) => m.cancelled);
  if (cancelled.length === 0) paragraph(doc, rapport.pdf.noCancelled);
  table(
    doc,
    [70, 110, '*'],
    [t.week, t.date, t.reason],
    cancelled.map((m) => [m.week, rapport.longDate(m.date), m.reason ?? '–']),
  );

  const p = model.priorities;
  heading(doc, rapport.pdf.prioritiesTitle);
  for (const [name, rows] of [
    [rapport.pdf.perArea, p.perArea.map((r) => ({ ...r, name: names.area(r.key) }))],
    [rapport.pdf.perParty, p.perParty.map((r) => ({ ...r, name: names.party(r.key) }))],
  ] as const) {
    if (rows.length === 0) continue;
    paragraph(doc, name);
    table(
      doc,
      ['*', 60, 60, 65, 55, 60],
      [name === rapport.pdf.perArea ? t.area : t.party, ...t.counts],
      rows.map((r) => [r.name, r.decided, r.followedUp, r.completed, r.cancelled, r.overdue]),
    );
  }
  heading(doc, rapport.pdf.promisesTitle);
  if (p.citizenPromises.length === 0) paragraph(doc, rapport.pdf.noPromises);
  for (const line of p.citizenPromises) {
    doc.font(FONTS.bold).text(`#${line.id} ${line.title}`).font(FONTS.regular);
    paragraph(doc, `${t.promise}: ${line.citizenPromise ?? ''}`);
    if (line.effectShort) paragraph(doc, `${t.effectShort}: ${line.effectShort}`);
    if (line.effectLong) paragraph(doc, `${t.effectLong}: ${line.effectLong}`);
    paragraph(doc, `${t.status}: ${rapport.status[line.statusAtEnd]}`);
    if (line.lastNote !== null)
      paragraph(doc, `${t.lastNote} (${rapport.longDate(line.lastNoteOn ?? '')}): ${line.lastNote}`);
    doc.moveDown(0.5);
  }
}

/** One page per area with something to tell: its figures, the parties, the places and its priorities. */
function areaPages(doc: Doc, model: ReportModel): void {
  const t = rapport.table;
  const names = namesOf(model);
  for (const area of model.areaSummaries) {
    const priorities = model.priorities.list.filter((p) => p.areaKeys.includes(area.key));
    if (area.observations === 0 && priorities.length === 0) continue;
    doc.addPage();
    heading(doc, rapport.pdf.areaPage(names.area(area.key)), 16);
    paragraph(
      doc,
      rapport.pdf.areaFacts(
        area.observations,
        area.previous,
        rapport.change(area.observations, area.previous),
      ),
    );
    if (area.partyKeys.length > 0)
      paragraph(doc, rapport.pdf.areaParties(area.partyKeys.map(names.party).join(', ')));
    doc.moveDown(0.5);
    table(
      doc,
      ['*', '*', '*', '*'],
      [t.rising, t.steady, t.falling, t.noTrend],
      [
        (['okar', 'oforandrat', 'minskar', 'none'] as const).map((k) =>
          area.observations === 0
            ? '0'
            : `${area.trends[k]} (${rapport.percent(area.trends[k] / area.observations)})`,
        ),
      ],
    );
    if (area.places.length === 0) paragraph(doc, rapport.pdf.areaNoPlaces);
    else
      table(
        doc,
        ['*', 80],
        [t.places, t.observations],
        area.places.map((p) => [p.place, p.count]),
      );
    if (priorities.length > 0) {
      heading(doc, rapport.pdf.areaPriorities, 12);
      table(
        doc,
        [35, '*', 140, 80, 80],
        [t.number, t.titleColumn, t.responsible, t.status, t.followUpDate],
        priorities
          .slice(0, AREA_PRIORITIES)
          .map((p) => [
            `#${p.id}`,
            p.title,
            p.partyKeys.map(names.party).join(', '),
            rapport.status[p.statusAtEnd],
            p.followUpDateAtEnd,
          ]),
      );
      if (priorities.length > AREA_PRIORITIES)
        paragraph(doc, rapport.pdf.morePriorities(priorities.length - AREA_PRIORITIES), 'oblique');
    }
  }
}
