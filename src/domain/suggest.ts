/**
 * "Menade du *olyckor*?" for a word that is almost an area: the closest alias by edit distance, with Swedish
 * letters folded (`trafk` → trafik, `olyka` → olyckor, `ungdomar` → unga). Pure.
 */

import { type Aliased, foldForMatch } from './lookup.js';

/**
 * The edit distance between two words (insertions, deletions, substitutions and swaps of neighbours each
 * count one): Damerau–Levenshtein in its restricted form, two rows at a time.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] as number) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** How far a typo may be from what was meant: one slip in a short word, about one in three in a longer one. */
function tolerance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * The area a mistyped word most likely means, or null when none is close enough (or two are equally close: no
 * guessing between them). The caller suggests the area's first alias, the word the help shows first.
 */
export function closestArea<T extends Aliased>(areas: readonly T[], word: string): T | null {
  const typed = foldForMatch(word);
  if (typed === '') return null;
  let best: { area: T; distance: number } | null = null;
  let tie = false;
  for (const area of areas) {
    const distance = Math.min(
      ...[area.key, ...area.aliases].map((alias) => editDistance(typed, foldForMatch(alias))),
    );
    if (best === null || distance < best.distance) {
      best = { area, distance };
      tie = false;
    } else if (distance === best.distance && area.key !== best.area.key) tie = true;
  }
  return best !== null && !tie && best.distance <= tolerance(typed) ? best.area : null;
}
