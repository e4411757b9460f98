/**
 * The lists of joint priorities people look at: `/prioritet lista` (a page of a filtered list with its counts, and
 * the results of the closed ones on it) and App Home's active priorities. Each is a fixed number of queries; only
 * the rows shown get their areas and parties.
 */

import { type SelectQueryBuilder, sql } from 'kysely';
import type { JointPriority, PriorityStatus } from '../domain/priorities.js';
import type { ListFilter, ListScope } from '../domain/priority-list.js';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Database, Executor } from './database.js';
import { LINKED_KEYS, linkedAreas, linkedParties, toPriority } from './priorities.repository.js';

/** The status a list's scope shows; null: every status (`alla`). */
const STATUS_OF_SCOPE: Readonly<Record<ListScope, PriorityStatus | null>> = {
  aktiva: 'aktiv',
  alla: null,
  genomforda: 'genomford',
  avbrutna: 'avbruten',
};

/** Narrows a query on joint_priorities to what a list asks for: a status or all, one party's, one area's. */
function applyFilter<QB extends SelectQueryBuilder<Database, 'joint_priorities', object>>(
  query: QB,
  filter: Partial<ListFilter>,
): QB {
  let narrowed = query;
  const status = STATUS_OF_SCOPE[filter.scope ?? 'aktiva'];
  if (status !== null) narrowed = narrowed.where('joint_priorities.status', '=', status) as QB;
  if (filter.partyKey) {
    const partyKey = filter.partyKey;
    narrowed = narrowed.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('joint_priority_parties')
          .select('priority_id')
          .whereRef('joint_priority_parties.priority_id', '=', 'joint_priorities.id')
          .where('joint_priority_parties.party_key', '=', partyKey),
      ),
    ) as QB;
  }
  if (filter.areaKey) {
    const areaKey = filter.areaKey;
    narrowed = narrowed.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('joint_priority_areas')
          .select('priority_id')
          .whereRef('joint_priority_areas.priority_id', '=', 'joint_priorities.id')
          .where('joint_priority_areas.area_key', '=', areaKey),
      ),
    ) as QB;
  }
  return narrowed;
}

/** The first priorities of a list as it is shown, and how many the whole list holds. */
export interface PriorityPage {
  readonly priorities: JointPriority[];
  /** Every priority the filter matches. */
  readonly total: number;
  /** Of those, the ones due for the meeting (isDue). */
  readonly due: number;
}

/**
 * `/prioritet lista`: the first `limit` priorities in the order the list shows them (comparePriorities: due for
 * the meeting on `meetingDate` first, then active before closed, then by follow-up date and number) and the
 * counts of the whole list, in one query. The page is chosen and counted on the priorities alone; only its rows
 * get their areas and parties.
 */
export async function listPriorityPage(
  db: Executor,
  filter: Partial<ListFilter>,
  options: { readonly meetingDate: string; readonly limit: number },
): Promise<PriorityPage> {
  const due = sql<boolean>`(joint_priorities.status = 'aktiv' and joint_priorities.follow_up_date <= ${options.meetingDate}::date)`;
  const order = sql`${due} desc, joint_priorities.status = 'aktiv' desc, joint_priorities.follow_up_date, joint_priorities.id`;
  const rows = await db
    .with('page', (qb) =>
      applyFilter(qb.selectFrom('joint_priorities').selectAll('joint_priorities'), filter)
        .select([
          sql<string>`count(*) over ()`.as('total_count'),
          sql<string>`count(*) filter (where ${due}) over ()`.as('due_count'),
          sql<string>`row_number() over (order by ${order})`.as('position'),
        ])
        .orderBy(order)
        .limit(options.limit),
    )
    .selectFrom('page')
    .leftJoin(linkedAreas(db, true), 'linked_areas.priority_id', 'page.id')
    .leftJoin(linkedParties(db, true), 'linked_parties.priority_id', 'page.id')
    .selectAll('page')
    .select(LINKED_KEYS)
    .orderBy('page.position')
    .execute();
  // The counts are over the whole list, before the limit; an empty page means an empty list (limit ≥ 1).
  const first = rows[0];
  return {
    priorities: rows.map(toPriority),
    total: first === undefined ? 0 : Number(first.total_count),
    due: first === undefined ? 0 : Number(first.due_count),
  };
}

/** One group of App Home's active priorities: the first ones in follow-up order, and how many it holds. */
export interface PriorityGroup {
  readonly priorities: JointPriority[];
  readonly total: number;
}

/**
 * App Home's active priorities in two groups, those of `partyKeys` (a responsible party is one of them) and
 * the others, each the first `limitPerGroup` by follow-up date and number (due ones first, as they are active)
 * with its count, in one query: Home never shows more than fit in a view, so only those get their links.
 */
export async function listHomePriorities(
  db: Executor,
  partyKeys: readonly string[],
  limitPerGroup: number,
): Promise<{ own: PriorityGroup; others: PriorityGroup }> {
  const rows = await db
    .with('grouped', (qb) =>
      qb
        .selectFrom('joint_priorities')
        .selectAll('joint_priorities')
        .select(
          sql<boolean>`exists (
            select 1 from joint_priority_parties responsible
            where responsible.priority_id = joint_priorities.id
              and responsible.party_key = any(${[...partyKeys]}::text[])
          )`.as('own'),
        )
        .where('joint_priorities.status', '=', 'aktiv'),
    )
    .with('ranked', (qb) =>
      qb
        .selectFrom('grouped')
        .selectAll('grouped')
        .select([
          sql<string>`count(*) over (partition by grouped.own)`.as('group_total'),
          sql<string>`row_number() over (partition by grouped.own order by grouped.follow_up_date, grouped.id)`.as(
            'position',
          ),
        ]),
    )
    .with('page', (qb) =>
      qb.selectFrom('ranked').selectAll('ranked').where(sql<boolean>`ranked.position <= ${limitPerGroup}`),
    )
    .selectFrom('page')
    .leftJoin(linkedAreas(db, true), 'linked_areas.priority_id', 'page.id')
    .leftJoin(linkedParties(db, true), 'linked_parties.priority_id', 'page.id')
    .selectAll('page')
    .select(LINKED_KEYS)
    .orderBy('page.follow_up_date')
    .orderBy('page.id')
    .execute();
  const group = (own: boolean): PriorityGroup => {
    const mine = rows.filter((row) => row.own === own);
    return { priorities: mine.map(toPriority), total: Number(mine[0]?.group_total ?? 0) };
  };
  return { own: group(true), others: group(false) };
}

/** What a closed priority came to: the note written when it got its current status, and at which meeting. */
export interface ClosingResult {
  readonly note: string;
  readonly meetingWeek: MeetingWeek;
  readonly actorUserId: string;
  readonly at: Date;
}

/**
 * The results of closed priorities, by id: for each, the latest event that set its current (closed) status, if
 * it carried a note (the close form's "Resultat", or a follow-up that closed it). One query for a page.
 */
export async function listClosingResults(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, ClosingResult>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('joint_priority_events as e')
    .innerJoin('joint_priorities as p', 'p.id', 'e.priority_id')
    .distinctOn('e.priority_id')
    .select(['e.priority_id', 'e.note', 'e.meeting_week', 'e.actor_user_id', 'e.created_at'])
    .where('e.priority_id', 'in', [...ids])
    .where('p.status', '<>', 'aktiv')
    .where(sql<boolean>`e.changes -> 'status' ->> 'to' = p.status`)
    .orderBy('e.priority_id')
    .orderBy('e.id', 'desc')
    .execute();
  const results = new Map<number, ClosingResult>();
  for (const row of rows) {
    if (row.note === null) continue;
    results.set(row.priority_id, {
      note: row.note,
      meetingWeek: row.meeting_week,
      actorUserId: row.actor_user_id,
      at: row.created_at,
    });
  }
  return results;
}
