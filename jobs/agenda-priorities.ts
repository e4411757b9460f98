/**
 * The joint priorities' part of the Friday agenda (point 2, due for follow-up; point 3, proposed since the
 * last meeting) and the minutes' buttons, given to the agenda job as its AgendaExtensions.
 * Why: the agenda job itself knows nothing of priorities; src/app.ts wires this in.
 */

import type { Db } from '../src/db/database.js';
import { listDuePriorities, listProposals } from '../src/db/priority-meetings.repository.js';
import { loadCatalogue } from '../src/services/catalogue.js';
import { storedDisplayNames } from '../src/services/user-names.js';
import { newPriorityButton } from '../src/slack/priorities.js';
import { renderAgendaPrioritiesSection } from '../src/slack/priority-follow-ups.js';
import { renderProposals } from '../src/slack/proposals.js';
import { minutesButtons } from '../src/slack/protokoll.js';
import { cancelledMeetingsBefore } from './meeting-summary.js';
import type { AgendaExtensions } from './types.js';

/** More proposals than point 3 ever has room for: what is read of them. */
const PROPOSALS_READ = 30;

/**
 * The joint priorities and the minutes on the agenda: point 2 lists those due for follow-up at the meeting,
 * point 3 those proposed for it since the last one (with their proposers' names) and the "Ny gemensam
 * prioritering" button bound to the meeting (commands/prioritet.ts opens the modal); the minutes' buttons sit
 * beside the agenda's own (commands/protokoll.ts). The agenda is rendered on every tick while it is posted, so
 * this reads only stored names and asks Slack nothing.
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
    async proposals(meeting, schedule) {
      const cancelled = await cancelledMeetingsBefore({ db, config: { schedule } }, meeting.week);
      const [{ priorities, total }, names] = await Promise.all([
        listProposals(db, [meeting.week, ...cancelled], PROPOSALS_READ),
        loadCatalogue(db),
      ]);
      const people = await storedDisplayNames(
        db,
        priorities.map((p) => p.createdBy),
      );
      return renderProposals({ priorities, total, names, people });
    },
    newPriorityButton: (meeting) => newPriorityButton(meeting.week),
    minutesButtons: (meeting) => minutesButtons(meeting.week),
  };
}
