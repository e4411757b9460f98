// The personnummer guard against disguised numbers: digits of other scripts, separators between any groups,
// and the numbers that must stay allowed. The plain forms are tested in entry-input.test.ts.
import { describe, expect, it } from 'vitest';
import { findPersonalIdentityNumber } from '../../src/domain/personnummer.js';

/** `number` written in the digits of the script whose zero is `zero`. */
function inScript(number: string, zero: number): string {
  return number.replace(/[0-9]/g, (digit) => String.fromCodePoint(zero + Number(digit)));
}

describe('findPersonalIdentityNumber, disguised', () => {
  it('finds one split into pairs by spaces, with the century', () => {
    expect(findPersonalIdentityNumber('föraren 19 12 12 12-1212 stoppades')).toBe('19 12 12 12-1212');
  });

  it('finds one in pairs with spaces around the dash', () => {
    expect(findPersonalIdentityNumber('12 12 12 - 12 12')).toBe('12 12 12 - 12 12');
  });

  it('finds one with dots in the date', () => {
    expect(findPersonalIdentityNumber('pnr 12.12.12-1212.')).toBe('12.12.12-1212');
  });

  it('finds one whose last four are split', () => {
    expect(findPersonalIdentityNumber('121212 - 12 12')).toBe('121212 - 12 12');
    expect(findPersonalIdentityNumber('rum 4 811228-98 74')).toBe('811228-98 74');
  });

  it('finds one whose date is split unevenly', () => {
    expect(findPersonalIdentityNumber('1212 12-1212')).toBe('1212 12-1212');
  });

  it('finds one with any mix and repetition of spaces, dots, hyphens, en and em dashes', () => {
    for (const text of [
      '12–12–12 — 12 12',
      '1981.12.28 – 98.74',
      '19\u00a081\u202f12\u200928--9874',
      '81 - 12 - 28 - 98 - 74',
      '8\u22121\u201012\u201128\u201298\u201574',
    ]) {
      expect(findPersonalIdentityNumber(text), JSON.stringify(text)).not.toBeNull();
    }
  });

  it('finds one in Arabic-Indic digits, as written', () => {
    expect(findPersonalIdentityNumber('١٢١٢١٢-١٢١٢')).toBe('١٢١٢١٢-١٢١٢');
    expect(findPersonalIdentityNumber('föraren ١٩٨١١٢٢٨-٩٨٧٤ stoppades')).toBe('١٩٨١١٢٢٨-٩٨٧٤');
  });

  it('finds one in the decimal digits of any script, and in a mix of scripts', () => {
    const zeros = {
      'Extended Arabic-Indic': 0x06f0,
      Devanagari: 0x0966,
      Bengali: 0x09e6,
      Thai: 0x0e50,
      Myanmar: 0x1040,
      Adlam: 0x1e950,
      Tibetan: 0x0f20,
      NKo: 0x07c0,
    };
    for (const [script, zero] of Object.entries(zeros)) {
      expect(findPersonalIdentityNumber(inScript('811228-9874', zero)), script).not.toBeNull();
      expect(
        findPersonalIdentityNumber(inScript('811228-9875', zero)),
        `${script}, wrong check digit`,
      ).toBeNull();
    }
    expect(findPersonalIdentityNumber('٨١١٢28-٩٨74')).toBe('٨١١٢28-٩٨74');
    expect(findPersonalIdentityNumber(`19 ${inScript('81 12', 0x0966)} 28-9874`)).not.toBeNull();
  });

  it('finds a samordningsnummer (day plus 60) in the same forms', () => {
    for (const text of ['70 10 63 23 91', '20.70.10.63-2391', '701063 - 23 91', '٧٠١٠٦٣-٢٣٩١']) {
      expect(findPersonalIdentityNumber(text), text).toBe(text);
    }
    expect(findPersonalIdentityNumber('70 10 63 23 92')).toBeNull();
  });

  it('finds a `+` before the last four digits, however they are split', () => {
    expect(findPersonalIdentityNumber('811228 + 98 74')).toBe('811228 + 98 74');
    expect(findPersonalIdentityNumber('81 12 28+9874')).toBe('81 12 28+9874');
  });

  it('finds one after a phone number or a time in the same run', () => {
    expect(findPersonalIdentityNumber('070-123 45 67 811228 9874')).toBe('811228 9874');
    expect(findPersonalIdentityNumber('19811228-9874 14.30')).toBe('19811228-9874');
  });
});

describe('findPersonalIdentityNumber lets through', () => {
  function expectAllowed(texts: string[]): void {
    for (const text of texts) expect(findPersonalIdentityNumber(text), JSON.stringify(text)).toBeNull();
  }

  it('phone numbers, also one whose digits alone would pass', () => {
    expectAllowed(['070-123 45 67', '0490-25 40 00', '+46 70 123 45 67', '08-123 456 78', '070-113 24 17']);
    expect(findPersonalIdentityNumber('0701132417')).not.toBeNull();
  });

  it('case and diary numbers', () => {
    expectAllowed(['ärende 5000-K123456-26', 'KS 2026/123', 'Dnr 2026-001234', 'dnr 2026.001234']);
  });

  it('dates and times, also a date and a time whose digits alone would pass', () => {
    expectAllowed([
      '2026-12-04',
      '12.12.2026 kl 09.00',
      '4/12 2026',
      'natten 2026-12-04 14.30',
      '04.12.26 14.30',
      '04.12.2026 16:30',
    ]);
    expect(findPersonalIdentityNumber('202612041430')).not.toBeNull();
    expect(findPersonalIdentityNumber('04.12.2026 16')).not.toBeNull();
  });

  it('registration numbers and amounts', () => {
    expectAllowed([
      'ABC 123',
      'ABC12D',
      'bil ABC 123 och DEF 45G',
      '1 234 567 kr',
      '1 234 567 890 kr',
      '12.345.678,90',
    ]);
  });

  it('organisation numbers, which fail the date', () => {
    expectAllowed(['556036-0793', '16556036-0793', '55 60 36 - 07 93', '212000-0142']);
  });

  it('ten- and twelve-digit runs whose check digit fails, however they are split', () => {
    expectAllowed(['19 12 12 12-1213', '12 12 12 - 12 10', '12.12.12-1211', '١٢١٢١٢-١٢١٣', '811228 + 98 75']);
  });

  it('a list of figures that is longer than a number, though a part of it would pass', () => {
    expectAllowed([
      'Larm per dygn: 3 12 12 12 12 12',
      'Larm per dygn: 12 12 12 12 12 4 7',
      '1.2.3.4.5.6.7.8.9.10',
    ]);
    expect(findPersonalIdentityNumber('Larm per dygn: 12 12 12 12 12')).not.toBeNull();
  });

  it('digits on two lines, which are two numbers', () => {
    expectAllowed(['12 12 12\n12 12', '19121212\r\n1212', '121212 -\n1212', '121212\u2028-1212']);
  });

  it('a `+` anywhere but before the last four digits', () => {
    expectAllowed(['8112+28-9874', '811228-98+74']);
  });
});
