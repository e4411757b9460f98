/** All SQL for the display-name cache (`user_names`): read many at once, write one at a time. */

import type { Executor } from './database.js';

export interface StoredUserName {
  readonly name: string;
  readonly fetchedAt: Date;
}

/** The stored names of these users, by id; the ones never fetched are absent. One query. */
export async function getUserNames(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, StoredUserName>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('user_names')
    .select(['user_id', 'display_name', 'fetched_at'])
    .where('user_id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((row) => [row.user_id, { name: row.display_name, fetchedAt: row.fetched_at }]));
}

/** Stores a user's name as Slack gave it now (replacing an older one). */
export async function saveUserName(db: Executor, userId: string, name: string, at: Date): Promise<void> {
  await db
    .insertInto('user_names')
    .values({ user_id: userId, display_name: name, fetched_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ display_name: name, fetched_at: at }))
    .execute();
}

/** Forgets a user's name (their data removed); the next message that names them asks Slack again. */
export async function deleteUserName(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('user_names').where('user_id', '=', userId).execute();
}
