import type { Db } from '../src/db/database.js';
import { listDuePriorities } from '../src/db/priorities.repository.js';
import { loadCatalogue } from '../src/services/catalogue.js';
import { newPriorityButton, renderAgendaPrioritiesSection } from '../src/slack/priorities.js';
import type { AgendaExtensions } from './types.js';

/**
 * The joint priorities on the agenda: point 2 lists those due for follow-up at the meeting, point 3 gets the
 * "Ny gemensam prioritering" button bound to the meeting (commands/prioritet.ts opens the modal).
 */
export function prioritiesOnAgenda(db: Db): AgendaExtensions {
  return {
    async followUp(meeting, maxBlocks) {
      const [priorities, names] = await Promise.all([listDuePriorities(db, meeting.date), loadCatalogue(db)]);
      return renderAgendaPrioritiesSection({
        priorities,
        names,
        meetingDate: meeting.date,
        maxBlocks,
      });
    },
    newPriorityButton: (meeting) => newPriorityButton(meeting.week),
  };
}
