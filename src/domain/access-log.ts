/**
 * The behörighetslogg's vocabulary: who read, exported or changed what, and how. A record holds identifiers
 * only — ids, keys, weeks, codes — never what anyone wrote; `checkAccessRecord` refuses a string that looks like
 * prose, so free text cannot reach the log even through a careless caller.
 */

import type { MeetingWeek } from './schedule.js';

export type AccessAction = 'read' | 'export' | 'change';
/** `refused`: the attempt was turned away (a non-admin's admin command); the attempt itself is logged. */
export type AccessOutcome = 'ok' | 'refused';
export type AccessResource =
  | 'entry'
  | 'picture'
  | 'status'
  | 'priority'
  | 'note'
  | 'member'
  | 'admin'
  | 'party'
  | 'area'
  | 'meeting'
  | 'report'
  | 'home'
  | 'access_log'
  | 'register_extract'
  | 'retention';
/** The path: a slash command, a button, a modal, a direct message, App Home, a report, the CLI, the schedule, a Slack event. */
export type AccessVia =
  | 'kommando'
  | 'knapp'
  | 'modal'
  | 'dm'
  | 'hem'
  | 'rapport'
  | 'cli'
  | 'schema'
  | 'handelse';
export type AccessFormat = 'slack' | 'text' | 'csv' | 'json' | 'xlsx' | 'pdf' | 'png';

export const ACCESS_RESOURCES: readonly AccessResource[] = [
  'entry',
  'picture',
  'status',
  'priority',
  'note',
  'member',
  'admin',
  'party',
  'area',
  'meeting',
  'report',
  'home',
  'access_log',
  'register_extract',
  'retention',
];

/** The actor of the bot's own scheduled work. */
export const SYSTEM_ACTOR = 'system';

/** The actor of a CLI run: `cli:<os user>`, with the user name reduced to what the log accepts. */
export function cliActor(osUser: string): string {
  const name = osUser.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64);
  return `cli:${name === '' ? 'okand' : name}`;
}

/**
 * Further identifiers of a record: a closed set, each a number, a flag or a code (no spaces, at most 64
 * characters). Add a field here when a path needs one; never a field for text someone wrote.
 */
export interface AccessDetail {
  /** The subcommand asked for, e.g. `logg`, `radera`, `medlem` (for a refused attempt). */
  readonly command?: string;
  /** A category: why access ended (`avaktiverad`), what a retention batch purged (`iakttagelser`, `logg`). */
  readonly reason?: string;
  readonly kind?: string;
  /** Which fields a change touched: `text`, `place`, `status`, … */
  readonly fields?: readonly string[];
  readonly status?: string;
  readonly areaKeys?: readonly string[];
  readonly partyKeys?: readonly string[];
  readonly weeks?: readonly MeetingWeek[];
  /** How many rows were shown, exported or changed. */
  readonly count?: number;
  readonly page?: number;
  /** A cut-off instant (ISO) or week. */
  readonly before?: string;
  readonly beforeWeek?: MeetingWeek;
  readonly admin?: boolean;
  readonly dryRun?: boolean;
  /** The effect (its row's id) a report went out as: one export row per report, however often it is retried. */
  readonly effect?: number;
}

/** What a path records. Only `actorUserId`, `action`, `resource` and `via` are required. */
export interface AccessRecord {
  /** A Slack user id, `system` or `cli:<os user>`. */
  readonly actorUserId: string;
  readonly action: AccessAction;
  /** Default `ok`. */
  readonly outcome?: AccessOutcome;
  readonly resource: AccessResource;
  readonly via: AccessVia;
  readonly meetingWeek?: MeetingWeek | null;
  readonly partyKey?: string | null;
  readonly entryIds?: readonly number[] | null;
  readonly priorityId?: number | null;
  /** The member or admin acted on. */
  readonly subjectUserId?: string | null;
  /** A report's or a log query's period, e.g. `2026-01-01..2026-03-31`, `2026-Q3`. */
  readonly period?: string | null;
  readonly format?: AccessFormat | null;
  readonly detail?: AccessDetail;
}

/** A row of the log as read back. */
export interface AccessLogEntry {
  readonly id: number;
  readonly at: Date;
  readonly actorUserId: string;
  readonly action: AccessAction;
  readonly outcome: AccessOutcome;
  readonly resource: AccessResource;
  readonly via: AccessVia;
  readonly meetingWeek: MeetingWeek | null;
  readonly partyKey: string | null;
  readonly entryIds: readonly number[];
  readonly priorityId: number | null;
  readonly subjectUserId: string | null;
  readonly period: string | null;
  readonly format: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Which rows to read: all filters optional and combined. */
export interface AccessQuery {
  /** Only what this user did. */
  readonly actorUserId?: string;
  /** From this instant (inclusive). */
  readonly from?: Date;
  /** Until this instant (exclusive). */
  readonly to?: Date;
  /** Only rows about this meeting. */
  readonly week?: MeetingWeek;
}

/** Thrown for a record that carries something other than identifiers: a bug in the calling path. */
export class AccessRecordError extends Error {
  constructor(field: string) {
    super(`access log: ${field} is not an identifier`);
    this.name = 'AccessRecordError';
  }
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9:._+-]{0,63}$/;
const USER = /^[A-Z][A-Z0-9]{2,31}$/;
const ACTOR = /^(system|cli:[A-Za-z0-9._-]{1,64}|[A-Z][A-Z0-9]{2,31})$/;
const WEEK = /^\d{4}-W\d{2}$/;

/** Whether a string is an identifier (no spaces, short): what the log may hold. */
export function isCode(value: string): boolean {
  return CODE.test(value);
}

/** Throws AccessRecordError unless every field of the record is an identifier; the database checks again. */
export function checkAccessRecord(record: AccessRecord): void {
  const check = (field: string, ok: boolean) => {
    if (!ok) throw new AccessRecordError(field);
  };
  check('actorUserId', ACTOR.test(record.actorUserId));
  if (record.meetingWeek != null) check('meetingWeek', WEEK.test(record.meetingWeek));
  if (record.partyKey != null) check('partyKey', /^[a-z0-9][a-z0-9-]{0,63}$/.test(record.partyKey));
  if (record.subjectUserId != null) check('subjectUserId', USER.test(record.subjectUserId));
  if (record.period != null) check('period', CODE.test(record.period));
  for (const id of record.entryIds ?? []) check('entryIds', Number.isInteger(id));
  if (record.priorityId != null) check('priorityId', Number.isInteger(record.priorityId));
  for (const [key, value] of Object.entries(record.detail ?? {})) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of values) {
      const ok =
        item === null ||
        typeof item === 'boolean' ||
        (typeof item === 'number' && Number.isFinite(item)) ||
        (typeof item === 'string' && CODE.test(item));
      check(`detail.${key}`, ok);
    }
  }
}
