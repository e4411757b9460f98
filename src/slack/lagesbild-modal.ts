/**
 * The lägesbild forms as Block Kit views: the `/lagesbild` modal (a new entry or a change), the short form for
 * "inget att rapportera", and the views a submission turns into. What they carry and give back is in
 * lagesbild-modal-data.ts.
 */

import type { KnownBlock, ModalView } from '@slack/types';
import { ASSESSMENTS, type Assessment, ENTRY_LIMITS, type Entry, TRENDS } from '../domain/entry.js';
import type { Aliased, Named } from '../domain/lookup.js';
import { type Meeting, type MeetingWeek, weekNumberOf } from '../domain/schedule.js';
import { truncateText } from '../domain/text.js';
import { sv } from '../i18n/sv.js';
import { context, inputBlock, LIMITS, option, plain, section, select, textInput } from './blocks.js';
import {
  AGAIN_VALUE,
  encodeModalMetadata,
  LAGESBILD_CALLBACK_ID,
  MODAL_BLOCKS,
  type ModalMetadata,
} from './lagesbild-modal-data.js';
import { meetingWhen } from './lagesbild-texts.js';
import { escapeMrkdwn } from './mrkdwn.js';

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
  // A change stays with the entry's party.
  const entryParty =
    entry === null
      ? null
      : (input.parties.find((p) => p.key === entry.partyKey) ?? {
          key: entry.partyKey,
          name: entry.partyKey,
        });
  blocks.push(
    partyBlock(input.parties, entryParty),
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
    assessmentSelect(input.assessment),
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
  blocks.push(partyBlock(input.parties, null), assessmentSelect(input.assessment));
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

/**
 * The party: named when it is fixed (a change's entry's party, or the user's only one), else a select of the
 * user's parties.
 */
function partyBlock(parties: readonly Named[], fixed: Named | null): KnownBlock {
  const only = fixed ?? (parties.length === 1 ? parties[0] : undefined);
  if (only !== undefined) return section(sv.lagesbild.partyFixed(escapeMrkdwn(only.name)));
  return select(
    MODAL_BLOCKS.party,
    sv.lagesbild.partyLabel,
    parties.map((p) => option(p.name, p.key)),
    { placeholder: sv.lagesbild.partyLabel, initial: parties[0]?.key ?? null, optional: false },
  );
}

/** The party's overall assessment, with its current one preselected. */
function assessmentSelect(current: Assessment | null): KnownBlock {
  return select(
    MODAL_BLOCKS.assessment,
    sv.lagesbild.assessmentLabel,
    ASSESSMENTS.map((a) => option(sv.compiled.assessment[a], a)),
    { placeholder: sv.lagesbild.assessmentPlaceholder, initial: current, hint: sv.lagesbild.assessmentHint },
  );
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
