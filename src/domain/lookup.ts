/**
 * Finding a party or a priority area from what someone typed — the one lookup every command uses (through the
 * catalogue, src/services/catalogue.ts). Case-insensitive and forgiving of missing Swedish letters, so `gang`,
 * `Gäng` and `GÄNG` all find the area whose alias is `gäng`. An item answers to its key, its aliases, its whole
 * name (`Västerviks kommun`) and the first word of its name (`Kustbevakningen`); failing those, to the
 * unambiguous beginning of any of them (`kust`, `pol`). What could not be found keeps the user's own spelling.
 */
export function foldForMatch(text: string): string {
  return text.trim().toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/é/g, 'e');
}

export interface Named {
  readonly key: string;
  readonly name: string;
}

export interface Aliased extends Named {
  readonly aliases: readonly string[];
}

/** What the lookup matches: a key, a name, and the short words people type for it, if it has any. */
export type Findable = Named & { readonly aliases?: readonly string[] };

/** A beginning shorter than this finds nothing (`k` or `po` are too easily something else). */
export const MIN_PREFIX = 3;

export type Lookup<T> =
  | { readonly kind: 'found'; readonly item: T }
  /** Several items answer to it; `typed` is what the user wrote, as they wrote it. */
  | { readonly kind: 'ambiguous'; readonly typed: string; readonly candidates: readonly T[] }
  | { readonly kind: 'unknown'; readonly typed: string };

export interface LookupOptions {
  /** Whether the beginning of a word counts (default true); false where a guess would misread a sentence. */
  readonly prefixes?: boolean;
}

/** A phrase as it is compared: folded, quotation marks and commas dropped, spaces collapsed. */
export function foldPhrase(text: string): string {
  return foldForMatch(text.replace(/["'“”„«»,]/g, ' ')).replace(/\s+/g, ' ');
}

/** The words an item answers to exactly, folded: key, aliases, whole name, the name's first word. */
export function wordsOf(item: Findable): string[] {
  const name = foldPhrase(item.name);
  const words = [item.key, ...(item.aliases ?? [])].map(foldPhrase);
  return [...new Set([...words, name, name.split(' ')[0] ?? ''])].filter((word) => word !== '');
}

/** The item `typed` stands for, the ones it could be, or none. */
export function lookup<T extends Findable>(
  items: readonly T[],
  typed: string,
  options: LookupOptions = {},
): Lookup<T> {
  const shown = typed.trim().replace(/\s+/g, ' ');
  const phrase = foldPhrase(typed);
  if (phrase === '') return { kind: 'unknown', typed: shown };
  const exact = items.filter((item) => wordsOf(item).includes(phrase));
  const candidates =
    exact.length > 0 || options.prefixes === false || [...phrase].length < MIN_PREFIX
      ? exact
      : items.filter((item) => wordsOf(item).some((word) => word.startsWith(phrase)));
  if (candidates.length === 1) return { kind: 'found', item: candidates[0] as T };
  if (candidates.length > 1) return { kind: 'ambiguous', typed: shown, candidates };
  return { kind: 'unknown', typed: shown };
}

/** The one item `typed` stands for, or null (none, or several). */
export function findOne<T extends Findable>(
  items: readonly T[],
  typed: string,
  options: LookupOptions = {},
): T | null {
  const found = lookup(items, typed, options);
  return found.kind === 'found' ? found.item : null;
}

/** The area a word or phrase stands for (key, alias, name or its beginning), or null. */
export function findArea<T extends Findable>(
  areas: readonly T[],
  typed: string,
  options?: LookupOptions,
): T | null {
  return findOne(areas, typed, options);
}

/** The party a word or phrase stands for (key, alias, name or its beginning), or null. */
export function findParty<T extends Findable>(
  parties: readonly T[],
  typed: string,
  options?: LookupOptions,
): T | null {
  return findOne(parties, typed, options);
}

/** Words between names in a list: `polisen och kommunen`, `polisen, kommunen`. */
const SEPARATORS = new Set(['och', 'samt', '&', '+', '']);

function isSeparator(word: string): boolean {
  return SEPARATORS.has(foldPhrase(word));
}

/** A run of words that names an item (or several it could be), and the index just after it. */
export interface Run<T> {
  readonly found: Exclude<Lookup<T>, { kind: 'unknown' }>;
  readonly end: number;
}

/**
 * The longest run of words from `start` that names an item (or several), with where it ends; null when no run
 * does. `Region Kalmar län` is one party, not three words.
 */
export function longestAt<T extends Findable>(
  items: readonly T[],
  words: readonly string[],
  start: number,
  options: LookupOptions = {},
): Run<T> | null {
  for (let end = words.length; end > start; end--) {
    const found = lookup(items, words.slice(start, end).join(' '), options);
    if (found.kind !== 'unknown') return { found, end };
  }
  return null;
}

export type ListLookup<T> =
  | { readonly kind: 'found'; readonly items: readonly T[] }
  | Exclude<Lookup<T>, { kind: 'found' }>;

/**
 * Several items named one after another (`polisen kommunen`, `Region Kalmar län och Kustbevakningen`), each once,
 * in the order named. Stops at the first that is unknown or ambiguous: an unknown one is quoted up to where a
 * known name starts, so `Räddningstjänsten Västervik` is quoted whole.
 */
export function lookupList<T extends Findable>(items: readonly T[], text: string): ListLookup<T> {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const chosen: T[] = [];
  let at = 0;
  while (at < words.length) {
    if (isSeparator(words[at] ?? '')) {
      at++;
      continue;
    }
    const run = longestAt(items, words, at);
    if (run === null) {
      let end = at + 1;
      while (
        end < words.length &&
        !isSeparator(words[end] ?? '') &&
        longestAt(items, words, end, { prefixes: false }) === null
      )
        end++;
      return { kind: 'unknown', typed: words.slice(at, end).join(' ') };
    }
    if (run.found.kind === 'ambiguous') return run.found;
    if (!chosen.includes(run.found.item)) chosen.push(run.found.item);
    at = run.end;
  }
  return { kind: 'found', items: chosen };
}
