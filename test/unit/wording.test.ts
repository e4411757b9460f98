import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PeriodProblem, ReportPeriod } from '../../src/domain/report-period.js';
import { formatLocalDateTime, formatLocalDay } from '../../src/domain/schedule.js';
import { plural } from '../../src/i18n/plural.js';
import { sv } from '../../src/i18n/sv.js';

const TZ = 'Europe/Stockholm';
const I18N = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/i18n');

/** Numbers and words that fill any text's arguments; `n` stands for every count in the text at once. */
const SAMPLES: readonly unknown[] = [1, 2, 'Polisen', ['Polisen', 'Kommunen']];

const PERIOD: ReportPeriod = {
  from: '2026-07-01',
  to: '2026-09-30',
  name: { kind: 'quarter', year: 2026, quarter: 3 },
  clamped: false,
} as ReportPeriod;
const PROBLEMS: readonly PeriodProblem[] = [
  { kind: 'unreadable', text: 'igår' },
  { kind: 'future', from: '2027-01-01', today: '2026-12-01' },
  { kind: 'reversed', from: '2026-06-30', to: '2026-01-01' },
  { kind: 'tooLong', from: '2020-01-01', to: '2026-12-01', maxYears: 5 },
  { kind: 'beforeData', to: '2020-01-01', firstData: '2026-01-01' },
  { kind: 'unknownFilter', word: 'brandkåren' },
];
/** Arguments for the texts that take a domain value the samples cannot stand for. */
const SPECIAL: Record<string, readonly (readonly unknown[])[]> = {
  'sv.rapport.problem': PROBLEMS.map((p) => [p, '/rapport', 'polisen', 'trafik']),
  'sv.rapport.periodLabel': [[PERIOD], [{ ...PERIOD, clamped: true }]],
  'sv.rapport.periodSlug': [[PERIOD]],
  'sv.prioritet.list.count': ['aktiva', 'alla', 'genomforda', 'avbrutna'].flatMap((scope) => [
    [scope, 1],
    [scope, 2],
  ]),
};

interface Text {
  readonly path: string;
  readonly text: string;
  /** The number every argument was, when the text was made from a numeric sample. */
  readonly n: number | null;
}

/** Every text reachable from `sv`: its strings, and what each function gives for the samples. */
function catalogueTexts(): { texts: Text[]; silent: string[] } {
  const texts: Text[] = [];
  const silent: string[] = [];
  const collect = (value: unknown, at: string, n: number | null): void => {
    if (typeof value === 'string') {
      texts.push({ path: at, text: value, n });
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) collect(item, `${at}[${i}]`, n);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) collect(item, `${at}.${key}`, n);
    }
  };
  const walk = (value: unknown, at: string): void => {
    if (typeof value !== 'function') {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, item] of Object.entries(value)) walk(item, `${at}.${key}`);
      } else collect(value, at, null);
      return;
    }
    const special = SPECIAL[at]?.map((args) => ({ args, n: null }));
    const sampled = SAMPLES.map((sample) => ({
      args: Array(value.length).fill(sample),
      n: typeof sample === 'number' ? sample : null,
    }));
    const before = texts.length;
    for (const { args, n } of special ?? sampled) {
      try {
        collect(value(...args), `${at}()`, n);
      } catch {
        // a sample of the wrong kind for this text (a word where it takes a list): the other samples cover it
      }
    }
    if (texts.slice(before).every((t) => t.text === '')) silent.push(at);
  };
  walk(sv, 'sv');
  return { texts, silent };
}

// Plural forms the catalogue uses, singular → plural, for the agreement check.
const FORMS: readonly (readonly [string, string])[] = [
  ['iakttagelse', 'iakttagelser'],
  ['part', 'parter'],
  ['del', 'delar'],
  ['medlem', 'medlemmar'],
  ['meddelande', 'meddelanden'],
  ['prioritering', 'prioriteringar'],
  ['gemensam', 'gemensamma'],
  ['aktiv', 'aktiva'],
  ['rad', 'rader'],
  ['händelse', 'händelser'],
  ['möte', 'möten'],
  ['dag', 'dagar'],
  ['minut', 'minuter'],
  ['ny', 'nya'],
  ['genomförd', 'genomförda'],
  ['avbruten', 'avbrutna'],
  ['försenad', 'försenade'],
];
/** `1 iakttagelser` or `2 iakttagelse` (a number, maybe in bold, then the form that does not agree with it). */
const disagreement = (n: number) => {
  const wrong = FORMS.map(([one, many]) => (n === 1 ? many : one)).join('|');
  return new RegExp(`(^|[^\\d.,])${n}[*_]? (${wrong})(?![\\p{L}])`, 'u');
};

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
    expect(sv.home.submitted('Polisen', 1)).toBe('✅ *Polisen*: lämnad, 1 iakttagelse');
    expect(sv.home.statusMore(1, 0)).toContain('*…och 1 part till*, varav 0 har lämnat');
    expect(sv.home.statusMore(3, 2)).toContain('*…och 3 parter till*, varav 2 har lämnat');
    expect(sv.home.partyMembersMore(1)).toContain('*…och 1 medlem till*');
    expect(sv.home.ownPriorities(1)).toBe('*Era gemensamma prioriteringar (1 aktiv)*');
    expect(sv.prioritet.list.count('avbrutna', 1)).toBe('1 avbruten prioritering');
    expect(sv.prioritet.list.more(1, 4)).toMatch(/^Visar den första\. \*…och 4 till\*/);
    expect(sv.prioritet.list.more(10, 4)).toMatch(/^Visar de 10 första\. \*…och 4 till\*/);
    expect(sv.cycle.cli.done('Agendan', 1)).toBe('Agendan: skickad.');
    expect(sv.cycle.cli.done('Inbjudan', 3)).toBe('Inbjudan: 3 meddelanden skickade.');
    expect(sv.dataskydd.cli.logWritten(1, 'logg.csv')).toBe('1 rad skriven till logg.csv.');
    expect(sv.rapport.message.purged(1, 5)).toBe(
      'Fritexten i 1 av 5 iakttagelser är gallrad; den räknas ändå.',
    );
    expect(sv.rapport.figures.days(1)).toBe('1 dag');
    expect(sv.rapport.figures.days(2.5)).toBe('2,5 dagar');
  });

  it('agrees with every count in the whole catalogue', () => {
    const { texts } = catalogueTexts();
    for (const n of [1, 2]) {
      const wrong = texts.filter((t) => t.n === n && disagreement(n).test(t.text));
      expect(wrong.map((t) => `${t.path}: ${t.text}`)).toEqual([]);
    }
    // the check can fail: it sees a disagreement where there is one
    expect(disagreement(1).test('*1* nya, 2 följdes upp')).toBe(true);
    expect(disagreement(2).test('2 iakttagelse till')).toBe(true);
    expect(disagreement(2).test('2 iakttagelser till, del 2 av 2')).toBe(false);
  });

  it('leaves the choice of a count’s word to plural() in every catalogue file', () => {
    const files = readdirSync(I18N).filter((f) => f.endsWith('.ts') && f !== 'plural.ts');
    expect(files).toContain('sv.ts');
    const ternaries = files.flatMap((file) =>
      readFileSync(path.join(I18N, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `src/i18n/${file}:${i + 1}`, line }))
        .filter(({ line }) => /[=!]==\s*1\s*\?/.test(line))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
    expect(ternaries).toEqual([]);
  });
});

describe('the whole catalogue', () => {
  it('reaches every text, plain or made by a function', () => {
    const { texts, silent } = catalogueTexts();
    expect(silent).toEqual([]);
    expect(texts.length).toBeGreaterThan(1000);
  });

  it('quotes with Swedish ”…”, never "…" or “…”', () => {
    const { texts } = catalogueTexts();
    const wrong = texts.filter((t) => /["“]/.test(t.text));
    expect(wrong.map((t) => `${t.path}: ${t.text}`)).toEqual([]);
    expect(sv.rapport.problem(PROBLEMS[0] as PeriodProblem, '/rapport', '', '')).toContain('perioden ”igår”');
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
