/**
 * `/prioritet …`: the form for a new joint priority (no text, or `ny`), and the reads: `lista`, `visa`, `hjälp`.
 * Everything it answers is private to the one who typed it.
 */

import { getPriorityWithHistory } from '../../src/db/priorities.repository.js';
import { listClosingResults, listPriorityPage } from '../../src/db/priority-lists.repository.js';
import { parseListFilter, parsePriorityId } from '../../src/domain/priority-list.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import type { CommandContext, CommandSpec, Subcommand } from '../../src/kit/kit.js';
import type { SlackMessage } from '../../src/slack/blocks.js';
import { namesOf } from '../../src/slack/priorities.js';
import { renderPriorityDetail } from '../../src/slack/priority-detail.js';
import { LIST_MAX_SHOWN, renderPriorityList } from '../../src/slack/priority-list.js';
import { priorityHelpText, unknownFilterText } from '../../src/slack/priority-texts.js';
import { requireReader } from './access.js';
import { openNewPriorityForm } from './open.js';

export const COMMAND = '/prioritet';

async function prioritetHelp(ctx: RequestContext): Promise<string> {
  const catalogue = await ctx.catalogue();
  return priorityHelpText(Object.values(sv.prioritet.subcommands), catalogue.parties, catalogue.areas);
}

/** The form for a new priority; the trigger expires three seconds after the command, so it opens first. */
async function openForm(ctx: CommandContext): Promise<void> {
  await openNewPriorityForm(ctx, null);
}

/** `lista [aktiva|alla] [part] [område]`: for the parties' members and the admins. */
async function listPriorities(ctx: CommandContext): Promise<void> {
  if ((await requireReader(ctx)) === null) return;
  const { message, count, scope } = await buildPriorityList(ctx, ctx.text);
  if (count !== null) {
    ctx.log.info({ count, scope }, 'priorities listed');
    await ctx.audit({ action: 'read', resource: 'priority', detail: { count } });
  }
  ctx.reply(message);
}

/**
 * The answer to `/prioritet lista <filterText>`, once the user may read it: from the filter words to the
 * message. A constant number of queries whatever the number of priorities, and only the ones shown are read
 * (the benchmark measures this). `count` and `scope` are null when the filter was not understood.
 */
export async function buildPriorityList(
  ctx: RequestContext,
  filterText: string,
): Promise<{ message: SlackMessage | string; count: number | null; scope: string | null }> {
  const [catalogue, calendar] = await Promise.all([
    ctx.catalogue(),
    ctx.deps.meetings.decisionCalendar(null, ctx.db),
  ]);
  const words = filterText.split(/\s+/).filter((w) => w !== '');
  const parsed = parseListFilter(words, catalogue.parties, catalogue.areas);
  if (!parsed.ok) {
    return {
      message: unknownFilterText(parsed.unknown, catalogue.parties, catalogue.areas),
      count: null,
      scope: null,
    };
  }
  const { filter } = parsed;
  const meetingDate = calendar.meeting.date;
  const page = await listPriorityPage(ctx.db, filter, { meetingDate, limit: LIST_MAX_SHOWN });
  // The closed lists tell what each came to; `alla` too, for its closed ones.
  const results =
    filter.scope === 'aktiva'
      ? undefined
      : await listClosingResults(
          ctx.db,
          page.priorities.filter((p) => p.status !== 'aktiv').map((p) => p.id),
        );
  const filters = [
    filter.partyKey === null ? null : namesOf([filter.partyKey], catalogue.partyNames),
    filter.areaKey === null ? null : namesOf([filter.areaKey], catalogue.areaNames),
  ].filter((f) => f !== null);
  const message = renderPriorityList({
    ...page,
    names: catalogue,
    meetingDate,
    scope: filter.scope,
    filterLabel: filters.join(' · '),
    ...(results === undefined ? {} : { results }),
  });
  return { message, count: page.total, scope: filter.scope };
}

/**
 * `visa <nummer>`: the priority and its whole history, in as many messages as it takes; the outbox sends five
 * through the response_url and the rest ephemerally in the channel (or as direct messages), in order.
 */
async function showPriority(ctx: CommandContext): Promise<void> {
  const id = parsePriorityId(ctx.text);
  if (id === null) {
    ctx.reply(sv.prioritet.showUsage);
    return;
  }
  if ((await requireReader(ctx)) === null) return;
  const [found, catalogue, calendar] = await Promise.all([
    getPriorityWithHistory(ctx.db, id),
    ctx.catalogue(),
    ctx.deps.meetings.decisionCalendar(null, ctx.db),
  ]);
  if (found === null) {
    ctx.reply(sv.prioritet.notFound(id));
    return;
  }
  const messages = renderPriorityDetail({
    ...found,
    names: catalogue,
    meetingDate: calendar.meeting.date,
    timezone: ctx.deps.config.schedule.timezone,
  });
  ctx.log.info({ priority: id, parts: messages.length }, 'priority shown');
  await ctx.audit({ action: 'read', resource: 'priority', priorityId: id });
  for (const message of messages) ctx.reply(message);
}

async function showHelp(ctx: CommandContext): Promise<void> {
  ctx.reply(await prioritetHelp(ctx));
}

const SUBCOMMANDS: readonly Subcommand[] = [
  { names: [['ny']], usage: sv.prioritet.subcommands.new, mode: 'modal', run: openForm },
  { names: [['lista']], usage: sv.prioritet.subcommands.list, mode: 'read', run: listPriorities },
  { names: [['visa']], usage: sv.prioritet.subcommands.show, mode: 'read', run: showPriority },
  { names: [['hjälp'], ['help']], usage: sv.prioritet.subcommands.help, mode: 'read', run: showHelp },
];

export const prioritetCommand: CommandSpec = {
  command: COMMAND,
  subcommands: SUBCOMMANDS,
  empty: { mode: 'modal', run: openForm },
  help: prioritetHelp,
};
