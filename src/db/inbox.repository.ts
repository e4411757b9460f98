/**
 * All SQL for the inbox: requests that change data, stored before their ack and carried out after it, and the
 * count of each request's response_url posts.
 */

import { sql } from 'kysely';
import type { Executor } from './database.js';

/** A request that changes data, kept from before its ack until it has been carried out (src/kit/pipeline.ts). */
export interface InboxRequest {
  readonly key: string;
  readonly kind: string;
  readonly userId: string;
  readonly payload: unknown;
  readonly receivedAt: Date;
  readonly attempts: number;
}

/** Stores a request once per key, in one statement; true when it is new (a redelivery stores nothing). */
export async function insertRequest(
  db: Executor,
  request: { key: string; kind: string; userId: string; payload: unknown },
): Promise<boolean> {
  const result = await db
    .insertInto('inbox')
    .values({
      key: request.key,
      kind: request.kind,
      user_id: request.userId,
      payload: JSON.stringify(request.payload),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * The request, locked for the caller's transaction, if it is still to be carried out and nobody else holds it
 * (SKIP LOCKED: a replica already at it, or a sweep, is left to it). Null otherwise.
 */
export async function lockUnprocessed(db: Executor, key: string): Promise<InboxRequest | null> {
  const row = await db
    .selectFrom('inbox')
    .select(['key', 'kind', 'user_id', 'payload', 'received_at', 'attempts'])
    .where('key', '=', key)
    .where('processed_at', 'is', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row === undefined
    ? null
    : {
        key: row.key,
        kind: row.kind,
        userId: row.user_id,
        payload: row.payload,
        receivedAt: row.received_at,
        attempts: row.attempts,
      };
}

/** Marks a request carried out and forgets what it held (what the user typed is stored where it belongs). */
export async function markProcessed(db: Executor, key: string, error: string | null = null): Promise<void> {
  await db
    .updateTable('inbox')
    .set({ processed_at: sql`now()`, payload: '{}', error, next_attempt_at: null })
    .where('key', '=', key)
    .execute();
}

/** Counts a failed attempt to carry out a request and when to try again. */
export async function recordAttemptFailed(
  db: Executor,
  key: string,
  retryAt: Date,
  error: string,
): Promise<number> {
  const row = await db
    .updateTable('inbox')
    .set({ attempts: sql`attempts + 1`, next_attempt_at: retryAt, error })
    .where('key', '=', key)
    .where('processed_at', 'is', null)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? 0;
}

/** Keys of requests still to be carried out and due (not waiting for a retry), oldest first. */
export async function listDueRequests(db: Executor, minAgeMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('inbox')
    .select('key')
    .where('processed_at', 'is', null)
    .where('received_at', '<=', sql<Date>`now() - make_interval(secs => ${minAgeMs / 1000})`)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', sql<Date>`now()`)]))
    .orderBy('received_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.key);
}

/** Counts one post to a request's response_url; the count after it. */
export async function countResponsePost(db: Executor, requestKey: string): Promise<number> {
  const row = await db
    .insertInto('response_posts')
    .values({ request_key: requestKey, posts: 1 })
    .onConflict((oc) => oc.column('request_key').doUpdateSet({ posts: sql`response_posts.posts + 1` }))
    .returning('posts')
    .executeTakeFirstOrThrow();
  return row.posts;
}

/** Posts made to a request's response_url so far. */
export async function responsePostsOf(db: Executor, requestKey: string): Promise<number> {
  const row = await db
    .selectFrom('response_posts')
    .select('posts')
    .where('request_key', '=', requestKey)
    .executeTakeFirst();
  return row?.posts ?? 0;
}

/**
 * Forgets requests carried out long ago (their keys only guarded against late redeliveries), and the post counts
 * of response_urls long expired.
 */
export async function deleteProcessedBefore(db: Executor, before: Date): Promise<number> {
  await db.deleteFrom('response_posts').where('created_at', '<', before).execute();
  const result = await db.deleteFrom('inbox').where('processed_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
