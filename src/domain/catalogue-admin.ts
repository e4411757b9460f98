/**
 * Adding and renaming parties and areas (`/samverkan part …`, `/samverkan område …`): reading `<namn>: <kortord>,
 * …`, checking a name and its short words, and deriving a key. Pure. A new word must never make another party's
 * or area's words ambiguous: the lookup (./lookup.ts) would then find neither.
 */

import { type Findable, foldPhrase, wordsOf } from './lookup.js';
import { findPersonalIdentityNumber } from './personnummer.js';
import { characterCount } from './text.js';

/** A name shows whole in a form's option (Slack: 75 characters). */
export const NAME_MAX = 75;
export const ALIAS_MAX = 30;
export const ALIASES_MAX = 8;
const KEY_MAX = 40;

/**
 * Words the commands themselves read where a party or an area may stand (`/lagesbild inget`, `visa`, `mina`,
 * `flytta`, `/prioritet lista alla`, `visa vecka 49`), and the words between names in a list or a rename.
 */
export const RESERVED_WORDS: readonly string[] = [
  'inget',
  'ingenting',
  'status',
  'visa',
  'mina',
  'hjälp',
  'help',
  'flytta',
  'alla',
  'aktiva',
  'och',
  'samt',
  'till',
  'vecka',
];

export interface NameAndAliases {
  readonly name: string;
  /** The short words after the colon, lower-case; null when no colon was written (a rename keeps the old). */
  readonly aliases: readonly string[] | null;
}

/** `Sjösäkerhet: sjö, båt` → the name and its short words (separated by commas or spaces). */
export function parseNameAndAliases(text: string): NameAndAliases {
  const colon = text.indexOf(':');
  const name = (colon < 0 ? text : text.slice(0, colon)).trim().replace(/\s+/g, ' ');
  if (colon < 0) return { name, aliases: null };
  const aliases = text
    .slice(colon + 1)
    .split(/[\s,;]+/)
    .map((alias) => alias.trim().toLowerCase())
    .filter((alias) => alias !== '');
  return { name, aliases: [...new Set(aliases)] };
}

/** Who already answers to a word: the other parties and areas, active ones. */
export interface OtherItem {
  readonly kind: 'party' | 'area';
  readonly item: Findable;
}

export type CatalogueProblem =
  | { readonly kind: 'nameMissing' }
  | { readonly kind: 'nameTooLong'; readonly limit: number; readonly length: number }
  | { readonly kind: 'nameInvalid' }
  | { readonly kind: 'personalNumber' }
  | { readonly kind: 'tooManyAliases'; readonly limit: number }
  | { readonly kind: 'aliasTooLong'; readonly alias: string; readonly limit: number; readonly length: number }
  | { readonly kind: 'aliasInvalid'; readonly alias: string }
  | { readonly kind: 'aliasReserved'; readonly alias: string }
  /** `word` (as typed) is already one of `by`'s words. */
  | { readonly kind: 'taken'; readonly word: string; readonly by: OtherItem };

/** A short word: a letter first, then letters, digits or hyphens; not a week (`v49`). */
const ALIAS = /^\p{L}[\p{L}\p{N}-]*$/u;
const WEEK_LIKE = /^(?:v|w|vecka)\d+$/;

/**
 * Every problem with a party's or an area's name and short words, in the order they are written; empty means it
 * may be stored. `others` are the other active parties and areas (not the item being renamed).
 */
export function checkNameAndAliases(
  input: { readonly key: string; readonly name: string; readonly aliases: readonly string[] },
  others: readonly OtherItem[],
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const length = characterCount(input.name);
  if (foldPhrase(input.name) === '') problems.push({ kind: 'nameMissing' });
  else if (length > NAME_MAX) problems.push({ kind: 'nameTooLong', limit: NAME_MAX, length });
  else if (/[:<>*_`~|]/.test(input.name)) problems.push({ kind: 'nameInvalid' });
  if ([input.name, ...input.aliases].some((text) => findPersonalIdentityNumber(text) !== null)) {
    problems.push({ kind: 'personalNumber' });
    // A number is never repeated back, not even as "already taken".
    return problems;
  }
  if (input.aliases.length > ALIASES_MAX) problems.push({ kind: 'tooManyAliases', limit: ALIASES_MAX });
  for (const alias of input.aliases) {
    const aliasLength = characterCount(alias);
    if (aliasLength > ALIAS_MAX)
      problems.push({ kind: 'aliasTooLong', alias, limit: ALIAS_MAX, length: aliasLength });
    else if (!ALIAS.test(alias) || WEEK_LIKE.test(foldPhrase(alias)))
      problems.push({ kind: 'aliasInvalid', alias });
    else if (RESERVED_WORDS.some((word) => foldPhrase(word) === foldPhrase(alias)))
      problems.push({ kind: 'aliasReserved', alias });
  }
  if (problems.length > 0) return problems;

  // What the item answers to exactly must be no other's word; its name's first word (a weaker match, which the
  // lookup may find ambiguous) must be no other's key, short word or whole name.
  const strong = [
    { typed: input.name, folded: foldPhrase(input.name) },
    ...input.aliases.map((alias) => ({ typed: alias, folded: foldPhrase(alias) })),
  ];
  const firstWord = foldPhrase(input.name).split(' ')[0] ?? '';
  for (const other of others) {
    const all = wordsOf(other.item);
    const otherStrong = [other.item.key, other.item.name, ...(other.item.aliases ?? [])].map(foldPhrase);
    const clash =
      strong.find((word) => all.includes(word.folded)) ??
      (otherStrong.includes(firstWord) ? { typed: input.name.split(/[\s,]+/)[0] ?? firstWord } : undefined);
    if (clash !== undefined) {
      problems.push({ kind: 'taken', word: clash.typed, by: other });
      break;
    }
  }
  return problems;
}

/**
 * A key for a new party or area from its first short word, else its name: lower-case ASCII letters, digits and
 * hyphens (`Sjösäkerhet` → `sjosakerhet`), never one of `taken` (a number is added).
 */
export function deriveKey(source: string, taken: ReadonlySet<string>, fallback: string): string {
  const slug = source
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, KEY_MAX)
    .replace(/-+$/, '');
  const base = /^[a-z0-9]/.test(slug) ? slug : fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, KEY_MAX - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
