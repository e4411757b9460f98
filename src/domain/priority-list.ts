/**
 * The order and the filters of priority lists (`/prioritet lista`, the agenda's point 2, App Home): what is due
 * at a meeting comes first; and what people type after `/prioritet lista` and `visa`.
 */

import { type Aliased, type Findable, findArea, foldForMatch, longestAt, type Run } from './lookup.js';
import type { JointPriority } from './priorities.js';

/** Due for a meeting: still active and its follow-up date is on or before the meeting's date. */
export function isDue(
  priority: Pick<JointPriority, 'status' | 'followUpDate'>,
  meetingDate: string,
): boolean {
  return priority.status === 'aktiv' && priority.followUpDate <= meetingDate;
}

/** Due ones first, then active before closed, then by follow-up date, then by number. */
export function comparePriorities(
  meetingDate: string,
): (
  a: Pick<JointPriority, 'id' | 'status' | 'followUpDate'>,
  b: Pick<JointPriority, 'id' | 'status' | 'followUpDate'>,
) => number {
  return (a, b) =>
    Number(isDue(b, meetingDate)) - Number(isDue(a, meetingDate)) ||
    Number(b.status === 'aktiv') - Number(a.status === 'aktiv') ||
    a.followUpDate.localeCompare(b.followUpDate) ||
    a.id - b.id;
}

export function sortForMeeting<T extends Pick<JointPriority, 'id' | 'status' | 'followUpDate'>>(
  priorities: readonly T[],
  meetingDate: string,
): T[] {
  return [...priorities].sort(comparePriorities(meetingDate));
}

// ── what people type ──

/** `12` or `#12` → 12; anything else null. */
export function parsePriorityId(text: string): number | null {
  const match = /^#?(\d{1,9})$/.exec(text.trim());
  if (!match) return null;
  const id = Number(match[1]);
  return id > 0 ? id : null;
}

/** Active ones (the default), all, or the closed ones of one kind (with their results). */
export type ListScope = 'aktiva' | 'alla' | 'genomforda' | 'avbrutna';

/** The words for the closed scopes, folded (`genomförda` → `genomforda`). */
const CLOSED_SCOPE_WORDS: Readonly<Record<string, ListScope>> = {
  genomforda: 'genomforda',
  genomford: 'genomforda',
  klara: 'genomforda',
  avbrutna: 'avbrutna',
  avbruten: 'avbrutna',
};

/** What `/prioritet lista …` asks for: active or all, optionally one party's or one area's. */
export interface ListFilter {
  readonly scope: ListScope;
  readonly partyKey: string | null;
  readonly areaKey: string | null;
}

export type ListFilterParse =
  | { readonly ok: true; readonly filter: ListFilter }
  | { readonly ok: false; readonly unknown: string };

/**
 * Reads the words after `lista`: `aktiva` (the default), `alla`, `genomförda` or `avbrutna`, a party and an area,
 * each optional, in any order, case- and diacritic-insensitively (`gang` finds `gäng`). The first word it
 * cannot place is returned so the answer can name it.
 */
export function parseListFilter(
  words: readonly string[],
  parties: readonly Findable[],
  areas: readonly Aliased[],
): ListFilterParse {
  let scope: ListScope = 'aktiva';
  let partyKey: string | null = null;
  let areaKey: string | null = null;
  for (let at = 0; at < words.length; at++) {
    const word = words[at] ?? '';
    const folded = foldForMatch(word);
    if (folded === '') continue;
    if (folded === 'aktiva' || folded === 'aktiv') {
      scope = 'aktiva';
      continue;
    }
    if (folded === 'alla') {
      scope = 'alla';
      continue;
    }
    const closed = CLOSED_SCOPE_WORDS[folded];
    if (closed !== undefined) {
      scope = closed;
      continue;
    }
    // A party's name may be several words (`Västerviks kommun`).
    const party: Run<Findable> | null = partyKey === null ? longestAt(parties, words, at) : null;
    if (party?.found.kind === 'found') {
      partyKey = party.found.item.key;
      at = party.end - 1;
      continue;
    }
    const area: Aliased | null = areaKey === null ? findArea(areas, word) : null;
    if (area) {
      areaKey = area.key;
      continue;
    }
    return { ok: false, unknown: word };
  }
  return { ok: true, filter: { scope, partyKey, areaKey } };
}
