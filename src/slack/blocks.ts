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

/**
 * Splits a long run of blocks over as many messages as needed, each within the block and size limits, each
 * starting with a header that says which part it is. Nothing is dropped: the parts together hold every block.
 */
export function paginate(
  blocks: readonly KnownBlock[],
  options: {
    title: (part: number, total: number) => string;
    fallback: (part: number, total: number) => string;
  },
): SlackMessage[] {
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = blockChars(block);
    const full =
      page.length + 1 >= LIMITS.blocksPerMessage || (page.length > 0 && chars + size > LIMITS.messageChars);
    if (full) {
      pages.push(page);
      page = [];
      chars = 0;
    }
    page.push(block);
    chars += size;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  // A divider at a page's edge only separates from something in another message.
  const trimmed = pages.map((p) => trimDividers(p));
  return trimmed.map((p, index) => ({
    text: options.fallback(index + 1, trimmed.length),
    blocks: [header(options.title(index + 1, trimmed.length)), ...p],
  }));
}

function trimDividers(blocks: KnownBlock[]): KnownBlock[] {
  let start = 0;
  let end = blocks.length;
  while (start < end && blocks[start]?.type === 'divider') start += 1;
  while (end > start && blocks[end - 1]?.type === 'divider') end -= 1;
  return blocks.slice(start, end);
}
