/**
 * Opening the priority forms: a new priority (`/prioritet`, "Ny gemensam prioritering"), a change (Ändra) and a
 * follow-up (Följ upp). Called at once with a fresh trigger (it expires three seconds after the click): the few
 * reads in parallel, then views.open. Someone who may not, or a priority that is gone, is answered instead.
 */

import { randomUUID } from 'node:crypto';
import type { ModalView } from '@slack/types';
import { getPriority } from '../../src/db/priorities.repository.js';
import { type Meeting, type MeetingWeek, meetingOfWeek } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import type { ReplyTo } from '../../src/slack/priority-modal-data.js';
import { followUpModal, priorityModal } from '../../src/slack/priority-modals.js';
import { requireContributor } from './access.js';

/** A context that can open a form: a slash command's or a button's, in `modal` mode. */
export interface FormOpener extends RequestContext {
  /** Where the request came from: the form's confirmation goes there (none from App Home). */
  readonly channelId: string | null;
  readonly responseUrl: string | null;
  openView(view: ModalView): Promise<void>;
}

/** Where the form confirms a saved change: where it was opened from, with the response_url issued now. */
function replyTo(ctx: FormOpener): ReplyTo {
  return {
    channelId: ctx.channelId,
    responseUrl: ctx.responseUrl,
    issuedAt: ctx.deps.clock.now().toISOString(),
  };
}

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
  const [actor, catalogue, priority, choices] = await Promise.all([
    requireContributor(ctx),
    ctx.catalogue(),
    getPriority(ctx.db, priorityId),
    followUpChoicesNow(ctx),
  ]);
  if (actor === null) return;
  if (priority === null) {
    ctx.reply(sv.prioritet.notFound(priorityId));
    return;
  }
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
      agreedDate: meetingOfWeek(priority.agreedWeek, ctx.deps.config.schedule).date,
      defaultFollowUpDate: priority.followUpDate,
      priority,
      preselectedParties: priority.partyKeys,
      followUpChoices: choices,
    }),
  );
}

/** The follow-up form for a priority (Följ upp, from a list, the agenda, a reminder or App Home). */
export async function openFollowUpForm(ctx: FormOpener, priorityId: number): Promise<void> {
  const [actor, priority, choices] = await Promise.all([
    requireContributor(ctx),
    getPriority(ctx.db, priorityId),
    followUpChoicesNow(ctx),
  ]);
  if (actor === null) return;
  if (priority === null) {
    ctx.reply(sv.prioritet.notFound(priorityId));
    return;
  }
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
