/**
 * The follow-up report's two entry points. `readReportRequest` reads what someone typed after `/rapport` (or on
 * the CLI) into a request, or a Swedish answer: help, or what is wrong with examples. `generateReport` makes the
 * report: seven queries, the model computed on the spot, the files drawn in worker threads, and the Slack
 * message. A request is plain JSON, so it can be a job's data between the two.
 */

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Executor } from '../db/database.js';
import { readReportCatalogue, readReportData } from '../db/reports.repository.js';
import { holidayOn } from '../domain/holidays.js';
import { buildReportModel, type ReportModel, reportPriorities } from '../domain/report-model.js';
import {
  meetingDatesIn,
  type PeriodProblem,
  parseReportRequest,
  previousRange,
  type ReportRequest,
} from '../domain/report-period.js';
import { type MeetingSchedule, meetingOfWeek } from '../domain/schedule.js';
import { rapport } from '../i18n/rapport.js';
import type { SlackMessage } from '../slack/blocks.js';
import type { ReportFile, ReportFormat } from './files.js';
import { reportMessage } from './message.js';
import { renderInWorkers } from './render.js';

export type { ReportFile, ReportFormat } from './files.js';
export { REPORT_FORMATS } from './files.js';
export { type AttachmentNote, reportMessage } from './message.js';

export type ReadRequest =
  | { readonly kind: 'ok'; readonly request: ReportRequest }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'problem'; readonly problem: PeriodProblem; readonly text: string };

export interface ReadOptions {
  readonly now: Date;
  readonly schedule: MeetingSchedule;
  /** How the command is written in the examples of an answer: `/rapport` or `npm run cli -- rapport`. */
  readonly command?: string;
}

/** Three queries: the parties, the areas and the first week with data. */
export async function readReportRequest(
  db: Executor,
  text: string,
  options: ReadOptions,
): Promise<ReadRequest> {
  const command = options.command ?? '/rapport';
  const catalogue = await readReportCatalogue(db);
  const parsed = parseReportRequest(text, {
    now: options.now,
    timezone: options.schedule.timezone,
    parties: catalogue.parties,
    areas: catalogue.areas,
    firstDataDate:
      catalogue.firstWeek === null ? null : meetingOfWeek(catalogue.firstWeek, options.schedule).date,
  });
  if (parsed.kind === 'ok') return parsed;
  if (parsed.kind === 'help') return { kind: 'help', text: rapport.help(command) };
  const parties = catalogue.parties.filter((p) => p.active).map((p) => `\`${p.key}\``);
  const areas = catalogue.areas.filter((a) => a.active).map((a) => `\`${a.aliases[0] ?? a.key}\``);
  return {
    kind: 'problem',
    problem: parsed.problem,
    text: rapport.problem(parsed.problem, command, parties.join(', '), areas.join(', ')),
  };
}

export interface ReportOptions {
  /** The files to make; none gives only the model and the message. */
  readonly formats: readonly ReportFormat[];
  /** Whether the reader may see the picture: the observations' free text goes into the workbook and the CSV. */
  readonly includeText: boolean;
  readonly now: Date;
  readonly schedule: MeetingSchedule;
}

export interface GeneratedReport {
  readonly model: ReportModel;
  /** The message, its attachment line counting `files`. Without them (a refused upload): reportMessage. */
  readonly message: SlackMessage;
  readonly files: readonly ReportFile[];
}

export async function generateReport(
  db: Executor,
  request: ReportRequest,
  options: ReportOptions,
): Promise<GeneratedReport> {
  const current = meetingDatesIn(request.period, options.schedule);
  const all = [...meetingDatesIn(previousRange(request.period), options.schedule), ...current];
  // A period without a meeting day reads nothing: a week range no week falls in.
  const reading = readReportData(db, {
    from: all[0]?.week ?? '9999-W99',
    to: all.at(-1)?.week ?? '0000-W00',
    textFrom: options.includeText ? (current[0]?.week ?? null) : null,
  });
  // Each step in a turn of its own, so none holds up the event loop long (the bot answers Slack meanwhile).
  // While the queries run: the meetings' times and the years' holidays, worked out once and kept, so the
  // model does not work them out in its turn.
  // Marked as handled meanwhile: a query failing within the turn must not count as an unhandled rejection.
  reading.catch(() => {});
  await yieldToEventLoop();
  for (const { week, date } of all) {
    meetingOfWeek(week, options.schedule);
    holidayOn(date);
  }
  const data = await reading;
  await yieldToEventLoop();
  const priorities = reportPriorities(request.period, request.filter, data, options);
  await yieldToEventLoop();
  const model = buildReportModel(request.period, request.filter, data, options, priorities);
  await yieldToEventLoop();
  const files = options.formats.length === 0 ? [] : await renderInWorkers(model, options.formats);
  return { model, message: reportMessage(model, { kind: 'files', count: files.length }), files };
}
