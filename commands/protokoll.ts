/**
 * `/protokoll …`: the meeting's minutes besides the joint priorities — the command, the agenda's two buttons
 * ("Anteckna i protokollet", "Närvaro") and their forms. What is written is posted after the meeting in "Beslut
 * och uppföljning" (jobs/meeting-summary.ts).
 */

import type { Kit } from '../src/kit/create.js';
import { COMMAND, protokollCommand } from './protokoll/command.js';
import { attendanceForm, noteForm, PROTOKOLL_BUTTONS } from './protokoll/forms.js';

export { COMMAND };

export function register(kit: Kit): void {
  kit.command(protokollCommand);
  for (const button of PROTOKOLL_BUTTONS) kit.action(button);
  kit.view(noteForm);
  kit.view(attendanceForm);
}
