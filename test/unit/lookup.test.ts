import { describe, expect, it } from 'vitest';
import { findArea, findParty, longestAt, lookup, lookupList } from '../../src/domain/lookup.js';

const parties = [
  { key: 'polisen', name: 'Polisen, lokalpolisområde Västervik', aliases: ['polis', 'lpo'] },
  { key: 'kommunen', name: 'Västerviks kommun', aliases: ['kommun'] },
  { key: 'regionen', name: 'Region Kalmar län', aliases: ['region', 'rkl'] },
  { key: 'kustbevakningen', name: 'Kustbevakningen', aliases: ['kustbevakning', 'kbv'] },
];
const areas = [
  { key: 'nara-relation', name: 'Våld och andra brott i nära relation', aliases: ['nära', 'relation'] },
  { key: 'narkotika', name: 'Narkotika- och alkoholrelaterade brott', aliases: ['narkotika', 'alkohol'] },
  { key: 'trafik', name: 'Trafikbrott', aliases: ['trafik'] },
];

const key = (found: ReturnType<typeof lookup>) => (found.kind === 'found' ? found.item.key : found.kind);

describe('lookup', () => {
  it('finds a party by key, short word, whole name and the first word of its name', () => {
    for (const typed of ['kommunen', 'kommun', 'Västerviks kommun', 'VASTERVIKS KOMMUN', 'västerviks'])
      expect(key(lookup(parties, typed)), typed).toBe('kommunen');
    expect(key(lookup(parties, 'Polisen, lokalpolisområde Västervik'))).toBe('polisen');
    expect(key(lookup(parties, 'polis'))).toBe('polisen');
    expect(key(lookup(parties, 'region'))).toBe('regionen');
    expect(key(lookup(parties, 'kustbevakning'))).toBe('kustbevakningen');
    expect(key(lookup(parties, '"Region Kalmar län"'))).toBe('regionen');
  });

  it('finds by an unambiguous beginning of at least three letters, and not by a shorter one', () => {
    expect(key(lookup(parties, 'kust'))).toBe('kustbevakningen');
    expect(key(lookup(parties, 'reg'))).toBe('regionen');
    expect(key(lookup(parties, 'Region Kal'))).toBe('regionen');
    expect(key(lookup(parties, 'ku'))).toBe('unknown');
    expect(key(lookup(areas, 'traf'))).toBe('trafik');
  });

  it('says which items an ambiguous beginning could be, keeping what was typed', () => {
    const found = lookup(areas, '  Nar ');
    expect(found).toMatchObject({ kind: 'ambiguous', typed: 'Nar' });
    expect(found.kind === 'ambiguous' && found.candidates.map((c) => c.key)).toEqual([
      'nara-relation',
      'narkotika',
    ]);
  });

  it('prefers an exact word over another item whose word merely begins with it', () => {
    const withPol = [...parties, { key: 'pol', name: 'Politiska nämnden', aliases: [] }];
    expect(key(lookup(withPol, 'pol'))).toBe('pol');
    expect(key(lookup(withPol, 'poli'))).toBe('ambiguous');
  });

  it('keeps the typed text, spaces collapsed, for an unknown one', () => {
    expect(lookup(parties, ' Räddningstjänsten   Västervik ')).toEqual({
      kind: 'unknown',
      typed: 'Räddningstjänsten Västervik',
    });
  });

  it('matches whole words only when asked to, and accepts items without short words', () => {
    expect(findArea(areas, 'traf', { prefixes: false })).toBeNull();
    expect(findArea(areas, 'trafik', { prefixes: false })?.key).toBe('trafik');
    expect(findParty([{ key: 'tullen', name: 'Tullverket' }], 'tullverket')?.key).toBe('tullen');
  });
});

describe('longestAt and lookupList', () => {
  it('takes the longest run of words that names a party', () => {
    const words = ['Region', 'Kalmar', 'län', 'trafik'];
    expect(longestAt(parties, words, 0)).toMatchObject({ end: 3, found: { item: { key: 'regionen' } } });
    expect(longestAt(parties, words, 3)).toBeNull();
  });

  it('reads several parties, with their full names, commas and "och" between them', () => {
    const found = lookupList(parties, 'Region Kalmar län och Kustbevakningen, polis polisen');
    expect(found.kind === 'found' && found.items.map((p) => p.key)).toEqual([
      'regionen',
      'kustbevakningen',
      'polisen',
    ]);
    expect(lookupList(parties, 'Västerviks kommun')).toMatchObject({
      kind: 'found',
      items: [{ key: 'kommunen' }],
    });
  });

  it('quotes an unknown name up to where a known one starts, and stops at an ambiguous one', () => {
    expect(lookupList(parties, 'polisen Räddningstjänsten Västervik')).toEqual({
      kind: 'unknown',
      typed: 'Räddningstjänsten Västervik',
    });
    expect(lookupList(parties, 'brandkåren kommunen')).toEqual({ kind: 'unknown', typed: 'brandkåren' });
    const withRadio = [...parties, { key: 'kustradio', name: 'Kustradion', aliases: [] }];
    expect(lookupList(withRadio, 'polisen kust')).toMatchObject({ kind: 'ambiguous', typed: 'kust' });
  });
});
