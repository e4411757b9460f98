/**
 * New joint priorities: point 3 of the agenda, and the direct message to the parties made responsible.
 */

import type { JointPriority } from '../domain/priorities.js';
import { weekNumberOf } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { nameOf } from '../services/user-names.js';
import { POINT_3_CHARS } from './agenda.js';
import { type SlackMessage, section } from './blocks.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';
import {
  type CatalogueNames,
  followUpButton,
  formatDay,
  namesOf,
  priorityLine,
  priorityTitle,
} from './priorities.js';

/**
 * Point 3 of the agenda, "Nya gemensamma prioriteringar": the priorities proposed for the meeting since the last
 * one, so people can read them before it, each with its proposer's name (never a mention: the agenda pings
 * nobody) and its responsible parties. At most POINT_3_CHARS characters; what does not fit is counted.
 *
 * @param priorities the meeting's proposals in order (`listProposals`), `total` of them in all
 */
export function renderProposals(input: {
  readonly priorities: readonly JointPriority[];
  readonly total: number;
  readonly names: CatalogueNames;
  /** Display names by user id (src/services/user-names.ts). */
  readonly people: ReadonlyMap<string, string>;
}): string[] {
  const a = sv.prioritet.agenda;
  if (input.total === 0) return [a.noProposals];
  const room = POINT_3_CHARS - a.proposalsMore(input.total).length - 1;
  const lines: string[] = [];
  let size = 0;
  for (const priority of input.priorities) {
    const line = a.proposal(
      priorityTitle(priority),
      escapeMrkdwn(nameOf(input.people, priority.createdBy)),
      namesOf(priority.partyKeys, input.names.partyNames),
    );
    if (size + line.length + 1 > room) break;
    lines.push(line);
    size += line.length + 1;
  }
  if (lines.length < input.total) lines.push(a.proposalsMore(input.total - lines.length));
  return lines;
}

/**
 * The direct message to each member of a party made responsible for a new priority: what it is, who registered
 * it for which meeting, when it is followed up, with a Följ upp button. The proposer is mentioned: in a direct
 * message to someone else that notifies nobody.
 */
export function renderNewPriorityNotice(input: {
  readonly priority: JointPriority;
  readonly names: CatalogueNames;
}): SlackMessage {
  const n = sv.prioritet.notice;
  const { priority } = input;
  return {
    text: n.text(priority.id, escapeMrkdwn(priority.title)),
    blocks: [
      section(
        n.body(
          priority.id,
          mention(priority.createdBy),
          weekNumberOf(priority.agreedWeek),
          formatDay(priority.followUpDate),
        ),
      ),
      {
        type: 'section',
        block_id: `ny_prioritet_${priority.id}`,
        text: { type: 'mrkdwn', text: priorityLine(priority, input.names, { meetingDate: null }) },
        accessory: followUpButton(priority),
      },
    ],
  };
}
