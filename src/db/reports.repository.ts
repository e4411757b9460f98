/**
 * What the follow-up report ("Uppföljning") reads: a fixed number of queries whatever the size of the period
 * (seven for the report, two for reading a request), never one per row, week, area or priority. Meeting weeks
 * are `YYYY-Www` and sort as time does, so a period's weeks are one range.
 */

import { sql } from 'kysely';
import type { PriorityChanges } from '../domain/priorities.js';
import type { ReportData } from '../domain/report-model.js';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Executor } from './database.js';
import { listAllAreas, listAllParties } from './parties.repository.js';
import { toPriority } from './priorities.repository.js';

export interface ReportWeeks {
  /** The first week of the period compared with and the last week of the period. */
  readonly from: MeetingWeek;
  readonly to: MeetingWeek;
  /** From this week on (the period's first), each observation's free text; null: no free text at all. */
  readonly textFrom: MeetingWeek | null;
}

/**
 * Whether an entry's free text has been purged (gallrad). Read through the row as JSON, so it is false for every
 * row of a database whose `entries` has no `purged_at` yet (before migration 2026_12_02_1110_retention) and
 * right after it. The one place that knows how a purge shows.
 */
const TEXT_PURGED = sql<boolean>`(to_jsonb(entries) ->> 'purged_at') is not null`;

export interface ReportCatalogue {
  readonly parties: ReportData['parties'];
  readonly areas: ReportData['areas'];
  /** The earliest meeting week with an entry, a party's report or a joint priority; null in a new database. */
  readonly firstWeek: MeetingWeek | null;
}

/** What reading `/rapport`'s text needs: the parties, the areas and where the data begins. Three queries. */
export async function readReportCatalogue(db: Executor): Promise<ReportCatalogue> {
  const [parties, areas, first] = await Promise.all([
    listAllParties(db),
    listAllAreas(db),
    sql<{ first: string | null }>`
      select least(
        (select min(meeting_week) from entries where removed_at is null),
        (select min(meeting_week) from party_reports),
        (select min(agreed_week) from joint_priorities)
      ) as first`.execute(db),
  ]);
  return { parties, areas, firstWeek: first.rows[0]?.first ?? null };
}

/** Everything a report is computed from, for its weeks and the weeks it is compared with. Seven queries. */
export async function readReportData(db: Executor, weeks: ReportWeeks): Promise<ReportData> {
  const withText = weeks.textFrom !== null;
  const [parties, areas, overrides, observations, partyWeeks, priorities, events] = await Promise.all([
    listAllParties(db),
    listAllAreas(db),
    db
      .selectFrom('meetings')
      .select(['week', 'cancelled', 'reason'])
      .where('week', '>=', weeks.from)
      .where('week', '<=', weeks.to)
      // Only an admin's decision to cancel or hold; a row without one leaves it to the schedule and holidays.
      .where('cancelled', 'is not', null)
      .execute(),
    db
      .selectFrom('entries')
      .select([
        'id',
        'meeting_week',
        'party_key',
        'area_key',
        'place',
        'trend',
        // Free text only when asked for, and only for the period itself (never for the one compared with).
        withText
          ? sql<string | null>`case when meeting_week >= ${weeks.textFrom} then when_text end`.as('when_text')
          : sql<string | null>`null`.as('when_text'),
        withText
          ? sql<string | null>`case when meeting_week >= ${weeks.textFrom} then text end`.as('text')
          : sql<string | null>`null`.as('text'),
        TEXT_PURGED.as('purged'),
      ])
      .where('removed_at', 'is', null)
      .where('meeting_week', '>=', weeks.from)
      .where('meeting_week', '<=', weeks.to)
      .orderBy('meeting_week')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('party_reports')
      .select(['meeting_week', 'party_key', 'nothing_to_report', 'assessment'])
      .where('meeting_week', '>=', weeks.from)
      .where('meeting_week', '<=', weeks.to)
      .execute(),
    selectPriorities(db, weeks),
    db
      .selectFrom('joint_priority_events')
      .selectAll()
      .where('priority_id', 'in', relevantPriorityIds(db, weeks))
      .orderBy('id')
      .execute(),
  ]);
  return {
    parties,
    areas,
    overrides: overrides.map((row) => ({
      week: row.week,
      cancelled: row.cancelled === true,
      reason: row.reason,
    })),
    observations: observations.map((row) => ({
      id: row.id,
      week: row.meeting_week,
      partyKey: row.party_key,
      areaKey: row.area_key,
      place: row.place,
      when: row.when_text,
      trend: row.trend,
      text: row.text,
      purged: row.purged,
    })),
    partyWeeks: partyWeeks.map((row) => ({
      week: row.meeting_week,
      partyKey: row.party_key,
      nothingToReport: row.nothing_to_report,
      assessment: row.assessment,
    })),
    priorities: priorities.map(toPriority),
    events: events.map((row) => ({
      id: row.id,
      priorityId: row.priority_id,
      kind: row.kind,
      actorUserId: row.actor_user_id,
      meetingWeek: row.meeting_week,
      note: row.note,
      changes: row.changes as PriorityChanges,
      createdAt: row.created_at,
    })),
  };
}

/**
 * The priorities that can matter to the weeks: agreed by their end, and still active or touched since their
 * start (a priority closed before and left alone since is no part of them).
 */
function relevantPriorityIds(db: Executor, weeks: ReportWeeks) {
  return db
    .selectFrom('joint_priorities')
    .select('id')
    .where('agreed_week', '<=', weeks.to)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'aktiv'),
        eb.exists(
          eb
            .selectFrom('joint_priority_events as touched')
            .select('touched.id')
            .whereRef('touched.priority_id', '=', 'joint_priorities.id')
            .where('touched.meeting_week', '>=', weeks.from),
        ),
      ]),
    );
}

/** The relevant priorities with their areas and parties as arrays, each link table aggregated once. */
function selectPriorities(db: Executor, weeks: ReportWeeks) {
  const linked = (table: 'joint_priority_areas' | 'joint_priority_parties') => {
    const [column, ordered] =
      table === 'joint_priority_areas'
        ? (['area_key', 'priority_areas'] as const)
        : (['party_key', 'parties'] as const);
    return sql<{ priority_id: number; keys: string[] }>`(
      select link.priority_id, array_agg(link.${sql.ref(column)} order by o.sort_order, o.key) as keys
      from ${sql.table(table)} link join ${sql.table(ordered)} o on o.key = link.${sql.ref(column)}
      group by link.priority_id
    )`;
  };
  return db
    .selectFrom('joint_priorities')
    .leftJoin(
      linked('joint_priority_areas').as('linked_areas'),
      'linked_areas.priority_id',
      'joint_priorities.id',
    )
    .leftJoin(
      linked('joint_priority_parties').as('linked_parties'),
      'linked_parties.priority_id',
      'joint_priorities.id',
    )
    .selectAll('joint_priorities')
    .select([
      sql<string[]>`coalesce(linked_areas.keys, '{}')`.as('area_keys'),
      sql<string[]>`coalesce(linked_parties.keys, '{}')`.as('party_keys'),
    ])
    .where('joint_priorities.id', 'in', relevantPriorityIds(db, weeks))
    .orderBy('joint_priorities.id')
    .execute();
}
