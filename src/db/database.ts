/**
 * The Database interface every repository is typed by (one interface per table, as the migrations leave it),
 * the Postgres connection with `date` columns kept as strings, and transactions that compose.
 */

import {
  type ColumnType,
  type Generated,
  Kysely,
  type LogEvent,
  PostgresDialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { AccessAction, AccessOutcome, AccessResource, AccessVia } from '../domain/access-log.js';
import type { Assessment, EntrySource, Trend } from '../domain/entry.js';
import type { MeetingNoteKind } from '../domain/minutes.js';

/** A timestamptz column: read as Date, written as Date or ISO string, defaulted by the database. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column, read and written as `YYYY-MM-DD` (see the type parser below). */
type DateColumn = string;

export interface PartyTable {
  key: string;
  name: string;
  /** Lower-case words people type for the party, e.g. `kommun`. */
  aliases: Generated<string[]>;
  sort_order: number;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PriorityAreaTable {
  key: string;
  name: string;
  /** Lower-case words people type for the area, e.g. `trafik`. */
  aliases: string[];
  sort_order: number;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface MemberTable {
  user_id: string;
  party_key: string;
  added_by: string | null;
  created_at: CreatedAt;
}

export interface AdminTable {
  user_id: string;
  added_by: string | null;
  created_at: CreatedAt;
}

export interface EntryTable {
  id: Generated<number>;
  meeting_week: string;
  party_key: string;
  area_key: string;
  text: string;
  place: string | null;
  when_text: string | null;
  trend: Trend | null;
  author_user_id: string;
  source: EntrySource;
  /** One entry per submission: a modal's key, a slash command's trigger, a chat message's ts. */
  idempotency_key: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  removed_at: Date | null;
  removed_by: string | null;
  /** When the free text (text, place, when) was blanked by gallring or on request; the row still counts. */
  purged_at: Date | null;
  purged_by: string | null;
  /** An admin's note on why the text was removed on request; never copied to the access log. */
  purge_reason: string | null;
}

export interface PartyReportTable {
  meeting_week: string;
  party_key: string;
  nothing_to_report: Generated<boolean>;
  assessment: Assessment | null;
  updated_by: string;
  updated_at: UpdatedAt;
}

export interface MeetingTable {
  /** An admin's decisions about one meeting and its picture's lock; absent means the schedule decides. */
  week: string;
  /** Cancelled or held by an admin's decision; null: the schedule and the holiday rule decide. */
  cancelled: boolean | null;
  reason: string | null;
  /** Who cancelled or resumed it; null on a row made only by a move or the lock. */
  changed_by: string | null;
  changed_at: UpdatedAt;
  /** Moved by an admin to this start (within its week); null: the schedule's day and time. */
  starts_at: Date | null;
  moved_by: string | null;
  moved_at: Date | null;
  /** When the compiled picture locked the week's lägesbild (at the start, or earlier when forced). */
  picture_locked_at: Date | null;
}

/**
 * `pending`: recorded with its message, not yet tried (a reply, sent after the ack); `sending`: claimed, and Slack
 * has not (yet) confirmed the message; `done`: posted; `failed`: refused for good.
 */
export type EffectStatus = 'pending' | 'sending' | 'done' | 'failed';

export interface EffectTable {
  id: Generated<number>;
  meeting_week: string;
  /** What the effect is: `agenda`, `call`, `lastcall`, `compile`, … */
  kind: string;
  /** Whom or where: a channel, a user, a message part. */
  target: string;
  status: EffectStatus;
  /** When the current attempt claimed it, by the database's clock; the lease of a `sending` effect runs from here. */
  claimed_at: Date | null;
  channel_id: string | null;
  message_ts: string | null;
  error: string | null;
  /** For a message kept up to date (the live agenda): a hash of what it shows now. */
  content_hash: string | null;
  /** When it was recorded or first claimed, by the database's clock: the sweeps compare it with now(). */
  created_at: CreatedAt;
  completed_at: UpdatedAt;
  /** Where it goes, stored when it is claimed or recorded: a channel, or a user's direct messages. */
  place_channel_id: string | null;
  place_user_id: string | null;
  /** For the weekly cycle's effects: the job (and its options) that does it again, for healing. */
  job: JsonColumn | null;
  /** For a recorded reply: the message and how to deliver it. */
  payload: JsonColumn | null;
  /** The request (inbox key) a reply answers, so its replies go out in order. */
  request_key: string | null;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
}

/** A jsonb column: read as parsed JSON, written as a JSON string. */
type JsonColumn = ColumnType<unknown, string, string>;

export interface InboxTable {
  id: Generated<string>;
  /** Derived from the request: a redelivery of the same request adds nothing. */
  key: string;
  /** Which handler carries it out, e.g. `command:/lagesbild`. */
  kind: string;
  user_id: string;
  /** What the handler needs; emptied once carried out. */
  payload: JsonColumn;
  received_at: CreatedAt;
  processed_at: Date | null;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  error: string | null;
}

/** Posts made to a request's response_url (Slack takes five within 30 minutes). */
export interface ResponsePostsTable {
  request_key: string;
  posts: Generated<number>;
  created_at: CreatedAt;
}

export type PriorityStatus = 'aktiv' | 'genomford' | 'avbruten';

export interface JointPriorityTable {
  id: Generated<number>;
  title: string;
  description: string | null;
  contact_user_id: string | null;
  agreed_week: string;
  follow_up_date: DateColumn;
  effect_short: string | null;
  effect_long: string | null;
  /** The year's medborgarlöfte this priority belongs to, as free text; null when none. */
  citizen_promise: string | null;
  status: PriorityStatus;
  created_by: string;
  idempotency_key: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface JointPriorityAreaTable {
  priority_id: number;
  area_key: string;
}

export interface JointPriorityPartyTable {
  priority_id: number;
  party_key: string;
}

export type PriorityEventKind = 'skapad' | 'andrad' | 'status' | 'uppfoljning';

export interface JointPriorityEventTable {
  id: Generated<number>;
  priority_id: number;
  kind: PriorityEventKind;
  actor_user_id: string;
  meeting_week: string;
  note: string | null;
  /** What changed, `{ field: { from, to } }`; empty for a plain note. */
  changes: ColumnType<Record<string, unknown>, string, string>;
  idempotency_key: string | null;
  created_at: CreatedAt;
}

/** The behörighetslogg: append-only (a trigger), `at` by the database's clock (never written by the app). */
export interface AccessLogTable {
  id: Generated<string>;
  at: ColumnType<Date, never, never>;
  actor_user_id: string;
  action: AccessAction;
  outcome: AccessOutcome;
  resource: AccessResource;
  meeting_week: string | null;
  party_key: string | null;
  entry_ids: number[] | null;
  priority_id: number | null;
  subject_user_id: string | null;
  period: string | null;
  format: string | null;
  via: AccessVia;
  detail: ColumnType<Record<string, unknown>, string, never>;
}

/** What the reports need of a week's observations, kept when their free text is purged. */
export interface ObservationStatisticsTable {
  meeting_week: string;
  party_key: string;
  area_key: string;
  entry_count: number;
  trend_okar: number;
  trend_oforandrat: number;
  trend_minskar: number;
  trend_none: number;
  computed_at: UpdatedAt;
}

/** One scheduled retention run per local day, claimed by one instance. */
export interface RetentionRunTable {
  day: DateColumn;
  claimed_at: UpdatedAt;
  attempts: Generated<number>;
  finished_at: Date | null;
  entries_purged: number | null;
  log_rows_purged: number | null;
  error: string | null;
}

/** A user's display name from users.info, to name people without mentioning them (src/services/user-names.ts). */
export interface UserNameTable {
  user_id: string;
  display_name: string;
  fetched_at: UpdatedAt;
}

/** A decision or note in a meeting's minutes (`/protokoll`); only added to. */
export interface MeetingNoteTable {
  id: Generated<number>;
  meeting_week: string;
  kind: MeetingNoteKind;
  text: string;
  author_user_id: string;
  idempotency_key: string;
  created_at: CreatedAt;
}

/** A party marked present at a meeting. */
export interface MeetingAttendanceTable {
  meeting_week: string;
  party_key: string;
  marked_by: string;
  marked_at: CreatedAt;
}

export interface Database {
  parties: PartyTable;
  priority_areas: PriorityAreaTable;
  members: MemberTable;
  admins: AdminTable;
  entries: EntryTable;
  party_reports: PartyReportTable;
  meetings: MeetingTable;
  effects: EffectTable;
  inbox: InboxTable;
  response_posts: ResponsePostsTable;
  joint_priorities: JointPriorityTable;
  joint_priority_areas: JointPriorityAreaTable;
  joint_priority_parties: JointPriorityPartyTable;
  joint_priority_events: JointPriorityEventTable;
  access_log: AccessLogTable;
  observation_statistics: ObservationStatisticsTable;
  retention_runs: RetentionRunTable;
  user_names: UserNameTable;
  meeting_notes: MeetingNoteTable;
  meeting_attendance: MeetingAttendanceTable;
}

export type Db = Kysely<Database>;
/** What a repository function takes first: the database or a transaction on it. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** Runs `work` in a transaction, or in the caller's when it already is one: repositories compose. */
export function inTransaction<T>(db: Executor, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

export interface DatabaseOptions {
  /** Called for every query; the benchmark counts queries per render with it. Never logs parameters. */
  onQuery?: (event: LogEvent) => void;
  poolSize?: number;
  /**
   * Told when an idle connection fails (Postgres restarted, the network dropped): the app logs it. The error
   * is only passed on; it must be logged with errorFields, never whole (it may carry the connection's details).
   */
  onIdleError?: (error: Error) => void;
}

const DATE_OID = 1082;

export function createDatabase(url: string, options: DatabaseOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    // `date` columns stay `YYYY-MM-DD` strings: a Date would shift with the server's time zone.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID
          ? (value: string) => value
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.onIdleError?.(error));
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: options.onQuery,
  });
}

/** Whether Postgres answers; used by /health. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    return true;
  } catch {
    return false;
  }
}
