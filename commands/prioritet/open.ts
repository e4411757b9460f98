/**
 * Opening the priority forms: a new priority (`/prioritet`, "Ny gemensam prioritering"), a change (Ändra) and a
 * follow-up (Följ upp). Called at once with a fresh trigger (it expires three seconds after the click): the few
 * reads in parallel, then views.open. Someone who may not, or a priority that is gone, is answered instead.
 */

import { randomUUID } from 'node:crypto';
import type { Meeting, MeetingWeek } from '../../src/domain/schedule.js';
import type { RequestContext } from '../../src/kit/context.js';
import { replyTo } from '../../src/kit/forms.js';
import type { FormOpener } from '../../src/kit/kit.js';
import { followUpModal, priorityModal } from '../../src/slack/priority-modals.js';
import { priorityToChange, requireContributor } from './access.js';

/**
 * The form for a new joint priority. Bound to `requestedWeek` (the agenda's button) while that meeting has not
 * ended and is held; otherwise to the meeting a decision made now belongs to (src/services/meetings.ts).
 */
export async function openNewPriorityForm(ctx: FormOpener, requestedWeek: MeetingWeek | null): Promise<void> {
  const [actor, catalogue, calendar] = await Promise.all([
    requireContributor(ctx),
    ctx.catalogue(),
    ctx.deps.meetings.decisionCalendar(requestedWeek, ctx.db),
  ]);
  if (actor === null) return;
  const { week, date } = calendar.meeting;
  const { choices } = await ctx.deps.meetings.followUpDates(week, ctx.db);
  await ctx.openView(
    priorityModal({
      metadata: { key: randomUUID(), week, priorityId: null, openedAt: null, ...replyTo(ctx) },
      parties: catalogue.parties,
      areas: catalogue.areas,
      agreedDate: date,
      defaultFollowUpDate: calendar.defaultFollowUpDate,
      priority: null,
      preselectedParties: actor.partyKeys,
      followUpChoices: choices,
    }),
  );
  ctx.log.info({ week }, 'priority modal opened');
}

/** The same form prefilled, to change priority `priorityId` (Ändra). */
export async function openEditForm(ctx: FormOpener, priorityId: number): Promise<void> {
  const [found, catalogue, choices] = await Promise.all([
    priorityToChange(ctx, priorityId),
    ctx.catalogue(),
    followUpChoicesNow(ctx),
  ]);
  if (found === null) return;
  const { priority } = found;
  // The day the meeting is held: a moved meeting's, not the one it was planned for.
  const agreedAt = await ctx.deps.meetings.ofWeek(priority.agreedWeek, ctx.db);
  await ctx.openView(
    priorityModal({
      metadata: {
        key: randomUUID(),
        week: priority.agreedWeek,
        priorityId: priority.id,
        // A save refuses to overwrite what someone else changes while this form is open.
        openedAt: priority.updatedAt.toISOString(),
        ...replyTo(ctx),
      },
      parties: catalogue.parties,
      areas: catalogue.areas,
      agreedDate: agreedAt.meeting.date,
      defaultFollowUpDate: priority.followUpDate,
      priority,
      preselectedParties: priority.partyKeys,
      followUpChoices: choices,
    }),
  );
}

/** The follow-up form for a priority (Följ upp, from a list, the agenda, a reminder or App Home). */
export async function openFollowUpForm(ctx: FormOpener, priorityId: number): Promise<void> {
  const [found, choices] = await Promise.all([priorityToChange(ctx, priorityId), followUpChoicesNow(ctx)]);
  if (found === null) return;
  const { priority } = found;
  await ctx.openView(
    followUpModal({
      metadata: { key: randomUUID(), priorityId: priority.id, ...replyTo(ctx) },
      priority,
      followUpChoices: choices,
    }),
  );
}

/**
 * The follow-up dates a change made now is offered: the held meetings from the meeting it belongs to, that one
 * too while it has not started (two small queries, the second on the first's answer).
 */
export async function followUpChoicesNow(ctx: RequestContext): Promise<Meeting[]> {
  return (await followUpDatesNow(ctx)).choices;
}

export async function followUpDatesNow(ctx: RequestContext) {
  const { meeting, now } = await ctx.deps.meetings.decisionCalendar(null, ctx.db);
  return ctx.deps.meetings.followUpDates(meeting.week, ctx.db, {
    including: meeting.startsAt.getTime() > now.getTime(),
  });
}
