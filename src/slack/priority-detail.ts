/**
 * The answer to `/prioritet visa`: one priority's fields and buttons, then its whole history, each change in
 * words. Apart from the list (priority-list.ts) because it pages over several messages and renders the history.
 */

import type { KnownBlock } from '@slack/types';
import type {
  ChangeValue,
  JointPriority,
  PriorityEvent,
  PriorityField,
  PriorityStatus,
} from '../domain/priorities.js';
import { formatLocalDateTime } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { divider, packLines, paginate, type SlackMessage, section } from './blocks.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';
import { type CatalogueNames, formatDay, namesOf, priorityActions, priorityLine } from './priorities.js';

function changeValue(field: PriorityField, value: ChangeValue, names: CatalogueNames): string {
  if (value === null || (Array.isArray(value) && value.length === 0)) return sv.prioritet.history.empty;
  if (field === 'areaKeys') return namesOf(value as string[], names.areaNames);
  if (field === 'partyKeys') return namesOf(value as string[], names.partyNames);
  if (field === 'contactUserId') return mention(String(value));
  if (field === 'followUpDate') return formatDay(String(value));
  if (field === 'status') return sv.prioritet.status[value as JointPriority['status']] ?? String(value);
  return `”${escapeMrkdwn(String(value))}”`;
}

/** What changed, one line per field; the description is long, so only that it changed is shown. */
export function changeLines(changes: PriorityEvent['changes'], names: CatalogueNames): string[] {
  const h = sv.prioritet.history;
  return Object.entries(changes).map(([key, change]) => {
    const field = key as PriorityField;
    const label = h.fields[field] ?? key;
    if (change === undefined || field === 'description') return h.changedWithoutValues(label);
    return h.change(label, changeValue(field, change.from, names), changeValue(field, change.to, names));
  });
}

function historyLine(event: PriorityEvent, names: CatalogueNames, timezone: string): string {
  const h = sv.prioritet.history;
  const head = h.event(
    formatLocalDateTime(event.createdAt, timezone),
    event.meetingWeek,
    mention(event.actorUserId),
    event.kind === 'status' && typeof event.changes.status?.to === 'string'
      ? h.statusTo((sv.prioritet.status[event.changes.status.to as PriorityStatus] ?? '').toLowerCase())
      : h[event.kind],
  );
  const lines = [head];
  if (event.note !== null)
    lines.push(
      ...escapeMrkdwn(event.note)
        .split('\n')
        .map((line) => `> ${line}`),
    );
  lines.push(...changeLines(event.changes, names).map((line) => `    ${line}`));
  return lines.join('\n');
}

/** The priority's fields and its buttons. */
export function priorityDetailBlocks(
  priority: JointPriority,
  names: CatalogueNames,
  meetingDate: string,
): KnownBlock[] {
  const l = sv.prioritet.line;
  const blocks: KnownBlock[] = [
    section(
      `${priorityLine(priority, names, { meetingDate })}\n${l.status}: ${sv.prioritet.status[priority.status]} · ${l.agreed(priority.agreedWeek)}`,
    ),
  ];
  const texts: Array<[string, string | null]> = [
    [l.description, priority.description],
    [l.effectShort, priority.effectShort],
    [l.effectLong, priority.effectLong],
    [l.citizenPromise, priority.citizenPromise],
  ];
  for (const [label, text] of texts) {
    if (text !== null) blocks.push(...packLines([`*${label}*`, escapeMrkdwn(text)]));
  }
  blocks.push(priorityActions(priority));
  return blocks;
}

/**
 * `/prioritet visa`: the priority and its whole history, oldest first, over as many messages as it takes, each
 * within Slack's limits. Nothing is left out; the command sends the parts a response_url cannot take otherwise.
 */
export function renderPriorityDetail(input: {
  readonly priority: JointPriority;
  readonly events: readonly PriorityEvent[];
  readonly names: CatalogueNames;
  readonly meetingDate: string;
  readonly timezone: string;
}): SlackMessage[] {
  const h = sv.prioritet.history;
  return paginate(
    [
      ...priorityDetailBlocks(input.priority, input.names, input.meetingDate),
      divider(),
      ...packLines([
        `*${h.title}*`,
        ...input.events.map((event) => historyLine(event, input.names, input.timezone)),
      ]),
    ],
    {
      title: (part, total) => h.part(input.priority.id, part, total),
      fallback: (part, total) =>
        `${h.part(input.priority.id, part, total)}: ${escapeMrkdwn(input.priority.title)}`,
    },
  );
}
