/**
 * Changes to joint priorities: creating, editing, following up and closing one. Every change is written together
 * with its history event in one transaction, on the locked priority, once per idempotency key.
 */

import { sql, type Transaction } from 'kysely';
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
import type { MeetingWeek } from '../domain/schedule.js';
import { type Database, type Executor, inTransaction } from './database.js';
import { selectPriorities, toPriority } from './priorities.repository.js';

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
