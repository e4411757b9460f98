import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  ASSESSMENTS,
  type Assessment,
  ENTRY_LIMITS,
  type Entry,
  type PartyStatus,
  TRENDS,
  type Trend,
} from '../domain/entry.js';
import type { Aliased, Named } from '../domain/lookup.js';
import { formatLocalDateTime, type Meeting, type MeetingWeek, weekNumberOf } from '../domain/schedule.js';
import { closestArea } from '../domain/suggest.js';
import { truncateText } from '../domain/text.js';
import { sv } from '../i18n/sv.js';
import {
  context,
  inputBlock,
  LIMITS,
  option,
  packLines,
  paginate,
  plain,
  type SlackMessage,
  section,
  select,
  textInput,
} from './blocks.js';
import { formatEntryLine } from './compiled.js';
import { escapeMrkdwn, mention, splitText } from './mrkdwn.js';

/** Ids Slack sends back; other features build buttons with `LAGESBILD_ACTIONS.open`. */
export const LAGESBILD_CALLBACK_ID = 'lagesbild_modal';
export const LAGESBILD_ACTIONS = {
  /** Opens the submission modal: the agenda, the call for input and the App Home carry this button. */
  open: 'lagesbild_oppna',
  /** Opens the short form for "inget att rapportera" (nothingModal). */
  nothing: 'lagesbild_inget',
  /** Moves an entry stored for a member's first party to another of theirs. */
  moveParty: 'lagesbild_flytta_part',
  /** "Inget att rapportera" for the party a member of several chose. */
  nothingForParty: 'lagesbild_inget_part',
  /** Ändra, or Komplettera on an entry without place, time and trend (a one-liner's): the same form. */
  edit: 'lagesbild_andra',
  remove: 'lagesbild_ta_bort',
} as const;

/** Block ids of the modal; each input block's element has the same action id. */
export const MODAL_BLOCKS = {
  party: 'party',
  area: 'area',
  text: 'text',
  place: 'place',
  when: 'when',
  trend: 'trend',
  assessment: 'assessment',
  nothing: 'nothing',
  /** "Spara och lägg till en till": after saving, a fresh form for the same meeting and party. */
  again: 'again',
} as const;
export type ModalBlock = (typeof MODAL_BLOCKS)[keyof typeof MODAL_BLOCKS];

const NOTHING_VALUE = 'inget';
const AGAIN_VALUE = 'igen';

// ── private_metadata ──

/** What the modal carries from opening to submission. */
export interface ModalMetadata {
  /** A fresh UUID per opened modal: submitting the same view twice stores one entry. */
  readonly key: string;
  /** The meeting the modal was opened for; a submission after it has started is refused. */
  readonly week: MeetingWeek;
  /** Where the user opened it from (a channel or DM id), or null from the App Home. */
  readonly origin: string | null;
  /** Set when the modal changes an existing entry. */
  readonly entryId: number | null;
  /** The party, when the user had only one to choose (no select in the modal). */
  readonly partyKey: string | null;
  /** The short form that says "inget att rapportera" (nothingModal) rather than an entry. */
  readonly nothing?: boolean;
}

/** The form's private_metadata, checked when it comes back (src/kit/metadata.ts decodeMetadata). */
export const LAGESBILD_METADATA = z.object({
  key: z.string().min(1).max(100),
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  origin: z.string().max(50).nullable(),
  entryId: z.number().int().positive().nullable(),
  partyKey: z.string().max(100).nullable(),
  nothing: z.boolean().optional(),
});

export function encodeModalMetadata(metadata: ModalMetadata): string {
  return JSON.stringify(LAGESBILD_METADATA.parse(metadata));
}

// ── the modal ──

export interface SubmissionModalInput {
  readonly meeting: Meeting;
  readonly timezone: string;
  /** The parties the user may submit for; a select only when there are several. */
  readonly parties: readonly Named[];
  readonly areas: readonly Aliased[];
  readonly metadata: ModalMetadata;
  /** The entry being changed; null for a new one. */
  readonly entry: Entry | null;
  /** The party's current overall assessment, preselected. */
  readonly assessment: Assessment | null;
  /**
   * The week of the meeting the user asked for (the button's), when it is not the one the modal is for:
   * that meeting has started or is cancelled, and the modal says so rather than switch weeks silently.
   */
  readonly requestedWeek?: MeetingWeek | null;
  /** Why the requested week's meeting takes no more, said in the form (commands/lagesbild/modal.ts finds out). */
  readonly requestedWhy?: MovedOnWhy | null;
  /** For the year in the meeting's date, when it is not this year's. */
  readonly now?: Date;
  /** "Spara och lägg till en till" ticked, as on the form just saved. */
  readonly again?: boolean;
  /** On top of a fresh form after "Spara och lägg till en till": what was just saved. */
  readonly saved?: readonly KnownBlock[];
}

/** Why a form asked for one meeting is for another: that one started, was compiled early, or is cancelled. */
export type MovedOnWhy =
  | { readonly kind: 'started' | 'compiled' }
  | { readonly kind: 'cancelled'; readonly reason: string | null };

/** The line on top of a form that is for another meeting than its button's, saying which and why. */
function movedOnBlock(
  input: Pick<SubmissionModalInput, 'meeting' | 'requestedWeek' | 'requestedWhy'>,
): KnownBlock | null {
  if (input.requestedWeek == null || input.requestedWeek === input.meeting.week) return null;
  const asked = weekNumberOf(input.requestedWeek);
  const week = weekNumberOf(input.meeting.week);
  const why = input.requestedWhy ?? { kind: 'started' };
  const text =
    why.kind === 'cancelled'
      ? sv.lagesbild.modalMovedOnCancelled(asked, why.reason === null ? '' : escapeMrkdwn(why.reason), week)
      : why.kind === 'compiled'
        ? sv.lagesbild.modalMovedOnCompiled(asked, week)
        : sv.lagesbild.modalMovedOnStarted(asked, week);
  return section(text);
}

/** The `/lagesbild` modal: new entry, or (with `entry`) a change to one. */
export function submissionModal(input: SubmissionModalInput): ModalView {
  const { meeting, entry } = input;
  const blocks: KnownBlock[] = [
    context(
      sv.lagesbild.modalIntro(meetingWhen(meeting, input.timezone, input.now), weekNumberOf(meeting.week)),
    ),
  ];
  const movedOn = movedOnBlock(input);
  if (movedOn !== null) blocks.unshift(movedOn);
  const fixedParty =
    entry !== null
      ? (input.parties.find((p) => p.key === entry.partyKey) ?? { key: entry.partyKey, name: entry.partyKey })
      : input.parties.length === 1
        ? input.parties[0]
        : undefined;
  if (fixedParty !== undefined) {
    blocks.push(section(sv.lagesbild.partyFixed(escapeMrkdwn(fixedParty.name))));
  } else {
    blocks.push(
      select(
        MODAL_BLOCKS.party,
        sv.lagesbild.partyLabel,
        input.parties.map((p) => option(p.name, p.key)),
        { placeholder: sv.lagesbild.partyLabel, initial: input.parties[0]?.key ?? null, optional: false },
      ),
    );
  }
  blocks.push(
    select(
      MODAL_BLOCKS.area,
      sv.lagesbild.areaLabel,
      input.areas.map((a) => option(a.name, a.key)),
      { placeholder: sv.lagesbild.areaPlaceholder, initial: entry?.areaKey ?? null, optional: false },
    ),
    textInput(MODAL_BLOCKS.text, sv.lagesbild.textLabel, {
      optional: false,
      multiline: true,
      placeholder: sv.lagesbild.textPlaceholder,
      initial: entry?.text,
      hint: sv.lagesbild.textHint,
    }),
    textInput(MODAL_BLOCKS.place, sv.lagesbild.placeLabel, {
      placeholder: sv.lagesbild.placePlaceholder,
      initial: entry?.place,
      hint: sv.common.maxCharacters(ENTRY_LIMITS.place),
    }),
    textInput(MODAL_BLOCKS.when, sv.lagesbild.whenLabel, {
      placeholder: sv.lagesbild.whenPlaceholder,
      initial: entry?.when,
      hint: sv.common.maxCharacters(ENTRY_LIMITS.when),
    }),
    select(
      MODAL_BLOCKS.trend,
      sv.lagesbild.trendLabel,
      TRENDS.map((t) => option(sv.lagesbild.trend[t], t)),
      { placeholder: sv.lagesbild.trendPlaceholder, initial: entry?.trend ?? null },
    ),
    select(
      MODAL_BLOCKS.assessment,
      sv.lagesbild.assessmentLabel,
      ASSESSMENTS.map((a) => option(sv.compiled.assessment[a], a)),
      {
        placeholder: sv.lagesbild.assessmentPlaceholder,
        initial: input.assessment,
        hint: sv.lagesbild.assessmentHint,
      },
    ),
  );
  // "Inget att rapportera" is a form of its own (nothingModal): here Område and Iakttagelse are required.
  if (entry === null) blocks.push(againBlock(input.again ?? false));
  if (entry === null) blocks.push(context(sv.lagesbild.nothingHint));
  if (input.saved !== undefined) blocks.unshift(...input.saved, { type: 'divider' });
  return {
    type: 'modal',
    callback_id: LAGESBILD_CALLBACK_ID,
    title: plain(entry === null ? sv.lagesbild.modalTitle : sv.lagesbild.editTitle),
    submit: plain(entry === null ? sv.lagesbild.submit : sv.lagesbild.save),
    close: plain(sv.lagesbild.cancel),
    private_metadata: encodeModalMetadata(input.metadata),
    blocks,
  };
}

/**
 * The short form for "inget att rapportera denna vecka": the party (when there are several) and the overall
 * assessment. Sent as the `/lagesbild` form is (metadata `nothing`), so the week and party checks are the same.
 */
export function nothingModal(input: Omit<SubmissionModalInput, 'areas' | 'entry'>): ModalView {
  const { meeting } = input;
  const blocks: KnownBlock[] = [
    section(
      sv.lagesbild.nothingIntro(meetingWhen(meeting, input.timezone, input.now), weekNumberOf(meeting.week)),
    ),
  ];
  const movedOn = movedOnBlock(input);
  if (movedOn !== null) blocks.unshift(movedOn);
  const [only] = input.parties;
  if (input.parties.length === 1 && only !== undefined) {
    blocks.push(section(sv.lagesbild.partyFixed(escapeMrkdwn(only.name))));
  } else {
    blocks.push(
      select(
        MODAL_BLOCKS.party,
        sv.lagesbild.partyLabel,
        input.parties.map((p) => option(p.name, p.key)),
        { placeholder: sv.lagesbild.partyLabel, initial: input.parties[0]?.key ?? null, optional: false },
      ),
    );
  }
  blocks.push(
    select(
      MODAL_BLOCKS.assessment,
      sv.lagesbild.assessmentLabel,
      ASSESSMENTS.map((a) => option(sv.compiled.assessment[a], a)),
      {
        placeholder: sv.lagesbild.assessmentPlaceholder,
        initial: input.assessment,
        hint: sv.lagesbild.assessmentHint,
      },
    ),
  );
  return {
    type: 'modal',
    callback_id: LAGESBILD_CALLBACK_ID,
    title: plain(sv.lagesbild.nothingTitle),
    submit: plain(sv.lagesbild.submit),
    close: plain(sv.lagesbild.cancel),
    private_metadata: encodeModalMetadata({ ...input.metadata, nothing: true }),
    blocks,
  };
}

/** A submitted modal's values as Slack sends them: `block_id → action_id → state`. */
export type ModalStateValues = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_option?: { value: string } | null;
      selected_options?: Array<{ value: string }>;
    }
  >
>;

export interface ModalValues {
  readonly partyKey: string | null;
  readonly areaKey: string | null;
  readonly text: string;
  readonly place: string;
  readonly when: string;
  readonly trend: Trend | null;
  readonly assessment: Assessment | null;
  readonly nothingToReport: boolean;
  /** "Spara och lägg till en till" was ticked. */
  readonly again: boolean;
}

/** The checkbox "Spara och lägg till en till" of a new entry's form. */
function againBlock(ticked: boolean): KnownBlock {
  const choice = option(sv.lagesbild.againOption, AGAIN_VALUE);
  return inputBlock(MODAL_BLOCKS.again, sv.lagesbild.againLabel, {
    type: 'checkboxes',
    action_id: MODAL_BLOCKS.again,
    options: [choice],
    ...(ticked ? { initial_options: [choice] } : {}),
  });
}

export function readModalValues(values: ModalStateValues): ModalValues {
  const field = (block: ModalBlock) => values[block]?.[block];
  const selected = (block: ModalBlock) => field(block)?.selected_option?.value ?? null;
  const trend = selected(MODAL_BLOCKS.trend);
  const assessment = selected(MODAL_BLOCKS.assessment);
  return {
    partyKey: selected(MODAL_BLOCKS.party),
    areaKey: selected(MODAL_BLOCKS.area),
    text: field(MODAL_BLOCKS.text)?.value ?? '',
    place: field(MODAL_BLOCKS.place)?.value ?? '',
    when: field(MODAL_BLOCKS.when)?.value ?? '',
    trend: TRENDS.find((t) => t === trend) ?? null,
    assessment: ASSESSMENTS.find((a) => a === assessment) ?? null,
    nothingToReport: (field(MODAL_BLOCKS.nothing)?.selected_options ?? []).some(
      (o) => o.value === NOTHING_VALUE,
    ),
    again: (field(MODAL_BLOCKS.again)?.selected_options ?? []).some((o) => o.value === AGAIN_VALUE),
  };
}

/** What the modal turns into after a successful submission. */
export function confirmationView(title: string, blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: `${LAGESBILD_CALLBACK_ID}_kvitto`,
    // A modal's title is at most 24 characters.
    title: plain(truncateText(title, 24)),
    close: plain(sv.lagesbild.close),
    blocks: blocks.slice(0, LIMITS.blocksPerView),
  };
}

/**
 * Pushed on top of the form when a submission is refused for a reason the form cannot fix, with `text` as
 * mrkdwn (so mentions show as names). Closing it returns to the form, with what the user wrote still there.
 */
export function refusalView(text: string): { response_action: 'push'; view: ModalView } {
  return {
    response_action: 'push',
    view: {
      type: 'modal',
      callback_id: `${LAGESBILD_CALLBACK_ID}_nekad`,
      title: plain(sv.lagesbild.refusedTitle),
      close: plain(sv.lagesbild.back),
      blocks: [section(text)],
    },
  };
}

// ── shared pieces ──

const meetingWhenTexts = new Map<string, string>();

/**
 * `fredag 4 december kl. 09:00`, with the year when it is not `now`'s (`fredag 8 januari 2027 kl. 09:00`);
 * remembered, as Swedish date formatting is slow and asked for on every receipt.
 */
export function meetingWhen(meeting: Pick<Meeting, 'startsAt'>, timezone: string, now?: Date): string {
  const year = now === undefined ? '' : DateTime.fromJSDate(now, { zone: timezone }).year;
  const key = `${meeting.startsAt.getTime()}|${timezone}|${year}`;
  let text = meetingWhenTexts.get(key);
  if (text === undefined) {
    if (meetingWhenTexts.size >= 64) meetingWhenTexts.clear();
    text = formatLocalDateTime(meeting.startsAt, timezone, now);
    meetingWhenTexts.set(key, text);
  }
  return text;
}

/**
 * The admins as mentions (`<@A>, <@B>`) in a sentence, by default a request to ask them to add you; or the
 * note that there are none yet.
 */
export function askAdminsText(
  adminIds: readonly string[],
  sentence: (mentions: string) => string = sv.lagesbild.askAdmins,
): string {
  return adminIds.length === 0
    ? sv.lagesbild.noAdmins
    : sentence(adminIds.map((id) => mention(id)).join(', '));
}

/** A word that is no area: the closest area's first word when one is close (a typo), never the whole list. */
export function unknownAreaText(word: string, areas: readonly Aliased[]): string {
  const closest = closestArea(areas, word);
  return closest === null
    ? sv.lagesbild.unknownAreaNoSuggestion(escapeMrkdwn(word))
    : sv.lagesbild.unknownAreaSuggest(escapeMrkdwn(word), escapeMrkdwn(closest.aliases[0] ?? closest.key));
}

export function aliasList(areas: readonly Aliased[]): string {
  return areas.flatMap((area) => area.aliases.map((alias) => `\`${escapeMrkdwn(alias)}\``)).join(', ');
}

export function partyKeyList(parties: readonly Named[]): string {
  return parties.map((party) => `\`${escapeMrkdwn(party.key)}\``).join(', ');
}

/** An entry as mrkdwn lines: its area in bold, then the bullet the compiled picture uses. */
export function entryLines(entry: Entry, areaName: string): string[] {
  return [`*${escapeMrkdwn(areaName)}*`, formatEntryLine(entry)];
}

export type ButtonOrigin = 'kvitto' | 'mina';

export interface EntryButtonValue {
  readonly id: number;
  /** Where the button sits, so removing can redraw that message. */
  readonly from: ButtonOrigin;
  /** On a `mina` list of several messages: which one (1-based). */
  readonly page?: number;
}

/** The value of Ändra and Ta bort, checked when it comes back (src/kit/metadata.ts decodeMetadata). */
export const ENTRY_BUTTON = z.object({
  id: z.number().int().positive(),
  from: z.enum(['kvitto', 'mina']),
  page: z.number().int().positive().optional(),
});

export function encodeEntryButton(value: EntryButtonValue): string {
  return JSON.stringify(ENTRY_BUTTON.parse(value));
}

export function entryButtons(entry: Entry, from: ButtonOrigin): ActionsBlock {
  const value = encodeEntryButton({ id: entry.id, from });
  // A one-liner has no place, time or trend: the same form is offered as "Komplettera", to add them.
  const bare = entry.place === null && entry.when === null && entry.trend === null;
  const edit: Button = {
    type: 'button',
    action_id: LAGESBILD_ACTIONS.edit,
    text: plain(bare ? sv.lagesbild.complete : sv.lagesbild.edit),
    value,
  };
  const remove: Button = {
    type: 'button',
    action_id: LAGESBILD_ACTIONS.remove,
    text: plain(sv.lagesbild.remove),
    style: 'danger',
    value,
    confirm: {
      title: plain(sv.lagesbild.removeConfirmTitle),
      text: plain(sv.lagesbild.removeConfirmText(weekNumberOf(entry.meetingWeek))),
      confirm: plain(sv.lagesbild.remove),
      deny: plain(sv.lagesbild.cancel),
      style: 'danger',
    },
  };
  return { type: 'actions', block_id: `entry-${entry.id}`, elements: [edit, remove] };
}

/** The value of "Flytta till <part>": the entry and the party, never the entry's text. */
export const MOVE_PARTY_BUTTON = z.object({ id: z.number().int().positive(), party: z.string().max(100) });
/** The value of "Inget att rapportera för <part>". */
export const NOTHING_PARTY_BUTTON = z.object({ party: z.string().max(100) });

/** A button's text is at most 75 characters. */
function buttonText(text: string): ReturnType<typeof plain> {
  return plain(truncateText(text, 75));
}

/**
 * "Flytta till <part>" for each of the member's other parties, under an entry stored for their first. One
 * actions block per button: an action id may not repeat within a block.
 */
export function movePartyButtons(entryId: number, parties: readonly Named[]): ActionsBlock[] {
  return parties.slice(0, 10).map((party) => ({
    type: 'actions',
    block_id: `flytta-part-${entryId}-${party.key}`.slice(0, 255),
    elements: [
      {
        type: 'button',
        action_id: LAGESBILD_ACTIONS.moveParty,
        text: buttonText(sv.lagesbild.moveToParty(party.name)),
        value: JSON.stringify(MOVE_PARTY_BUTTON.parse({ id: entryId, party: party.key })),
      },
    ],
  }));
}

/** One button per party (each in its own block, as above), for a member of several who said "inget". */
export function nothingPartyButtons(parties: readonly Named[]): ActionsBlock[] {
  return parties.slice(0, 10).map((party) => ({
    type: 'actions',
    block_id: `inget-part-${party.key}`.slice(0, 255),
    elements: [
      {
        type: 'button',
        action_id: LAGESBILD_ACTIONS.nothingForParty,
        text: buttonText(party.name),
        value: JSON.stringify(NOTHING_PARTY_BUTTON.parse({ party: party.key })),
      },
    ],
  }));
}

export function openButton(): ActionsBlock {
  return {
    type: 'actions',
    block_id: 'lagesbild-open',
    elements: [
      {
        type: 'button',
        action_id: LAGESBILD_ACTIONS.open,
        text: plain(sv.lagesbild.submitButton),
        style: 'primary',
        value: 'lagesbild',
      },
      nothingButton(),
    ],
  };
}

/** "Inget att rapportera", beside "Lämna lägesbild": the short form of its own. `week` as on the open button. */
export function nothingButton(week?: MeetingWeek): Button {
  return {
    type: 'button',
    action_id: LAGESBILD_ACTIONS.nothing,
    text: plain(sv.lagesbild.nothingButton),
    value: week ?? 'inget',
  };
}

/**
 * A receipt for one entry (the one-liner, the answer in chat, a change, a removal): the heading, the entry as
 * it will appear in the compiled picture, and (while it can still change) Ändra and Ta bort.
 */
export function entryReceipt(options: {
  heading: string;
  entry: Entry;
  areaName: string;
  buttons: boolean;
  /** A line after the entry, such as the overall assessment saved with it. */
  note?: string | null;
  footer?: string | null;
}): SlackMessage {
  const blocks: KnownBlock[] = [
    section(options.heading),
    ...packLines(entryLines(options.entry, options.areaName)),
  ];
  if (options.note) blocks.push(section(options.note));
  if (options.buttons) blocks.push(entryButtons(options.entry, 'kvitto'));
  if (options.footer) blocks.push(context(options.footer));
  return { text: `${options.heading} ${fallbackLine(formatEntryLine(options.entry))}`, blocks };
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

// ── help ──

export function helpText(
  usage: ReadonlyArray<{ usage: string; description: string }>,
  areas: readonly Aliased[],
  parties: readonly Named[],
): string {
  return [
    sv.lagesbild.helpTitle,
    sv.common.helpLines(usage),
    '',
    sv.lagesbild.helpAreasTitle,
    ...areas.map((area) =>
      sv.lagesbild.helpArea(
        escapeMrkdwn(area.name),
        area.aliases.map((alias) => escapeMrkdwn(alias)),
      ),
    ),
    '',
    sv.lagesbild.helpPartiesTitle,
    ...parties.map((party) => sv.lagesbild.helpParty(escapeMrkdwn(party.key), escapeMrkdwn(party.name))),
    '',
    sv.lagesbild.helpFooter,
  ].join('\n');
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
        ...packLines([formatEntryLine(entry)]),
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
export function removalNotice(heading: string, entry: Entry, areaName: string): KnownBlock {
  const text = [heading, ...entryLines(entry, areaName)].join('\n');
  if (text.length <= NOTICE_MAX_CHARS) return section(text);
  return section(`${splitText(text, NOTICE_MAX_CHARS - 1)[0] ?? heading}…`);
}
