/**
 * The Block Kit pieces every renderer builds with: Slack's limits for a message, sections, buttons and form
 * inputs, and packing and paginating content so no message goes past them.
 */

import { createHash } from 'node:crypto';
import type { Button, InputBlock, KnownBlock, PlainTextElement, PlainTextOption } from '@slack/types';
import { truncateText } from '../domain/text.js';
import { splitText } from './mrkdwn.js';

/** Slack's limits for one message, with margin where Slack's own is fuzzy. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  headerText: 150,
  /**
   * Total characters of text per message (every text in its blocks plus the fallback) we allow ourselves:
   * Slack has refused messages around 11–12k. The tests check every message against it.
   */
  messageChars: 12_000,
  /** What a renderer fills a message to: the budget less a margin for what a redraw adds (a notice on top). */
  packChars: 10_000,
  /** response_url accepts up to five posts per command. */
  responsesPerCommand: 5,
} as const;

/** A message ready for chat.postMessage / respond: fallback text plus blocks. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

export function header(text: string): KnownBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncateText(text, LIMITS.headerText), emoji: true },
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/**
 * Packs mrkdwn lines into as few section blocks as fit: lines joined by newlines up to the section limit,
 * and a single line longer than that split over several sections, never cut.
 */
export function packLines(lines: readonly string[], limit: number = LIMITS.sectionText): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') blocks.push(section(current));
    current = '';
  };
  for (const line of lines) {
    for (const piece of splitText(line, limit)) {
      if (current !== '' && current.length + 1 + piece.length > limit) flush();
      current = current === '' ? piece : `${current}\n${piece}`;
    }
  }
  flush();
  return blocks;
}

/**
 * Characters of text in blocks (or any part of one): every text object's text, mrkdwn and plain_text, in
 * UTF-16 units (never fewer than code points), as the message budget counts them.
 */
export function textSize(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textSize(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const record = value as Record<string, unknown>;
  if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string')
    return record.text.length;
  let sum = 0;
  for (const key in record) sum += textSize(record[key]);
  return sum;
}

/** A message's text as the budget counts it: the fallback and every text in its blocks. */
export function messageSize(message: SlackMessage): number {
  return message.text.length + textSize(message.blocks);
}

export interface PaginateOptions {
  /** Each part's fallback text (notifications, screen readers). */
  readonly fallback: (part: number, total: number) => string;
  /** A header opening each part; none when absent. */
  readonly title?: (part: number, total: number) => string;
  /** A context line closing each part, only when there are several (`(del 2 av 3)`). */
  readonly partLabel?: (part: number, total: number) => string;
  /**
   * Whether a block ends a run that must stay in one message, such as an entry with its buttons; the run goes
   * to the next part whole. By default every block stands alone.
   */
  readonly endsGroup?: (block: KnownBlock) => boolean;
  /** Blocks left free on every part, for something put on top later (a notice on a redrawn part). */
  readonly reserveBlocks?: number;
  /** At most this many messages (a response_url takes five); see limitMessages. */
  readonly limit?: {
    readonly maxMessages: number;
    readonly notice: (shown: number, total: number) => string;
  };
}

/**
 * Splits a long run of blocks over as many messages as needed, each within the block and size limits, with an
 * optional header and part label on each. Nothing is dropped: the parts together hold every block, and past
 * `limit` the last message says how much is not shown.
 */
export function paginate(blocks: readonly KnownBlock[], options: PaginateOptions): SlackMessage[] {
  const reserved =
    (options.title === undefined ? 0 : 1) +
    (options.partLabel === undefined ? 0 : 1) +
    (options.reserveBlocks ?? 0);
  const room = LIMITS.blocksPerMessage - reserved;
  // The header, part label and fallback of a part count against its budget too (numbered high, to be safe).
  const roomChars =
    LIMITS.packChars -
    options.fallback(99, 99).length -
    (options.title === undefined ? 0 : textSize(header(options.title(99, 99)))) -
    (options.partLabel === undefined ? 0 : textSize(context(options.partLabel(99, 99))));
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  let chars = 0;
  const place = (group: readonly KnownBlock[]) => {
    const size = textSize(group);
    if (page.length > 0 && (page.length + group.length > room || chars + size > roomChars)) {
      pages.push(page);
      page = [];
      chars = 0;
    }
    page.push(...group);
    chars += size;
  };
  for (const group of groupsOf(blocks, options.endsGroup)) {
    // A run longer than a whole message is split after all rather than made into a message Slack refuses.
    if (group.length > room) for (const block of group) place([block]);
    else place(group);
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  // A divider at a page's edge only separates from something in another message.
  const trimmed = pages.map((p) => trimDividers(p));
  const total = trimmed.length;
  const messages = trimmed.map((p, index) => ({
    text: options.fallback(index + 1, total),
    blocks: [
      ...(options.title === undefined ? [] : [header(options.title(index + 1, total))]),
      ...p,
      ...(options.partLabel === undefined || total === 1
        ? []
        : [context(options.partLabel(index + 1, total))]),
    ],
  }));
  return options.limit === undefined
    ? messages
    : limitMessages(messages, options.limit.maxMessages, options.limit.notice);
}

function groupsOf(
  blocks: readonly KnownBlock[],
  endsGroup: ((block: KnownBlock) => boolean) | undefined,
): KnownBlock[][] {
  if (endsGroup === undefined) return blocks.map((block) => [block]);
  const groups: KnownBlock[][] = [];
  let group: KnownBlock[] = [];
  for (const block of blocks) {
    group.push(block);
    if (endsGroup(block)) {
      groups.push(group);
      group = [];
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * At most `maxMessages` messages. When there are more, the last one allowed is replaced by `notice(shown,
 * total)` saying how many parts are not shown: never cut silently.
 */
export function limitMessages(
  messages: readonly SlackMessage[],
  maxMessages: number,
  notice: (shown: number, total: number) => string,
): SlackMessage[] {
  if (messages.length <= maxMessages) return [...messages];
  const shown = maxMessages - 1;
  const text = notice(shown, messages.length);
  return [...messages.slice(0, shown), { text, blocks: [section(text)] }];
}

function trimDividers(blocks: KnownBlock[]): KnownBlock[] {
  let start = 0;
  let end = blocks.length;
  while (start < end && blocks[start]?.type === 'divider') start += 1;
  while (end > start && blocks[end - 1]?.type === 'divider') end -= 1;
  return blocks.slice(start, end);
}

/** A hash of what a message shows, to tell whether an update would change anything. */
export function contentHash(message: SlackMessage): string {
  return createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 32);
}

// ── buttons and form inputs: one builder each for every message and modal ──

/** Slack's limits on an option's and a button's text. */
const OPTION_TEXT_MAX = 75;
const BUTTON_TEXT_MAX = 75;

/** A plain_text object: labels, hints, placeholders, options, titles (emoji shown as emoji). */
export function plain(text: string): PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

/** An option of a select or of checkboxes; a text over Slack's 75 characters is shortened visibly. */
export function option(text: string, value: string): PlainTextOption {
  return { text: plain(truncateText(text, OPTION_TEXT_MAX)), value };
}

/**
 * A button: `value` is what Slack sends back with `actionId`. A text over Slack's 75 characters (a party's name
 * in it) is shortened visibly.
 */
export function button(
  actionId: string,
  text: string,
  value: string,
  extra: Pick<Button, 'style' | 'confirm'> = {},
): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(truncateText(text, BUTTON_TEXT_MAX)),
    value,
    ...extra,
  };
}

export interface InputOptions {
  /** Whether the form can be sent without it; by default it can. */
  readonly optional?: boolean;
  readonly hint?: string;
  /** The element's action id; by default the block id (which names the field). */
  readonly actionId?: string;
}

/** A form's input block around any element. */
export function inputBlock(
  blockId: string,
  label: string,
  element: InputBlock['element'],
  options: Omit<InputOptions, 'actionId'> = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: options.optional ?? true,
    element,
    ...(options.hint === undefined ? {} : { hint: plain(options.hint) }),
  };
}

/**
 * A text field. No max_length: Slack would refuse an overlong text itself, in its own words and the user's Slack
 * language; the bot checks the limit and answers on the field in Swedish (the hint tells the limit).
 */
export function textInput(
  blockId: string,
  label: string,
  options: InputOptions & { multiline?: boolean; placeholder?: string; initial?: string | null } = {},
): InputBlock {
  return inputBlock(
    blockId,
    label,
    {
      type: 'plain_text_input',
      action_id: options.actionId ?? blockId,
      multiline: options.multiline ?? false,
      ...(options.placeholder === undefined ? {} : { placeholder: plain(options.placeholder) }),
      ...(options.initial ? { initial_value: options.initial } : {}),
    },
    options,
  );
}

/** A select of one option; `initial` is preselected when it is among the options. */
export function select(
  blockId: string,
  label: string,
  options: readonly PlainTextOption[],
  extra: InputOptions & { placeholder?: string; initial?: string | null } = {},
): InputBlock {
  const initial = options.find((o) => o.value === extra.initial);
  return inputBlock(
    blockId,
    label,
    {
      type: 'static_select',
      action_id: extra.actionId ?? blockId,
      ...(extra.placeholder === undefined ? {} : { placeholder: plain(extra.placeholder) }),
      options: [...options],
      ...(initial === undefined ? {} : { initial_option: initial }),
    },
    extra,
  );
}

/** A select of several options; only initial values among the options are preselected (Slack refuses others). */
export function multiSelect(
  blockId: string,
  label: string,
  options: readonly PlainTextOption[],
  extra: InputOptions & { initial?: readonly string[] } = {},
): InputBlock {
  const initial = options.filter((o) => extra.initial?.includes(o.value ?? '') ?? false);
  return inputBlock(
    blockId,
    label,
    {
      type: 'multi_static_select',
      action_id: extra.actionId ?? blockId,
      options: [...options],
      ...(initial.length === 0 ? {} : { initial_options: initial }),
    },
    extra,
  );
}
