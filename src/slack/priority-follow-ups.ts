/**
 * What the jobs send about priorities due for follow-up: point 2 of the Friday agenda, and the direct message
 * the day before a follow-up date. Apart from the command's answers (priority-list.ts, priority-detail.ts)
 * because jobs render these, not a request.
 */

import type { KnownBlock, SectionBlock } from '@slack/types';
import type { JointPriority } from '../domain/priorities.js';
import { isDue, sortForMeeting } from '../domain/priority-list.js';
import { sv } from '../i18n/sv.js';
import { context, type SlackMessage, section, textSize } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { type CatalogueNames, followUpButton, formatDay, priorityLine } from './priorities.js';

// ── the Friday agenda, point 2 ──

/** Characters of text point 2 takes by default, leaving the rest of the agenda's budget to the other points. */
export const AGENDA_FOLLOW_UP_CHARS = 5000;

/**
 * Point 2 of the Friday agenda, heading included: the active priorities due on or before the meeting,
 * grouped by their first area (in the areas' order), each with its responsible parties and a Följ upp button.
 * At most `maxBlocks` blocks and `maxChars` characters of text; what does not fit is counted in a closing line
 * pointing to `/prioritet lista`.
 *
 * @param priorities from `listDuePriorities(db, meeting.date)`
 */
export function renderAgendaPrioritiesSection(input: {
  readonly priorities: readonly JointPriority[];
  readonly names: CatalogueNames;
  readonly meetingDate: string;
  /** The blocks this section may take of the agenda message (`followUpBudget` in src/slack/agenda.ts). */
  readonly maxBlocks?: number;
  /** The characters of text it may take (`followUpCharBudget` in src/slack/agenda.ts). */
  readonly maxChars?: number;
}): KnownBlock[] {
  const a = sv.prioritet.agenda;
  const { names } = input;
  const due = sortForMeeting(
    input.priorities.filter((p) => isDue(p, input.meetingDate)),
    input.meetingDate,
  );
  if (due.length === 0) return [section(`${a.heading}\n${a.none}`)];
  const maxBlocks = input.maxBlocks ?? 20;
  // Too little room for even one priority under its area: the heading and the count, in one block.
  if (maxBlocks < 3) return [section(`${a.heading}\n${a.count(due.length)}`)];
  const areaOrder = [...names.areaNames.keys()];
  const rank = (p: JointPriority) => {
    const index = areaOrder.indexOf(p.areaKeys[0] ?? '');
    return index === -1 ? areaOrder.length : index;
  };
  const groups = new Map<string, JointPriority[]>();
  for (const priority of [...due].sort((x, y) => rank(x) - rank(y))) {
    const key = priority.areaKeys[0] ?? '';
    groups.set(key, [...(groups.get(key) ?? []), priority]);
  }

  const blocks: KnownBlock[] = [section(a.heading)];
  let shown = 0;
  // Keep room for the closing "och N till" line whenever something could still be left out.
  const room = () => maxBlocks - blocks.length - (shown + 1 < due.length ? 1 : 0);
  const roomChars = (input.maxChars ?? AGENDA_FOLLOW_UP_CHARS) - textSize(section(a.more(due.length)));
  let chars = textSize(blocks);
  outer: for (const [areaKey, priorities] of groups) {
    if (room() < 2) break;
    const areaHeading = context(`*${escapeMrkdwn(names.areaNames.get(areaKey) ?? areaKey)}*`);
    let headed = false;
    for (const priority of priorities) {
      if (room() < (headed ? 1 : 2)) break outer;
      const item: SectionBlock = {
        type: 'section',
        block_id: `agenda_prioritet_${priority.id}`,
        text: {
          type: 'mrkdwn',
          text: priorityLine(priority, names, { meetingDate: input.meetingDate, showAreas: false }),
        },
        accessory: followUpButton(priority),
      };
      const size = textSize(item) + (headed ? 0 : textSize(areaHeading));
      // The first priority always shows: the agenda must not list none of what is due when some fit.
      if (shown > 0 && chars + size > roomChars) break outer;
      if (!headed) blocks.push(areaHeading);
      headed = true;
      blocks.push(item);
      chars += size;
      shown += 1;
    }
  }
  if (shown < due.length) blocks.push(section(a.more(due.length - shown)));
  return blocks;
}

// ── after the meeting: "Beslut och uppföljning v.NN" is rendered by ./minutes.ts ──

// ── the day-before reminder ──

/**
 * The direct message to the members of a responsible party the day before a follow-up date, for a priority
 * nobody has written a note on since it was set. One message, with a Följ upp button.
 *
 * @param priority one of `listPrioritiesNeedingReminder(db, reminderFollowUpDate(now, timezone))`
 */
export function renderFollowUpReminder(input: {
  readonly priority: JointPriority;
  readonly names: CatalogueNames;
}): SlackMessage {
  const r = sv.prioritet.reminder;
  const { priority, names } = input;
  const day = formatDay(priority.followUpDate);
  return {
    text: r.text(priority.id, escapeMrkdwn(priority.title), day),
    blocks: [
      section(r.body(priority.id, escapeMrkdwn(priority.title), day)),
      section(priorityLine(priority, names, { meetingDate: priority.followUpDate })),
      { type: 'actions', block_id: `paminnelse_${priority.id}`, elements: [followUpButton(priority)] },
    ],
  };
}
