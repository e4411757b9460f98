import type { RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { listEntriesForWeek, listPartyStatuses } from '../../src/db/entries.repository.js';
import { listAdmins, loadActor, partiesOfUser } from '../../src/db/members.repository.js';
import type { Deps } from '../../src/deps.js';
import { isParticipant } from '../../src/domain/actor.js';
import {
  type LagesbildRequest,
  parseLagesbildText,
  parseShowArguments,
} from '../../src/domain/command-text.js';
import { type Meeting, meetingOfWeek, parseMeetingWeek, weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { LIMITS, limitMessages, type SlackMessage } from '../../src/slack/blocks.js';
import { renderCompiledPicture } from '../../src/slack/compiled.js';
import {
  aliasList,
  askAdminsText,
  entryReceipt,
  helpText,
  meetingWhen,
  mineMessages,
  partyKeyList,
  statusMessage,
} from '../../src/slack/lagesbild.js';
import { escapeMrkdwn, plainTextFromSlack } from '../../src/slack/mrkdwn.js';
import { openSubmissionModal } from './modal.js';
import {
  areaName,
  type LoadedCatalogue,
  loadCatalogue,
  areaNames as namesOfAreas,
  notMemberText,
  openMeeting,
  partyName,
} from './shared.js';
import { reportNothing, type SubmitOutcome, submitEntry } from './submit.js';

export const COMMAND = '/lagesbild';

/** The help's subcommand lines, in the order users need them. */
export const USAGE = [
  sv.lagesbild.subcommands.open,
  sv.lagesbild.subcommands.entry,
  sv.lagesbild.subcommands.entryForParty,
  sv.lagesbild.subcommands.nothing,
  sv.lagesbild.subcommands.status,
  sv.lagesbild.subcommands.show,
  sv.lagesbild.subcommands.mine,
  sv.lagesbild.subcommands.help,
];

type Reply = (message: SlackMessage | string) => Promise<void>;

function replier(respond: RespondFn): Reply {
  return async (message) => {
    const body: RespondArguments =
      typeof message === 'string'
        ? { response_type: 'ephemeral', text: message }
        : { response_type: 'ephemeral', text: message.text, blocks: message.blocks };
    await respond(body);
  };
}

/** `/lagesbild …` after the ack. Everything it answers is ephemeral, through the command's response_url. */
export async function handleLagesbildCommand(
  command: SlashCommand,
  respond: RespondFn,
  client: WebClient,
  deps: Deps,
): Promise<void> {
  const reply = replier(respond);
  const text = plainTextFromSlack(command.text);
  if (text.trim() === '') {
    // The modal first: the trigger expires three seconds after the user pressed enter.
    const result = await openSubmissionModal(client, command.trigger_id, command.user_id, deps, {
      origin: command.channel_id,
    });
    if (!result.opened) await reply(result.text);
    return;
  }
  const catalogue = await loadCatalogue(deps);
  const request = parseLagesbildText(text, catalogue);
  deps.logger.debug({ user: command.user_id, kind: request.kind }, 'lagesbild command');
  await runRequest(request, { command, reply, deps, catalogue });
}

interface RequestContext {
  readonly command: SlashCommand;
  readonly reply: Reply;
  readonly deps: Deps;
  readonly catalogue: LoadedCatalogue;
}

async function runRequest(request: LagesbildRequest, ctx: RequestContext): Promise<void> {
  const { command, reply, deps, catalogue } = ctx;
  switch (request.kind) {
    case 'modal':
    case 'help':
      await reply(helpText(USAGE, catalogue.areas, catalogue.parties));
      return;
    case 'status':
      await status(request.args, ctx);
      return;
    case 'show':
      await show(request.args, ctx);
      return;
    case 'mine':
      await mine(ctx);
      return;
    case 'nothing':
      await reply(
        outcomeMessage(
          deps,
          await reportNothing(deps, { userId: command.user_id, request, catalogue }),
          catalogue,
        ),
      );
      return;
    case 'entry': {
      const outcome = await submitEntry(deps, {
        userId: command.user_id,
        request,
        source: 'kommando',
        // Slack gives each invocation its own trigger_id: a repeated delivery of the same request stores once.
        idempotencyKey: `kommando:${command.trigger_id}`,
        catalogue,
        example: exampleFor(catalogue, request.areaKey),
      });
      await reply(outcomeMessage(deps, outcome, catalogue));
      return;
    }
    case 'unknownArea':
      await reply(sv.lagesbild.unknownArea(escapeMrkdwn(request.word), aliasList(catalogue.areas)));
      return;
    case 'unknownParty':
      await reply(sv.lagesbild.unknownParty(escapeMrkdwn(request.word), partyKeyList(catalogue.parties)));
      return;
    case 'missingColon':
      await reply(sv.lagesbild.missingColon(exampleFor(catalogue, request.areaKey)));
      return;
    case 'unknownSubcommand':
      await reply(
        `${sv.common.unknownSubcommand(COMMAND, escapeMrkdwn(request.word))}\n${helpText(USAGE, catalogue.areas, catalogue.parties)}`,
      );
      return;
  }
}

/** `/lagesbild trafik: …` with the area's first alias, for messages that show the right form. */
export function exampleFor(catalogue: LoadedCatalogue, areaKey: string, prefix = `${COMMAND} `): string {
  const area = catalogue.areas.find((a) => a.key === areaKey);
  return `${prefix}${area?.aliases[0] ?? areaKey}: …`;
}

/** The answer to a stored entry or "inget": a receipt, with Ändra and Ta bort for an entry. */
export function outcomeMessage(
  deps: Deps,
  outcome: SubmitOutcome,
  catalogue: LoadedCatalogue,
): SlackMessage | string {
  const timezone = deps.config.schedule.timezone;
  switch (outcome.kind) {
    case 'refused':
      return outcome.text;
    case 'nothing':
      return (outcome.changed ? sv.lagesbild.nothingSaved : sv.lagesbild.nothingAlready)(
        escapeMrkdwn(outcome.party.name),
        meetingWhen(outcome.meeting, timezone),
        weekNumberOf(outcome.meeting.week),
      );
    case 'stored': {
      const heading = sv.lagesbild.saved(
        escapeMrkdwn(outcome.party.name),
        meetingWhen(outcome.meeting, timezone),
        weekNumberOf(outcome.meeting.week),
      );
      return entryReceipt({
        heading,
        entry: outcome.entry,
        areaName: areaName(catalogue, outcome.entry.areaKey),
        buttons: true,
        footer: sv.lagesbild.manageHint,
      });
    }
  }
}

async function status(args: string, { command, reply, deps }: RequestContext): Promise<void> {
  // Which parties have submitted, and their overall assessments, are the picture's business too.
  if (!(await mayReadPicture(deps, command.user_id))) {
    await reply(sv.lagesbild.notAllowedToSeeStatus(askAdminsText(await listAdmins(deps.db))));
    return;
  }
  const meeting = await meetingFromArgs(args, deps, reply);
  if (meeting === null) return;
  const statuses = await listPartyStatuses(deps.db, meeting.week);
  await reply(statusMessage(meeting, deps.config.schedule.timezone, statuses));
}

async function meetingFromArgs(args: string, deps: Deps, reply: Reply): Promise<Meeting | null> {
  const now = deps.clock.now();
  if (args.trim() === '') return openMeeting(deps);
  const week = parseMeetingWeek(args, now, deps.config.schedule);
  if (week === null) {
    await reply(sv.lagesbild.badWeek(escapeMrkdwn(args.trim())));
    return null;
  }
  return meetingOfWeek(week, deps.config.schedule);
}

/**
 * Members of any party and admins may read the compiled picture and the parties' status; they hold every
 * party's observations and assessments.
 */
async function mayReadPicture(deps: Deps, userId: string): Promise<boolean> {
  return isParticipant(await loadActor(deps.db, userId));
}

async function show(args: string, { command, reply, deps, catalogue }: RequestContext): Promise<void> {
  if (!(await mayReadPicture(deps, command.user_id))) {
    await reply(sv.lagesbild.notAllowedToShow(askAdminsText(await listAdmins(deps.db))));
    return;
  }
  const { schedule } = deps.config;
  const parsed = parseShowArguments(args, catalogue.parties, deps.clock.now(), schedule);
  if (parsed.kind === 'badWeek') {
    await reply(sv.lagesbild.badWeek(escapeMrkdwn(parsed.text)));
    return;
  }
  const meeting = parsed.week === null ? await openMeeting(deps) : meetingOfWeek(parsed.week, schedule);
  const partyKey = parsed.partyKey ?? undefined;
  const [statuses, entries] = await Promise.all([
    listPartyStatuses(deps.db, meeting.week),
    listEntriesForWeek(deps.db, meeting.week, partyKey),
  ]);
  const messages = renderCompiledPicture({
    meeting,
    timezone: schedule.timezone,
    statuses: partyKey === undefined ? statuses : statuses.filter((s) => s.partyKey === partyKey),
    entries,
    areaNames: namesOfAreas(catalogue),
  });
  const example = `${COMMAND} visa v${weekNumberOf(meeting.week)} <part>`;
  const limited = limitMessages(messages, LIMITS.responsesPerCommand, (shown, total) =>
    sv.lagesbild.showTruncated(shown, total, example, partyKeyList(catalogue.parties)),
  );
  // In order: each part is one response_url post, and Slack allows five per command.
  for (const message of limited) await reply(message);
}

async function mine({ command, reply, deps, catalogue }: RequestContext): Promise<void> {
  const messages = await mineFor(deps, command.user_id, catalogue);
  if (messages === null) {
    await reply(await notMemberText(deps, command.user_id));
    return;
  }
  for (const message of messages) await reply(message);
}

/**
 * `/lagesbild mina` for one user, at most `maxMessages` messages (also to redraw one of them after a removal);
 * null when they belong to no party.
 */
export async function mineFor(
  deps: Deps,
  userId: string,
  known?: LoadedCatalogue,
  maxMessages: number = LIMITS.responsesPerCommand,
): Promise<SlackMessage[] | null> {
  const [catalogue, own] = await Promise.all([known ?? loadCatalogue(deps), partiesOfUser(deps.db, userId)]);
  if (own.length === 0) return null;
  const meeting = await openMeeting(deps);
  const [statuses, entries] = await Promise.all([
    listPartyStatuses(deps.db, meeting.week),
    listEntriesForWeek(deps.db, meeting.week),
  ]);
  return mineMessages({
    meeting,
    timezone: deps.config.schedule.timezone,
    parties: own.map((key) => ({
      party: { key, name: partyName(catalogue, key) },
      status: statuses.find((s) => s.partyKey === key) ?? null,
      entries: entries.filter((e) => e.partyKey === key),
    })),
    areaNames: namesOfAreas(catalogue),
    maxMessages,
  });
}
