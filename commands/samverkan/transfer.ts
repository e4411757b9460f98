/**
 * `/samverkan överför <vecka>`: an admin moves every party's entries of a cancelled meeting to the next held
 * meeting (`flytta` alone moves a meeting itself). Stored before the ack, carried out after it.
 */

import { parseMeetingWeek } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { requireAdmin } from '../../src/kit/guards.js';
import type { CommandContext, Subcommand } from '../../src/kit/kit.js';
import { moveCancelledEntries } from '../../src/services/move-entries.js';
import { moveAnswer } from '../../src/slack/move-entries.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';

async function transferAll(ctx: CommandContext): Promise<void> {
  const attempt = { action: 'change', resource: 'entry', detail: { command: 'overfor' } } as const;
  if (!(await requireAdmin(ctx, attempt))) return;
  const { schedule } = ctx.deps.config;
  if (ctx.text.trim() === '') return ctx.reply(sv.flytta.needWeek(sv.flytta.examples.all));
  const week = parseMeetingWeek(ctx.text, ctx.deps.clock.now(), schedule);
  if (week === null) return ctx.reply(sv.lagesbild.badWeek(escapeMrkdwn(ctx.text.trim())));
  const catalogue = await ctx.catalogue();
  const outcome = await moveCancelledEntries(
    ctx,
    week,
    catalogue.parties.map((party) => party.key),
  );
  ctx.reply(moveAnswer(outcome, catalogue.partyName, schedule.timezone));
}

export const TRANSFER_SUBCOMMANDS: readonly Subcommand[] = [
  { names: [['överför']], usage: sv.flytta.subcommands.all, mode: 'write', run: transferAll },
];
