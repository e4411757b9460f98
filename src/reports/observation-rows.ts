/**
 * The observations one per row, as the workbook's sheet "Iakttagelser" and the CSV show them. The free text and
 * "när" only when the reader may see the picture (`includeText`); without it a place is shown only where the
 * report lists it anyway (named at least three times in its area), so no row points out a single case.
 */

import type { ReportModel } from '../domain/report-model.js';
import { placeKey } from '../domain/report-places.js';
import { rapport } from '../i18n/rapport.js';
import { namesOf } from './figures.js';

export function observationTable(model: ReportModel): { header: string[]; rows: (string | number)[][] } {
  const c = rapport.observationColumns;
  const names = namesOf(model);
  const listed = new Set(
    model.areaSummaries.flatMap((a) => a.places.map((p) => `${a.key}|${placeKey(p.place)}`)),
  );
  const header = model.includeText
    ? [c.week, c.date, c.party, c.area, c.place, c.when, c.trend, c.assessment, c.text]
    : [c.week, c.date, c.party, c.area, c.place, c.trend, c.assessment];
  const rows = model.observations.map((o) => {
    const place =
      o.place === null || (!model.includeText && !listed.has(`${o.areaKey}|${placeKey(o.place)}`))
        ? ''
        : o.place;
    const common = [o.week, o.date, names.party(o.partyKey), names.area(o.areaKey), place];
    const trend = o.trend === null ? '' : rapport.trend[o.trend];
    const assessment = o.assessment === null ? '' : rapport.assessment[o.assessment];
    if (!model.includeText) return [...common, trend, assessment];
    const text = o.purged ? rapport.purgedText : (o.text ?? '');
    return [...common, o.when ?? '', trend, assessment, text];
  });
  return { header, rows };
}
