/**
 * `/prioritet …`: the joint priorities — the command, the three forms (a new or changed priority, a follow-up,
 * closing one with its result), and the buttons (Ny, Följ upp, Klarmarkera, Avbryt, Ändra) wherever they appear.
 */

import type { Kit } from '../src/kit/create.js';
import { PRIORITY_BUTTONS } from './prioritet/buttons.js';
import { closeForm } from './prioritet/close.js';
import { COMMAND, prioritetCommand } from './prioritet/command.js';
import { followUpForm, priorityForm } from './prioritet/forms.js';

/** The server side of `/prioritet lista`, for the benchmark (bench/priorities.ts). */
export { buildPriorityList } from './prioritet/command.js';
export { COMMAND };

export function register(kit: Kit): void {
  kit.command(prioritetCommand);
  for (const button of PRIORITY_BUTTONS) kit.action(button);
  kit.view(priorityForm);
  kit.view(followUpForm);
  kit.view(closeForm);
}
