/**
 * What `/lagesbild` answers in chat: the receipt for an entry, the parties' status, the `mina` list, and the
 * notice on top of a `mina` message redrawn after a removal. The forms are in lagesbild-modal.ts, the buttons
 * in lagesbild-buttons.ts.
 */

import type { KnownBlock } from '@slack/types';
import type { Entry, PartyStatus } from '../domain/entry.js';
import type { Named } from '../domain/lookup.js';
import { type Meeting, weekNumberOf } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { context, LIMITS, packLines, paginate, type SlackMessage, section } from './blocks.js';
import { formatEntryLine } from './compiled.js';
import {
  ENTRY_BUTTON,
  type EntryButtonValue,
  encodeEntryButton,
  entryButtons,
  openButton,
} from './lagesbild-buttons.js';
import { meetingWhen } from './lagesbild-texts.js';
import { escapeMrkdwn, mention, splitText } from './mrkdwn.js';

/** An entry as mrkdwn lines: its area in bold, then the bullet the compiled picture uses (dates in `timezone`). */
export function entryLines(entry: Entry, areaName: string, timezone: string): string[] {
  return [`*${escapeMrkdwn(areaName)}*`, formatEntryLine(entry, timezone)];
}

/**
 * A receipt for one entry (the one-liner, the answer in chat, a change, a removal): the heading, the entry as
 * it will appear in the compiled picture, and (while it can still change) Ändra and Ta bort.
 */
export function entryReceipt(options: {
  heading: string;
  entry: Entry;
  areaName: string;
  /** The configured time zone (config.schedule.timezone), for the dates shown. */
  timezone: string;
  buttons: boolean;
  /** A line after the entry, such as the overall assessment saved with it. */
  note?: string | null;
  footer?: string | null;
}): SlackMessage {
  const blocks: KnownBlock[] = [
    section(options.heading),
    ...packLines(entryLines(options.entry, options.areaName, options.timezone)),
  ];
  if (options.note) blocks.push(section(options.note));
  if (options.buttons) blocks.push(entryButtons(options.entry, 'kvitto'));
  if (options.footer) blocks.push(context(options.footer));
  const line = formatEntryLine(options.entry, options.timezone);
  return { text: `${options.heading} ${fallbackLine(line)}`, blocks };
}

/**
 * The start of a line for a fallback text (notifications): the blocks show it whole, and a fallback repeating
 * a long entry would double the message's size. Never cut inside an escaped character or an emoji.
 */
function fallbackLine(line: string, limit = 300): string {
  const [first = ''] = splitText(line, limit);
  return first.length < line.length ? `${first}…` : line;
}

// ── status ──

export function statusMessage(
  meeting: Meeting,
  timezone: string,
  statuses: readonly PartyStatus[],
  now?: Date,
): SlackMessage {
  const lines = statuses.map((status) => {
    const name = escapeMrkdwn(status.partyName);
    if (!status.submitted) return sv.lagesbild.statusMissing(name);
    const detail =
      status.entryCount > 0 ? sv.lagesbild.entryCount(status.entryCount) : sv.lagesbild.nothingToReport;
    const assessment = status.assessment === null ? '' : ` · ${sv.compiled.assessment[status.assessment]}`;
    return sv.lagesbild.statusSubmitted(name, `${detail}${assessment}`);
  });
  const title = sv.lagesbild.statusTitle(meetingWhen(meeting, timezone, now), weekNumberOf(meeting.week));
  const summary = sv.lagesbild.statusSummary(statuses.filter((s) => s.submitted).length, statuses.length);
  const blocks: KnownBlock[] = [
    ...packLines([title, ...lines]),
    context(`${summary} ${sv.lagesbild.statusHint}`),
  ];
  return { text: `${title}\n${lines.join('\n')}`, blocks };
}

// ── mina ──

export interface PartyEntries {
  readonly party: Named;
  readonly status: PartyStatus | null;
  readonly entries: readonly Entry[];
}

/**
 * `/lagesbild mina`: each of the user's parties with its entries, each entry with Ändra and Ta bort, split over
 * messages within Slack's limits, an entry never apart from its buttons. At most `maxMessages` come back; when
 * more were needed, the last one says so. Every message keeps one block free for a notice on top (removalNotice,
 * when the message is redrawn after a removal), and its buttons know which message they are on.
 */
export function mineMessages(options: {
  meeting: Meeting;
  timezone: string;
  parties: readonly PartyEntries[];
  areaNames: ReadonlyMap<string, string>;
  maxMessages?: number;
  /** For the year in the meeting's date, when it is not this year's. */
  now?: Date;
}): SlackMessage[] {
  const week = weekNumberOf(options.meeting.week);
  const blocks: KnownBlock[] = [
    section(sv.lagesbild.mineTitle(meetingWhen(options.meeting, options.timezone, options.now), week)),
  ];
  for (const { party, status, entries } of options.parties) {
    const detail =
      entries.length > 0
        ? sv.lagesbild.entryCount(entries.length)
        : status?.nothingToReport
          ? sv.lagesbild.nothingToReport
          : sv.lagesbild.mineNone;
    const assessment =
      status?.assessment === null || status === null ? '' : ` · ${sv.compiled.assessment[status.assessment]}`;
    blocks.push(
      { type: 'divider' },
      section(sv.lagesbild.mineParty(escapeMrkdwn(party.name), `${detail}${assessment}`)),
    );
    // Under their areas, as the compiled picture shows them (entries come in the picture's order).
    let area: string | null = null;
    for (const entry of entries) {
      if (entry.areaKey !== area) {
        area = entry.areaKey;
        blocks.push(section(`*${escapeMrkdwn(options.areaNames.get(area) ?? area)}*`));
      }
      blocks.push(
        ...packLines([formatEntryLine(entry, options.timezone)]),
        context(sv.lagesbild.mineBy(mention(entry.authorUserId), entry.updatedAt > entry.createdAt)),
        entryButtons(entry, 'mina'),
      );
    }
  }
  blocks.push(openButton());
  const messages = paginate(blocks, {
    fallback: (part, total) =>
      total > 1
        ? `${sv.lagesbild.mineFallback(week)} ${sv.lagesbild.mineContinued(part, total)}`
        : sv.lagesbild.mineFallback(week),
    partLabel: sv.lagesbild.mineContinued,
    // An entry's lines, its author and its buttons end with the buttons; a party's heading follows a divider.
    endsGroup: (block) => block.type === 'actions' || block.type === 'divider',
    reserveBlocks: 1,
    limit: {
      maxMessages: options.maxMessages ?? LIMITS.responsesPerCommand,
      notice: sv.lagesbild.mineTruncated,
    },
  });
  return messages.map((message, index) => ({
    text: message.text,
    blocks: message.blocks.map((block) => withPage(block, index + 1)),
  }));
}

function entryButtonValue(raw: string | undefined): EntryButtonValue | null {
  try {
    const parsed = ENTRY_BUTTON.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** An entry's buttons on the given message of a `mina` list; other blocks as they are. */
function withPage(block: KnownBlock, page: number): KnownBlock {
  if (block.type !== 'actions') return block;
  return {
    ...block,
    elements: block.elements.map((element) => {
      const value = element.type === 'button' ? entryButtonValue(element.value) : null;
      return value === null ? element : { ...element, value: encodeEntryButton({ ...value, page }) };
    }),
  };
}

/** Characters a notice on top of a redrawn message may take: the margin its budget keeps (LIMITS.packChars). */
const NOTICE_MAX_CHARS = LIMITS.messageChars - LIMITS.packChars;

/**
 * One block saying what was just removed, for the top of a redrawn `mina` message (which keeps a block and
 * NOTICE_MAX_CHARS free for it). An entry too long to fit is shortened, visibly.
 */
export function removalNotice(heading: string, entry: Entry, areaName: string, timezone: string): KnownBlock {
  const text = [heading, ...entryLines(entry, areaName, timezone)].join('\n');
  if (text.length <= NOTICE_MAX_CHARS) return section(text);
  return section(`${splitText(text, NOTICE_MAX_CHARS - 1)[0] ?? heading}…`);
}
