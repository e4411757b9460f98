/**
 * Checking a lägesbild entry's free-text fields as a user gave them: text required, length limits, and no
 * personnummer or samordningsnummer in any field.
 * Why its own piece: the form, the one-liner and an edited chat message all check the same way.
 */

import { ENTRY_LIMITS } from './entry.js';
import { findPersonalIdentityNumber } from './personnummer.js';
import { characterCount } from './text.js';

/** The free-text fields of an entry as a user gave them, trimmed; empty optional fields are null. */
export interface EntryFields {
  readonly text: string;
  readonly place: string | null;
  readonly when: string | null;
}

export type EntryField = keyof EntryFields;

export type EntryProblem =
  | { readonly field: EntryField; readonly kind: 'empty' }
  | { readonly field: EntryField; readonly kind: 'tooLong'; readonly limit: number; readonly length: number }
  /** A personnummer or samordningsnummer: entries must never identify individuals. */
  | { readonly field: EntryField; readonly kind: 'personalNumber' };

function optional(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export function entryFields(raw: {
  text?: string | null;
  place?: string | null;
  when?: string | null;
}): EntryFields {
  return { text: raw.text?.trim() ?? '', place: optional(raw.place), when: optional(raw.when) };
}

/** Every problem with the fields, at most one per field, in the fields' order. Empty means storable. */
export function checkEntryFields(fields: EntryFields): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const check = (field: EntryField, value: string | null, required: boolean) => {
    if (value === null || value === '') {
      if (required) problems.push({ field, kind: 'empty' });
      return;
    }
    const length = characterCount(value);
    const limit = ENTRY_LIMITS[field];
    if (length > limit) problems.push({ field, kind: 'tooLong', limit, length });
    else if (findPersonalIdentityNumber(value) !== null) problems.push({ field, kind: 'personalNumber' });
  };
  check('text', fields.text, true);
  check('place', fields.place, false);
  check('when', fields.when, false);
  return problems;
}
