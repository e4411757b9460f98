/**
 * Finding the subcommand the text after a slash command starts with (`medlem lägg till`, `visa`, `hjälp`):
 * the longest name wins, and å/ä/ö may be typed without their dots.
 */

import { foldForMatch } from '../domain/lookup.js';

/** Anything named by words after a slash command: `medlem lägg till`, `visa`, `hjälp`. */
export interface NamedByWords {
  /** Each accepted spelling as words, e.g. `[['medlem', 'lägg', 'till']]`; matched case- and å/ä/ö-insensitively. */
  readonly names: readonly (readonly string[])[];
}

/**
 * Finds the subcommand the text starts with (the longest matching name wins, so `medlem lägg till` beats
 * `medlem`), and returns it with the text after its words, in the user's own spacing. Null when nothing matches.
 */
export function matchSubcommand<T extends NamedByWords>(
  subcommands: readonly T[],
  text: string,
): { subcommand: T; rest: string } | null {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  let best: { subcommand: T; length: number } | null = null;
  for (const subcommand of subcommands) {
    for (const name of subcommand.names) {
      const matches =
        name.length <= words.length &&
        name.every((part, i) => foldForMatch(part) === foldForMatch(words[i] ?? ''));
      if (matches && (best === null || name.length > best.length)) best = { subcommand, length: name.length };
    }
  }
  if (best === null) return null;
  const consumed = new RegExp(`^\\s*(?:\\S+\\s+){${best.length - 1}}\\S+\\s*`);
  return { subcommand: best.subcommand, rest: text.replace(consumed, '').trimEnd() };
}
