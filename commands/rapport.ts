/**
 * `/rapport [period] [part|område]`: the follow-up report, for the parties' members and the admins. The request
 * is stored before the ack; carrying it out records the order (with the job that makes it) and queues the job,
 * which sends the report and its files to the asker's direct messages. One report at a time for the same asker,
 * period and filter: asking again while it is made gets one answer.
 */

import { findOpenEffect, lockOrders, recordPendingJob } from '../src/db/effects.repository.js';
import { findPersonalIdentityNumber } from '../src/domain/personnummer.js';
import { orderPrefix, type ReportOrder } from '../src/domain/report-schedule.js';
import { weekOfDate } from '../src/domain/schedule.js';
import { rapport } from '../src/i18n/rapport.js';
import type { Kit } from '../src/kit/create.js';
import { requireParticipant } from '../src/kit/guards.js';
import type { CommandContext, CommandSpec } from '../src/kit/kit.js';
import { readReportRequest } from '../src/reports/generate.js';
import { mention } from '../src/slack/mrkdwn.js';

export const COMMAND = '/rapport';

const refusal = (admins: readonly string[]) => rapport.command.notAllowed(admins.map(mention).join(', '));

async function orderReport(ctx: CommandContext): Promise<void> {
  if ((await requireParticipant(ctx, refusal)) === null) return;
  const now = ctx.deps.clock.now();
  const read = await readReportRequest(ctx.db, ctx.text, { now, schedule: ctx.deps.config.schedule });
  if (read.kind !== 'ok') {
    ctx.reply(read.text);
    return;
  }
  const { request } = read;
  const label = rapport.periodLabel(request.period);
  const prefix = orderPrefix(ctx.userId, rapport.periodSlug(request.period), request.filter?.key ?? null);
  // Two requests at once (a double press, a retry) wait for each other here: the second finds the first's order.
  await lockOrders(ctx.db, 'rapport', prefix);
  if ((await findOpenEffect(ctx.db, 'rapport', prefix)) !== null) {
    ctx.reply(rapport.command.already(label));
    return;
  }
  const order: ReportOrder = {
    week: weekOfDate(now, ctx.deps.config.schedule.timezone),
    target: `${prefix}${ctx.requestKey}`,
    userId: ctx.userId,
    request,
  };
  // Recorded with the request: if the queued job is lost, the scheduler finds the order and queues it again.
  await recordPendingJob(ctx.db, {
    key: { meetingWeek: order.week, kind: 'rapport', target: order.target },
    place: { userId: ctx.userId },
    job: { job: { kind: 'report', ...order }, ignoreWindow: true },
    at: now,
  });
  ctx.log.info({ period: rapport.periodSlug(request.period) }, 'report ordered');
  ctx.after(() => ctx.deps.reports.order(order));
  ctx.reply(rapport.command.making(label));
}

export const rapportCommand: CommandSpec = {
  command: COMMAND,
  subcommands: [
    {
      names: [['hjälp'], ['help'], ['?']],
      mode: 'read',
      run: async (ctx) => ctx.reply(rapport.help(COMMAND)),
    },
  ],
  empty: { mode: 'write', run: orderReport },
  otherwise: { mode: 'write', run: orderReport },
  help: async () => rapport.help(COMMAND),
  // The request's text is stored before the ack: one with a personal identity number is refused in the ack.
  screen: (text) => (findPersonalIdentityNumber(text) === null ? null : rapport.command.personalNumber),
};

export function register(kit: Kit): void {
  kit.command(rapportCommand);
}
