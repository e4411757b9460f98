import { type ExpressionBuilder, type Selectable, sql, type Transaction } from 'kysely';
import {
  type ChangeValue,
  type FollowUp,
  type JointPriority,
  type ListFilter,
  needsFollowUpReminder,
  type PriorityActivity,
  type PriorityChanges,
  type PriorityEvent,
  type PriorityFields,
  type PriorityStatus,
  priorityChanges,
} from '../domain/priorities.js';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Database, Executor, JointPriorityEventTable } from './database.js';

/**
 * All SQL for joint priorities. A list of any length costs one query: each priority's areas and parties come
 * along as arrays from correlated subqueries on the link tables' primary keys. Every change is written together
 * with its history event in one transaction.
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

type PriorityRow = Selectable<Database['joint_priorities']> & { area_keys: string[]; party_keys: string[] };

function withLinks(eb: ExpressionBuilder<Database, 'joint_priorities'>) {
  return [
    sql<string[]>`array(
      select jpa.area_key from joint_priority_areas jpa
      join priority_areas pa on pa.key = jpa.area_key
      where jpa.priority_id = ${eb.ref('joint_priorities.id')}
      order by pa.sort_order, pa.key)`.as('area_keys'),
    sql<string[]>`array(
      select jpp.party_key from joint_priority_parties jpp
      join parties pt on pt.key = jpp.party_key
      where jpp.priority_id = ${eb.ref('joint_priorities.id')}
      order by pt.sort_order, pt.key)`.as('party_keys'),
  ];
}

function selectPriorities(db: Executor) {
  return db.selectFrom('joint_priorities').selectAll('joint_priorities').select(withLinks);
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

/** Runs `work` in a transaction, or in the caller's when it already is one. */
async function inTransaction<T>(db: Executor, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}

async function lockPriority(trx: Transaction<Database>, id: number): Promise<JointPriority | null> {
  const row = await selectPriorities(trx)
    .where('joint_priorities.id', '=', id)
    .forUpdate()
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

function columnUpdates(changes: PriorityChanges, at: Date): Record<string, ChangeValue | Date> {
  const values: Record<string, ChangeValue | Date> = { updated_at: at };
  for (const [field, column] of Object.entries(COLUMN_OF)) {
    const change = changes[field as keyof typeof COLUMN_OF];
    if (change !== undefined) values[column] = change.to;
  }
  return values;
}

/**
 * Applies an edit and records an `andrad` event with `{ field: { from, to } }` for what actually changed,
 * measured against the row as locked, so two people editing at once each see the other's values as `from`.
 * An edit that changes nothing records nothing; the same modal submitted twice changes once.
 */
export async function editPriority(
  db: Executor,
  id: number,
  fields: PriorityFields,
  act: Act & { readonly idempotencyKey: string },
): Promise<ChangeOutcome> {
  return inTransaction(db, async (trx) => {
    const current = await lockPriority(trx, id);
    if (current === null) return { outcome: 'notFound' };
    if (await eventExists(trx, act.idempotencyKey)) return { outcome: 'duplicate', priority: current };
    const changes = priorityChanges(current, fields);
    if (Object.keys(changes).length === 0) return { outcome: 'unchanged', priority: current };
    await trx
      .updateTable('joint_priorities')
      .set(columnUpdates(changes, act.at))
      .where('id', '=', id)
      .execute();
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

/** Sets the status (Klarmarkera, Avbryt) with a `status` event; already in that status, nothing happens. */
export async function changePriorityStatus(
  db: Executor,
  id: number,
  status: PriorityStatus,
  act: Act,
): Promise<ChangeOutcome> {
  return inTransaction(db, async (trx) => {
    const current = await lockPriority(trx, id);
    if (current === null) return { outcome: 'notFound' };
    if (current.status === status) return { outcome: 'unchanged', priority: current };
    const changes: PriorityChanges = { status: { from: current.status, to: status } };
    await trx
      .updateTable('joint_priorities')
      .set(columnUpdates(changes, act.at))
      .where('id', '=', id)
      .execute();
    await insertEvent(trx, id, { kind: 'status', act, changes });
    return { outcome: 'changed', priority: { ...current, status, updatedAt: act.at }, changes };
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

/**
 * The priorities a list asks for, by follow-up date and number, in one query whatever their number.
 * The caller puts the due ones first (sortForMeeting): what is due depends on the meeting, not on SQL.
 */
export async function listPriorities(
  db: Executor,
  filter: Partial<ListFilter> = {},
): Promise<JointPriority[]> {
  let query = selectPriorities(db);
  if ((filter.scope ?? 'aktiva') === 'aktiva') query = query.where('joint_priorities.status', '=', 'aktiv');
  if (filter.partyKey) {
    const partyKey = filter.partyKey;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('joint_priority_parties')
          .select('priority_id')
          .whereRef('joint_priority_parties.priority_id', '=', 'joint_priorities.id')
          .where('joint_priority_parties.party_key', '=', partyKey),
      ),
    );
  }
  if (filter.areaKey) {
    const areaKey = filter.areaKey;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('joint_priority_areas')
          .select('priority_id')
          .whereRef('joint_priority_areas.priority_id', '=', 'joint_priorities.id')
          .where('joint_priority_areas.area_key', '=', areaKey),
      ),
    );
  }
  const rows = await query
    .orderBy('joint_priorities.follow_up_date')
    .orderBy('joint_priorities.id')
    .execute();
  return rows.map(toPriority);
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
 * What happened to the joint priorities at one meeting: every history event attributed to that meeting week
 * and the priorities they belong to, as they stand now. Two queries; decisionsOfWeek sorts them.
 */
export async function listPriorityActivityForWeek(
  db: Executor,
  week: MeetingWeek,
): Promise<PriorityActivity> {
  const events = await db
    .selectFrom('joint_priority_events')
    .selectAll()
    .where('meeting_week', '=', week)
    .orderBy('id')
    .execute();
  if (events.length === 0) return { week, priorities: [], events: [] };
  const priorities = await selectPriorities(db)
    .where(
      'joint_priorities.id',
      'in',
      db.selectFrom('joint_priority_events').select('priority_id').where('meeting_week', '=', week),
    )
    .orderBy('joint_priorities.id')
    .execute();
  return { week, priorities: priorities.map(toPriority), events: events.map(toEvent) };
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
  const rows = await selectPriorities(db)
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
    .where('joint_priorities.follow_up_date', '=', followUpDate)
    .orderBy('joint_priorities.id')
    .execute();
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
