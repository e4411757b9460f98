/**
 * `/samverkan logg` for admins: one page of the behörighetslogg, newest first, within one message (Slack's
 * 50 blocks and 3000 characters per section), and a "Nästa sida" button whose value carries the filter and
 * the keyset cursor, so the next page continues exactly after the last row shown.
 */

import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { type AccessLogEntry, SYSTEM_ACTOR } from '../domain/access-log.js';
import type { AccessLogFilter } from '../domain/access-log-query.js';
import { sv } from '../i18n/sv.js';
import { button, context, header, LIMITS, packLines, type SlackMessage, section } from './blocks.js';
import { mention } from './mrkdwn.js';

/** The "Nästa sida" button's action id; its value is encodeAccessLogCursor(…). */
export const ACCESS_LOG_NEXT_ACTION = 'samverkan_logg_nasta';

/** Rows per page: a page of the longest lines stays well within one message. */
export const ACCESS_LOG_PAGE_SIZE = 30;

/** At most this many entry ids are listed on a line; the rest are counted. */
const MAX_IDS = 5;

const cursorSchema = z.object({
  before: z.number().int().positive(),
  page: z.number().int().positive(),
  userId: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/)
    .optional(),
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/)
    .optional(),
  fromDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  toDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

/** What the button carries: the filter, the cursor (the last row's id) and the number of the page it opens. */
export type AccessLogCursor = z.infer<typeof cursorSchema>;

export function encodeAccessLogCursor(cursor: AccessLogCursor): string {
  return JSON.stringify(cursor);
}

/** The button's value read back, or null when it is not one of ours. */
export function decodeAccessLogCursor(value: string): AccessLogCursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function filterOfCursor(cursor: AccessLogCursor): AccessLogFilter {
  const { userId, week, fromDate, toDate } = cursor;
  return {
    ...(userId === undefined ? {} : { userId }),
    ...(week === undefined ? {} : { week }),
    ...(fromDate === undefined ? {} : { fromDate, toDate: toDate ?? fromDate }),
  };
}

export interface AccessLogPageInput {
  readonly rows: readonly AccessLogEntry[];
  readonly filter: AccessLogFilter;
  /** From listAccess: the cursor of the next page, null on the last. */
  readonly nextBefore: number | null;
  /** 1 for the first page. */
  readonly page: number;
  readonly timezone: string;
}

/** Who acted, as Slack shows it: a mention for a user, words for the bot and the CLI. */
function actorText(actorUserId: string): string {
  if (actorUserId === SYSTEM_ACTOR) return sv.dataskydd.log.system;
  if (actorUserId.startsWith('cli:')) return sv.dataskydd.log.cliActor(actorUserId.slice(4));
  return mention(actorUserId);
}

/**
 * One row in words: when, who, what, about what, and how. Shared by Slack (`user` makes mentions) and the CLI's
 * text export (`user` gives the plain id). Everything in a row is an identifier, so nothing needs escaping.
 */
export function describeAccess(
  row: AccessLogEntry,
  timezone: string,
  user: (userId: string) => string = mention,
): string {
  const t = sv.dataskydd.log;
  const time = DateTime.fromJSDate(row.at, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm');
  const actor =
    row.actorUserId === SYSTEM_ACTOR || row.actorUserId.startsWith('cli:')
      ? actorText(row.actorUserId)
      : user(row.actorUserId);
  const what =
    row.outcome === 'refused' ? t.refused(row.action, row.resource) : t.action(row.action, row.resource);
  const detail = row.detail;
  const parts = [
    typeof detail.command === 'string' ? t.command(detail.command) : null,
    typeof detail.reason === 'string' ? t.reason(detail.reason) : null,
    row.meetingWeek === null ? null : t.week(row.meetingWeek),
    row.partyKey,
    row.entryIds.length === 0 ? null : t.entries(row.entryIds, MAX_IDS),
    row.priorityId === null ? null : t.priority(row.priorityId),
    row.subjectUserId === null ? null : t.subject(user(row.subjectUserId)),
    row.period === null ? null : t.period(row.period),
    row.format === null ? null : t.format(row.format),
    typeof detail.count === 'number' ? t.count(detail.count) : null,
    t.via(row.via),
  ].filter((part): part is string => part !== null);
  return `${time} · ${actor} ${what} · ${parts.join(' · ')}`;
}

function filterParts(filter: AccessLogFilter): string[] {
  const t = sv.dataskydd.log;
  return [
    filter.userId === undefined ? null : t.filterUser(mention(filter.userId)),
    filter.week === undefined ? null : t.filterWeek(filter.week),
    filter.fromDate === undefined ? null : t.filterPeriod(filter.fromDate, filter.toDate ?? filter.fromDate),
  ].filter((part): part is string => part !== null);
}

/** One page as one message: a header, the filter, the rows packed into sections, and "Nästa sida" if more. */
export function renderAccessLogPage(input: AccessLogPageInput): SlackMessage {
  const t = sv.dataskydd.log;
  const parts = filterParts(input.filter);
  const blocks: KnownBlock[] = [
    header(t.title),
    context(parts.length === 0 ? `${t.filterAll} · sida ${input.page}` : t.filterLine(parts, input.page)),
  ];
  if (input.rows.length === 0) blocks.push(section(t.empty));
  else
    blocks.push(
      ...packLines(
        input.rows.map((row) => `• ${describeAccess(row, input.timezone)}`),
        LIMITS.sectionText,
      ),
    );
  if (input.nextBefore !== null) {
    const cursor: AccessLogCursor = {
      ...input.filter,
      before: input.nextBefore,
      page: input.page + 1,
    };
    blocks.push(context(t.morePages), {
      type: 'actions',
      elements: [button(ACCESS_LOG_NEXT_ACTION, t.nextPage, encodeAccessLogCursor(cursor))],
    });
  }
  return { text: t.fallback, blocks };
}
