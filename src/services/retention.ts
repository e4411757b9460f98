/**
 * Gallring as the organisation decided it: keeps the statistics the reports need, then blanks the free text of
 * old observations, batch by batch, and purges the access log past its own retention — each step written to the
 * access log. Nothing happens while the settings are unset.
 *
 * Each batch is one transaction: statistics first, then the blanking, then its log row. A process killed halfway
 * loses only its open batch, which rolls back whole; the next run finds exactly what is left.
 */

import type { Config } from '../config.js';
import { countAccessLogBefore, purgeAccessLogBefore, recordAccess } from '../db/access-log.repository.js';
import type { Db, Executor } from '../db/database.js';
import {
  blankEntries,
  claimRetentionDay,
  countPurgeCandidates,
  finishRetentionDay,
  lockPurgeBatch,
  upsertObservationStatistics,
} from '../db/retention.repository.js';
import { type AccessVia, SYSTEM_ACTOR } from '../domain/access-log.js';
import {
  isRetentionConfigured,
  type RetentionSettings,
  retentionCutoffs,
  retentionDueDay,
} from '../domain/retention.js';
import type { MeetingWeek } from '../domain/schedule.js';

export type RetentionConfig = Pick<Config, 'schedule'> & { readonly retention: RetentionSettings };

export interface RetentionOptions {
  /** Report what would go, change nothing (and log nothing). */
  readonly dryRun?: boolean;
  /** Who runs it: `system` for the schedule (default), `cli:<os user>` for `gallra`. */
  readonly actorUserId?: string;
  /** Default `schema`. */
  readonly via?: AccessVia;
  /** Entries per batch (transaction). */
  readonly batchSize?: number;
  /** Tests only: runs in each batch's transaction after its statistics are written, before the text goes. */
  readonly afterStatistics?: (trx: Executor, batch: number) => Promise<void>;
}

export interface RetentionReport {
  /** False: no GALLRING_* is set, nothing was looked at. */
  readonly configured: boolean;
  readonly dryRun: boolean;
  /** Null when observations are kept (GALLRING_IAKTTAGELSER_MANADER unset). */
  readonly observations: {
    /** Entries of meetings before this week were (or would be) blanked. */
    readonly beforeWeek: MeetingWeek;
    readonly entries: number;
    /** The weeks concerned, oldest first. */
    readonly weeks: readonly MeetingWeek[];
  } | null;
  /** Null when the log is kept (GALLRING_LOGG_MANADER unset). */
  readonly accessLog: { readonly before: Date; readonly rows: number } | null;
}

export const DEFAULT_RETENTION_BATCH = 500;

/** Runs (or, with `dryRun`, shows) the retention at `now`. Safe beside another run: batches skip locked rows. */
export async function runRetention(
  db: Db,
  config: RetentionConfig,
  now: Date,
  options: RetentionOptions = {},
): Promise<RetentionReport> {
  const dryRun = options.dryRun ?? false;
  if (!isRetentionConfigured(config.retention))
    return { configured: false, dryRun, observations: null, accessLog: null };
  const cutoffs = retentionCutoffs(now, config.retention, config.schedule);

  if (dryRun) {
    const observations =
      cutoffs.observationsBeforeWeek === null
        ? null
        : {
            beforeWeek: cutoffs.observationsBeforeWeek,
            ...(await countPurgeCandidates(db, cutoffs.observationsBeforeWeek)),
          };
    const accessLog =
      cutoffs.accessLogBefore === null
        ? null
        : { before: cutoffs.accessLogBefore, rows: await countAccessLogBefore(db, cutoffs.accessLogBefore) };
    return { configured: true, dryRun, observations, accessLog };
  }

  const actorUserId = options.actorUserId ?? SYSTEM_ACTOR;
  const via = options.via ?? 'schema';
  const observations =
    cutoffs.observationsBeforeWeek === null
      ? null
      : await purgeObservations(db, cutoffs.observationsBeforeWeek, { ...options, actorUserId, via });
  const accessLog =
    cutoffs.accessLogBefore === null
      ? null
      : {
          before: cutoffs.accessLogBefore,
          rows: await purgeLog(db, cutoffs.accessLogBefore, actorUserId, via),
        };
  return { configured: true, dryRun, observations, accessLog };
}

async function purgeObservations(
  db: Db,
  beforeWeek: MeetingWeek,
  options: RetentionOptions & { readonly actorUserId: string; readonly via: AccessVia },
): Promise<NonNullable<RetentionReport['observations']>> {
  const batchSize = options.batchSize ?? DEFAULT_RETENTION_BATCH;
  let entries = 0;
  const allWeeks = new Set<MeetingWeek>();
  for (let batch = 1; ; batch += 1) {
    const done = await db.transaction().execute(async (trx) => {
      const candidates = await lockPurgeBatch(trx, beforeWeek, batchSize);
      if (candidates.length === 0) return null;
      const weeks = [...new Set(candidates.map((c) => c.meetingWeek))];
      const ids = candidates.map((c) => c.id);
      // The counts are safe before a single text goes.
      await upsertObservationStatistics(trx, weeks);
      await options.afterStatistics?.(trx, batch);
      const blanked = await blankEntries(trx, ids, options.actorUserId);
      await recordAccess(trx, {
        actorUserId: options.actorUserId,
        action: 'change',
        resource: 'retention',
        via: options.via,
        entryIds: ids,
        detail: { reason: 'iakttagelser', count: blanked, weeks, beforeWeek },
      });
      return { blanked, weeks };
    });
    if (done === null) break;
    entries += done.blanked;
    for (const week of done.weeks) allWeeks.add(week);
  }
  return { beforeWeek, entries, weeks: [...allWeeks].sort() };
}

async function purgeLog(db: Db, before: Date, actorUserId: string, via: AccessVia): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await purgeAccessLogBefore(trx, before);
    if (rows > 0)
      await recordAccess(trx, {
        actorUserId,
        action: 'change',
        resource: 'retention',
        via,
        detail: { reason: 'logg', count: rows, before: before.toISOString() },
      });
    return rows;
  });
}

export type ScheduledRetention =
  | { readonly status: 'not-configured' }
  /** Before the day's hour (RETENTION_LOCAL_HOUR), or another instance has (or is doing) today's run. */
  | { readonly status: 'not-due' | 'claimed-elsewhere' }
  | { readonly status: 'done'; readonly day: string; readonly report: RetentionReport };

/**
 * For the scheduler's tick (any instance, any minute): runs the day's retention exactly once across instances.
 * The day is claimed in `retention_runs`; a run that fails records its error code and is retried by the next
 * tick after the claim's lease (RETENTION_LEASE_MINUTES), and the error is thrown for the caller to log.
 */
export async function runScheduledRetention(
  db: Db,
  config: RetentionConfig,
  now: Date,
): Promise<ScheduledRetention> {
  if (!isRetentionConfigured(config.retention)) return { status: 'not-configured' };
  const day = retentionDueDay(now, config.schedule.timezone);
  if (day === null) return { status: 'not-due' };
  if (!(await claimRetentionDay(db, day))) return { status: 'claimed-elsewhere' };
  try {
    const report = await runRetention(db, config, now);
    await finishRetentionDay(db, day, {
      entriesPurged: report.observations?.entries ?? 0,
      logRowsPurged: report.accessLog?.rows ?? 0,
    });
    return { status: 'done', day, report };
  } catch (error) {
    await finishRetentionDay(db, day, { error: errorCode(error) }).catch(() => {});
    throw error;
  }
}

/** A Postgres SQLSTATE or the error's class name: never its message, which may quote data. */
function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
