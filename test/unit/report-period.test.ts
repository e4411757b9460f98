import { describe, expect, it } from 'vitest';
import {
  meetingDatesIn,
  type PeriodContext,
  parseReportRequest,
  previousRange,
  quartersOf,
  type ReportRequestParse,
  wholePeriodRequest,
} from '../../src/domain/report-period.js';
import { frequentPlaces } from '../../src/domain/report-places.js';
import { median } from '../../src/domain/report-priorities.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

/** `/rapport`'s text as people type it, on Wednesday 2 December 2026 at noon in Västervik. */
const context: PeriodContext = {
  now: new Date('2026-12-02T11:00:00Z'),
  timezone: 'Europe/Stockholm',
  parties: [
    { key: 'polisen', name: 'Polisen, lokalpolisområde Västervik' },
    { key: 'kommunen', name: 'Västerviks kommun' },
    { key: 'regionen', name: 'Region Kalmar län' },
    { key: 'kustbevakningen', name: 'Kustbevakningen' },
  ],
  areas: [
    { key: 'unga', name: 'Ungdomskriminalitet och normbrytande unga', aliases: ['unga', 'ungdom'] },
    { key: 'heder', name: 'Hedersförtryck', aliases: ['heder'] },
    {
      key: 'brottskoncentrationer',
      name: 'Brottskoncentrationer kopplade till tider och platser',
      aliases: ['plats', 'koncentration'],
    },
    { key: 'trafik', name: 'Trafikbrott', aliases: ['trafik'] },
    { key: 'olyckor', name: 'Olyckor', aliases: ['olyckor', 'olycka'] },
  ],
  firstDataDate: '2025-01-17',
};

const parse = (text: string, extra: Partial<PeriodContext> = {}) =>
  parseReportRequest(text, { ...context, ...extra });

function ok(result: ReportRequestParse) {
  if (result.kind !== 'ok') throw new Error(`expected a request, got ${JSON.stringify(result)}`);
  return result.request;
}

const range = (result: ReportRequestParse) => {
  const { from, to, clamped } = ok(result).period;
  return { from, to, clamped };
};

describe('reading the period of /rapport', () => {
  it('takes the last full quarter when no period is given, or for `kvartal`', () => {
    for (const text of ['', '  ', 'kvartal', 'Kvartal'])
      expect(ok(parse(text)).period).toEqual({
        name: { kind: 'quarter', year: 2026, quarter: 3 },
        from: '2026-07-01',
        to: '2026-09-30',
        clamped: false,
      });
    // In February the last full quarter is last year's fourth.
    expect(range(parse('', { now: new Date('2027-02-10T12:00:00Z') }))).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
      clamped: false,
    });
  });

  it('reads a quarter with its year in the usual spellings', () => {
    for (const text of ['2026-Q2', '2026q2', '2026 Q2', '2026-kv2', 'Q2 2026', 'kv2 2026', 'kvartal 2 2026'])
      expect(range(parse(text))).toEqual({ from: '2026-04-01', to: '2026-06-30', clamped: false });
  });

  it("reads `kv3` and `Q3` as this year's quarter, and as last year's when this year's has not begun", () => {
    expect(range(parse('kv3'))).toEqual({ from: '2026-07-01', to: '2026-09-30', clamped: false });
    expect(range(parse('Q3'))).toEqual({ from: '2026-07-01', to: '2026-09-30', clamped: false });
    const march = { now: new Date('2027-03-01T12:00:00Z') };
    expect(range(parse('kv3', march))).toEqual({ from: '2026-07-01', to: '2026-09-30', clamped: false });
    // The quarter under way ends today.
    expect(range(parse('kv4'))).toEqual({ from: '2026-10-01', to: '2026-12-02', clamped: true });
  });

  it('reads `år` as this year so far and a year number as that year, clamped to today', () => {
    for (const text of ['år', 'ÅR', 'ar', '2026'])
      expect(range(parse(text))).toEqual({ from: '2026-01-01', to: '2026-12-02', clamped: true });
    expect(ok(parse('2025')).period).toEqual({
      name: { kind: 'year', year: 2025 },
      from: '2025-01-01',
      to: '2025-12-31',
      clamped: false,
    });
  });

  it("reads meeting weeks of this year, or with their years, from the first week's Monday to the last's Sunday", () => {
    for (const text of ['v40-v45', 'v40–v45', 'v40 - v45', '40-45', 'V40-45'])
      expect(ok(parse(text)).period).toEqual({
        name: { kind: 'weeks', fromWeek: '2026-W40', toWeek: '2026-W45' },
        from: '2026-09-28',
        to: '2026-11-08',
        clamped: false,
      });
    expect(range(parse('2025-W50-2026-W02'))).toEqual({
      from: '2025-12-08',
      to: '2026-01-11',
      clamped: false,
    });
    expect(range(parse('v48'))).toEqual({ from: '2026-11-23', to: '2026-11-29', clamped: false });
    expect(range(parse('v40-v52'))).toEqual({ from: '2026-09-28', to: '2026-12-02', clamped: true });
  });

  it('reads two dates, with a space, a dash or two dots between them', () => {
    for (const text of ['2026-01-01 2026-06-30', '2026-01-01 – 2026-06-30', '2026-01-01..2026-06-30'])
      expect(ok(parse(text)).period).toEqual({
        name: { kind: 'dates' },
        from: '2026-01-01',
        to: '2026-06-30',
        clamped: false,
      });
  });

  it('gives help for `hjälp`', () => {
    for (const text of ['hjälp', 'hjalp', 'help', '?']) expect(parse(text)).toEqual({ kind: 'help' });
  });
});

describe('reading a party or an area after the period', () => {
  const filter = (text: string) => ok(parse(text)).filter;

  it('finds a party by key, first word of its name, whole name or unambiguous beginning', () => {
    for (const text of ['2026 kommunen', '2026 Kommunen', '2026 Västerviks kommun', '2026 komm'])
      expect(filter(text)).toEqual({ kind: 'party', key: 'kommunen' });
    expect(filter('2026 Polisen')).toEqual({ kind: 'party', key: 'polisen' });
    expect(filter('2026 kust')).toEqual({ kind: 'party', key: 'kustbevakningen' });
  });

  it('finds an area by key, alias (with or without å, ä, ö), whole name or unambiguous beginning', () => {
    expect(filter('2026 trafik')).toEqual({ kind: 'area', key: 'trafik' });
    expect(filter('2026 ungdom')).toEqual({ kind: 'area', key: 'unga' });
    expect(filter('2026 Hedersförtryck')).toEqual({ kind: 'area', key: 'heder' });
    expect(filter('kv3 olycka')).toEqual({ kind: 'area', key: 'olyckor' });
    expect(filter('2026 traf')).toEqual({ kind: 'area', key: 'trafik' });
  });

  it('uses the last full quarter when only a party or an area is given', () => {
    const request = ok(parse('trafik'));
    expect(request.period.from).toBe('2026-07-01');
    expect(request.filter).toEqual({ kind: 'area', key: 'trafik' });
  });
});

describe('what /rapport refuses', () => {
  const problem = (text: string, extra: Partial<PeriodContext> = {}) => {
    const result = parse(text, extra);
    if (result.kind !== 'problem') throw new Error(`expected a problem for "${text}", got ${result.kind}`);
    return result.problem;
  };

  it('a period it cannot read', () => {
    for (const text of ['kv5', 'v54', '2026-02-30 2026-03-01', '2026-13', '40', 'v40-v60'])
      expect(problem(text)).toEqual({ kind: 'unreadable', text });
  });

  it('a period that starts in the future', () => {
    expect(problem('2027')).toEqual({ kind: 'future', from: '2027-01-01', today: '2026-12-02' });
    expect(problem('2026-12-03 2026-12-31')).toMatchObject({ kind: 'future', from: '2026-12-03' });
  });

  it('a period that ends before it begins', () => {
    expect(problem('v45-v40')).toEqual({ kind: 'reversed', from: '2026-11-02', to: '2026-10-04' });
    expect(problem('2026-06-30 2026-01-01')).toEqual({
      kind: 'reversed',
      from: '2026-06-30',
      to: '2026-01-01',
    });
  });

  it('a period longer than five years, counting only up to today', () => {
    expect(problem('2021-01-01 2026-01-01')).toEqual({
      kind: 'tooLong',
      from: '2021-01-01',
      to: '2026-01-01',
      maxYears: 5,
    });
    expect(range(parse('2021-01-01 2025-12-31')).to).toBe('2025-12-31');
    expect(range(parse('2022-01-01 2099-12-31'))).toEqual({
      from: '2022-01-01',
      to: '2026-12-02',
      clamped: true,
    });
  });

  it('a period that ends before the first data', () => {
    expect(problem('2024')).toEqual({ kind: 'beforeData', to: '2024-12-31', firstData: '2025-01-17' });
    // Without any data yet, every period may be asked for (and says there is nothing).
    expect(parse('2024', { firstDataDate: null }).kind).toBe('ok');
  });

  it('a party or area it does not know, or a beginning that fits several', () => {
    expect(problem('2026 brandkåren')).toEqual({ kind: 'unknownFilter', word: 'brandkåren' });
    // `ko` begins both `kommunen` and the alias `koncentration`.
    expect(problem('2026 ko')).toEqual({ kind: 'unknownFilter', word: 'ko' });
  });
});

describe("the period's calendar", () => {
  it('makes the whole quarter or year the schedule posts by itself', () => {
    expect(wholePeriodRequest({ year: 2026, quarter: 4 })).toEqual({
      period: {
        name: { kind: 'quarter', year: 2026, quarter: 4 },
        from: '2026-10-01',
        to: '2026-12-31',
        clamped: false,
      },
      filter: null,
    });
    expect(wholePeriodRequest({ year: 2026 }).period).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('compares with as many days ending the day before', () => {
    expect(previousRange({ from: '2026-07-01', to: '2026-09-30' })).toEqual({
      from: '2026-03-31',
      to: '2026-06-30',
    });
    expect(previousRange({ from: '2026-01-01', to: '2026-12-02' })).toEqual({
      from: '2025-01-30',
      to: '2025-12-31',
    });
  });

  it("lists the meetings whose date lies in the range, across a year's turn", () => {
    expect(meetingDatesIn({ from: '2025-12-24', to: '2026-01-09' }, FRIDAY_SCHEDULE)).toEqual([
      { week: '2025-W52', date: '2025-12-26' },
      { week: '2026-W01', date: '2026-01-02' },
      { week: '2026-W02', date: '2026-01-09' },
    ]);
    // A Monday meeting on 29 December 2025 belongs to ISO week 1 of 2026.
    expect(meetingDatesIn({ from: '2025-12-29', to: '2025-12-29' }, { weekday: 1 })).toEqual([
      { week: '2026-W01', date: '2025-12-29' },
    ]);
    expect(meetingDatesIn({ from: '2026-01-05', to: '2026-01-07' }, FRIDAY_SCHEDULE)).toEqual([]);
  });

  it('cuts a year into the quarters that have begun, the last one ending with the period', () => {
    const period = ok(parse('2026')).period;
    expect(quartersOf(period).map((q) => [q.quarter, q.from, q.to])).toEqual([
      [1, '2026-01-01', '2026-03-31'],
      [2, '2026-04-01', '2026-06-30'],
      [3, '2026-07-01', '2026-09-30'],
      [4, '2026-10-01', '2026-12-02'],
    ]);
    expect(quartersOf(ok(parse('kv2')).period)).toEqual([]);
  });
});

describe('places and medians', () => {
  it('groups places whatever their case, accents and spacing, and lists only those named three times', () => {
    expect(
      frequentPlaces([
        'Gamleby',
        'gamleby',
        'GAMLEBY ',
        'Gämleby',
        'Gamleby',
        'Ankarsrum',
        'ankarsrum',
        null,
        ' ',
      ]),
    ).toEqual([{ place: 'Gamleby', count: 5 }]);
    expect(frequentPlaces(['Ankarsrum', 'Ankarsrum'])).toEqual([]);
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([196, 98])).toBe(147);
    expect(median([5, 1, 3])).toBe(3);
  });
});
