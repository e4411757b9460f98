/**
 * The day-before reminders of a joint priority's follow-up: which ones are due now, and the direct message to
 * each member of its responsible parties.
 */

import { listMembers } from '../src/db/members.repository.js';
import {
  listPrioritiesNeedingReminder,
  priorityNeedingReminder,
} from '../src/db/priority-meetings.repository.js';
import { followUpRemindersDueFor } from '../src/domain/calendar.js';
import { reminderRecipients } from '../src/domain/priority-decisions.js';
import { sendDirect } from '../src/effects/delivery.js';
import { followUpKey } from '../src/effects/keys.js';
import { loadCatalogue } from '../src/services/catalogue.js';
import { renderFollowUpReminder } from '../src/slack/priority-follow-ups.js';
import { runEffect } from './run-effect.js';
import { type CycleContext, type CycleJob, type Outcome, type RunOptions, skipped } from './types.js';

/** One day-before reminder: a priority, its follow-up date and one member to tell. */
export type FollowUpJob = Extract<CycleJob, { kind: 'followup' }>;

/**
 * The day-before reminders due now: for each active joint priority followed up tomorrow that nobody has written
 * a note on since its follow-up was set, one message to each member of its responsible parties.
 */
export async function dueFollowUpReminders(ctx: CycleContext, now: Date): Promise<FollowUpJob[]> {
  const followUpDate = followUpRemindersDueFor(now, ctx.config.schedule);
  return followUpDate === null ? [] : followUpRemindersFor(ctx, followUpDate);
}

/** The reminders of the priorities followed up on `followUpDate` (also for `jobs run followup`). */
export async function followUpRemindersFor(
  ctx: Pick<CycleContext, 'db'>,
  followUpDate: string,
): Promise<FollowUpJob[]> {
  const priorities = await listPrioritiesNeedingReminder(ctx.db, followUpDate);
  if (priorities.length === 0) return [];
  const members = await listMembers(ctx.db, [...new Set(priorities.flatMap((p) => p.partyKeys))]);
  return priorities.flatMap((priority) =>
    reminderRecipients(priority, members).map(
      (userId): FollowUpJob => ({ kind: 'followup', priorityId: priority.id, followUpDate, userId }),
    ),
  );
}

/**
 * One reminder to one member, checked again when it runs: the priority still needs it (nobody has written a note
 * in the meantime), the user is still in a responsible party, and it is still the day before.
 */
export async function runFollowUpReminder(
  ctx: CycleContext,
  job: FollowUpJob,
  options: RunOptions,
): Promise<Outcome> {
  if (
    !options.ignoreWindow &&
    followUpRemindersDueFor(ctx.clock.now(), ctx.config.schedule) !== job.followUpDate
  ) {
    return skipped('not-due');
  }
  const [priority, names] = await Promise.all([
    priorityNeedingReminder(ctx.db, job.priorityId, job.followUpDate),
    loadCatalogue(ctx.db),
  ]);
  if (priority === null) return skipped('nothing-missing');
  if (!reminderRecipients(priority, await listMembers(ctx.db, priority.partyKeys)).includes(job.userId)) {
    return skipped('nothing-missing');
  }
  const message = renderFollowUpReminder({ priority, names });
  const key = followUpKey(job.priorityId, job.followUpDate, job.userId, ctx.config.schedule.timezone);
  return runEffect(ctx, key, options, sendDirect(ctx.slack, job.userId, message));
}
