/**
 * The priority buttons, wherever they are: a `/prioritet` list, the Friday agenda, a reminder, App Home. Each
 * opens its form with the fresh trigger: Ny, Följ upp, Ändra, and Klarmarkera and Avbryt (which ask for the
 * result, ./close.ts). An answer goes below the message the button was on, or from App Home (which has no
 * response_url) as a direct message.
 */

import type { ActionContext, ActionSpec } from '../../src/kit/kit.js';
import { buttonValue } from '../../src/kit/metadata.js';
import { MEETING_WEEK, PRIORITY_ACTIONS, PRIORITY_ID } from '../../src/slack/priorities.js';
import { closeClicked } from './close.js';
import { openEditForm, openFollowUpForm, openNewPriorityForm } from './open.js';

/** Ny gemensam prioritering: the agenda's carries its meeting's week, App Home's nothing. */
export async function newPriorityClicked(ctx: ActionContext): Promise<void> {
  await openNewPriorityForm(ctx, ctx.decode(MEETING_WEEK));
}

export async function followUpClicked(ctx: ActionContext): Promise<void> {
  const id = buttonValue(ctx, PRIORITY_ID);
  if (id !== null) await openFollowUpForm(ctx, id);
}

export async function editClicked(ctx: ActionContext): Promise<void> {
  const id = buttonValue(ctx, PRIORITY_ID);
  if (id !== null) await openEditForm(ctx, id);
}

export const PRIORITY_BUTTONS: readonly ActionSpec[] = [
  { actionId: PRIORITY_ACTIONS.new, mode: 'modal', run: newPriorityClicked },
  { actionId: PRIORITY_ACTIONS.followUp, mode: 'modal', run: followUpClicked },
  { actionId: PRIORITY_ACTIONS.edit, mode: 'modal', run: editClicked },
  // Each opens a small form asking for the result (./close.ts).
  { actionId: PRIORITY_ACTIONS.complete, mode: 'modal', run: (ctx) => closeClicked(ctx, 'genomford') },
  { actionId: PRIORITY_ACTIONS.cancel, mode: 'modal', run: (ctx) => closeClicked(ctx, 'avbruten') },
];
