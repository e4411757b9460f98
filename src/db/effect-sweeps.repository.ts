/**
 * The sweeps over effects of every meeting: those Slack refused for good (for the alert), those whose attempt may
 * have been interrupted, and those whose job seems lost (queued again by the scheduler).
 */

import { sql } from 'kysely';
import type { Executor } from './database.js';
import { CLAIM_AGE, EFFECT_COLUMNS, type Effect, type EffectRow, toEffect } from './effects.repository.js';

/** Effects Slack refused for good since `since` (by the app's clock), of any meeting, alerts themselves excepted. */
export async function listFailedEffectsSince(db: Executor, since: Date): Promise<Effect[]> {
  const rows = await db
    .selectFrom('effects')
    .select([...EFFECT_COLUMNS, CLAIM_AGE])
    .where('status', '=', 'failed')
    .where('kind', '<>', 'alert')
    .where('completed_at', '>=', since)
    .orderBy('id')
    .execute();
  return rows.map((row) => toEffect(row as EffectRow));
}

/**
 * The effects whose attempt may have been interrupted: `sending`, claimed longer ago than `leaseMs` (by the
 * database's clock), of the kinds given; oldest first, at most `limit`.
 */
export async function listExpiredClaims(
  db: Executor,
  kinds: { include?: readonly string[]; exclude?: readonly string[] },
  leaseMs: number,
  limit: number,
): Promise<Effect[]> {
  let query = db
    .selectFrom('effects')
    .select([...EFFECT_COLUMNS, CLAIM_AGE])
    .where('status', '=', 'sending')
    .where('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${leaseMs / 1000})`);
  if (kinds.include !== undefined) query = query.where('kind', 'in', kinds.include);
  if (kinds.exclude !== undefined && kinds.exclude.length > 0)
    query = query.where('kind', 'not in', kinds.exclude);
  const rows = await query.orderBy('claimed_at').limit(limit).execute();
  return rows.map((row) => toEffect(row as EffectRow));
}

/** Whether an effect's stored job was started outside any time window (an operator's run, an asked report). */
const RUN_OUTSIDE_WINDOW = sql<boolean>`coalesce(job->>'ignoreWindow' = 'true', false)`;

/**
 * The effects whose job seems lost that the scheduler's healing acts on, oldest first, at most `limit`, those
 * run outside any window (an operator's, a report someone asked for) before the others:
 * - run outside any window: `pending` for longer than `pendingAgeMs`, or `sending` with a claim older than
 *   `leaseMs` (by the database's clock); healed by running the job again;
 * - started by the clock: `sending` with a claim older than `leaseMs` but younger than `lookupHorizonMs`; settled
 *   by a lookup. Older ones are left as they are, so what a lookup cannot settle never crowds out the rest.
 * Replies excepted (the outbox's).
 */
export async function listStalledJobs(
  db: Executor,
  options: {
    excludeKinds: readonly string[];
    leaseMs: number;
    pendingAgeMs: number;
    lookupHorizonMs: number;
    limit: number;
  },
): Promise<Effect[]> {
  const ago = (ms: number) => sql<Date>`now() - make_interval(secs => ${ms / 1000})`;
  const rows = await db
    .selectFrom('effects')
    .select([...EFFECT_COLUMNS, CLAIM_AGE])
    .where('job', 'is not', null)
    .where('kind', 'not in', options.excludeKinds)
    .where((eb) => {
      const claimExpired = eb.and([
        eb('status', '=', 'sending'),
        eb('claimed_at', '<', ago(options.leaseMs)),
      ]);
      return eb.or([
        eb.and([
          eb(RUN_OUTSIDE_WINDOW, '=', true),
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('created_at', '<', ago(options.pendingAgeMs))]),
            claimExpired,
          ]),
        ]),
        eb.and([claimExpired, eb('claimed_at', '>', ago(options.lookupHorizonMs))]),
      ]);
    })
    .orderBy(RUN_OUTSIDE_WINDOW, 'desc')
    .orderBy('id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => toEffect(row as EffectRow));
}
