/**
 * The answer to `/prioritet lista`: the priorities with their buttons, due ones first, within one message.
 * Apart from priority-detail.ts (`/prioritet visa`), which spreads one priority over as many messages as it takes.
 */

import type { KnownBlock } from '@slack/types';
import type { JointPriority } from '../domain/priorities.js';
import { type ListScope, sortForMeeting } from '../domain/priority-list.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { truncateText } from '../domain/text.js';
import { sv } from '../i18n/sv.js';
import { context, header, LIMITS, type SlackMessage, section, textSize } from './blocks.js';
import { escapeMrkdwn, splitText } from './mrkdwn.js';
import { type CatalogueNames, priorityActions, priorityLine } from './priorities.js';

/** Priorities shown with their buttons in one list message: two blocks each, within Slack's 50. */
export const LIST_MAX_SHOWN = 20;

/**
 * The ephemeral answer to `/prioritet lista`: due ones first, each with its buttons, as many as fit in one
 * message's budget (LIST_MAX_SHOWN, fewer when they are long: LIMITS.packChars of text). A list longer than
 * that says how many more there are and how to narrow it down.
 *
 * @param input.priorities the first up to LIST_MAX_SHOWN in list order (`listPriorityPage`); `total` and `due`
 *   count the whole list
 */
export function renderPriorityList(input: {
  readonly priorities: readonly JointPriority[];
  readonly total: number;
  readonly due: number;
  readonly names: CatalogueNames;
  readonly meetingDate: string;
  /** Which priorities: active, all, or the completed or cancelled ones. */
  readonly scope: ListScope;
  /** What else the list was narrowed to, already in words: `Polisen · Trafikbrott`. */
  readonly filterLabel: string;
  /** The closed ones' results, by id (listClosingResults); shown under each closed priority. */
  readonly results?: ReadonlyMap<number, { readonly note: string; readonly meetingWeek: MeetingWeek }>;
}): SlackMessage {
  const l = sv.prioritet.list;
  const summary = l.filterLine(l.count(input.scope, input.total), input.filterLabel, input.due);
  const blocks: KnownBlock[] = [header(l.title), context(summary)];
  if (input.total === 0) {
    blocks.push(section(l.empty));
    return { text: `${l.title}: ${summary}`, blocks };
  }
  const text = `${l.title}: ${summary}`;
  // Room for the closing "…och N till" line, whatever its numbers.
  const room = LIMITS.packChars - text.length - textSize(section(l.more(LIST_MAX_SHOWN, input.total)));
  let size = textSize(blocks);
  let shown = 0;
  for (const priority of sortForMeeting(input.priorities, input.meetingDate).slice(0, LIST_MAX_SHOWN)) {
    const line = priorityLine(priority, input.names, { meetingDate: input.meetingDate });
    const item = [
      section(input.results === undefined ? line : withResult(line, priority, input.results)),
      priorityActions(priority),
    ];
    size += textSize(item);
    if (shown > 0 && size > room) break;
    blocks.push(...item);
    shown += 1;
  }
  if (input.total > shown) blocks.push(section(l.more(shown, input.total - shown)));
  return { text, blocks };
}

/** How much of a result a list shows; `/prioritet visa` shows it whole. */
const RESULT_IN_LIST_MAX = 300;

/** A closed priority's line with its result under it, within a section's limit. */
function withResult(
  line: string,
  priority: JointPriority,
  results: ReadonlyMap<number, { readonly note: string; readonly meetingWeek: MeetingWeek }>,
): string {
  if (priority.status === 'aktiv') return line;
  const result = results.get(priority.id);
  const text = `${line}\n${
    result === undefined
      ? sv.prioritet.list.noResult
      : sv.prioritet.list.result(
          result.meetingWeek,
          escapeMrkdwn(truncateText(result.note, RESULT_IN_LIST_MAX)),
        )
  }`;
  return text.length <= LIMITS.sectionText ? text : `${splitText(text, LIMITS.sectionText - 1)[0] ?? ''}…`;
}
