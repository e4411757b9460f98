/**
 * The report's files in the formats asked for. Heavy: runs in the rendering workers (render.ts). Each renderer
 * is loaded when asked for, so a worker that makes only the workbook never loads vega or pdfkit.
 */

import type { ReportModel } from '../domain/report-model.js';
import { rapport } from '../i18n/rapport.js';
import type { ChartKind } from './charts.js';

export type ReportFormat = 'pdf' | 'xlsx' | 'csv' | 'png';
export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'xlsx', 'csv', 'png'];

export interface ReportFile {
  readonly format: ReportFormat;
  /** For a PNG: which chart. */
  readonly chart?: ChartKind;
  readonly filename: string;
  /** What Slack shows as the file's title. */
  readonly title: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

const MIME_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  png: 'image/png',
};

/** PDF, workbook, CSV, then one PNG per chart that has something to show; in that order. */
export async function renderFiles(
  model: ReportModel,
  formats: readonly ReportFormat[],
): Promise<ReportFile[]> {
  const slug = [rapport.periodSlug(model.period), ...(model.filter === null ? [] : [model.filter.key])].join(
    '-',
  );
  const wants = (format: ReportFormat) => formats.includes(format);
  const charts =
    (wants('pdf') || wants('png')) && !model.empty
      ? await (await import('./charts.js')).renderCharts(model)
      : [];
  const files: ReportFile[] = [];
  const add = (format: ReportFormat, named: { filename: string; title: string }, bytes: Uint8Array) =>
    files.push({ format, ...named, mimeType: MIME_TYPES[format], bytes });
  if (wants('pdf'))
    add('pdf', rapport.files.pdf(slug), await (await import('./pdf.js')).renderPdf(model, charts));
  if (wants('xlsx'))
    add('xlsx', rapport.files.xlsx(slug), await (await import('./xlsx.js')).renderXlsx(model));
  if (wants('csv')) add('csv', rapport.files.csv(slug), (await import('./csv.js')).renderCsv(model));
  if (wants('png'))
    for (const chart of charts)
      files.push({
        format: 'png',
        chart: chart.kind,
        ...rapport.files.chart(slug, chart.kind),
        mimeType: MIME_TYPES.png,
        bytes: chart.png,
      });
  return files;
}
