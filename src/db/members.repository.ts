/**
 * All SQL for memberships and admins: who belongs to which party, who administers the bot, and the Actor a
 * request is checked against.
 */

import type { Actor } from '../domain/actor.js';
import { type Executor, inTransaction } from './database.js';

export interface Membership {
  readonly userId: string;
  readonly partyKey: string;
}

/** Adds the admins named in ADMIN_USER_IDS; admins added later with /samverkan stay. */
export async function bootstrapAdmins(db: Executor, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('admins')
    .values(userIds.map((userId) => ({ user_id: userId, added_by: null })))
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

export async function isAdmin(db: Executor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('admins')
    .select('user_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listAdmins(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('admins')
    .select('user_id')
    .orderBy('created_at')
    .orderBy('user_id')
    .execute();
  return rows.map((row) => row.user_id);
}

export async function addAdmin(db: Executor, userId: string, addedBy: string): Promise<boolean> {
  const result = await db
    .insertInto('admins')
    .values({ user_id: userId, added_by: addedBy })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeAdmin(db: Executor, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('admins').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type AdminRemoval = 'removed' | 'notAdmin' | 'last';

/**
 * Removes an admin unless they are the last one. The admin rows are locked first, so two admins removing
 * each other at the same moment cannot leave the cooperation without any.
 */
export async function removeAdminUnlessLast(db: Executor, userId: string): Promise<AdminRemoval> {
  return inTransaction(db, async (trx) => {
    const admins = await trx.selectFrom('admins').select('user_id').forUpdate().execute();
    if (!admins.some((row) => row.user_id === userId)) return 'notAdmin';
    if (admins.length <= 1) return 'last';
    await trx.deleteFrom('admins').where('user_id', '=', userId).execute();
    return 'removed';
  });
}

/** The parties a user belongs to, in the parties' order. */
export async function partiesOfUser(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('parties', 'parties.key', 'members.party_key')
    .select('members.party_key')
    .where('members.user_id', '=', userId)
    .where('parties.active', '=', true)
    .orderBy('parties.sort_order')
    .orderBy('parties.key')
    .execute();
  return rows.map((row) => row.party_key);
}

export async function addMember(db: Executor, membership: Membership, addedBy: string): Promise<boolean> {
  const result = await db
    .insertInto('members')
    .values({ user_id: membership.userId, party_key: membership.partyKey, added_by: addedBy })
    .onConflict((oc) => oc.columns(['user_id', 'party_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a user from one party, or from every party when partyKey is null; returns the parties removed from. */
export async function removeMember(db: Executor, userId: string, partyKey: string | null): Promise<string[]> {
  let query = db.deleteFrom('members').where('user_id', '=', userId);
  if (partyKey !== null) query = query.where('party_key', '=', partyKey);
  const rows = await query.returning('party_key').execute();
  return rows.map((row) => row.party_key);
}

/** Every membership, in the parties' order, for `/samverkan medlemmar` and the reminders. */
export async function listMembers(db: Executor, partyKeys?: readonly string[]): Promise<Membership[]> {
  let query = db
    .selectFrom('members')
    .innerJoin('parties', 'parties.key', 'members.party_key')
    .select(['members.user_id', 'members.party_key'])
    .where('parties.active', '=', true);
  if (partyKeys !== undefined) {
    if (partyKeys.length === 0) return [];
    query = query.where('members.party_key', 'in', partyKeys);
  }
  const rows = await query
    .orderBy('parties.sort_order')
    .orderBy('parties.key')
    .orderBy('members.created_at')
    .orderBy('members.user_id')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, partyKey: row.party_key }));
}

/** Who is acting: their parties and whether they are an admin (two queries, in parallel). */
export async function loadActor(db: Executor, userId: string): Promise<Actor> {
  const [partyKeys, admin] = await Promise.all([partiesOfUser(db, userId), isAdmin(db, userId)]);
  return { userId, partyKeys, isAdmin: admin };
}
