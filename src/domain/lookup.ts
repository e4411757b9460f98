/**
 * Finding a party or a priority area from what someone typed: case-insensitive and forgiving of missing
 * Swedish letters, so `gang`, `Gäng` and `GÄNG` all find the area whose alias is `gäng`.
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

/** The area whose key or alias matches the word, or null. */
export function findArea<T extends Aliased>(areas: readonly T[], word: string): T | null {
  const folded = foldForMatch(word);
  if (folded === '') return null;
  return (
    areas.find(
      (area) => foldForMatch(area.key) === folded || area.aliases.some((a) => foldForMatch(a) === folded),
    ) ?? null
  );
}

/** The party whose key matches the word (or the first word of its name, like `Kustbevakningen`), or null. */
export function findParty<T extends Named>(parties: readonly T[], word: string): T | null {
  const folded = foldForMatch(word);
  if (folded === '') return null;
  return (
    parties.find((party) => foldForMatch(party.key) === folded) ??
    parties.find((party) => foldForMatch(party.name.split(/[\s,]+/)[0] ?? '') === folded) ??
    null
  );
}
