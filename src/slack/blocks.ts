import type { KnownBlock } from '@slack/types';
import { splitText } from './mrkdwn.js';

/** Slack's limits for one message, with margin where Slack's own is fuzzy. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  headerText: 150,
  /** Total characters of text per message we allow ourselves: long enough to read, well under Slack's caps. */
  messageChars: 12_000,
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
  const plain = text.length > LIMITS.headerText ? `${text.slice(0, LIMITS.headerText - 1)}…` : text;
  return { type: 'header', text: { type: 'plain_text', text: plain, emoji: true } };
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

function blockChars(block: KnownBlock): number {
  return JSON.stringify(block).length;
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
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  let chars = 0;
  const place = (group: readonly KnownBlock[]) => {
    const size = group.reduce((sum, block) => sum + blockChars(block), 0);
    if (page.length > 0 && (page.length + group.length > room || chars + size > LIMITS.messageChars)) {
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
