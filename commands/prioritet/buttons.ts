import { changePriorityStatus, getPriority } from '../../src/db/priorities.repository.js';
import { type ClosedStatus, mayClose } from '../../src/domain/priorities.js';
import { sv } from '../../src/i18n/sv.js';
import type { ActionContext, ActionSpec } from '../../src/kit/kit.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { MEETING_WEEK, namesOf, PRIORITY_ACTIONS, PRIORITY_ID } from '../../src/slack/priorities.js';
import { requireContributor } from './access.js';
import { openEditForm, openFollowUpForm, openNewPriorityForm } from './open.js';

/**
 * The priority buttons, wherever they are: a `/prioritet` list, the Friday agenda, a reminder, App Home. Ny,
 * Följ upp and Ändra open their form with the fresh trigger; Klarmarkera and Avbryt are stored before the ack
 * and carried out after it. The answer goes below the message the button was on, or from App Home (which has
 * no response_url) as a direct message.
 */

/** Ny gemensam prioritering: the agenda's carries its meeting's week, App Home's nothing. */
export async function newPriorityClicked(ctx: ActionContext): Promise<void> {
  await openNewPriorityForm(ctx, ctx.decode(MEETING_WEEK));
}

/** The priority a button is for; null (and the person told) when its value is not one the bot wrote. */
function priorityIdOf(ctx: ActionContext): number | null {
  const id = ctx.decode(PRIORITY_ID);
  if (id === null) {
    ctx.log.warn({ action: ctx.actionId }, 'priority button with an unreadable value');
    ctx.reply(sv.common.genericError);
  }
  return id;
}

export async function followUpClicked(ctx: ActionContext): Promise<void> {
  const id = priorityIdOf(ctx);
  if (id !== null) await openFollowUpForm(ctx, id);
}

export async function editClicked(ctx: ActionContext): Promise<void> {
  const id = priorityIdOf(ctx);
  if (id !== null) await openEditForm(ctx, id);
}

/**
 * Klarmarkera and Avbryt, in the transaction of the stored click: for members of a responsible party and
 * admins; anyone else is told who may. Bound to the meeting a decision made now belongs to.
 */
export async function closePriority(ctx: ActionContext, status: ClosedStatus): Promise<void> {
  const id = priorityIdOf(ctx);
  if (id === null) return;
  const actor = await requireContributor(ctx);
  if (actor === null) return;
  const [catalogue, priority, calendar] = await Promise.all([
    ctx.catalogue(),
    getPriority(ctx.db, id),
    ctx.deps.meetings.decisionCalendar(null, ctx.db),
  ]);
  if (priority === null) {
    ctx.reply(sv.prioritet.notFound(id));
    return;
  }
  if (!mayClose(actor, priority)) {
    ctx.log.info({ priority: id, status }, 'closing refused: not a responsible party');
    ctx.reply(sv.prioritet.notAllowedToClose(id, namesOf(priority.partyKeys, catalogue.partyNames)));
    return;
  }
  const result = await changePriorityStatus(ctx.db, id, status, {
    actorUserId: ctx.userId,
    meetingWeek: calendar.meeting.week,
    at: calendar.now,
  });
  ctx.log.info({ priority: id, status, outcome: result.outcome }, 'priority status');
  if (result.outcome === 'changed') {
    await ctx.audit({ action: 'change', resource: 'priority', priorityId: id, detail: { status } });
  }
  const label = sv.prioritet.status[status];
  switch (result.outcome) {
    case 'notFound':
      ctx.reply(sv.prioritet.notFound(id));
      return;
    case 'changed':
      ctx.after(() => ctx.deps.notify.homeChanged(ctx.userId));
      ctx.reply(sv.prioritet.statusChanged(id, escapeMrkdwn(result.priority.title), label));
      return;
    default:
      ctx.reply(sv.prioritet.alreadyStatus(id, label));
  }
}

export const PRIORITY_BUTTONS: readonly ActionSpec[] = [
  { actionId: PRIORITY_ACTIONS.new, mode: 'modal', run: newPriorityClicked },
  { actionId: PRIORITY_ACTIONS.followUp, mode: 'modal', run: followUpClicked },
  { actionId: PRIORITY_ACTIONS.edit, mode: 'modal', run: editClicked },
  { actionId: PRIORITY_ACTIONS.complete, mode: 'write', run: (ctx) => closePriority(ctx, 'genomford') },
  { actionId: PRIORITY_ACTIONS.cancel, mode: 'write', run: (ctx) => closePriority(ctx, 'avbruten') },
];
