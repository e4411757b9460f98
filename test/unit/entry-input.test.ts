import { describe, expect, it } from 'vitest';
import { checkEntryFields, entryFields } from '../../src/domain/entry-input.js';
import { findPersonalIdentityNumber, luhnCheckDigit } from '../../src/domain/personnummer.js';
import { characterCount } from '../../src/domain/text.js';

describe('findPersonalIdentityNumber', () => {
  it('finds a personnummer with a valid check digit in both lengths, with and without separator', () => {
    for (const text of [
      'föraren 811228-9874 stoppades',
      '8112289874',
      '811228+9874',
      '19811228-9874',
      'född 198112289874.',
      'pnr 19811228 9874',
    ]) {
      expect(findPersonalIdentityNumber(text), text).not.toBeNull();
    }
    expect(findPersonalIdentityNumber('föraren 811228-9874 stoppades')).toBe('811228-9874');
  });

  it('finds one written with an en dash, as word processors and phones turn the hyphen into', () => {
    expect(findPersonalIdentityNumber('föraren 811228–9874 stoppades')).toBe('811228–9874');
    expect(findPersonalIdentityNumber('19811228–9874')).toBe('19811228–9874');
  });

  it('finds one written with a no-break or narrow no-break space', () => {
    expect(findPersonalIdentityNumber('pnr 811228\u00a09874')).toBe('811228\u00a09874');
    expect(findPersonalIdentityNumber('pnr 19811228\u202f9874')).toBe('19811228\u202f9874');
    expect(findPersonalIdentityNumber('pnr 811228\t9874')).not.toBeNull();
  });

  it('finds one with invisible characters or full-width digits in it, as copy-paste brings them', () => {
    for (const text of [
      '811228\u200b-9874', // zero-width space
      '811228\u00ad9874', // soft hyphen
      '8112\u206028-9874', // word joiner
      '\uff18\uff11\uff11\uff12\uff12\uff18\uff0d\uff19\uff18\uff17\uff14', // full-width ８１１２２８－９８７４
    ]) {
      expect(findPersonalIdentityNumber(text), JSON.stringify(text)).not.toBeNull();
    }
    expect(findPersonalIdentityNumber('811228\u200b-9875')).toBeNull(); // wrong check digit stays allowed
  });

  it('finds one written with spaces around the dash', () => {
    expect(findPersonalIdentityNumber('född 19811228 – 9874')).toBe('19811228 – 9874');
    expect(findPersonalIdentityNumber('811228 - 9874')).toBe('811228 - 9874');
    expect(findPersonalIdentityNumber('811228- 9874')).not.toBeNull();
    expect(findPersonalIdentityNumber('811228\u00a0–\u00a09874')).not.toBeNull();
  });

  it('finds one written with any other dash-like character', () => {
    // U+2010 hyphen … U+2015 horizontal bar, and U+2212 minus.
    for (const dash of ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '+']) {
      expect(findPersonalIdentityNumber(`811228${dash}9874`), `U+${dash.codePointAt(0)?.toString(16)}`).toBe(
        `811228${dash}9874`,
      );
    }
  });

  it('still lets through a wrong check digit whatever the separator', () => {
    for (const separator of ['–', '\u00a0', ' – ', '\u2212']) {
      expect(findPersonalIdentityNumber(`811228${separator}9875`)).toBeNull();
    }
  });

  it('finds a samordningsnummer (day plus 60)', () => {
    expect(findPersonalIdentityNumber('701063-2391')).toBe('701063-2391');
    expect(findPersonalIdentityNumber('samordningsnr 20701063-2391')).toBe('20701063-2391');
  });

  it('lets through the same digits with a wrong check digit', () => {
    for (const digit of ['0', '1', '2', '3', '5', '6', '7', '8', '9']) {
      expect(findPersonalIdentityNumber(`811228-987${digit}`)).toBeNull();
      expect(findPersonalIdentityNumber(`19811228-987${digit}`)).toBeNull();
    }
    expect(findPersonalIdentityNumber('701063-2392')).toBeNull();
  });

  it('lets through impossible dates, phone numbers, case numbers and longer digit runs', () => {
    expect(findPersonalIdentityNumber('811328-9874')).toBeNull(); // month 13
    expect(findPersonalIdentityNumber('20070229-1238')).toBeNull(); // 2007 had no 29 February
    expect(findPersonalIdentityNumber('070-123 45 67')).toBeNull();
    expect(findPersonalIdentityNumber('0490-25 40 00')).toBeNull();
    expect(findPersonalIdentityNumber('ärende 5000-K123456-26')).toBeNull();
    expect(findPersonalIdentityNumber('1198112289874')).toBeNull(); // 13 digits is no personnummer
    expect(findPersonalIdentityNumber('E22 vid Gamleby, 60 km/h')).toBeNull();
  });

  it('computes the Luhn check digit of the nine digits', () => {
    expect(luhnCheckDigit('811228987')).toBe(4);
    expect(luhnCheckDigit('701063239')).toBe(1);
  });
});

describe('checkEntryFields', () => {
  it('accepts text within the limits and treats empty optional fields as absent', () => {
    const fields = entryFields({ text: '  fler bilar  ', place: ' ', when: '' });
    expect(fields).toEqual({ text: 'fler bilar', place: null, when: null });
    expect(checkEntryFields(fields)).toEqual([]);
  });

  it('requires text', () => {
    expect(checkEntryFields(entryFields({ text: '   ' }))).toEqual([{ field: 'text', kind: 'empty' }]);
  });

  it('counts characters as the database does, so 2000 emoji are allowed and 2001 letters are not', () => {
    expect(characterCount('🚓'.repeat(3))).toBe(3);
    expect(checkEntryFields(entryFields({ text: '🚓'.repeat(2000) }))).toEqual([]);
    expect(checkEntryFields(entryFields({ text: 'a'.repeat(2001) }))).toEqual([
      { field: 'text', kind: 'tooLong', limit: 2000, length: 2001 },
    ]);
    expect(
      checkEntryFields(entryFields({ text: 'x', place: 'p'.repeat(151), when: 'w'.repeat(150) })),
    ).toEqual([{ field: 'place', kind: 'tooLong', limit: 150, length: 151 }]);
  });

  it('refuses a personal identity number in any field', () => {
    expect(checkEntryFields(entryFields({ text: 'x', place: 'hos 811228-9874' }))).toEqual([
      { field: 'place', kind: 'personalNumber' },
    ]);
    expect(
      checkEntryFields(entryFields({ text: '19811228-9874', place: null, when: 'natten 701063-2391' })).map(
        (p) => p.field,
      ),
    ).toEqual(['text', 'when']);
  });
});
