/** The observations as CSV for Swedish Excel: `;` between fields, UTF-8 with a byte-order mark, CRLF. */

import { stringify } from 'csv-stringify/sync';
import type { ReportModel } from '../domain/report-model.js';
import { observationTable } from './observation-rows.js';

export function renderCsv(model: ReportModel): Uint8Array {
  const { header, rows } = observationTable(model);
  const text = stringify([header, ...rows], { delimiter: ';', bom: true, record_delimiter: 'windows' });
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
