/**
 * Finds Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer, day + 60)
 * in free text, so entries never identify individuals, however the number was typed or disguised.
 *
 * The rule: a number is a run of digit groups joined by separators, and it counts when its digits are
 * YYMMDDNNNC or YYYYMMDDNNNC (century 18, 19 or 20), the date is possible (day + 60 for a samordningsnummer)
 * and C is the Luhn check digit of YYMMDDNNN. A case number or a date rarely passes all three.
 * - Digits of any script count (`\p{Nd}`: Arabic-Indic, Devanagari, full-width …), read as 0–9. The text is
 *   also read as it shows (NFKC) and without the invisible characters copy-paste brings along (Unicode's Cf).
 * - A separator is any mix of spaces (never a line break: digits on two lines are two numbers), dots, hyphens
 *   and dash-like characters (U+2010–U+2015, U+2212), between any groups: `19 12 12 12-1212`, `12.12.12-1212`,
 *   `12 12 12 - 12 12`. A `+` (over 100 years) may stand only before the last four digits.
 * - The whole run must be exactly 10 or 12 digits, so a list of figures is no number. Inside a longer run
 *   only the forms people write for a person count: 10 or 12 digits in one group, or a date of 6 or 8 digits
 *   in one group followed by four digits (`rum 4 811228-9874`).
 * - Two shapes are something else even when their digits would pass, as one in ten does by chance: a run
 *   that is a phone number (an area code of 2–4 digits beginning with 0, a dash, then the subscriber's digits
 *   grouped by spaces: `070-123 45 67`) is no number as a whole; a time of day ending a run (`2026-12-04
 *   14.30` after a space, the `16` of `04.12.2026 16:30`) is left out of it.
 */
const DIGIT_RUN = /\p{Nd}+(?:(?:[^\S\n\v\f\r\u2028\u2029]|[.+\-\u2010-\u2015\u2212])+\p{Nd}+)*/gu;
const DIGIT_GROUP = /\p{Nd}+/gu;
const MINUTES_AFTER_COLON = /:\p{Nd}/uy;

export function findPersonalIdentityNumber(text: string): string | null {
  const shown = text.normalize('NFKC').replace(/\p{Cf}/gu, '');
  return findIn(text) ?? (shown === text ? null : findIn(shown));
}

/** A group of digits in a run: its digits in ASCII, and where it stands in the run. */
interface Group {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
}

function findIn(text: string): string | null {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const run = match[0];
    if (run.length < 10) continue; // fewer than ten digits
    const groups = [...run.matchAll(DIGIT_GROUP)].map(
      (group): Group => ({
        digits: asciiDigits(group[0]),
        start: group.index,
        end: group.index + group[0].length,
      }),
    );
    MINUTES_AFTER_COLON.lastIndex = match.index + run.length;
    const number = withoutTimeOfDay(run, groups, MINUTES_AFTER_COLON.test(text));
    const found = findInRun(run, number, !isPhoneNumber(run, number));
    if (found !== null) return found;
  }
  return null;
}

function findInRun(run: string, groups: readonly Group[], wholeMayBeNumber: boolean): string | null {
  const candidates: Array<readonly Group[]> = [];
  if (wholeMayBeNumber && (digitCount(groups) === 10 || digitCount(groups) === 12)) candidates.push(groups);
  groups.forEach((group, first) => {
    if (group.digits.length === 10 || group.digits.length === 12) candidates.push([group]);
    if (group.digits.length !== 6 && group.digits.length !== 8) return;
    // The date, then the groups that make up the last four digits.
    let last = first + 1;
    while (last < groups.length && digitCount(groups.slice(first + 1, last)) < 4) last += 1;
    if (digitCount(groups.slice(first + 1, last)) === 4) candidates.push(groups.slice(first, last));
  });
  for (const number of candidates) {
    const digits = number.map((group) => group.digits).join('');
    if (isPersonalIdentityNumber(digits) && plusOnlyBeforeLastFour(run, number)) {
      return run.slice(number[0]?.start, number.at(-1)?.end);
    }
  }
  return null;
}

function digitCount(groups: readonly Group[]): number {
  return groups.reduce((sum, group) => sum + group.digits.length, 0);
}

/** `811228+9874`, `811228 + 98 74`: a `+` says over 100 years and stands before the last four digits. */
function plusOnlyBeforeLastFour(run: string, number: readonly Group[]): boolean {
  for (let i = 1; i < number.length; i += 1) {
    const separator = run.slice(number[i - 1]?.end, number[i]?.start);
    if (separator.includes('+') && digitCount(number.slice(i)) !== 4) return false;
  }
  return true;
}

/** `070-123 45 67`, `0490-25 40 00`, `070 – 1234567`: an area code and a dash, then groups only spaced. */
function isPhoneNumber(run: string, groups: readonly Group[]): boolean {
  const [areaCode, subscriber] = groups;
  if (areaCode === undefined || subscriber === undefined) return false;
  return (
    /^0\d{1,3}$/.test(areaCode.digits) &&
    /^\s*[-\u2010-\u2015\u2212]\s*$/.test(run.slice(areaCode.end, subscriber.start)) &&
    /^[\p{Nd}\s]*$/u.test(run.slice(subscriber.start, groups.at(-1)?.end))
  );
}

/** The run's groups without a time of day at its end: `… 14.30` after a space, or the `16` of `… 16:30`. */
function withoutTimeOfDay(
  run: string,
  groups: readonly Group[],
  followedByMinutes: boolean,
): readonly Group[] {
  const isHour = (group: Group | undefined) =>
    group !== undefined && group.digits.length <= 2 && Number(group.digits) <= 23;
  if (followedByMinutes) return isHour(groups.at(-1)) ? groups.slice(0, -1) : groups;
  const [beforeHour, hour, minutes] = groups.slice(-3);
  if (beforeHour === undefined || hour === undefined || minutes === undefined) return groups;
  const isTime =
    isHour(hour) &&
    minutes.digits.length === 2 &&
    Number(minutes.digits) <= 59 &&
    run.slice(hour.end, minutes.start) === '.' &&
    /^\s+$/.test(run.slice(beforeHour.end, hour.start));
  return isTime ? groups.slice(0, -2) : groups;
}

function isPersonalIdentityNumber(digits: string): boolean {
  if (digits.length !== 10 && digits.length !== 12) return false;
  const century = digits.length === 12 ? digits.slice(0, 2) : undefined;
  if (century !== undefined && century !== '18' && century !== '19' && century !== '20') return false;
  const yymmddnnnc = digits.slice(-10);
  return (
    isPossibleDate(century, yymmddnnnc.slice(0, 2), yymmddnnnc.slice(2, 4), yymmddnnnc.slice(4, 6)) &&
    luhnCheckDigit(yymmddnnnc.slice(0, 9)) === Number(yymmddnnnc[9])
  );
}

function isPossibleDate(century: string | undefined, year: string, month: string, day: string): boolean {
  const m = Number(month);
  let d = Number(day);
  if (d > 60) d -= 60; // samordningsnummer
  if (m < 1 || m > 12 || d < 1) return false;
  // Without a century the year is unknown: take a leap year, so 29 February passes.
  const fullYear = century === undefined ? 2000 : Number(`${century}${year}`);
  return d <= new Date(Date.UTC(fullYear, m, 0)).getUTCDate();
}

/** The Luhn check digit of the nine digits YYMMDDNNN. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i += 1) {
    let value = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (value > 9) value -= 9;
    sum += value;
  }
  return (10 - (sum % 10)) % 10;
}

const DECIMAL_DIGIT = /\p{Nd}/u;
const asciiOf = new Map<string, string>();

/**
 * Any script's decimal digits in ASCII. Unicode encodes every script's digits as ten consecutive code points
 * from 0 to 9, and where two scripts' digits adjoin (the mathematical ones) the next starts on its zero: a
 * digit's value is its distance from the first digit of its block, modulo ten.
 */
function asciiDigits(digits: string): string {
  if (/^[0-9]*$/.test(digits)) return digits;
  let ascii = '';
  for (const digit of digits) {
    let value = asciiOf.get(digit);
    if (value === undefined) {
      const codePoint = digit.codePointAt(0) ?? 0;
      let first = codePoint;
      while (DECIMAL_DIGIT.test(String.fromCodePoint(first - 1))) first -= 1;
      value = String((codePoint - first) % 10);
      asciiOf.set(digit, value);
    }
    ascii += value;
  }
  return ascii;
}
