/** All SQL for the meeting's minutes: notes and decisions (`meeting_notes`) and attendance (`meeting_attendance`). */

import type { MeetingNote, MeetingNoteKind, Minutes } from '../domain/minutes.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { type Executor, inTransaction } from './database.js';

/**
 * Adds a note or decision to a meeting's minutes, once per idempotency key (the stored request or the form): a
 * repeated delivery finds the first and returns `created: false`.
 */
export async function addMeetingNote(
  db: Executor,
  note: {
    readonly week: MeetingWeek;
    readonly kind: MeetingNoteKind;
    readonly text: string;
    readonly authorUserId: string;
    readonly idempotencyKey: string;
    readonly at: Date;
  },
): Promise<{ note: MeetingNote; created: boolean }> {
  const inserted = await db
    .insertInto('meeting_notes')
    .values({
      meeting_week: note.week,
      kind: note.kind,
      text: note.text,
      author_user_id: note.authorUserId,
      idempotency_key: note.idempotencyKey,
      created_at: note.at,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  const row =
    inserted ??
    (await db
      .selectFrom('meeting_notes')
      .selectAll()
      .where('idempotency_key', '=', note.idempotencyKey)
      .executeTakeFirstOrThrow());
  return {
    note: {
      id: row.id,
      week: row.meeting_week,
      kind: row.kind,
      text: row.text,
      authorUserId: row.author_user_id,
      createdAt: row.created_at,
    },
    created: inserted !== undefined,
  };
}

/**
 * The minutes of a meeting: its notes (and those of `alsoWeeks`, the cancelled meetings its summary carries),
 * oldest first, and the parties marked present at it, in the parties' order. Two queries.
 */
export async function getMinutes(
  db: Executor,
  week: MeetingWeek,
  alsoWeeks: readonly MeetingWeek[] = [],
): Promise<Minutes> {
  const [notes, present] = await Promise.all([
    db
      .selectFrom('meeting_notes')
      .selectAll()
      .where('meeting_week', 'in', [week, ...alsoWeeks])
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    listPresent(db, week),
  ]);
  return {
    notes: notes.map((row) => ({
      id: row.id,
      week: row.meeting_week,
      kind: row.kind,
      text: row.text,
      authorUserId: row.author_user_id,
      createdAt: row.created_at,
    })),
    presentPartyKeys: present,
  };
}

/** The parties marked present at a meeting, in the parties' order. One query. */
export async function listPresent(db: Executor, week: MeetingWeek): Promise<string[]> {
  const rows = await db
    .selectFrom('meeting_attendance as a')
    .innerJoin('parties as p', 'p.key', 'a.party_key')
    .select('a.party_key')
    .where('a.meeting_week', '=', week)
    .orderBy('p.sort_order')
    .orderBy('p.key')
    .execute();
  return rows.map((row) => row.party_key);
}

/** Marks parties present at a meeting; returns those that were not marked before. */
export async function markPresent(
  db: Executor,
  week: MeetingWeek,
  partyKeys: readonly string[],
  act: { readonly userId: string; readonly at: Date },
): Promise<string[]> {
  if (partyKeys.length === 0) return [];
  const rows = await db
    .insertInto('meeting_attendance')
    .values(
      partyKeys.map((party_key) => ({
        meeting_week: week,
        party_key,
        marked_by: act.userId,
        marked_at: act.at,
      })),
    )
    .onConflict((oc) => oc.columns(['meeting_week', 'party_key']).doNothing())
    .returning('party_key')
    .execute();
  return rows.map((row) => row.party_key);
}

/**
 * Sets exactly which parties were present (the attendance form): marks the new ones, unmarks the others.
 * Returns what changed.
 */
export async function setAttendance(
  db: Executor,
  week: MeetingWeek,
  partyKeys: readonly string[],
  act: { readonly userId: string; readonly at: Date },
): Promise<{ added: string[]; removed: string[] }> {
  return inTransaction(db, async (trx) => {
    let remove = trx.deleteFrom('meeting_attendance').where('meeting_week', '=', week);
    if (partyKeys.length > 0) remove = remove.where('party_key', 'not in', [...partyKeys]);
    const removed = await remove.returning('party_key').execute();
    const added = await markPresent(trx, week, partyKeys, act);
    return { added, removed: removed.map((row) => row.party_key) };
  });
}
