/**
 * The reply outbox: replies recorded as `pending` effects in the transaction of the change they confirm, and the
 * queries that find them again to send them after the commit (src/effects/replies.ts).
 */

import { sql } from 'kysely';
import type { EffectKey, Place } from '../domain/effect.js';
import type { Executor } from './database.js';
import {
  CLAIM_AGE,
  EFFECT_COLUMNS,
  type Effect,
  type EffectRow,
  placeColumns,
  toEffect,
} from './effects.repository.js';

/** A reply to record in the transaction of the change it confirms: sent after the commit (src/effects/replies.ts). */
export interface NewReply {
  readonly key: EffectKey;
  readonly place: Place;
  readonly payload: unknown;
  readonly requestKey: string;
  readonly at: Date;
}

/** Records replies as `pending`; a repeat of the same request records nothing new. Returns the keys recorded. */
export async function recordReplies(db: Executor, replies: readonly NewReply[]): Promise<void> {
  if (replies.length === 0) return;
  await db
    .insertInto('effects')
    .values(
      replies.map((reply) => ({
        meeting_week: reply.key.meetingWeek,
        kind: reply.key.kind,
        target: reply.key.target,
        status: 'pending' as const,
        ...placeColumns(reply.place),
        payload: JSON.stringify(reply.payload),
        request_key: reply.requestKey,
        // created_at is left to the database's clock, the one the sweep compares it with.
        completed_at: reply.at,
      })),
    )
    .onConflict((oc) => oc.constraint('effects_key').doNothing())
    .execute();
}

/** A request's replies, in the order they were recorded. */
export async function listRepliesOf(db: Executor, requestKey: string): Promise<Effect[]> {
  const rows = await db
    .selectFrom('effects')
    .select([...EFFECT_COLUMNS, CLAIM_AGE])
    .where('request_key', '=', requestKey)
    .orderBy('id')
    .execute();
  return rows.map((row) => toEffect(row as EffectRow));
}

/**
 * Replies that are due to be sent: `pending` since at least `minAgeMs` and not waiting for a later attempt, or
 * `sending` with a claim older than `leaseMs`; oldest first, at most `limit`.
 */
export async function listDueReplies(
  db: Executor,
  kinds: readonly string[],
  options: { minAgeMs: number; leaseMs: number; limit: number },
): Promise<Effect[]> {
  const rows = await db
    .selectFrom('effects')
    .select([...EFFECT_COLUMNS, CLAIM_AGE])
    .where('kind', 'in', kinds)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'pending'),
          eb('created_at', '<=', sql<Date>`now() - make_interval(secs => ${options.minAgeMs / 1000})`),
          eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', sql<Date>`now()`)]),
        ]),
        eb.and([
          eb('status', '=', 'sending'),
          eb('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${options.leaseMs / 1000})`),
          eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', sql<Date>`now()`)]),
        ]),
      ]),
    )
    .orderBy('id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => toEffect(row as EffectRow));
}
