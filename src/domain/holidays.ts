import Holidays from 'date-holidays';

/**
 * Swedish holidays that cancel a meeting falling on them: the public holidays (röda dagar) and the
 * de-facto holidays that date-holidays types as "bank" (midsommarafton, julafton, nyårsafton).
 */
const swedish = new Holidays('SE');

/** The Swedish name of the holiday on a local date `YYYY-MM-DD`, or null on a working day. */
export function holidayOn(date: string): string | null {
  const [year] = date.split('-').map(Number) as [number];
  const match = swedish
    .getHolidays(year)
    .find(
      (holiday) => holiday.date.startsWith(date) && (holiday.type === 'public' || holiday.type === 'bank'),
    );
  return match ? match.name : null;
}
