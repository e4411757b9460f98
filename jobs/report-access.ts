/**
 * Who gets a report, and the record of it: the export goes into the behörighetslogg as the step that sends it
 * begins — once per report, however often that step is retried or taken over — and a report someone asked for
 * is made only while they still take part in the cooperation (membership can end between asking and making).
 */

import { recordAccessOncePerEffect } from '../src/db/access-log.repository.js';
import { listAdmins, loadActor } from '../src/db/members.repository.js';
import type { AccessRecord } from '../src/domain/access-log.js';
import { isParticipant } from '../src/domain/actor.js';
import type { EffectKey } from '../src/domain/effect.js';
import type { ReportOrder } from '../src/domain/report-schedule.js';
import { type Delivery, sendDirect } from '../src/effects/delivery.js';
import { rapport } from '../src/i18n/rapport.js';
import { mention } from '../src/slack/mrkdwn.js';
import { runEffect } from './run-effect.js';
import type { CycleContext, Outcome, RunOptions } from './types.js';

/**
 * `delivery`, recording `record` in the access log (once for the report whose message is `reportKey`) before it
 * sends anything: a process killed after an upload, or an upload whose answer was lost and that is found later,
 * never leaves an export unrecorded. The report's message effect exists by then (it is claimed first).
 */
export function recordedBeforeSending(
  ctx: CycleContext,
  reportKey: EffectKey,
  record: AccessRecord,
  delivery: Delivery,
): Delivery {
  return {
    place: delivery.place,
    async send(metadata, attempt) {
      await recordAccessOncePerEffect(ctx.db, reportKey, record);
      return delivery.send(metadata, attempt);
    },
    find: (metadataKey, since) => delivery.find(metadataKey, since),
  };
}

/** Whether someone may still read the picture, asked when their report is made: a party's member or an admin. */
export async function mayStillRead(ctx: CycleContext, userId: string): Promise<boolean> {
  return isParticipant(await loadActor(ctx.db, userId));
}

/**
 * A report asked for by someone who no longer takes part: none is made (not even without the free text, as its
 * figures and places come from the parties' picture too). They are told why, once, and the refusal is logged:
 * the report's message is settled without a post (unless it went out before they were removed), and the word
 * why takes the place of its files.
 */
export async function refuseAskedReport(
  ctx: CycleContext,
  order: ReportOrder,
  keys: { readonly message: EffectKey; readonly files: EffectKey },
  options: RunOptions,
): Promise<Outcome> {
  ctx.logger.info({ week: keys.message.meetingWeek }, 'report not made: the asker no longer takes part');
  const direct = sendDirect(ctx.slack, order.userId, { text: '' });
  const withheld = await runEffect(ctx, keys.message, options, {
    place: direct.place,
    send: async () => ({ channelId: null, messageTs: null }),
    // An earlier attempt's report message, whose answer was lost, is still found and recorded as sent.
    find: (metadataKey, since) => direct.find(metadataKey, since),
  });
  if (withheld.status !== 'done' && withheld.status !== 'already') return withheld;
  const admins = (await listAdmins(ctx.db)).map(mention).join(', ');
  const text = rapport.command.noLongerAllowed(rapport.periodLabel(order.request.period), admins);
  const refused: AccessRecord = {
    actorUserId: order.userId,
    action: 'export',
    outcome: 'refused',
    resource: 'report',
    via: 'rapport',
    period: rapport.periodSlug(order.request.period),
    detail: { reason: 'ej-deltagare' },
  };
  return runEffect(
    ctx,
    keys.files,
    options,
    recordedBeforeSending(ctx, keys.message, refused, sendDirect(ctx.slack, order.userId, { text })),
  );
}
