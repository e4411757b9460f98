import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, formatLocalDay } from '../../src/domain/schedule.js';
import { plural } from '../../src/i18n/plural.js';
import { sv } from '../../src/i18n/sv.js';

const TZ = 'Europe/Stockholm';

describe('number agreement', () => {
  it('uses the singular for exactly one, the plural for every other number', () => {
    expect([0, 1, 2].map((n) => plural(n, 'iakttagelse', 'iakttagelser'))).toEqual([
      'iakttagelser',
      'iakttagelse',
      'iakttagelser',
    ]);
  });

  it('agrees in the texts that count', () => {
    expect(sv.lagesbild.nothingButEntries('Polisen', 1, 49)).toContain('har redan 1 iakttagelse till');
    expect(sv.lagesbild.nothingButEntries('Polisen', 1, 49)).toContain('Ta bort den med');
    expect(sv.lagesbild.nothingButEntries('Polisen', 3, 49)).toContain('Ta bort dem med');
    expect(sv.lagesbild.statusSummary(1, 1)).toBe('1 av 1 part har lämnat.');
    expect(sv.cycle.agenda.submitted('Polisen', 1)).toBe('✅ Polisen – 1 iakttagelse');
    expect(sv.cycle.lastCall.intro('09:00', 1, 4)).toContain('saknas från 1 av 4 parter');
  });
});

describe('dates shown to users', () => {
  const december = new Date('2026-12-01T09:00:00Z');

  it('give the year when it is not the current one', () => {
    expect(formatLocalDateTime(new Date('2027-01-08T08:00:00Z'), TZ, december)).toBe(
      'fredag 8 januari 2027 kl. 09:00',
    );
    expect(formatLocalDateTime(new Date('2026-12-04T08:00:00Z'), TZ, december)).toBe(
      'fredag 4 december kl. 09:00',
    );
    expect(formatLocalDay(new Date('2027-01-01T08:00:00Z'), TZ, december)).toBe('fredag 1 januari 2027');
  });
});
