import { listEntriesForWeek, listPartyStatuses } from '../../src/db/entries.repository.js';
import { parseLagesbildText, parseShowArguments } from '../../src/domain/command-text.js';
import { findPersonalIdentityNumber } from '../../src/domain/personnummer.js';
import { type Meeting, meetingOfWeek, parseMeetingWeek, weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import { requireParticipant } from '../../src/kit/guards.js';
import type { CommandContext, CommandSpec, Subcommand } from '../../src/kit/kit.js';
import { LIMITS, limitMessages, type SlackMessage } from '../../src/slack/blocks.js';
import { lagesbildNotFoundText } from '../../src/slack/catalogue.js';
import { renderCompiledPicture } from '../../src/slack/compiled.js';
import {
  askAdminsText,
  helpText,
  mineMessages,
  partyKeyList,
  statusMessage,
} from '../../src/slack/lagesbild.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { openSubmissionModal } from './modal.js';
import { MOVE_OWN } from './move.js';
import { COMMAND, exampleFor, notMemberText, outcomeMessage, reportNothing, submitEntry } from './submit.js';

/**
 * `/lagesbild …`: the form (no text), the one-liner and "inget" (stored before the ack), and the reads: status,
 * visa, mina, hjälp. Everything it answers is private to the one who typed it.
 */

/** The help's subcommand lines, in the order users need them. */
export const USAGE = [
  sv.lagesbild.subcommands.open,
  sv.lagesbild.subcommands.entry,
  sv.lagesbild.subcommands.entryForParty,
  sv.lagesbild.subcommands.nothing,
  sv.lagesbild.subcommands.status,
  sv.lagesbild.subcommands.show,
  sv.lagesbild.subcommands.mine,
  sv.flytta.subcommands.own,
  sv.lagesbild.subcommands.help,
];

async function lagesbildHelp(ctx: RequestContext): Promise<string> {
  const catalogue = await ctx.catalogue();
  return helpText(USAGE, catalogue.areas, catalogue.parties);
}

/** The form, for the coming meeting (no text). */
async function openForm(ctx: CommandContext): Promise<void> {
  await openSubmissionModal(ctx, { origin: ctx.channelId, requestedWeek: null });
}

/**
 * `/lagesbild [part] <område>: <text>` and `[part] inget`: stored before the ack, carried out after it. Slack gives
 * each invocation its own trigger, so the request's key makes a repeated delivery store once.
 */
async function submitOneLiner(ctx: CommandContext): Promise<void> {
  const catalogue = await ctx.catalogue();
  const request = parseLagesbildText(ctx.text, catalogue);
  ctx.log.debug({ kind: request.kind }, 'lagesbild one-liner');
  switch (request.kind) {
    case 'entry': {
      const outcome = await submitEntry(ctx, {
        request,
        source: 'kommando',
        idempotencyKey: ctx.requestKey,
        example: exampleFor(catalogue, request.areaKey),
      });
      ctx.reply(outcomeMessage(ctx, outcome, catalogue));
      return;
    }
    case 'nothing':
      ctx.reply(outcomeMessage(ctx, await reportNothing(ctx, { request }), catalogue));
      return;
    case 'unknownArea':
    case 'unknownParty':
      ctx.reply(lagesbildNotFoundText(request, catalogue));
      return;
    case 'missingColon':
      ctx.reply(sv.lagesbild.missingColon(exampleFor(catalogue, request.areaKey)));
      return;
    default:
      ctx.reply(
        `${sv.common.unknownSubcommand(COMMAND, escapeMrkdwn(ctx.text.trim().split(/\s+/)[0] ?? ''))}\n${await lagesbildHelp(ctx)}`,
      );
  }
}

/** `status [vecka]`: which parties have submitted; the parties' business, so for participants only. */
async function showStatus(ctx: CommandContext): Promise<void> {
  if (!(await requireParticipant(ctx, (admins) => sv.lagesbild.notAllowedToSeeStatus(askAdminsText(admins)))))
    return;
  const meeting = await meetingFromArgs(ctx, ctx.text);
  if (meeting === null) return;
  const statuses = await listPartyStatuses(ctx.db, meeting.week);
  await ctx.audit({ action: 'read', resource: 'status', meetingWeek: meeting.week });
  ctx.reply(statusMessage(meeting, ctx.deps.config.schedule.timezone, statuses));
}

async function meetingFromArgs(ctx: RequestContext, args: string): Promise<Meeting | null> {
  if (args.trim() === '') return ctx.deps.meetings.open(ctx.db);
  const week = parseMeetingWeek(args, ctx.deps.clock.now(), ctx.deps.config.schedule);
  if (week === null) {
    ctx.reply(sv.lagesbild.badWeek(escapeMrkdwn(args.trim())));
    return null;
  }
  return meetingOfWeek(week, ctx.deps.config.schedule);
}

/** `visa [vecka] [part]`: the compiled picture, for participants; split over messages, never cut. */
async function showPicture(ctx: CommandContext): Promise<void> {
  if (!(await requireParticipant(ctx, (admins) => sv.lagesbild.notAllowedToShow(askAdminsText(admins)))))
    return;
  const { schedule } = ctx.deps.config;
  const catalogue = await ctx.catalogue();
  const parsed = parseShowArguments(ctx.text, catalogue.parties, ctx.deps.clock.now(), schedule);
  if (parsed.kind === 'badWeek') {
    ctx.reply(sv.lagesbild.badWeek(escapeMrkdwn(parsed.text)));
    return;
  }
  const meeting =
    parsed.week === null ? await ctx.deps.meetings.open(ctx.db) : meetingOfWeek(parsed.week, schedule);
  const partyKey = parsed.partyKey ?? undefined;
  const [statuses, entries] = await Promise.all([
    listPartyStatuses(ctx.db, meeting.week),
    listEntriesForWeek(ctx.db, meeting.week, partyKey),
  ]);
  await ctx.audit({
    action: 'read',
    resource: 'picture',
    meetingWeek: meeting.week,
    partyKey: partyKey ?? null,
    entryIds: entries.map((entry) => entry.id),
  });
  const messages = renderCompiledPicture({
    meeting,
    timezone: schedule.timezone,
    statuses: partyKey === undefined ? statuses : statuses.filter((s) => s.partyKey === partyKey),
    entries,
    areaNames: catalogue.areaNames,
  });
  const example = `${COMMAND} visa v${weekNumberOf(meeting.week)} <part>`;
  const limited = limitMessages(messages, LIMITS.responsesPerCommand, (shown, total) =>
    sv.lagesbild.showTruncated(shown, total, example, partyKeyList(catalogue.parties)),
  );
  // In order: each part is one response_url post, and Slack allows five per command.
  for (const message of limited) ctx.reply(message);
}

/** `mina`: the user's parties' entries for the coming meeting, with Ändra and Ta bort. */
async function showMine(ctx: CommandContext): Promise<void> {
  const messages = await mineFor(ctx);
  if (messages === null) {
    ctx.reply(await notMemberText(ctx));
    return;
  }
  for (const message of messages) ctx.reply(message);
}

/** The access log's record of `mina` (and of a list redrawn after a removal): the entries it showed. */
async function auditMine(ctx: RequestContext, week: string, entryIds: readonly number[]): Promise<void> {
  await ctx.audit({ action: 'read', resource: 'entry', meetingWeek: week, entryIds: [...entryIds] });
}

/**
 * `/lagesbild mina` for the asking user, at most `maxMessages` messages (also to redraw one of them after a
 * removal); null when they belong to no party.
 */
export async function mineFor(
  ctx: RequestContext,
  maxMessages: number = LIMITS.responsesPerCommand,
): Promise<SlackMessage[] | null> {
  const [catalogue, actor] = await Promise.all([ctx.catalogue(), ctx.actor()]);
  if (actor.partyKeys.length === 0) return null;
  const meeting = await ctx.deps.meetings.open(ctx.db);
  const [statuses, entries] = await Promise.all([
    listPartyStatuses(ctx.db, meeting.week),
    listEntriesForWeek(ctx.db, meeting.week),
  ]);
  const own = entries.filter((e) => actor.partyKeys.includes(e.partyKey));
  await auditMine(
    ctx,
    meeting.week,
    own.map((e) => e.id),
  );
  return mineMessages({
    meeting,
    timezone: ctx.deps.config.schedule.timezone,
    parties: actor.partyKeys.map((key) => ({
      party: { key, name: catalogue.partyName(key) },
      status: statuses.find((s) => s.partyKey === key) ?? null,
      entries: entries.filter((e) => e.partyKey === key),
    })),
    areaNames: catalogue.areaNames,
    maxMessages,
  });
}

const SUBCOMMANDS: readonly Subcommand[] = [
  { names: [['status']], mode: 'read', run: showStatus },
  { names: [['visa']], mode: 'read', run: showPicture },
  { names: [['mina']], mode: 'read', run: showMine },
  MOVE_OWN,
  {
    names: [['hjälp'], ['help'], ['?']],
    mode: 'read',
    run: async (ctx) => ctx.reply(await lagesbildHelp(ctx)),
  },
];

export const lagesbildCommand: CommandSpec = {
  command: COMMAND,
  subcommands: SUBCOMMANDS,
  empty: { mode: 'modal', run: openForm },
  otherwise: { mode: 'write', run: submitOneLiner },
  help: lagesbildHelp,
  // Never stored, not even for a moment: answered in the ack itself.
  screen: (text) => (findPersonalIdentityNumber(text) === null ? null : sv.lagesbild.oneLinerPersonalNumber),
};
