/** How a party or an area that could not be told apart is answered: the ones it could be, by name and key. */

import type { Aliased, Named } from '../domain/lookup.js';
import { sv } from '../i18n/sv.js';
import { partyKeyList, unknownAreaText } from './lagesbild-texts.js';
import { escapeMrkdwn } from './mrkdwn.js';

export function candidateList(candidates: readonly Named[]): string {
  const shown = candidates.map((c) => sv.katalog.lookup.candidate(escapeMrkdwn(c.name), escapeMrkdwn(c.key)));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')}${sv.katalog.lookup.or}${shown.at(-1)}`;
}

/** `typed` as the user wrote it (escaped here), and the parties or areas it could be. */
export function ambiguousText(kind: 'party' | 'area', typed: string, candidates: readonly Named[]): string {
  const say = kind === 'party' ? sv.katalog.lookup.ambiguousParty : sv.katalog.lookup.ambiguousArea;
  return say(escapeMrkdwn(typed), candidateList(candidates));
}

/** The named items among `items` by key, in `keys`' order (a request carries the candidates' keys). */
export function byKeys<T extends Named>(items: readonly T[], keys: readonly string[]): T[] {
  return keys.flatMap((key) => items.filter((item) => item.key === key));
}

/**
 * The answer to a `/lagesbild` one-liner or a direct message whose party or area was not found: the word as
 * typed, with the parties' or areas' words, or the ones it could be.
 */
export function lagesbildNotFoundText(
  request:
    | { readonly kind: 'unknownArea'; readonly word: string; readonly candidates?: readonly string[] }
    | { readonly kind: 'unknownParty'; readonly word: string; readonly candidates?: readonly string[] },
  catalogue: { readonly parties: readonly Named[]; readonly areas: readonly Aliased[] },
): string {
  if (request.kind === 'unknownArea') {
    const candidates = byKeys(catalogue.areas, request.candidates ?? []);
    return candidates.length > 1
      ? ambiguousText('area', request.word, candidates)
      : unknownAreaText(request.word, catalogue.areas);
  }
  const candidates = byKeys(catalogue.parties, request.candidates ?? []);
  return candidates.length > 1
    ? ambiguousText('party', request.word, candidates)
    : sv.lagesbild.unknownParty(escapeMrkdwn(request.word), partyKeyList(catalogue.parties));
}
