import { describe, expect, it } from 'vitest';
import {
  ALIAS_MAX,
  checkNameAndAliases,
  deriveKey,
  NAME_MAX,
  type OtherItem,
  parseNameAndAliases,
} from '../../src/domain/catalogue-admin.js';

const others: OtherItem[] = [
  {
    kind: 'party',
    item: { key: 'polisen', name: 'Polisen, lokalpolisområde Västervik', aliases: ['polis'] },
  },
  { kind: 'area', item: { key: 'trafik', name: 'Trafikbrott', aliases: ['trafik'] } },
  {
    kind: 'area',
    item: { key: 'nara-relation', name: 'Våld och andra brott i nära relation', aliases: ['nära'] },
  },
];

const check = (name: string, aliases: string[] = []) =>
  checkNameAndAliases({ key: 'ny', name, aliases }, others);

describe('parseNameAndAliases', () => {
  it('reads a name and its short words after a colon, separated by commas or spaces', () => {
    expect(parseNameAndAliases(' Sjösäkerhet:  Sjö, båt båt ')).toEqual({
      name: 'Sjösäkerhet',
      aliases: ['sjö', 'båt'],
    });
    expect(parseNameAndAliases('Räddningstjänsten  Västervik')).toEqual({
      name: 'Räddningstjänsten Västervik',
      aliases: null,
    });
    expect(parseNameAndAliases('Fiske:')).toEqual({ name: 'Fiske', aliases: [] });
  });
});

describe('checkNameAndAliases', () => {
  it('accepts a new name with new words', () => {
    expect(check('Sjösäkerhet', ['sjö', 'båt'])).toEqual([]);
  });

  it('counts lengths in characters as people see them', () => {
    expect(check('ö'.repeat(NAME_MAX))).toEqual([]);
    expect(check('🚤'.repeat(NAME_MAX + 1))).toEqual([
      { kind: 'nameTooLong', limit: NAME_MAX, length: NAME_MAX + 1 },
    ]);
    expect(check('Sjö', ['å'.repeat(ALIAS_MAX + 1)])).toMatchObject([
      { kind: 'aliasTooLong', length: ALIAS_MAX + 1 },
    ]);
  });

  it('refuses a personal identity number in the name or a short word, without repeating it', () => {
    expect(check('Ärende 19811218-9876')).toEqual([{ kind: 'personalNumber' }]);
    expect(check('Sjö', ['198112189876'])).toEqual([{ kind: 'personalNumber' }]);
  });

  it('refuses short words that are no words, look like weeks, or are the commands’ own', () => {
    expect(check('Sjö', ['två ord'.replace(' ', '.')])).toMatchObject([{ kind: 'aliasInvalid' }]);
    expect(check('Sjö', ['v49'])).toMatchObject([{ kind: 'aliasInvalid', alias: 'v49' }]);
    expect(check('Sjö', ['Inget'])).toMatchObject([{ kind: 'aliasReserved', alias: 'Inget' }]);
    expect(check('Sjö', ['1a'])).toMatchObject([{ kind: 'aliasInvalid' }]);
  });

  it('refuses a word another party or area already answers to', () => {
    expect(check('Sjö', ['polis'])).toMatchObject([
      { kind: 'taken', word: 'polis', by: { item: { key: 'polisen' } } },
    ]);
    expect(check('Trafikbrott')).toMatchObject([{ kind: 'taken', by: { item: { key: 'trafik' } } }]);
    expect(check('Sjö', ['Trafik'])).toMatchObject([{ kind: 'taken', word: 'Trafik' }]);
    // The first word of another's name is theirs too: "polisen" would no longer find Polisen.
    expect(check('Polisen i Kalmar')).toMatchObject([{ kind: 'taken', word: 'Polisen' }]);
    // Two names that begin alike may both stay: typing more tells them apart.
    expect(check('Våld i offentlig miljö', ['offentligt'])).toEqual([]);
  });
});

describe('deriveKey', () => {
  it('makes a lower-case ASCII key and never one already taken', () => {
    expect(deriveKey('Sjösäkerhet', new Set(), 'omrade')).toBe('sjosakerhet');
    expect(deriveKey('Räddningstjänsten Västervik', new Set(), 'part')).toBe('raddningstjansten-vastervik');
    expect(deriveKey('fiske', new Set(['fiske', 'fiske-2']), 'omrade')).toBe('fiske-3');
    expect(deriveKey('🚤', new Set(), 'omrade')).toBe('omrade');
  });
});
