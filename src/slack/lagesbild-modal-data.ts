/**
 * What the lägesbild form carries and gives back: its callback and block ids, its private_metadata (checked
 * with zod when it returns) and the submitted values read into plain fields. Apart from the views so the
 * submission handler (commands/lagesbild/form.ts) reads a form without building one.
 */

import { z } from 'zod';
import { ASSESSMENTS, type Assessment, TRENDS, type Trend } from '../domain/entry.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { MEETING_WEEK } from './priorities.js';

/** The form's callback id; its confirmation and refusal views add a suffix. */
export const LAGESBILD_CALLBACK_ID = 'lagesbild_modal';

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
/** The value of the ticked "Spara och lägg till en till" (againBlock in lagesbild-modal.ts). */
export const AGAIN_VALUE = 'igen';

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
  week: MEETING_WEEK,
  origin: z.string().max(50).nullable(),
  entryId: z.number().int().positive().nullable(),
  partyKey: z.string().max(100).nullable(),
  nothing: z.boolean().optional(),
});

export function encodeModalMetadata(metadata: ModalMetadata): string {
  return JSON.stringify(LAGESBILD_METADATA.parse(metadata));
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
