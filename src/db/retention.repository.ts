/**
 * Gallring's SQL: the next batch of entries whose free text goes, the statistics kept for them, the blanking,
 * one entry's text removed on request, and the claim of a day's scheduled run. A batch is one transaction in the
 * service; every statement here joins it.
 */

import { sql } from 'kysely';
import type { ObservationStatistics } from '../domain/retention.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { type Executor, inTransaction } from './database.js';

export interface PurgeCandidate {
  readonly id: number;
  readonly meetingWeek: MeetingWeek;
}

/**
 * The next entries to purge, oldest weeks first, locked for this transaction. SKIP LOCKED: a second runner (a
 * manual `gallra` beside the scheduled one) takes other rows instead of waiting to purge the same ones.
 */
export async function lockPurgeBatch(
  db: Executor,
  beforeWeek: MeetingWeek,
  limit: number,
): Promise<PurgeCandidate[]> {
  const rows = await db
    .selectFrom('entries')
    .select(['id', 'meeting_week'])
    .where('meeting_week', '<', beforeWeek)
    .where('purged_at', 'is', null)
    .orderBy('meeting_week')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((row) => ({ id: row.id, meetingWeek: row.meeting_week }));
}

/** How many entries a purge before `beforeWeek` would blank, and of which weeks (oldest first). */
export async function countPurgeCandidates(
  db: Executor,
  beforeWeek: MeetingWeek,
): Promise<{ entries: number; weeks: MeetingWeek[] }> {
  const rows = await db
    .selectFrom('entries')
    .select(['meeting_week', db.fn.countAll<string>().as('count')])
    .where('meeting_week', '<', beforeWeek)
    .where('purged_at', 'is', null)
    .groupBy('meeting_week')
    .orderBy('meeting_week')
    .execute();
  return {
    entries: rows.reduce((sum, row) => sum + Number(row.count), 0),
    weeks: rows.map((row) => row.meeting_week),
  };
}

/**
 * Recomputes the statistics of whole weeks from all their entries, purged or not (the rows stay, so the counts
 * are the same before and after): idempotent, and safe to repeat for a week a previous batch already did.
 */
export async function upsertObservationStatistics(
  db: Executor,
  weeks: readonly MeetingWeek[],
): Promise<void> {
  if (weeks.length === 0) return;
  const trendCount = (trend: string) =>
    sql<number>`(count(*) filter (where entries.trend = ${trend}))::int`.as(`trend_${trend}`);
  await db
    .insertInto('observation_statistics')
    .columns([
      'meeting_week',
      'party_key',
      'area_key',
      'entry_count',
      'trend_okar',
      'trend_oforandrat',
      'trend_minskar',
      'trend_none',
    ])
    .expression((eb) =>
      eb
        .selectFrom('entries')
        .select([
          'entries.meeting_week',
          'entries.party_key',
          'entries.area_key',
          sql<number>`count(*)::int`.as('entry_count'),
          trendCount('okar'),
          trendCount('oforandrat'),
          trendCount('minskar'),
          sql<number>`(count(*) filter (where entries.trend is null))::int`.as('trend_none'),
        ])
        .where('entries.meeting_week', 'in', weeks)
        .where('entries.removed_at', 'is', null)
        .groupBy(['entries.meeting_week', 'entries.party_key', 'entries.area_key']),
    )
    .onConflict((oc) =>
      oc.columns(['meeting_week', 'party_key', 'area_key']).doUpdateSet((eb) => ({
        entry_count: eb.ref('excluded.entry_count'),
        trend_okar: eb.ref('excluded.trend_okar'),
        trend_oforandrat: eb.ref('excluded.trend_oforandrat'),
        trend_minskar: eb.ref('excluded.trend_minskar'),
        trend_none: eb.ref('excluded.trend_none'),
        computed_at: sql`now()`,
      })),
    )
    .execute();
  // A party and area with no entries left in the week (all removed since) has no row.
  await db
    .deleteFrom('observation_statistics')
    .where('observation_statistics.meeting_week', 'in', weeks)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('entries')
            .select('entries.id')
            .whereRef('entries.meeting_week', '=', 'observation_statistics.meeting_week')
            .whereRef('entries.party_key', '=', 'observation_statistics.party_key')
            .whereRef('entries.area_key', '=', 'observation_statistics.area_key')
            .where('entries.removed_at', 'is', null),
        ),
      ),
    )
    .execute();
}

/** Blanks the free text of these entries and marks them purged; already purged ones are left as they are. */
export async function blankEntries(db: Executor, ids: readonly number[], purgedBy: string): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('entries')
    .set({ text: '', place: null, when_text: null, purged_at: sql`now()`, purged_by: purgedBy })
    .where('id', 'in', ids)
    .where('purged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type EntryPurge =
  | { readonly kind: 'purged'; readonly meetingWeek: MeetingWeek; readonly partyKey: string }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'alreadyPurged'; readonly purgedAt: Date };

/** Removes one entry's free text on an admin's request, keeping the row (its counts) and the admin's reason. */
export async function purgeEntryText(
  db: Executor,
  input: { readonly entryId: number; readonly by: string; readonly reason: string },
): Promise<EntryPurge> {
  return inTransaction(db, async (trx) => {
    const entry = await trx
      .selectFrom('entries')
      .select(['meeting_week', 'party_key', 'purged_at'])
      .where('id', '=', input.entryId)
      .forUpdate()
      .executeTakeFirst();
    if (entry === undefined) return { kind: 'notFound' };
    if (entry.purged_at !== null) return { kind: 'alreadyPurged', purgedAt: entry.purged_at };
    await trx
      .updateTable('entries')
      .set({
        text: '',
        place: null,
        when_text: null,
        purged_at: sql`now()`,
        purged_by: input.by,
        purge_reason: input.reason,
      })
      .where('id', '=', input.entryId)
      .execute();
    return { kind: 'purged', meetingWeek: entry.meeting_week, partyKey: entry.party_key };
  });
}

/** The kept statistics of the weeks from `fromWeek` to `toWeek` (inclusive), for the reports. */
export async function listObservationStatistics(
  db: Executor,
  fromWeek: MeetingWeek,
  toWeek: MeetingWeek,
): Promise<ObservationStatistics[]> {
  const rows = await db
    .selectFrom('observation_statistics')
    .selectAll()
    .where('meeting_week', '>=', fromWeek)
    .where('meeting_week', '<=', toWeek)
    .orderBy('meeting_week')
    .orderBy('party_key')
    .orderBy('area_key')
    .execute();
  return rows.map((row) => ({
    meetingWeek: row.meeting_week,
    partyKey: row.party_key,
    areaKey: row.area_key,
    entryCount: row.entry_count,
    trends: {
      okar: row.trend_okar,
      oforandrat: row.trend_oforandrat,
      minskar: row.trend_minskar,
      none: row.trend_none,
    },
  }));
}

/** How many entries of the weeks from `fromWeek` to `toWeek` have had their free text purged (for a report's note). */
export async function countPurgedEntries(
  db: Executor,
  fromWeek: MeetingWeek,
  toWeek: MeetingWeek,
): Promise<number> {
  const { count } = await db
    .selectFrom('entries')
    .select(db.fn.countAll<string>().as('count'))
    .where('meeting_week', '>=', fromWeek)
    .where('meeting_week', '<=', toWeek)
    .where('purged_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** A claimed run that has not finished within this long is taken over (its instance died). */
export const RETENTION_LEASE_MINUTES = 60;

/**
 * Claims the scheduled run of a local day: true for exactly one caller across instances. A claim whose run
 * neither finished nor recorded an error within the lease is given to the next caller, so a killed run resumes.
 */
export async function claimRetentionDay(db: Executor, day: string): Promise<boolean> {
  const row = await db
    .insertInto('retention_runs')
    .values({ day })
    .onConflict((oc) =>
      oc
        .column('day')
        .doUpdateSet({ claimed_at: sql`now()`, attempts: sql`retention_runs.attempts + 1`, error: null })
        .where('retention_runs.finished_at', 'is', null)
        .where(
          'retention_runs.claimed_at',
          '<',
          sql<Date>`now() - make_interval(mins => ${RETENTION_LEASE_MINUTES})`,
        ),
    )
    .returning('day')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records how the day's run ended: what it purged, or an error code (never a message that could hold text). */
export async function finishRetentionDay(
  db: Executor,
  day: string,
  outcome: { readonly entriesPurged: number; readonly logRowsPurged: number } | { readonly error: string },
): Promise<void> {
  await db
    .updateTable('retention_runs')
    .set(
      'error' in outcome
        ? { error: outcome.error.slice(0, 200) }
        : {
            finished_at: sql`now()`,
            entries_purged: outcome.entriesPurged,
            log_rows_purged: outcome.logRowsPurged,
          },
    )
    .where('day', '=', day)
    .execute();
}
