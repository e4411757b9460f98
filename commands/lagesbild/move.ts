/**
 * `/lagesbild flytta <vecka> [<part>]`: a party's entries of a cancelled meeting moved to the next held meeting,
 * by its members; without a party, all of the user's parties'. Stored before the ack, carried out after it.
 */

import { parseShowArguments } from '../../src/domain/command-text.js';
import { sv } from '../../src/i18n/sv.js';
import type { CommandContext, Subcommand } from '../../src/kit/kit.js';
import { moveCancelledEntries } from '../../src/services/move-entries.js';
import { moveAnswer } from '../../src/slack/move-entries.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { notMemberText } from './submit.js';

async function moveOwn(ctx: CommandContext): Promise<void> {
  const [catalogue, actor] = await Promise.all([ctx.catalogue(), ctx.actor()]);
  if (actor.partyKeys.length === 0) return ctx.reply(await notMemberText(ctx));
  const { schedule } = ctx.deps.config;
  const parsed = parseShowArguments(ctx.text, catalogue.parties, ctx.deps.clock.now(), schedule);
  if (parsed.kind === 'badWeek') return ctx.reply(sv.lagesbild.badWeek(escapeMrkdwn(parsed.text)));
  if (parsed.week === null) return ctx.reply(sv.flytta.needWeek(sv.flytta.examples.own));
  if (parsed.partyKey !== null && !actor.partyKeys.includes(parsed.partyKey)) {
    const own = actor.partyKeys.map((key) => `*${escapeMrkdwn(catalogue.partyName(key))}*`).join(', ');
    return ctx.reply(sv.flytta.notOwnParty(escapeMrkdwn(catalogue.partyName(parsed.partyKey)), own));
  }
  const partyKeys = parsed.partyKey === null ? actor.partyKeys : [parsed.partyKey];
  const outcome = await moveCancelledEntries(ctx, parsed.week, partyKeys);
  ctx.reply(moveAnswer(outcome, catalogue.partyName, schedule.timezone));
}

export const MOVE_OWN: Subcommand = {
  names: [['flytta']],
  usage: sv.flytta.subcommands.own,
  mode: 'write',
  run: moveOwn,
};
