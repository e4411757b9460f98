/**
 * The follow-up report jobs: one asked for with `/rapport` (to the asker's direct messages) and the quarter's
 * and year's posted in the meeting channel. Each is made (src/reports, in worker threads), then posted as a
 * message and its files in the message's thread — each an effect, so a retry, a second instance or a restart
 * never posts either twice. A workspace that refuses files gets a note in the thread saying why, instead. The
 * export is in the access log before anything is sent, once per report (jobs/report-access.ts).
 */

import { getEffect } from '../src/db/effects.repository.js';
import { type AccessRecord, SYSTEM_ACTOR } from '../src/domain/access-log.js';
import type { EffectKey, Place } from '../src/domain/effect.js';
import { type ReportRequest, wholePeriodRequest } from '../src/domain/report-period.js';
import {
  dueQuarterReport,
  dueYearReport,
  quarterOfDate,
  type ReportOrder,
} from '../src/domain/report-schedule.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { type Delivery, NotDue, postInChannel, sendDirect } from '../src/effects/delivery.js';
import { EFFECT_EVENT_TYPE } from '../src/effects/metadata.js';
import { isSettled } from '../src/effects/state.js';
import { rapport } from '../src/i18n/rapport.js';
import type { ReportFile } from '../src/reports/files.js';
import { generateReport, REPORT_FORMATS, type ReportFormat, reportMessage } from '../src/reports/generate.js';
import { uploadReportFiles } from '../src/reports/upload.js';
import { settledAgenda } from './agenda-thread.js';
import { mayStillRead, recordedBeforeSending, refuseAskedReport } from './report-access.js';
import { runEffect } from './run-effect.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

export interface ReportDestination {
  /** The message's effect; the files' effect is the same key with `-filer` added to its kind. */
  readonly key: EffectKey;
  /** A user's direct messages, or a channel (optionally in a thread). */
  readonly place: Place;
  readonly threadTs?: string | null;
}

export interface ReportContent {
  readonly request: ReportRequest;
  readonly formats: readonly ReportFormat[];
  /** Whether the readers may see the picture: the observations' free text in the workbook and the CSV. */
  readonly includeText: boolean;
  /** Who the export is recorded for in the access log. */
  readonly actor: { readonly userId: string; readonly via: 'rapport' | 'schema' };
}

export function filesKey(key: EffectKey): EffectKey {
  return { ...key, kind: `${key.kind}-filer` };
}

export async function deliverReport(
  ctx: CycleContext,
  destination: ReportDestination,
  content: ReportContent,
  options: RunOptions,
): Promise<Outcome> {
  // A report is seconds of work: made only when its message or its files are still to be sent.
  const now = ctx.clock.now();
  const [sent, attached] = await Promise.all([
    getEffect(ctx.db, destination.key),
    getEffect(ctx.db, filesKey(destination.key)),
  ]);
  if (!options.force && isSettled(sent, now) && (sent?.status !== 'done' || isSettled(attached, now)))
    return { status: 'already' };
  const report = await generateReport(ctx.db, content.request, {
    formats: content.formats,
    includeText: content.includeText,
    now: ctx.clock.now(),
    schedule: ctx.config.schedule,
  });
  const { place } = destination;
  // The export, in the behörighetslogg as the first of its steps begins to send: once, whatever is retried.
  const exported: AccessRecord = {
    actorUserId: content.actor.userId,
    action: 'export',
    resource: 'report',
    via: content.actor.via,
    period: rapport.periodSlug(content.request.period),
    detail: { fields: [...new Set(report.files.map((file) => file.format))], count: report.files.length },
  };
  const recorded = (delivery: Delivery) => recordedBeforeSending(ctx, destination.key, exported, delivery);
  const message =
    'userId' in place
      ? sendDirect(ctx.slack, place.userId, report.message)
      : postInChannel(ctx.slack, ctx.channelTurn, place.channelId, report.message, {
          threadTs: destination.threadTs ?? null,
        });
  const posted = await runEffect(ctx, destination.key, options, recorded(message));
  if (posted.status !== 'done' && posted.status !== 'already') return posted;
  const stored = await getEffect(ctx.db, destination.key);
  if (stored?.channelId === null || stored?.channelId === undefined || stored.messageTs === null)
    return posted;

  return runEffect(
    ctx,
    filesKey(destination.key),
    options,
    recorded(filesInThread(ctx, stored.channelId, stored.messageTs, report.files, report.model)),
  );
}

/**
 * The files, uploaded into the thread of the report's message; refused by the workspace, a note there instead.
 * Found again after an attempt whose answer was lost: the thread holds the bot's file message, or its note.
 */
function filesInThread(
  ctx: CycleContext,
  channelId: string,
  threadTs: string,
  files: readonly ReportFile[],
  model: Parameters<typeof reportMessage>[0],
): Delivery {
  return {
    place: { channelId },
    async send(metadata) {
      if (ctx.stopping.aborted) throw new NotDue();
      const upload = () => uploadReportFiles(ctx.slack.uploads, { channelId, threadTs, files });
      const outcome = channelId.startsWith('D') ? await upload() : await ctx.channelTurn(channelId, upload);
      if (outcome.status === 'uploaded') return { channelId, messageTs: null };
      const note = reportMessage(model, { kind: 'refused', reason: outcome.reason });
      const posted = await ctx.slack.web.chat.postMessage({
        channel: channelId,
        thread_ts: threadTs,
        text: note.text,
        blocks: note.blocks,
        metadata,
      });
      return { channelId, messageTs: posted.ts ?? null };
    },
    async find(metadataKey) {
      const [botId, answer] = await Promise.all([
        ctx.slack.botId(),
        ctx.slack.web.conversations.replies({
          channel: channelId,
          ts: threadTs,
          include_all_metadata: true,
          limit: 200,
        }),
      ]);
      const found = (answer.messages ?? []).find((m) => {
        const message = m as {
          ts?: string;
          bot_id?: string;
          files?: unknown[];
          metadata?: { event_type?: string; event_payload?: { key?: unknown } };
        };
        if (
          message.ts === threadTs ||
          (botId !== null && message.bot_id !== botId && message.files === undefined)
        )
          return false;
        return (
          (Array.isArray(message.files) && message.files.length > 0) ||
          (message.metadata?.event_type === EFFECT_EVENT_TYPE &&
            message.metadata.event_payload?.key === metadataKey)
        );
      }) as { ts?: string } | undefined;
      return found === undefined ? null : { channelId, messageTs: found.ts ?? null };
    },
  };
}

/**
 * A report someone asked for with /rapport: to their direct messages, with the observations' text — asked again
 * now whether they may read it, as their membership may have ended since they asked.
 */
export async function runAskedReport(
  ctx: CycleContext,
  order: ReportOrder,
  options: RunOptions,
): Promise<Outcome> {
  const key = askedReportKey(order);
  if (!(await mayStillRead(ctx, order.userId)))
    return refuseAskedReport(ctx, order, { message: key, files: filesKey(key) }, options);
  return deliverReport(
    ctx,
    { key, place: { userId: order.userId } },
    {
      request: order.request,
      formats: REPORT_FORMATS,
      // /rapport is for the parties' members and the admins, who may see the picture.
      includeText: true,
      actor: { userId: order.userId, via: 'rapport' },
    },
    options,
  );
}

export function askedReportKey(order: Pick<ReportOrder, 'week' | 'target'>): EffectKey {
  return { meetingWeek: order.week, kind: 'rapport', target: order.target };
}

/** What the bot posts by itself in the meeting channel: counts and charts, never the observations' text. */
const CHANNEL_FORMATS: readonly ReportFormat[] = ['pdf', 'xlsx', 'png'];

export function quarterReportKey(week: MeetingWeek, channel: string): EffectKey {
  return { meetingWeek: week, kind: 'rapport-kvartal', target: channel };
}

export function yearReportKey(week: MeetingWeek, year: number, channel: string): EffectKey {
  return { meetingWeek: week, kind: 'rapport-ar', target: `${channel}#${year}` };
}

/** The quarter's report after its last held meeting, in that meeting's agenda thread. */
export async function runQuarterReport(
  ctx: CycleContext,
  week: MeetingWeek,
  options: RunOptions,
): Promise<Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  const { meeting, state } = await ctx.meetings.ofWeek(week, ctx.db);
  if (state.cancelled) return skipped('cancelled');
  const quarter = dueQuarterReport(meeting, await ctx.meetings.nextHeldAfter(week, ctx.db), ctx.clock.now());
  if (quarter === null && !options.ignoreWindow) return skipped('not-due');
  const agenda = await settledAgenda(ctx, week, channel);
  return deliverReport(
    ctx,
    {
      key: quarterReportKey(week, channel),
      place: { channelId: agenda?.channelId ?? channel },
      threadTs: agenda?.status === 'done' ? agenda.messageTs : null,
    },
    {
      request: wholePeriodRequest(quarter ?? quarterOfDate(meeting.date)),
      formats: CHANNEL_FORMATS,
      includeText: false,
      actor: { userId: SYSTEM_ACTOR, via: 'schema' },
    },
    options,
  );
}

/** The year's report in the first week of January, in the meeting channel. */
export async function runYearReport(
  ctx: CycleContext,
  job: { week: MeetingWeek; year: number },
  options: RunOptions,
): Promise<Outcome> {
  const channel = ctx.config.meetingChannelId;
  if (channel === null) return skipped('no-channel');
  if (
    !options.ignoreWindow &&
    dueYearReport(ctx.clock.now(), ctx.config.schedule.timezone)?.year !== job.year
  )
    return skipped('not-due');
  return deliverReport(
    ctx,
    { key: yearReportKey(job.week, job.year, channel), place: { channelId: channel } },
    {
      request: wholePeriodRequest({ year: job.year }),
      formats: CHANNEL_FORMATS,
      includeText: false,
      actor: { userId: SYSTEM_ACTOR, via: 'schema' },
    },
    options,
  );
}
