/**
 * `/samverkan logg` and `radera`: the behörighetslogg read by admins, page by page, and an entry's text removed on
 * request. Every attempt by someone else is refused and itself logged (requireAdmin).
 */

import { listAccess } from '../../src/db/access-log.repository.js';
import type { AccessLogFilter } from '../../src/domain/access-log-query.js';
import { accessQueryOf, logReadRecord, parseAccessLogQuery } from '../../src/domain/access-log-query.js';
import { PURGE_REASON_MAX } from '../../src/domain/retention.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import { requireAdmin } from '../../src/kit/guards.js';
import type { ActionContext, ActionSpec, CommandContext, Subcommand } from '../../src/kit/kit.js';
import { removeEntryText } from '../../src/services/purge-entry.js';
import {
  ACCESS_LOG_NEXT_ACTION,
  ACCESS_LOG_PAGE_SIZE,
  decodeAccessLogCursor,
  filterOfCursor,
  renderAccessLogPage,
} from '../../src/slack/access-log.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';

const t = sv.dataskydd;

/** One page of the log, recorded as read before it is shown. */
async function showLogPage(
  ctx: RequestContext,
  filter: AccessLogFilter,
  page: number,
  before: number | undefined,
): Promise<ReturnType<typeof renderAccessLogPage>> {
  const timezone = ctx.deps.config.schedule.timezone;
  const { actorUserId: _actor, via: _via, ...read } = logReadRecord(ctx.userId, filter, page, ctx.via);
  await ctx.audit(read);
  const { rows, nextBefore } = await listAccess(ctx.db, accessQueryOf(filter, timezone), {
    limit: ACCESS_LOG_PAGE_SIZE,
    ...(before === undefined ? {} : { before }),
  });
  return renderAccessLogPage({ rows, filter, nextBefore, page, timezone });
}

async function showLog(ctx: CommandContext): Promise<void> {
  const attempt = { action: 'read', resource: 'access_log', detail: { command: 'logg' } } as const;
  if (!(await requireAdmin(ctx, attempt, t.adminOnly))) return;
  const parsed = parseAccessLogQuery(ctx.rawText, ctx.deps.clock.now(), ctx.deps.config.schedule);
  if (!parsed.ok) {
    ctx.reply(t.log.badQuery(escapeMrkdwn(parsed.given)));
    return;
  }
  ctx.reply(await showLogPage(ctx, parsed.filter, 1, undefined));
}

/** "Nästa sida": the next page in place of the one the button was on. */
async function nextLogPage(ctx: ActionContext): Promise<void> {
  const attempt = { action: 'read', resource: 'access_log', detail: { command: 'logg' } } as const;
  if (!(await requireAdmin(ctx, attempt, t.adminOnly))) return;
  const cursor = decodeAccessLogCursor(ctx.value);
  if (cursor === null) {
    ctx.reply(sv.common.genericError);
    return;
  }
  ctx.reply(await showLogPage(ctx, filterOfCursor(cursor), cursor.page, cursor.before), {
    replaceOriginal: true,
  });
}

/** `radera <post-id> <orsak>`: the entry's text, place and when removed; its counts stay. */
async function removeText(ctx: CommandContext): Promise<void> {
  const attempt = { action: 'change', resource: 'entry', detail: { command: 'radera' } } as const;
  if (!(await requireAdmin(ctx, attempt, t.adminOnly))) return;
  const match = /^\s*#?(\d{1,9})(?:\s+([\s\S]*))?$/.exec(ctx.text);
  if (match === null) {
    ctx.reply(t.purge.usage);
    return;
  }
  const entryId = Number(match[1]);
  const reason = (match[2] ?? '').trim();
  if (reason === '') {
    ctx.reply(t.purge.reasonMissing);
    return;
  }
  const result = await removeEntryText(ctx.db, { entryId, actorUserId: ctx.userId, reason, via: ctx.via });
  switch (result.kind) {
    case 'removed':
      ctx.log.info({ entryId }, 'entry text removed on request');
      ctx.after(() => ctx.deps.notify.statusChanged(result.meetingWeek));
      ctx.reply(t.purge.removed(entryId, result.meetingWeek));
      return;
    case 'notFound':
      ctx.reply(t.purge.notFound(entryId));
      return;
    case 'alreadyPurged':
      ctx.reply(t.purge.alreadyPurged(entryId, result.purgedAt.toISOString().slice(0, 10)));
      return;
    case 'badReason':
      ctx.reply(
        result.problem === 'tooLong'
          ? t.purge.reasonTooLong(PURGE_REASON_MAX)
          : result.problem === 'missing'
            ? t.purge.reasonMissing
            : t.purge.reasonIdentifies,
      );
      return;
  }
}

export const DATA_PROTECTION_SUBCOMMANDS: readonly Subcommand[] = [
  { names: [['logg'], ['loggen']], usage: t.subcommands.log, mode: 'read', run: showLog },
  { names: [['radera']], usage: t.subcommands.remove, mode: 'write', run: removeText },
];

export const DATA_PROTECTION_BUTTONS: readonly ActionSpec[] = [
  { actionId: ACCESS_LOG_NEXT_ACTION, mode: 'read', run: nextLogPage },
];
