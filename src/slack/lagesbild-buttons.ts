/**
 * Lägesbild's buttons: their action ids, their values (checked with zod when they come back) and the blocks
 * that carry them. Apart from the messages because the agenda and the chat edits place these buttons too, and
 * commands/lagesbild registers its handlers by these ids.
 */

import type { ActionsBlock, Button } from '@slack/types';
import { z } from 'zod';
import type { Entry } from '../domain/entry.js';
import type { Named } from '../domain/lookup.js';
import { type MeetingWeek, weekNumberOf } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { button, plain } from './blocks.js';

/** Action ids Slack sends back; the agenda, the call and App Home build their buttons with `LAGESBILD_ACTIONS.open`. */
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
  const edit = button(LAGESBILD_ACTIONS.edit, bare ? sv.lagesbild.complete : sv.lagesbild.edit, value);
  const remove = button(LAGESBILD_ACTIONS.remove, sv.lagesbild.remove, value, {
    style: 'danger',
    confirm: {
      title: plain(sv.lagesbild.removeConfirmTitle),
      text: plain(sv.lagesbild.removeConfirmText(weekNumberOf(entry.meetingWeek))),
      confirm: plain(sv.lagesbild.remove),
      deny: plain(sv.lagesbild.cancel),
      style: 'danger',
    },
  });
  return { type: 'actions', block_id: `entry-${entry.id}`, elements: [edit, remove] };
}

/** The value of "Flytta till <part>": the entry and the party, never the entry's text. */
export const MOVE_PARTY_BUTTON = z.object({ id: z.number().int().positive(), party: z.string().max(100) });
/** The value of "Inget att rapportera för <part>". */
export const NOTHING_PARTY_BUTTON = z.object({ party: z.string().max(100) });

/**
 * "Flytta till <part>" for each of the member's other parties, under an entry stored for their first. One
 * actions block per button: an action id may not repeat within a block.
 */
export function movePartyButtons(entryId: number, parties: readonly Named[]): ActionsBlock[] {
  return parties.slice(0, 10).map((party) => ({
    type: 'actions',
    block_id: `flytta-part-${entryId}-${party.key}`.slice(0, 255),
    elements: [
      button(
        LAGESBILD_ACTIONS.moveParty,
        sv.lagesbild.moveToParty(party.name),
        JSON.stringify(MOVE_PARTY_BUTTON.parse({ id: entryId, party: party.key })),
      ),
    ],
  }));
}

/** One button per party (each in its own block, as above), for a member of several who said "inget". */
export function nothingPartyButtons(parties: readonly Named[]): ActionsBlock[] {
  return parties.slice(0, 10).map((party) => ({
    type: 'actions',
    block_id: `inget-part-${party.key}`.slice(0, 255),
    elements: [
      button(
        LAGESBILD_ACTIONS.nothingForParty,
        party.name,
        JSON.stringify(NOTHING_PARTY_BUTTON.parse({ party: party.key })),
      ),
    ],
  }));
}

export function openButton(): ActionsBlock {
  return {
    type: 'actions',
    block_id: 'lagesbild-open',
    elements: [
      button(LAGESBILD_ACTIONS.open, sv.lagesbild.submitButton, 'lagesbild', { style: 'primary' }),
      nothingButton(),
    ],
  };
}

/** "Inget att rapportera", beside "Lämna lägesbild": the short form of its own. `week` as on the open button. */
export function nothingButton(week?: MeetingWeek): Button {
  return button(LAGESBILD_ACTIONS.nothing, sv.lagesbild.nothingButton, week ?? 'inget');
}
