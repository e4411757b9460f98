import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { loadActor } from '../src/db/members.repository.js';
import { listAreas, listParties, type Party, type PriorityArea } from '../src/db/parties.repository.js';
import { getPriorityWithHistory, listPriorityPage } from '../src/db/priorities.repository.js';
import type { Deps } from '../src/deps.js';
import { mayContribute, parseListFilter, parsePriorityId } from '../src/domain/priorities.js';
import { sv } from '../src/i18n/sv.js';
import { LIMITS, type SlackMessage } from '../src/slack/blocks.js';
import { escapeMrkdwn, plainTextFromSlack } from '../src/slack/mrkdwn.js';
import {
  LIST_MAX_SHOWN,
  namesOf,
  priorityNames,
  renderPriorityDetail,
  renderPriorityList,
} from '../src/slack/priorities.js';
import { matchSubcommand, runSubcommand, type Subcommand } from '../src/slack/subcommands.js';
import { registerButtons } from './prioritet/buttons.js';
import { openNewPriorityModal, registerModals } from './prioritet/modals.js';
import { ephemeral, loadDecisionCalendar, logFailure, notAllowedToReadText } from './prioritet/shared.js';

/** The agenda adds buttons with these ids: `new` (value: the meeting week) and `followUp` (value: the id). */
export { newPriorityButton, PRIORITY_ACTIONS } from '../src/slack/priorities.js';
export { openNewPriorityModal } from './prioritet/modals.js';

export const COMMAND = '/prioritet';

/** `polisen` (Polisen, …) and `gäng`/`organiserad` – Organiserad brottslighet …: what lista and the help accept. */
function choices(
  parties: readonly Party[],
  areas: readonly PriorityArea[],
): { parties: string; areas: string } {
  return {
    parties: parties.map((p) => `\`${escapeMrkdwn(p.key)}\` (${escapeMrkdwn(p.name)})`).join(', '),
    areas: areas
      .map(
        (a) =>
          `\n• ${[a.key, ...a.aliases.filter((alias) => alias !== a.key)].map((w) => `\`${escapeMrkdwn(w)}\``).join(', ')} – ${escapeMrkdwn(a.name)}`,
      )
      .join(''),
  };
}

async function helpText(deps: Deps): Promise<string> {
  const [parties, areas] = await Promise.all([listParties(deps.db), listAreas(deps.db)]);
  const c = choices(parties, areas);
  const lines = Object.values(sv.prioritet.subcommands);
  return [
    sv.prioritet.helpTitle,
    sv.common.helpLines(lines),
    sv.prioritet.helpPermissions,
    sv.prioritet.helpChoices(c.parties, c.areas),
  ].join('\n');
}

/**
 * `/prioritet lista [filter]` for `userId`: everything the server does for the list, from who may read it and
 * the filter words to the message. A constant number of queries whatever the number of priorities, and only the
 * ones shown are read (the benchmark measures this).
 */
export async function buildPriorityList(
  deps: Deps,
  userId: string,
  filterText: string,
): Promise<{ message: SlackMessage | string; count: number | null; scope: string | null }> {
  const [actor, parties, areas, calendar] = await Promise.all([
    loadActor(deps.db, userId),
    listParties(deps.db),
    listAreas(deps.db),
    loadDecisionCalendar(deps),
  ]);
  if (!mayContribute(actor)) return { message: await notAllowedToReadText(deps), count: null, scope: null };
  const words = filterText.split(/\s+/).filter((w) => w !== '');
  const parsed = parseListFilter(words, parties, areas);
  if (!parsed.ok) {
    const c = choices(parties, areas);
    return {
      message: sv.prioritet.unknownFilter(escapeMrkdwn(parsed.unknown), c.parties, c.areas),
      count: null,
      scope: null,
    };
  }
  const { filter } = parsed;
  const meetingDate = calendar.meeting.date;
  const page = await listPriorityPage(deps.db, filter, { meetingDate, limit: LIST_MAX_SHOWN });
  const names = priorityNames(parties, areas);
  const filters = [
    filter.partyKey === null ? null : namesOf([filter.partyKey], names.parties),
    filter.areaKey === null ? null : namesOf([filter.areaKey], names.areas),
  ].filter((f) => f !== null);
  const message = renderPriorityList({
    ...page,
    names,
    meetingDate,
    scopeLabel: sv.prioritet.list.scope[filter.scope],
    filterLabel: filters.join(' · '),
  });
  return { message, count: page.total, scope: filter.scope };
}

/**
 * Sends a command's answer of any length, in order: the first parts through its response_url (which takes
 * five), the rest ephemerally in the command's channel, and, where the bot may not post there (it is not in
 * the channel), in the bot's direct messages to the user.
 */
async function sendAll(
  messages: readonly SlackMessage[],
  {
    command,
    respond,
    client,
    deps,
  }: { command: SlashCommand; respond: RespondFn; client: WebClient; deps: Deps },
): Promise<void> {
  for (const message of messages.slice(0, LIMITS.responsesPerCommand)) await respond(ephemeral(message));
  let direct = false;
  for (const message of messages.slice(LIMITS.responsesPerCommand)) {
    const content = { text: message.text, blocks: message.blocks };
    if (!direct) {
      try {
        await client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, ...content });
        continue;
      } catch (error) {
        logFailure(deps, error, 'ephemeral part not delivered; the rest goes by direct message', {
          user: command.user_id,
          channel: command.channel_id,
        });
        direct = true;
      }
    }
    await client.chat.postMessage({ channel: command.user_id, ...content, unfurl_links: false });
  }
}

const SUBCOMMANDS: readonly Subcommand[] = [
  {
    names: [['ny']],
    usage: sv.prioritet.subcommands.new,
    async run({ command, respond, client, deps }) {
      await openFromCommand(command, respond, client, deps);
    },
  },
  {
    names: [['lista']],
    usage: sv.prioritet.subcommands.list,
    async run({ restPlain, respond, deps, command }) {
      const { message, count, scope } = await buildPriorityList(deps, command.user_id, restPlain);
      if (count !== null) deps.logger.info({ user: command.user_id, count, scope }, 'priorities listed');
      await respond(ephemeral(message));
    },
  },
  {
    names: [['visa']],
    usage: sv.prioritet.subcommands.show,
    async run({ restPlain, respond, client, deps, command }) {
      const id = parsePriorityId(restPlain);
      if (id === null) {
        await respond(ephemeral(sv.prioritet.showUsage));
        return;
      }
      const [actor, found, parties, areas, calendar] = await Promise.all([
        loadActor(deps.db, command.user_id),
        getPriorityWithHistory(deps.db, id),
        listParties(deps.db),
        listAreas(deps.db),
        loadDecisionCalendar(deps),
      ]);
      if (!mayContribute(actor)) {
        await respond(ephemeral(await notAllowedToReadText(deps)));
        return;
      }
      if (found === null) {
        await respond(ephemeral(sv.prioritet.notFound(id)));
        return;
      }
      const messages = renderPriorityDetail({
        ...found,
        names: priorityNames(parties, areas),
        meetingDate: calendar.meeting.date,
        timezone: deps.config.schedule.timezone,
      });
      deps.logger.info({ user: command.user_id, priority: id, parts: messages.length }, 'priority shown');
      await sendAll(messages, { command, respond, client, deps });
    },
  },
  {
    names: [['hjälp'], ['help']],
    usage: sv.prioritet.subcommands.help,
    async run({ respond, deps }) {
      await respond(ephemeral(await helpText(deps)));
    },
  },
];

async function openFromCommand(command: SlashCommand, respond: RespondFn, client: WebClient, deps: Deps) {
  const outcome = await openNewPriorityModal(client, command.trigger_id, deps, {
    userId: command.user_id,
    replyTo: { channelId: command.channel_id, responseUrl: command.response_url },
  });
  if (!outcome.opened) await respond(ephemeral(outcome.message));
}

/** `/prioritet …`: the joint priorities, their list and their history. */
export function register(app: App, deps: Deps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    const text = command.text.trim();
    try {
      if (text === '') {
        // The trigger expires three seconds after the command: the modal opens before anything else.
        await openFromCommand(command, respond, client, deps);
        return;
      }
      const match = matchSubcommand(SUBCOMMANDS, text);
      deps.logger.debug(
        { user: command.user_id, subcommand: match?.subcommand.names[0]?.[0] ?? null },
        'prioritet',
      );
      if (match === null) {
        const given = escapeMrkdwn(plainTextFromSlack(text.split(/\s+/)[0] ?? ''));
        await respond(ephemeral(`${sv.common.unknownSubcommand(COMMAND, given)}\n${await helpText(deps)}`));
        return;
      }
      await runSubcommand(match.subcommand, match.rest, { command, respond, client, deps });
    } catch (error) {
      logFailure(deps, error, 'prioritet command failed', { user: command.user_id });
      await respond(ephemeral(sv.common.genericError)).catch(() => {});
    }
  });

  registerButtons(app, deps);
  registerModals(app, deps);
}
