/**
 * `/lagesbild …`: a party's situational picture for the coming meeting — the command, its form, and the buttons
 * (Lämna lägesbild, Ändra, Ta bort) wherever they appear.
 */

import type { Kit } from '../src/kit/create.js';
import { LAGESBILD_BUTTONS } from './lagesbild/buttons.js';
import { lagesbildCommand } from './lagesbild/command.js';
import { lagesbildForm } from './lagesbild/form.js';
import { PARTY_CHOICE_BUTTONS } from './lagesbild/parties.js';
import { COMMAND } from './lagesbild/submit.js';

export { COMMAND };

export function register(kit: Kit): void {
  kit.command(lagesbildCommand);
  for (const button of [...LAGESBILD_BUTTONS, ...PARTY_CHOICE_BUTTONS]) kit.action(button);
  kit.view(lagesbildForm);
}
