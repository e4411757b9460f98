/** Runs one job of the weekly cycle by its kind; the same code whether BullMQ or the CLI runs it. */

import { runAdminAlert } from './admin-alert.js';
import { runAgenda, runAgendaUpdate } from './agenda.js';
import { runCallForInput } from './call-for-input.js';
import { runCancellationNotice } from './cancellation-notice.js';
import { runCompile } from './compile.js';
import { runFollowUpReminder } from './follow-up-reminder.js';
import { runLastCall } from './last-call.js';
import { runMeetingSummary } from './meeting-summary.js';
import { runAskedReport, runQuarterReport, runYearReport } from './report.js';
import type { CycleContext, CycleJob, Outcome, RunOptions } from './types.js';

export async function runJob(ctx: CycleContext, job: CycleJob, runOptions: RunOptions): Promise<Outcome> {
  // The job goes with its effect, so the scheduler can heal an attempt that was interrupted.
  const options: RunOptions = { ...runOptions, job };
  switch (job.kind) {
    case 'call':
      return runCallForInput(ctx, job.week, job.userId, options);
    case 'agenda':
      return runAgenda(ctx, job.week, options);
    case 'agenda-update':
      return runAgendaUpdate(ctx, job.week);
    case 'lastcall':
      return runLastCall(ctx, job.week, options);
    case 'compile':
      return runCompile(ctx, job.week, job.part, options);
    case 'summary':
      return runMeetingSummary(ctx, job.week, job.part, options);
    case 'followup':
      return runFollowUpReminder(ctx, job, options);
    case 'notice':
      return runCancellationNotice(ctx, job.week, options);
    case 'alert':
      return runAdminAlert(ctx, job.week, job.adminId, job.problem, options);
    case 'report':
      return runAskedReport(ctx, job, options);
    case 'quarter-report':
      return runQuarterReport(ctx, job.week, options);
    case 'year-report':
      return runYearReport(ctx, job, options);
  }
}
