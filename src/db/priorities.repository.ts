/**
 * Joint priorities as they are read: the one selection every query of them builds on (each priority's areas and
 * parties come along as arrays, the link tables aggregated once and joined, no subquery per row), the mapping of
 * its rows, and one priority with its history. Changes are in priority-changes, lists in priority-lists, what the
 * weekly cycle reads in priority-meetings.
 */

import { type Selectable, sql } from 'kysely';
import type { JointPriority, PriorityChanges, PriorityEvent } from '../domain/priorities.js';
import type { Database, Executor, JointPriorityEventTable } from './database.js';

/** A row as selectPriorities gives it: the priority's columns and the keys of its areas and parties. */
export type PriorityRow = Selectable<Database['joint_priorities']> & {
  area_keys: string[];
  party_keys: string[];
};

/**
 * Each priority's areas and parties as arrays in the areas' and parties' own order, for every priority at once:
 * each link table aggregated set-wise, to be joined on the priority id. Postgres pushes a filter on the id (one
 * priority) down into the aggregate, so a single lookup stays an index scan; `onlyPage` restricts it to the
 * rows of a `page` CTE, so a page of a long list aggregates only the links it shows.
 */
const ONLY_PAGE = sql<boolean>`link.priority_id in (select id from page)`;

export function linkedAreas(db: Executor, onlyPage = false) {
  const aggregate = db
    .selectFrom('joint_priority_areas as link')
    .innerJoin('priority_areas as ordered', 'ordered.key', 'link.area_key')
    .select([
      'link.priority_id',
      sql<string[]>`array_agg(link.area_key order by ordered.sort_order, ordered.key)`.as('keys'),
    ]);
  return (onlyPage ? aggregate.where(ONLY_PAGE) : aggregate).groupBy('link.priority_id').as('linked_areas');
}

export function linkedParties(db: Executor, onlyPage = false) {
  const aggregate = db
    .selectFrom('joint_priority_parties as link')
    .innerJoin('parties as ordered', 'ordered.key', 'link.party_key')
    .select([
      'link.priority_id',
      sql<string[]>`array_agg(link.party_key order by ordered.sort_order, ordered.key)`.as('keys'),
    ]);
  return (onlyPage ? aggregate.where(ONLY_PAGE) : aggregate).groupBy('link.priority_id').as('linked_parties');
}

/** The linked keys as arrays, empty where a priority has none: select them with linkedAreas and linkedParties joined. */
export const LINKED_KEYS = [
  sql<string[]>`coalesce(linked_areas.keys, '{}')`.as('area_keys'),
  sql<string[]>`coalesce(linked_parties.keys, '{}')`.as('party_keys'),
];

/** The priorities with their areas and parties: one query for any number of them, no subquery per row. */
export function selectPriorities(db: Executor) {
  return db
    .selectFrom('joint_priorities')
    .leftJoin(linkedAreas(db), 'linked_areas.priority_id', 'joint_priorities.id')
    .leftJoin(linkedParties(db), 'linked_parties.priority_id', 'joint_priorities.id')
    .selectAll('joint_priorities')
    .select(LINKED_KEYS);
}

export function toPriority(row: PriorityRow): JointPriority {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    areaKeys: row.area_keys,
    partyKeys: row.party_keys,
    contactUserId: row.contact_user_id,
    agreedWeek: row.agreed_week,
    followUpDate: row.follow_up_date,
    effectShort: row.effect_short,
    effectLong: row.effect_long,
    citizenPromise: row.citizen_promise,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toEvent(row: Selectable<JointPriorityEventTable>): PriorityEvent {
  return {
    id: row.id,
    priorityId: row.priority_id,
    kind: row.kind,
    actorUserId: row.actor_user_id,
    meetingWeek: row.meeting_week,
    note: row.note,
    changes: row.changes as PriorityChanges,
    createdAt: row.created_at,
  };
}

export async function getPriority(db: Executor, id: number): Promise<JointPriority | null> {
  const row = await selectPriorities(db).where('joint_priorities.id', '=', id).executeTakeFirst();
  return row ? toPriority(row) : null;
}

/** A priority with its whole history, oldest event first: two queries. */
export async function getPriorityWithHistory(
  db: Executor,
  id: number,
): Promise<{ priority: JointPriority; events: PriorityEvent[] } | null> {
  const priority = await getPriority(db, id);
  if (priority === null) return null;
  const events = await db
    .selectFrom('joint_priority_events')
    .selectAll()
    .where('priority_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return { priority, events: events.map(toEvent) };
}
