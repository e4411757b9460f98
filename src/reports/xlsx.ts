/**
 * The report as an Excel workbook (exceljs) for those who work on with the numbers: Sammanfattning,
 * Iakttagelser (one row per observation), Prioriteringar, Uppföljningar and Deltagande. Counts are numbers,
 * dates `YYYY-MM-DD`; each sheet's first row is a frozen, filterable header.
 */

import ExcelJS from 'exceljs';
import type { ReportModel } from '../domain/report-model.js';
import { rapport } from '../i18n/rapport.js';
import { figureRows, namesOf } from './figures.js';
import { observationTable } from './observation-rows.js';

export async function renderXlsx(model: ReportModel): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Fredagsmötet';
  workbook.created = new Date(model.generatedAt);
  workbook.title = rapport.title(rapport.periodLabel(model.period));
  summarySheet(workbook, model);
  const observations = observationTable(model);
  dataSheet(workbook, rapport.sheets.observations, observations.header, observations.rows);
  prioritySheets(workbook, model);
  const t = rapport.table;
  const names = namesOf(model);
  const participation = dataSheet(
    workbook,
    rapport.sheets.participation,
    [t.party, t.held, t.submitted, t.nothing, t.missed, t.share],
    model.participation.map((p) => [
      names.party(p.partyKey),
      p.held,
      p.submitted,
      p.nothingToReport,
      p.missed,
      p.held === 0 ? '' : p.submitted / p.held,
    ]),
  );
  participation.getColumn(6).numFmt = '0%';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function dataSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...header]).font = { bold: true };
  sheet.addRows(rows.map((row) => [...row]));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  header.forEach((title, i) => {
    const longest = Math.max(title.length, ...rows.map((row) => String(row[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
  return sheet;
}

function summarySheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const sheet = workbook.addWorksheet(rapport.sheets.summary);
  const t = rapport.table;
  const names = namesOf(model);
  sheet.addRow([rapport.title(rapport.periodLabel(model.period))]).font = { bold: true, size: 14 };
  if (model.filter !== null)
    sheet.addRow([
      rapport.filterLabel(
        model.filter.kind === 'party' ? names.party(model.filter.key) : names.area(model.filter.key),
      ),
    ]);
  sheet.addRow([rapport.generated(model.generatedAt.slice(0, 10))]);
  sheet.addRow([rapport.compared(model.previous.from, model.previous.to)]);
  if (model.empty) sheet.addRow([rapport.message.empty]);
  if (!model.includeText) sheet.addRow([rapport.pdf.noText]);
  if (model.textPurge.purged > 0)
    sheet.addRow([rapport.message.purged(model.textPurge.purged, model.textPurge.total)]);
  sheet.addRow([]);
  sheet.addRow(['', t.value, rapport.figures.previous, rapport.figures.change]).font = { bold: true };
  for (const row of figureRows(model))
    sheet.addRow(row.map((cell, i) => (i > 0 && /^\d+$/.test(cell) ? Number(cell) : cell)));
  sheet.addRow([]);
  sheet.addRow([
    t.area,
    t.observations,
    t.previous,
    t.rising,
    t.steady,
    t.falling,
    t.noTrend,
    t.parties,
    t.places,
  ]).font = { bold: true };
  for (const a of model.areaSummaries)
    sheet.addRow([
      names.area(a.key),
      a.observations,
      a.previous,
      a.trends.okar,
      a.trends.oforandrat,
      a.trends.minskar,
      a.trends.none,
      a.partyKeys.map(names.party).join(', '),
      a.places.map((p) => `${p.place} (${p.count})`).join(', '),
    ]);
  if (model.quarters.length > 0) {
    sheet.addRow([]);
    sheet.addRow([t.quarter, t.observations, rapport.figures.meetingsHeld, t.counts[0], t.counts[2]]).font = {
      bold: true,
    };
    for (const q of model.quarters)
      sheet.addRow([
        `Q${q.quarter}`,
        q.observations,
        q.meetingsHeld,
        q.prioritiesDecided,
        q.prioritiesCompleted,
      ]);
  }
  const cancelled = model.meetings.filter((m) => m.cancelled);
  if (cancelled.length > 0) {
    sheet.addRow([]);
    sheet.addRow([rapport.pdf.meetingsTitle]).font = { bold: true };
    for (const m of cancelled) sheet.addRow([m.week, m.date, m.reason ?? '']);
  }
  sheet.getColumn(1).width = 48;
  for (const column of [2, 3, 4, 5, 6, 7]) sheet.getColumn(column).width = 14;
  sheet.getColumn(8).width = 40;
  sheet.getColumn(9).width = 40;
}

function prioritySheets(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const t = rapport.table;
  const names = namesOf(model);
  const yes = (value: boolean) => (value ? t.yes : '');
  dataSheet(
    workbook,
    rapport.sheets.priorities,
    [
      t.number,
      t.titleColumn,
      t.areas,
      t.responsible,
      t.agreedWeek,
      t.status,
      t.followUpDate,
      ...t.counts,
      t.closedOn,
      t.promise,
      t.effectShort,
      t.effectLong,
      t.lastNote,
    ],
    model.priorities.list.map((p) => [
      p.id,
      p.title,
      p.areaKeys.map(names.area).join(', '),
      p.partyKeys.map(names.party).join(', '),
      p.agreedWeek,
      rapport.status[p.statusAtEnd],
      p.followUpDateAtEnd,
      yes(p.decided),
      yes(p.followedUp),
      yes(p.completed),
      yes(p.cancelled),
      yes(p.overdue),
      p.closedOn ?? '',
      p.citizenPromise ?? '',
      p.effectShort ?? '',
      p.effectLong ?? '',
      p.lastNote ?? '',
    ]),
  );
  const titles = new Map(model.priorities.list.map((p) => [p.id, p.title]));
  dataSheet(
    workbook,
    rapport.sheets.followUps,
    [t.number, t.titleColumn, t.week, t.date, t.what, t.note],
    model.priorities.followUps.map((f) => [
      f.priorityId,
      titles.get(f.priorityId) ?? '',
      f.week,
      f.date,
      rapport.followUpKind[f.kind],
      f.note ?? '',
    ]),
  );
}
