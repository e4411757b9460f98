/** What the PDF and the workbook share: names by key, and the headline figures as rows of a table. */

import type { Change, ReportModel } from '../domain/report-model.js';
import { rapport } from '../i18n/rapport.js';

export function namesOf(model: ReportModel): {
  party: (key: string) => string;
  area: (key: string) => string;
} {
  const parties = new Map(model.parties.map((p) => [p.key, p.name]));
  const areas = new Map(model.areas.map((a) => [a.key, a.name]));
  return { party: (key) => parties.get(key) ?? key, area: (key) => areas.get(key) ?? key };
}

/** [what, this period, the period before, the change]; a figure without a comparison leaves the last two empty. */
export function figureRows(model: ReportModel): string[][] {
  const f = rapport.figures;
  const h = model.headline;
  const compared = (name: string, c: Change) => [
    name,
    String(c.current),
    String(c.previous),
    rapport.change(c.current, c.previous),
  ];
  const share = (value: number | null) => (value === null ? f.none : rapport.percent(value));
  const p = model.priorities;
  return [
    compared(f.observations, h.observations),
    compared(f.meetingsHeld, h.meetingsHeld),
    [f.meetingsCancelled, String(h.meetingsCancelled), '', ''],
    [f.participation, share(h.participation.current), share(h.participation.previous), ''],
    compared(f.decided, h.prioritiesDecided),
    [f.followedUp, String(p.totals.followedUp), '', ''],
    compared(f.completed, h.prioritiesCompleted),
    [f.cancelled, String(p.totals.cancelled), '', ''],
    [f.overdue, String(h.overdue), '', ''],
    [f.median, p.medianDaysToCompletion === null ? f.none : f.days(p.medianDaysToCompletion), '', ''],
  ];
}
