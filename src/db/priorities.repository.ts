import { type Selectable, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import {
  type ChangeValue,
  type FollowUp,
  type JointPriority,
  type PriorityChanges,
  type PriorityEvent,
  type PriorityFields,
  type PriorityStatus,
  priorityChanges,
} from '../domain/priorities.js';
import { needsFollowUpReminder, type PriorityActivity } from '../domain/priority-decisions.js';
import type { ListFilter, ListScope } from '../domain/priority-list.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { type Database, type Executor, inTransaction, type JointPriorityEventTable } from './database.js';

/**
 * All SQL for joint priorities. A list of any length costs one query: each priority's areas and parties come
 * along as arrays, the link tables aggregated once and joined (no subquery per row). Every change is written
 * together with its history event in one transaction.
 */

/** Who did something, when (the app's clock, so history and tests agree), at which meeting. */
export interface Act {
  readonly actorUserId: string;
  readonly meetingWeek: MeetingWeek;
  readonly at: Date;
}

export interface NewPriority extends PriorityFields {
  readonly agreedWeek: MeetingWeek;
  /** The modal's key: a second submission of the same modal finds the first priority. */
  readonly idempotencyKey: string;
}

export type ChangeOutcome =
  | { readonly outcome: 'changed'; readonly priority: JointPriority; readonly changes: PriorityChanges }
  | { readonly outcome: 'unchanged' | 'duplicate'; readonly priority: JointPriority }
  | { readonly outcome: 'notFound' };

/** What an edit can lead to: also `conflict` when someone else changed the priority since the edit began. */
export type EditOutcome = ChangeOutcome | { readonly outcome: 'conflict'; readonly priority: JointPriority };

type PriorityRow = Selectable<Database['joint_priorities']> & { area_keys: string[]; party_keys: string[] };

/**
 * Each priority's areas and parties as arrays in the areas' and parties' own order, for every priority at once:
 * each link table aggregated set-wise, to be joined on the priority id. Postgres pushes a filter on the id (one
 * priority) down into the aggregate, so a single lookup stays an index scan; `onlyPage` restricts it to the
 * rows of a `page` CTE, so a page of a long list aggregates only the links it shows.
 */
const ONLY_PAGE = sql<boolean>`link.priority_id in (select id from page)`;

function linkedAreas(db: Executor, onlyPage = false) {
  const aggregate = db
    .selectFrom('joint_priority_areas as link')
    .innerJoin('priority_areas as ordered', 'ordered.key', 'link.area_key')
    .select([
      'link.priority_id',
      sql<string[]>`array_agg(link.area_key order by ordered.sort_order, ordered.key)`.as('keys'),
    ]);
  return (onlyPage ? aggregate.where(ONLY_PAGE) : aggregate).groupBy('link.priority_id').as('linked_areas');
}

function linkedParties(db: Executor, onlyPage = false) {
  const aggregate = db
    .selectFrom('joint_priority_parties as link')
    .innerJoin('parties as ordered', 'ordered.key', 'link.party_key')
    .select([
      'link.priority_id',
      sql<string[]>`array_agg(link.party_key order by ordered.sort_order, ordered.key)`.as('keys'),
    ]);
  return (onlyPage ? aggregate.where(ONLY_PAGE) : aggregate).groupBy('link.priority_id').as('linked_parties');
}

const LINKED_KEYS = [
  sql<string[]>`coalesce(linked_areas.keys, '{}')`.as('area_keys'),
  sql<string[]>`coalesce(linked_parties.keys, '{}')`.as('party_keys'),
];

/** The priorities with their areas and parties: one query for any number of them, no subquery per row. */
function selectPriorities(db: Executor) {
  return db
    .selectFrom('joint_priorities')
    .leftJoin(linkedAreas(db), 'linked_areas.priority_id', 'joint_priorities.id')
    .leftJoin(linkedParties(db), 'linked_parties.priority_id', 'joint_priorities.id')
    .selectAll('joint_priorities')
    .select(LINKED_KEYS);
}

function toPriority(row: PriorityRow): JointPriority {
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

function toEvent(row: Selectable<JointPriorityEventTable>): PriorityEvent {
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

async function lockPriority(trx: Transaction<Database>, id: number): Promise<JointPriority | null> {
  const row = await selectPriorities(trx)
    .where('joint_priorities.id', '=', id)
    .forUpdate('joint_priorities')
    .executeTakeFirst();
  return row ? toPriority(row) : null;
}

async function eventExists(trx: Transaction<Database>, idempotencyKey: string): Promise<boolean> {
  const row = await trx
    .selectFrom('joint_priority_events')
    .select('id')
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row !== undefined;
}

async function insertEvent(
  trx: Transaction<Database>,
  priorityId: number,
  event: {
    kind: PriorityEvent['kind'];
    act: Act;
    note?: string | null;
    changes?: PriorityChanges;
    idempotencyKey?: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('joint_priority_events')
    .values({
      priority_id: priorityId,
      kind: event.kind,
      actor_user_id: event.act.actorUserId,
      meeting_week: event.act.meetingWeek,
      note: event.note ?? null,
      changes: JSON.stringify(event.changes ?? {}),
      idempotency_key: event.idempotencyKey ?? null,
      created_at: event.act.at,
    })
    .execute();
}

async function replaceLinks(
  trx: Transaction<Database>,
  priorityId: number,
  links: { areaKeys?: readonly string[]; partyKeys?: readonly string[] },
): Promise<void> {
  if (links.areaKeys !== undefined) {
    await trx.deleteFrom('joint_priority_areas').where('priority_id', '=', priorityId).execute();
    await trx
      .insertInto('joint_priority_areas')
      .values(links.areaKeys.map((area_key) => ({ priority_id: priorityId, area_key })))
      .execute();
  }
  if (links.partyKeys !== undefined) {
    await trx.deleteFrom('joint_priority_parties').where('priority_id', '=', priorityId).execute();
    await trx
      .insertInto('joint_priority_parties')
      .values(links.partyKeys.map((party_key) => ({ priority_id: priorityId, party_key })))
      .execute();
  }
}

/**
 * Records a new priority with its `skapad` event. Once per idempotency key: a repeated submission (a double
 * click, a retried request) returns the first priority and `created: false`; the unique constraint decides
 * between two that arrive at the same time.
 */
export async function createPriority(
  db: Executor,
  input: NewPriority,
  act: Omit<Act, 'meetingWeek'>,
): Promise<{ priority: JointPriority; created: boolean }> {
  return inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto('joint_priorities')
      .values({
        title: input.title,
        description: input.description,
        contact_user_id: input.contactUserId,
        agreed_week: input.agreedWeek,
        follow_up_date: input.followUpDate,
        effect_short: input.effectShort,
        effect_long: input.effectLong,
        citizen_promise: input.citizenPromise,
        status: 'aktiv',
        created_by: act.actorUserId,
        idempotency_key: input.idempotencyKey,
        created_at: act.at,
        updated_at: act.at,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted === undefined) {
      const existing = await selectPriorities(trx)
        .where('joint_priorities.idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirstOrThrow();
      return { priority: toPriority(existing), created: false };
    }
    await replaceLinks(trx, inserted.id, { areaKeys: input.areaKeys, partyKeys: input.partyKeys });
    await insertEvent(trx, inserted.id, { kind: 'skapad', act: { ...act, meetingWeek: input.agreedWeek } });
    const priority = await selectPriorities(trx)
      .where('joint_priorities.id', '=', inserted.id)
      .executeTakeFirstOrThrow();
    return { priority: toPriority(priority), created: true };
  });
}

const COLUMN_OF = {
  title: 'title',
  description: 'description',
  contactUserId: 'contact_user_id',
  followUpDate: 'follow_up_date',
  effectShort: 'effect_short',
  effectLong: 'effect_long',
  citizenPromise: 'citizen_promise',
  status: 'status',
} as const;

/**
 * `updated_at` moves forward with every change, by at least a millisecond even when two changes carry the same
 * time (a second replica whose clock lags, two changes within one millisecond): an edit that began before a
 * change must always see that it happened.
 */
const NEXT_UPDATED_AT = (at: Date) =>
  sql<Date>`greatest(${at}::timestamptz, date_trunc('milliseconds', joint_priorities.updated_at) + interval '1 millisecond')`;

function columnUpdates(
  changes: PriorityChanges,
  at: Date,
): Record<string, ChangeValue | ReturnType<typeof NEXT_UPDATED_AT>> {
  const values: Record<string, ChangeValue | ReturnType<typeof NEXT_UPDATED_AT>> = {
    updated_at: NEXT_UPDATED_AT(at),
  };
  for (const [field, column] of Object.entries(COLUMN_OF)) {
    const change = changes[field as keyof typeof COLUMN_OF];
    if (change !== undefined) values[column] = change.to;
  }
  return values;
}

/**
 * Applies an edit and records an `andrad` event with `{ field: { from, to } }` for what actually changed.
 * An edit that changes nothing records nothing; the same modal submitted twice changes once.
 *
 * `openedAt` is the priority's `updatedAt` when the edit began (the modal carries it): the modal sends every
 * field, so an edit begun before someone else's change would silently undo it. The update is conditional on
 * `updated_at` still being that value, and an edit that finds it moved is refused as a `conflict`.
 */
export async function editPriority(
  db: Executor,
  id: number,
  fields: PriorityFields,
  act: Act & { readonly idempotencyKey: string; readonly openedAt: Date | null },
): Promise<EditOutcome> {
  return inTransaction(db, async (trx) => {
    const current = await lockPriority(trx, id);
    if (current === null) return { outcome: 'notFound' };
    // A second delivery of an edit that was applied finds updated_at moved by itself: a duplicate, not a conflict.
    if (await eventExists(trx, act.idempotencyKey)) return { outcome: 'duplicate', priority: current };
    const changes = priorityChanges(current, fields);
    // Nothing to write is no lost update, whoever changed what in between.
    if (Object.keys(changes).length === 0) return { outcome: 'unchanged', priority: current };
    let update = trx.updateTable('joint_priorities').set(columnUpdates(changes, act.at)).where('id', '=', id);
    if (act.openedAt !== null)
      update = update.where(
        sql<boolean>`date_trunc('milliseconds', updated_at) = ${act.openedAt}::timestamptz`,
      );
    const updated = await update.returning('id').executeTakeFirst();
    if (updated === undefined) return { outcome: 'conflict', priority: current };
    await replaceLinks(trx, id, {
      areaKeys: changes.areaKeys ? fields.areaKeys : undefined,
      partyKeys: changes.partyKeys ? fields.partyKeys : undefined,
    });
    await insertEvent(trx, id, { kind: 'andrad', act, changes, idempotencyKey: act.idempotencyKey });
    return { outcome: 'changed', priority: (await lockPriority(trx, id)) as JointPriority, changes };
  });
}

/**
 * Adds a follow-up note (`uppfoljning`), changing the status and the follow-up date in the same step when
 * given and different. Once per idempotency key.
 */
export async function addFollowUp(
  db: Executor,
  id: number,
  followUp: FollowUp,
  act: Act & { readonly idempotencyKey: string },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (trx) => {
    const current = await lockPriority(trx, id);
    if (current === null) return { outcome: 'notFound' };
    if (await eventExists(trx, act.idempotencyKey)) return { outcome: 'duplicate', priority: current };
    const changes: PriorityChanges = {};
    if (followUp.status !== null && followUp.status !== current.status)
      changes.status = { from: current.status, to: followUp.status };
    if (followUp.followUpDate !== null && followUp.followUpDate !== current.followUpDate)
      changes.followUpDate = { from: current.followUpDate, to: followUp.followUpDate };
    await trx
      .updateTable('joint_priorities')
      .set(columnUpdates(changes, act.at))
      .where('id', '=', id)
      .execute();
    await insertEvent(trx, id, {
      kind: 'uppfoljning',
      act,
      note: followUp.note,
      changes,
      idempotencyKey: act.idempotencyKey,
    });
    return { outcome: 'changed', priority: (await lockPriority(trx, id)) as JointPriority, changes };
  });
}

/**
 * Sets the status (Klarmarkera, Avbryt) with a `status` event carrying the result written when it was closed;
 * already in that status, nothing happens. Once per idempotency key when one is given (the close form's).
 */
export async function changePriorityStatus(
  db: Executor,
  id: number,
  status: PriorityStatus,
  act: Act & { readonly note?: string | null; readonly idempotencyKey?: string },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (trx) => {
    const current = await lockPriority(trx, id);
    if (current === null) return { outcome: 'notFound' };
    if (act.idempotencyKey !== undefined && (await eventExists(trx, act.idempotencyKey)))
      return { outcome: 'duplicate', priority: current };
    if (current.status === status) return { outcome: 'unchanged', priority: current };
    const changes: PriorityChanges = { status: { from: current.status, to: status } };
    const updated = await trx
      .updateTable('joint_priorities')
      .set(columnUpdates(changes, act.at))
      .where('id', '=', id)
      .returning('updated_at')
      .executeTakeFirstOrThrow();
    await insertEvent(trx, id, {
      kind: 'status',
      act,
      changes,
      note: act.note ?? null,
      idempotencyKey: act.idempotencyKey ?? null,
    });
    return { outcome: 'changed', priority: { ...current, status, updatedAt: updated.updated_at }, changes };
  });
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

/** The Friday agenda's point 2: active priorities whose follow-up date is on or before the meeting's date. */
export async function listDuePriorities(db: Executor, meetingDate: string): Promise<JointPriority[]> {
  const rows = await selectPriorities(db)
    .where('joint_priorities.status', '=', 'aktiv')
    .where('joint_priorities.follow_up_date', '<=', meetingDate)
    .orderBy('joint_priorities.follow_up_date')
    .orderBy('joint_priorities.id')
    .execute();
  return rows.map(toPriority);
}

/**
 * The agenda's point 3: the priorities agreed to (proposed for) the meetings of `weeks` — a meeting's own and the
 * cancelled ones before it, whose decisions it takes over — the first `limit` by number, and how many in all.
 * One query.
 */
export async function listProposals(
  db: Executor,
  weeks: readonly MeetingWeek[],
  limit: number,
): Promise<{ priorities: JointPriority[]; total: number }> {
  const rows = await selectPriorities(db)
    .select(sql<string>`count(*) over ()`.as('total_count'))
    .where('joint_priorities.agreed_week', 'in', [...weeks])
    .orderBy('joint_priorities.id')
    .limit(limit)
    .execute();
  return { priorities: rows.map(toPriority), total: Number(rows[0]?.total_count ?? 0) };
}

/**
 * A meeting's activity: the history events attributed to it (and to `cancelledBefore`, the cancelled meetings
 * just before it, whose decisions its summary carries), and the priorities they belong to, as they stand now.
 * Two queries; decisionsOfWeek sorts them.
 */
export async function listPriorityActivityForWeek(
  db: Executor,
  week: MeetingWeek,
  cancelledBefore: readonly MeetingWeek[] = [],
): Promise<PriorityActivity> {
  const weeks = [week, ...cancelledBefore];
  const events = await db
    .selectFrom('joint_priority_events')
    .selectAll()
    .where('meeting_week', 'in', weeks)
    .orderBy('id')
    .execute();
  const activity = { week, ...(cancelledBefore.length > 0 ? { cancelledBefore } : {}) };
  if (events.length === 0) return { ...activity, priorities: [], events: [] };
  const priorities = await selectPriorities(db)
    .where(
      'joint_priorities.id',
      'in',
      db.selectFrom('joint_priority_events').select('priority_id').where('meeting_week', 'in', weeks),
    )
    .orderBy('joint_priorities.id')
    .execute();
  return { ...activity, priorities: priorities.map(toPriority), events: events.map(toEvent) };
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

function needingReminder(db: Executor, followUpDate: string) {
  return selectPriorities(db)
    .select(
      sql<boolean>`exists (
        select 1 from joint_priority_events note
        where note.priority_id = joint_priorities.id
          and note.kind = 'uppfoljning'
          and note.id > (
            select max(setter.id) from joint_priority_events setter
            where setter.priority_id = joint_priorities.id
              and (setter.kind = 'skapad' or setter.changes ? 'followUpDate')
          )
      )`.as('noted_since_follow_up_set'),
    )
    .where('joint_priorities.status', '=', 'aktiv')
    .where('joint_priorities.follow_up_date', '=', followUpDate);
}

function remindable(
  rows: ReadonlyArray<PriorityRow & { noted_since_follow_up_set: boolean }>,
  followUpDate: string,
): JointPriority[] {
  return rows
    .filter((row) =>
      needsFollowUpReminder(
        {
          status: row.status,
          followUpDate: row.follow_up_date,
          notedSinceFollowUpSet: row.noted_since_follow_up_set,
        },
        followUpDate,
      ),
    )
    .map(toPriority);
}

/**
 * The active priorities to be followed up on `followUpDate` that nobody has written a note on since their
 * follow-up date was set (when agreed, or when an edit or a follow-up last moved it): one query.
 * Events are compared by id, which grows with every event, so a note written in the same step that moved the
 * date does not count as a note on the new date.
 */
export async function listPrioritiesNeedingReminder(
  db: Executor,
  followUpDate: string,
): Promise<JointPriority[]> {
  const rows = await needingReminder(db, followUpDate).orderBy('joint_priorities.id').execute();
  return remindable(rows, followUpDate);
}

/** The same rule for one priority, as a reminder job checks it again just before sending: null if not needed. */
export async function priorityNeedingReminder(
  db: Executor,
  id: number,
  followUpDate: string,
): Promise<JointPriority | null> {
  const rows = await needingReminder(db, followUpDate).where('joint_priorities.id', '=', id).execute();
  return remindable(rows, followUpDate)[0] ?? null;
}
