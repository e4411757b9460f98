/**
 * `/lagesbild …`: the form (no text), the one-liner and "inget" (stored before the ack), and the reads: status,
 * visa, mina, hjälp. Everything it answers is private to the one who typed it.
 */

import { listEntriesForWeek } from '../../src/db/entries.repository.js';
import { listPartyStatuses } from '../../src/db/party-reports.repository.js';
import { parseLagesbildText, parseShowArguments } from '../../src/domain/command-text.js';
import { findPersonalIdentityNumber } from '../../src/domain/personnummer.js';
import {
  formatLocalDay,
  type Meeting,
  type MeetingWeek,
  parseMeetingWeek,
  weekNumberOf,
} from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import { requireParticipant } from '../../src/kit/guards.js';
import type { CommandContext, CommandSpec, Subcommand } from '../../src/kit/kit.js';
import { authorNames } from '../../src/services/picture.js';
import { nameSourceOf } from '../../src/services/user-names.js';
import { LIMITS, limitMessages, type SlackMessage } from '../../src/slack/blocks.js';
import { lagesbildNotFoundText } from '../../src/slack/catalogue.js';
import { renderCompiledPicture } from '../../src/slack/compiled.js';
import { mineMessages, statusMessage } from '../../src/slack/lagesbild-messages.js';
import { askAdminsText, helpText, meetingWhen, partyKeyList } from '../../src/slack/lagesbild-texts.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { openSubmissionModal } from './modal.js';
import { MOVE_OWN } from './move.js';
import { COMMAND, exampleFor, notMemberText, outcomeMessage, reportNothing, submitEntry } from './submit.js';

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

export async function lagesbildHelp(ctx: RequestContext): Promise<string> {
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

/** What a read of the picture needs: the request, and the words after its subcommand. */
export type ReadContext = RequestContext & { readonly text: string };

/** `status [vecka]`: which parties have submitted; the parties' business, so for participants only. */
export async function showStatus(ctx: ReadContext): Promise<void> {
  if (!(await requireParticipant(ctx, (admins) => sv.lagesbild.notAllowedToSeeStatus(askAdminsText(admins)))))
    return;
  const chosen = await meetingFromArgs(ctx, ctx.text);
  if (chosen === null) return;
  const { meeting } = chosen;
  const statuses = await listPartyStatuses(ctx.db, meeting.week);
  await ctx.audit({ action: 'read', resource: 'status', meetingWeek: meeting.week });
  // A cancelled meeting says so and when the next one is; what was given to it before is still shown.
  if (chosen.cancelled !== null) ctx.reply(chosen.cancelled);
  if (chosen.cancelled === null || statuses.some((s) => s.submitted))
    ctx.reply(statusMessage(meeting, ctx.deps.config.schedule.timezone, statuses, ctx.deps.clock.now()));
}

/** The meeting a read asks for (the coming one without a week), and what to say when it is cancelled. */
async function meetingFromArgs(
  ctx: RequestContext,
  args: string,
): Promise<{ meeting: Meeting; cancelled: string | null } | null> {
  if (args.trim() === '') return { meeting: await ctx.deps.meetings.open(ctx.db), cancelled: null };
  const week = parseMeetingWeek(args, ctx.deps.clock.now(), ctx.deps.config.schedule);
  if (week === null) {
    ctx.reply(sv.lagesbild.badWeek(escapeMrkdwn(args.trim())));
    return null;
  }
  return weekMeeting(ctx, week);
}

async function weekMeeting(
  ctx: RequestContext,
  week: MeetingWeek,
): Promise<{ meeting: Meeting; cancelled: string | null }> {
  const { meeting, state } = await ctx.deps.meetings.ofWeek(week, ctx.db);
  if (!state.cancelled) return { meeting, cancelled: null };
  const { timezone } = ctx.deps.config.schedule;
  const now = ctx.deps.clock.now();
  const next = await ctx.deps.meetings.nextHeldAfter(week, ctx.db);
  const lines = [
    sv.lagesbild.cancelledMeeting(
      weekNumberOf(week),
      formatLocalDay(meeting.startsAt, timezone, now),
      state.reason === null ? '' : escapeMrkdwn(state.reason),
    ),
    next === null
      ? sv.lagesbild.noNextMeeting
      : sv.lagesbild.nextMeeting(weekNumberOf(next.week), meetingWhen(next, timezone, now)),
  ];
  return { meeting, cancelled: lines.join(' ') };
}

/** `visa [vecka] [part]`: the compiled picture, for participants; split over messages, never cut. */
export async function showPicture(ctx: ReadContext): Promise<void> {
  if (!(await requireParticipant(ctx, (admins) => sv.lagesbild.notAllowedToShow(askAdminsText(admins)))))
    return;
  const { schedule } = ctx.deps.config;
  const catalogue = await ctx.catalogue();
  const parsed = parseShowArguments(ctx.text, catalogue.parties, ctx.deps.clock.now(), schedule);
  if (parsed.kind === 'badWeek') {
    ctx.reply(sv.lagesbild.badWeek(escapeMrkdwn(parsed.text)));
    return;
  }
  const chosen =
    parsed.week === null
      ? { meeting: await ctx.deps.meetings.open(ctx.db), cancelled: null }
      : await weekMeeting(ctx, parsed.week);
  const { meeting } = chosen;
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
  if (chosen.cancelled !== null) {
    ctx.reply(chosen.cancelled);
    if (!statuses.some((s) => s.submitted)) return;
  }
  const messages = renderCompiledPicture({
    meeting,
    timezone: schedule.timezone,
    statuses: partyKey === undefined ? statuses : statuses.filter((s) => s.partyKey === partyKey),
    entries,
    areaNames: catalogue.areaNames,
    authorNames: await authorNames({ db: ctx.db, names: nameSourceOf({ ...ctx.deps, db: ctx.db }) }, entries),
  });
  const example = `${COMMAND} visa v${weekNumberOf(meeting.week)} <part>`;
  const room = LIMITS.responsesPerCommand - (chosen.cancelled === null ? 0 : 1);
  const limited = limitMessages(messages, room, (shown, total) =>
    sv.lagesbild.showTruncated(shown, total, example, partyKeyList(catalogue.parties)),
  );
  // In order: each part is one response_url post, and Slack allows five per command.
  for (const message of limited) ctx.reply(message);
}

/** `mina`: the user's parties' entries for the coming meeting, with Ändra and Ta bort. */
export async function showMine(ctx: RequestContext): Promise<void> {
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
    now: ctx.deps.clock.now(),
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
