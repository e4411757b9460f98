import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type {
  ChangeValue,
  JointPriority,
  PriorityEvent,
  PriorityField,
  PriorityStatus,
} from '../domain/priorities.js';
import { isDue, type ListScope, sortForMeeting } from '../domain/priority-list.js';
import { formatLocalDate, formatLocalDateTime, isMeetingWeek, type MeetingWeek } from '../domain/schedule.js';
import { truncateText } from '../domain/text.js';
import { sv } from '../i18n/sv.js';
import {
  context,
  divider,
  header,
  LIMITS,
  packLines,
  paginate,
  type SlackMessage,
  section,
  textSize,
} from './blocks.js';
import { escapeMrkdwn, mention, splitText } from './mrkdwn.js';

/** Action ids of the priority buttons; commands/prioritet/buttons.ts registers a handler for each. */
export const PRIORITY_ACTIONS = {
  /** Opens the new-priority modal; value: the meeting week it is bound to (the agenda's), or empty. */
  new: 'prioritet_ny',
  /** Opens the follow-up modal; value: the priority id. */
  followUp: 'prioritet_folj_upp',
  complete: 'prioritet_klar',
  cancel: 'prioritet_avbryt',
  edit: 'prioritet_andra',
} as const;

/** A priority's id as its buttons and forms carry it, checked when it comes back (a Postgres integer). */
export const PRIORITY_ID = z.number().int().positive().max(2_147_483_647);

/** A meeting week as "Ny gemensam prioritering" and the forms carry it. */
export const MEETING_WEEK = z.string().refine(isMeetingWeek);

/**
 * Names of parties and areas by key, for showing a priority's keys: the request's or job's Catalogue
 * (src/services/catalogue.ts) is one, and is passed as it is. Areas in the agreement's order.
 */
export interface CatalogueNames {
  readonly partyNames: ReadonlyMap<string, string>;
  readonly areaNames: ReadonlyMap<string, string>;
}

/** Days already formatted: a Home or a list shows up to a hundred, each costing tens of microseconds. */
const formattedDays = new Map<string, string>();

/** `2026-12-04` → `fredag 4 december 2026`: a calendar date, so read and shown in one zone (any; UTC). */
export function formatDay(isoDate: string): string {
  let text = formattedDays.get(isoDate);
  if (text === undefined) {
    text = formatLocalDate(DateTime.fromISO(isoDate, { zone: 'UTC' }).toJSDate(), 'UTC');
    if (formattedDays.size >= 5000) formattedDays.clear();
    formattedDays.set(isoDate, text);
  }
  return text;
}

/** The escaped names of the keys, comma-separated; an unknown key (a removed party) shows as the key. */
export function namesOf(keys: readonly string[], names: ReadonlyMap<string, string>): string {
  return keys.map((key) => escapeMrkdwn(names.get(key) ?? key)).join(', ');
}

/** Characters a list of names may take in a priority's line, so the line stays well within a section. */
const NAMES_MAX_CHARS = 800;

/** namesOf, cut visibly (never inside an escaped character) when very many or very long names would not fit. */
function namesLine(keys: readonly string[], names: ReadonlyMap<string, string>): string {
  const all = namesOf(keys, names);
  return all.length <= NAMES_MAX_CHARS ? all : `${splitText(all, NAMES_MAX_CHARS - 1)[0] ?? ''}…`;
}

/** `*#12 Title*`, escaped, for mrkdwn. */
export function priorityTitle(priority: Pick<JointPriority, 'id' | 'title'>): string {
  return `*#${priority.id} ${escapeMrkdwn(priority.title)}*`;
}

/**
 * A priority in two or three lines of mrkdwn: the title with its state, who is responsible for which areas,
 * when it is followed up. Usually a few hundred characters; at most about 2 600 (a title of 150 `&`, and the
 * names cut at NAMES_MAX_CHARS), within a section.
 */
export function priorityLine(
  priority: JointPriority,
  names: CatalogueNames,
  options: {
    /** Marks the priority due when it is due for a meeting on this date; null: no due mark. */
    meetingDate: string | null;
    showAreas?: boolean;
    showContact?: boolean;
  },
): string {
  const state =
    priority.status !== 'aktiv'
      ? `  ${sv.prioritet.line.closed(sv.prioritet.status[priority.status])}`
      : options.meetingDate !== null && isDue(priority, options.meetingDate)
        ? `  ${sv.prioritet.line.due}`
        : '';
  const details = [`${sv.prioritet.line.responsible}: ${namesLine(priority.partyKeys, names.partyNames)}`];
  if (options.showAreas !== false)
    details.push(`${sv.prioritet.line.areas}: ${namesLine(priority.areaKeys, names.areaNames)}`);
  const when = [`${sv.prioritet.line.followUp}: ${formatDay(priority.followUpDate)}`];
  if (options.showContact !== false && priority.contactUserId !== null)
    when.push(`${sv.prioritet.line.contact}: ${mention(priority.contactUserId)}`);
  return `${priorityTitle(priority)}${state}\n${details.join(' · ')}\n${when.join(' · ')}`;
}

function button(actionId: string, text: string, value: string, extra: Partial<Button> = {}): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text, emoji: true },
    value,
    ...extra,
  };
}

/** The "Ny gemensam prioritering" button, bound to a meeting (the agenda passes its week). */
export function newPriorityButton(week: MeetingWeek | null): Button {
  return button(PRIORITY_ACTIONS.new, sv.prioritet.buttons.new, week ?? '');
}

export function followUpButton(priority: Pick<JointPriority, 'id'>): Button {
  return button(PRIORITY_ACTIONS.followUp, sv.prioritet.buttons.followUp, String(priority.id));
}

/**
 * Följ upp, Klarmarkera, Avbryt and Ändra; a closed priority keeps Följ upp and Ändra. Klarmarkera and Avbryt
 * open a small form asking for the result, which is the confirmation.
 */
export function priorityActions(priority: JointPriority): ActionsBlock {
  const value = String(priority.id);
  const elements: Button[] = [{ ...followUpButton(priority), style: 'primary' }];
  if (priority.status === 'aktiv') {
    elements.push(
      button(PRIORITY_ACTIONS.complete, sv.prioritet.buttons.complete, value),
      button(PRIORITY_ACTIONS.cancel, sv.prioritet.buttons.cancel, value, { style: 'danger' }),
    );
  }
  elements.push(button(PRIORITY_ACTIONS.edit, sv.prioritet.buttons.edit, value));
  return { type: 'actions', block_id: `prioritet_${priority.id}`, elements };
}

// ── /prioritet lista ──

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

// ── /prioritet visa ──

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
