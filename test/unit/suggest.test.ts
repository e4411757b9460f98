import { describe, expect, it } from 'vitest';
import type { Aliased } from '../../src/domain/lookup.js';
import { closestArea, editDistance } from '../../src/domain/suggest.js';

const AREAS: Aliased[] = [
  { key: 'unga', name: 'Ungdomskriminalitet och normbrytande unga', aliases: ['unga', 'ungdom'] },
  { key: 'narkotika', name: 'Narkotika- och alkoholrelaterade brott', aliases: ['narkotika', 'alkohol'] },
  { key: 'trafik', name: 'Trafikbrott', aliases: ['trafik'] },
  { key: 'olyckor', name: 'Olyckor', aliases: ['olyckor', 'olycka'] },
  { key: 'miljo', name: 'Miljöbrott och oljeutsläpp', aliases: ['miljö', 'olja', 'utsläpp'] },
  { key: 'ovrigt', name: 'Övrigt', aliases: ['övrigt', 'annat'] },
];

describe('edit distance', () => {
  it.each([
    ['trafik', 'trafik', 0],
    ['trafk', 'trafik', 1],
    ['olyka', 'olycka', 1],
    ['ungdomar', 'ungdom', 2],
    ['trafki', 'trafik', 1], // two neighbours swapped
    ['', 'gäng', 4],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('the area a typo means', () => {
  it.each([
    ['olyka', 'olyckor'],
    ['trafk', 'trafik'],
    ['ungdomar', 'unga'],
    ['Trafikk', 'trafik'],
    ['ovrigt', 'ovrigt'],
    ['narkotka', 'narkotika'],
  ])('%s → %s', (typed, area) => {
    expect(closestArea(AREAS, typed)?.key).toBe(area);
  });

  it('suggests nothing for a word far from every area, or equally close to two', () => {
    expect(closestArea(AREAS, 'väder')).toBeNull();
    expect(closestArea(AREAS, 'x')).toBeNull();
    expect(closestArea(AREAS, '')).toBeNull();
  });
});
