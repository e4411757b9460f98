/**
 * Finds Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer, day + 60)
 * in free text, so entries never identify individuals. Both lengths (YYMMDD-NNNN and YYYYMMDD-NNNN), with or
 * without separator, and only when the date is possible and the Luhn check digit holds: a phone number or a
 * case number rarely passes all three.
 *
 * The separator is what people and their tools actually produce: a hyphen or `+`, any dash-like character
 * (phones and word processors turn `-` into `–`; U+2010–U+2015, U+2212), optionally with spaces around it
 * (`19811228 – 9874`), or one space of any kind (a no-break space U+00A0, a narrow one U+202F, a tab).
 * Never a line break: digits on two lines are two numbers.
 */
const CANDIDATE =
  /(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})(?:[^\S\r\n]*[-+\u2010-\u2015\u2212][^\S\r\n]*|[^\S\r\n])?(\d{3})(\d)(?!\d)/g;

export function findPersonalIdentityNumber(text: string): string | null {
  // Also as it shows: full-width digits and dashes as their plain forms (NFKC), and without the invisible
  // characters copy-paste brings along (a zero-width space, a soft hyphen, a word joiner: Unicode's Cf).
  const shown = text.normalize('NFKC').replace(/\p{Cf}/gu, '');
  return findIn(text) ?? (shown === text ? null : findIn(shown));
}

function findIn(text: string): string | null {
  for (const match of text.matchAll(CANDIDATE)) {
    const [whole, century, year, month, day, serial, check] = match as unknown as [
      string,
      string | undefined,
      string,
      string,
      string,
      string,
      string,
    ];
    if (century !== undefined && century !== '18' && century !== '19' && century !== '20') continue;
    if (!isPossibleDate(century, year, month, day)) continue;
    if (luhnCheckDigit(`${year}${month}${day}${serial}`) === Number(check)) return whole;
  }
  return null;
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
