/**
 * The places a follow-up report names: the `place` field of observations, grouped whatever the case, accents
 * and spacing, and only those named often enough that no single case is pointed out. Pure.
 */

/** Places named fewer times than this are not listed, so no single case is pointed out. */
export const PLACE_THRESHOLD = 3;

/** A place as it is compared: case, accents and spacing do not matter (`GAMLEBY `, `gamleby`, `Gämleby`). */
export function placeKey(place: string): string {
  return place.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The places named at least PLACE_THRESHOLD times, grouped by placeKey, each shown as it was most often
 * written; most named first, then alphabetically.
 */
export function frequentPlaces(places: readonly (string | null)[]): { place: string; count: number }[] {
  const groups = new Map<string, Map<string, number>>();
  for (const raw of places) {
    if (raw === null) continue;
    const written = raw.replace(/\s+/g, ' ').trim();
    const key = placeKey(written);
    if (key === '') continue;
    const spellings = groups.get(key) ?? new Map<string, number>();
    spellings.set(written, (spellings.get(written) ?? 0) + 1);
    groups.set(key, spellings);
  }
  const listed: { place: string; count: number }[] = [];
  for (const spellings of groups.values()) {
    const count = [...spellings.values()].reduce((a, b) => a + b, 0);
    if (count < PLACE_THRESHOLD) continue;
    // Ties go to the spelling with capitals (`Gamleby` before `gamleby`): code points put them first.
    const [place = ''] = [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
    listed.push({ place, count });
  }
  return listed.sort((a, b) => b.count - a.count || a.place.localeCompare(b.place, 'sv'));
}
