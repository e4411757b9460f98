/**
 * Swedish holidays that cancel a meeting falling on them: the public holidays (röda dagar) and the
 * de-facto holidays that date-holidays types as "bank" (midsommarafton, julafton, nyårsafton).
 */

import Holidays from 'date-holidays';

const swedish = new Holidays('SE');

/** Working out a year's holidays takes milliseconds; a year's answer never changes, so each is kept. */
const byYear = new Map<number, ReadonlyMap<string, string>>();

function holidaysOf(year: number): ReadonlyMap<string, string> {
  let days = byYear.get(year);
  if (days === undefined) {
    days = new Map(
      swedish
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => [holiday.date.slice(0, 10), holiday.name] as const),
    );
    byYear.set(year, days);
  }
  return days;
}

/** The Swedish name of the holiday on a local date `YYYY-MM-DD`, or null on a working day. */
export function holidayOn(date: string): string | null {
  return holidaysOf(Number(date.slice(0, 4))).get(date) ?? null;
}
