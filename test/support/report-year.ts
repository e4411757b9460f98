import type { Db } from '../../src/db/database.js';
import type { Trend } from '../../src/domain/entry.js';

/**
 * A fixed year of the meeting's memory for the follow-up report's tests, small enough to count by hand (the
 * expected figures are written out in the tests that use it). Asked for on Wednesday 2 December 2026 (REPORT_NOW),
 * `2026` is 1 January – 2 December 2026, compared with 30 January – 31 December 2025.
 *
 * Meetings (Fridays): W01–W48 of 2026. The holiday rule cancels W14 (långfredagen) and W25 (midsommarafton);
 * W18 (första maj) is resumed by an admin; admins cancel W30 ("Sommaruppehåll") and W31 (no reason).
 */
export const REPORT_NOW = new Date('2026-12-02T11:00:00Z');

type Seeded = readonly [week: string, party: string, area: string, trend: Trend | null, place: string | null];

/** The observations of 2026, numbered as the tests refer to them (#18 is removed and never counts). */
export const OBSERVATIONS_2026: readonly Seeded[] = [
  ['2026-W02', 'polisen', 'trafik', 'okar', 'Gamleby'], // 1
  ['2026-W02', 'kommunen', 'unga', 'oforandrat', 'Västervik'], // 2
  ['2026-W05', 'polisen', 'trafik', 'okar', 'gamleby'], // 3
  ['2026-W05', 'regionen', 'narkotika', 'minskar', null], // 4
  ['2026-W16', 'polisen', 'trafik', 'minskar', 'GAMLEBY '], // 5
  ['2026-W16', 'kustbevakningen', 'olyckor', 'oforandrat', 'Skärgården'], // 6
  ['2026-W20', 'kommunen', 'unga', 'okar', 'Västervik'], // 7
  ['2026-W20', 'polisen', 'narkotika', 'okar', 'Västervik'], // 8
  ['2026-W33', 'polisen', 'trafik', 'okar', 'Gämleby'], // 9
  ['2026-W33', 'kommunen', 'trafik', 'okar', 'Ankarsrum'], // 10
  ['2026-W36', 'regionen', 'unga', 'minskar', 'Västervik'], // 11
  ['2026-W36', 'polisen', 'trafik', null, 'Ankarsrum'], // 12
  ['2026-W38', 'kommunen', 'heder', 'oforandrat', null], // 13
  ['2026-W41', 'polisen', 'trafik', 'okar', 'Gamleby'], // 14
  ['2026-W41', 'kustbevakningen', 'olyckor', 'minskar', 'Skärgården'], // 15
  ['2026-W45', 'kommunen', 'unga', 'okar', 'västervik'], // 16
  ['2026-W45', 'regionen', 'narkotika', 'oforandrat', null], // 17
  ['2026-W45', 'polisen', 'trafik', 'okar', 'Gamleby'], // 18: removed
  ['2026-W30', 'kommunen', 'unga', 'okar', 'Västervik'], // 19: given before its meeting was cancelled
];

const OBSERVATIONS_2025: readonly Seeded[] = [
  ['2025-W03', 'polisen', 'trafik', 'okar', 'Gamleby'], // before the period compared with
  ['2025-W10', 'polisen', 'trafik', 'okar', 'Gamleby'],
  ['2025-W10', 'polisen', 'trafik', 'minskar', null],
  ['2025-W20', 'kommunen', 'unga', null, null],
  ['2025-W50', 'regionen', 'narkotika', 'okar', null],
];

/** The free text of observation #n: never in the message, the charts or the PDF. */
export const observationText = (n: number) => `Iakttagelse nummer ${n} med känslig fritext`;

export async function seedReportYear(db: Db): Promise<void> {
  const entries = [...OBSERVATIONS_2026, ...OBSERVATIONS_2025].map(
    ([week, party, area, trend, place], i) => ({
      meeting_week: week,
      party_key: party,
      area_key: area,
      text: observationText(i + 1),
      place,
      when_text: i === 0 ? 'fredag kväll' : null,
      trend,
      author_user_id: 'U0AUTHOR',
      source: 'kommando' as const,
      idempotency_key: `report-seed-${i + 1}`,
      ...(i === 17 ? { removed_at: new Date('2026-11-06T10:00:00Z'), removed_by: 'U0AUTHOR' } : {}),
    }),
  );
  await db.insertInto('entries').values(entries).execute();

  const report = (week: string, party: string, values: { assessment?: string; nothing?: boolean }) => ({
    meeting_week: week,
    party_key: party,
    nothing_to_report: values.nothing ?? false,
    assessment: (values.assessment ?? null) as 'normallage' | 'forhojt' | 'allvarligt' | null,
    updated_by: 'U0AUTHOR',
  });
  await db
    .insertInto('party_reports')
    .values([
      report('2026-W02', 'polisen', { assessment: 'forhojt' }),
      report('2026-W02', 'kommunen', { assessment: 'normallage' }),
      report('2026-W33', 'polisen', { assessment: 'allvarligt' }),
      report('2026-W33', 'kommunen', { assessment: 'forhojt' }),
      report('2026-W41', 'polisen', { assessment: 'forhojt' }),
      report('2026-W02', 'kustbevakningen', { nothing: true }),
      report('2026-W05', 'kustbevakningen', { nothing: true }),
      report('2026-W20', 'kustbevakningen', { nothing: true }),
      report('2026-W16', 'regionen', { nothing: true }),
    ])
    .execute();

  await db
    .insertInto('meetings')
    .values([
      { week: '2026-W18', cancelled: false, reason: null, changed_by: 'U0ADMIN' },
      { week: '2026-W30', cancelled: true, reason: 'Sommaruppehåll', changed_by: 'U0ADMIN' },
      { week: '2026-W31', cancelled: true, reason: null, changed_by: 'U0ADMIN' },
    ])
    .execute();

  await seedPriorities(db);
}

interface SeedPriority {
  readonly title: string;
  readonly areas: readonly string[];
  readonly parties: readonly string[];
  readonly agreedWeek: string;
  readonly agreedAt: string;
  readonly followUpDate: string;
  readonly status: 'aktiv' | 'genomford' | 'avbruten';
  readonly citizenPromise?: string;
  readonly effectShort?: string;
  readonly effectLong?: string;
  /** After `skapad`: [kind, week, at, note, changes]. */
  readonly events: readonly [string, string, string, string | null, Record<string, unknown>][];
}

/**
 * #1 completed at W33 (agreed W05: 196 days), followed up at W16; medborgarlöfte.
 * #2 active, its follow-up date 12 June passed without a follow-up: overdue.
 * #3 cancelled at W41. #4 agreed in 2025, followed up and completed at W02 (98 days); medborgarlöfte.
 * #5 agreed and completed in 2025: only in the period compared with. #6 active, medborgarlöfte, follow-up to come.
 */
const PRIORITIES: readonly SeedPriority[] = [
  {
    title: 'Trygg trafik vid Gamleby',
    areas: ['trafik'],
    parties: ['polisen', 'kommunen'],
    agreedWeek: '2026-W05',
    agreedAt: '2026-01-30T09:30:00Z',
    followUpDate: '2026-06-12',
    status: 'genomford',
    citizenPromise: 'Tryggare trafikmiljö i Gamleby',
    effectShort: 'Färre hastighetsöverträdelser',
    effectLong: 'Färre olyckor på E22',
    events: [
      [
        'uppfoljning',
        '2026-W16',
        '2026-04-17T09:30:00Z',
        'Kontroller genomförda i april',
        {
          followUpDate: { from: '2026-04-17', to: '2026-06-12' },
        },
      ],
      ['status', '2026-W33', '2026-08-14T09:30:00Z', null, { status: { from: 'aktiv', to: 'genomford' } }],
    ],
  },
  {
    title: 'Ungdomsinsats i centrum',
    areas: ['unga'],
    parties: ['kommunen'],
    agreedWeek: '2026-W20',
    agreedAt: '2026-05-15T09:30:00Z',
    followUpDate: '2026-06-12',
    status: 'aktiv',
    events: [],
  },
  {
    title: 'Narkotikaprevention i skolan',
    areas: ['unga', 'narkotika'],
    parties: ['polisen', 'regionen'],
    agreedWeek: '2026-W36',
    agreedAt: '2026-09-04T09:30:00Z',
    followUpDate: '2026-10-09',
    status: 'avbruten',
    events: [
      ['status', '2026-W41', '2026-10-09T09:30:00Z', null, { status: { from: 'aktiv', to: 'avbruten' } }],
    ],
  },
  {
    title: 'Båtsäkerhet i skärgården',
    areas: ['olyckor'],
    parties: ['kustbevakningen'],
    agreedWeek: '2025-W40',
    agreedAt: '2025-10-03T08:30:00Z',
    followUpDate: '2026-01-09',
    status: 'genomford',
    citizenPromise: 'Säkrare skärgård',
    effectShort: 'Fler bär flytväst',
    events: [
      [
        'uppfoljning',
        '2026-W02',
        '2026-01-09T09:30:00Z',
        'Klar inför säsongen',
        {
          status: { from: 'aktiv', to: 'genomford' },
        },
      ],
    ],
  },
  {
    title: 'Gammal prioritering',
    areas: ['heder'],
    parties: ['kommunen'],
    agreedWeek: '2025-W10',
    agreedAt: '2025-03-07T09:30:00Z',
    followUpDate: '2025-07-25',
    status: 'genomford',
    events: [
      ['status', '2025-W30', '2025-07-25T08:30:00Z', null, { status: { from: 'aktiv', to: 'genomford' } }],
    ],
  },
  {
    title: 'Trygg hamn',
    areas: ['trafik'],
    parties: ['polisen'],
    agreedWeek: '2026-W45',
    agreedAt: '2026-11-06T09:30:00Z',
    followUpDate: '2026-12-04',
    status: 'aktiv',
    citizenPromise: 'Trygg hamn',
    effectShort: 'Färre inbrott i båtar',
    events: [],
  },
];

async function seedPriorities(db: Db): Promise<void> {
  for (const [i, p] of PRIORITIES.entries()) {
    const { id } = await db
      .insertInto('joint_priorities')
      .values({
        title: p.title,
        agreed_week: p.agreedWeek,
        follow_up_date: p.followUpDate,
        effect_short: p.effectShort ?? null,
        effect_long: p.effectLong ?? null,
        citizen_promise: p.citizenPromise ?? null,
        status: p.status,
        created_by: 'U0AUTHOR',
        idempotency_key: `report-priority-${i + 1}`,
        created_at: p.agreedAt,
        updated_at: p.agreedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('joint_priority_areas')
      .values(p.areas.map((area_key) => ({ priority_id: id, area_key })))
      .execute();
    await db
      .insertInto('joint_priority_parties')
      .values(p.parties.map((party_key) => ({ priority_id: id, party_key })))
      .execute();
    const events: SeedPriority['events'] = [['skapad', p.agreedWeek, p.agreedAt, null, {}], ...p.events];
    await db
      .insertInto('joint_priority_events')
      .values(
        events.map(([kind, week, at, note, changes]) => ({
          priority_id: id,
          kind: kind as 'skapad' | 'status' | 'uppfoljning',
          actor_user_id: 'U0AUTHOR',
          meeting_week: week,
          note,
          changes: JSON.stringify(changes),
          created_at: at,
        })),
      )
      .execute();
  }
}
