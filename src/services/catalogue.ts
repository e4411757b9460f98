import type { Executor } from '../db/database.js';
import { listAreas, listParties, type Party, type PriorityArea } from '../db/parties.repository.js';
import { findArea, findParty } from '../domain/lookup.js';

/**
 * The cooperation's parties and priority areas as one value, loaded once per request (two queries in parallel):
 * names by key, and the lookups of what users type. Everything that shows or matches a party or an area takes
 * it from here.
 */
export interface Catalogue {
  /** The active parties, in the agenda's order. */
  readonly parties: readonly Party[];
  /** The active areas, in the agreement's order, with their aliases. */
  readonly areas: readonly PriorityArea[];
  /** A party's name; its key when it is not (or no longer) active. */
  partyName(key: string): string;
  /** An area's name; its key when it is not (or no longer) active. */
  areaName(key: string): string;
  /** Area names by key, for renderers. */
  readonly areaNames: ReadonlyMap<string, string>;
  /** Party names by key, for renderers. */
  readonly partyNames: ReadonlyMap<string, string>;
  /** The party a word stands for (key or name), or null. */
  findParty(word: string): Party | null;
  /** The area a word stands for (key or alias), or null. */
  findArea(word: string): PriorityArea | null;
}

export function catalogueOf(parties: readonly Party[], areas: readonly PriorityArea[]): Catalogue {
  const partyNames = new Map(parties.map((party) => [party.key, party.name]));
  const areaNames = new Map(areas.map((area) => [area.key, area.name]));
  return {
    parties,
    areas,
    partyNames,
    areaNames,
    partyName: (key) => partyNames.get(key) ?? key,
    areaName: (key) => areaNames.get(key) ?? key,
    findParty: (word) => findParty(parties, word),
    findArea: (word) => findArea(areas, word),
  };
}

export async function loadCatalogue(db: Executor): Promise<Catalogue> {
  const [parties, areas] = await Promise.all([listParties(db), listAreas(db)]);
  return catalogueOf(parties, areas);
}
