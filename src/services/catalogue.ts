/**
 * The cooperation's parties and priority areas as one value, loaded once per request (two queries in parallel):
 * names by key, and the lookups of what users type (src/domain/lookup.ts: keys, short words, whole names and
 * their unambiguous beginnings). Everything that shows or matches a party or an area takes it from here.
 */

import type { Executor } from '../db/database.js';
import {
  type CatalogueRow,
  type ListedParty,
  listAllAreas,
  listAllParties,
  type Party,
  type PriorityArea,
} from '../db/parties.repository.js';
import { type ListLookup, type Lookup, lookup, lookupList } from '../domain/lookup.js';

export interface Catalogue {
  /** The active parties, in the agenda's order. */
  readonly parties: readonly ListedParty[];
  /** The active areas, in the agreement's order, with their aliases. */
  readonly areas: readonly PriorityArea[];
  /** A party's name, also a retired one's (it labels its history); its key when unknown. */
  partyName(key: string): string;
  /** An area's name, also a retired one's; its key when unknown. */
  areaName(key: string): string;
  /** Area names by key, retired ones too, in the agreement's order, for renderers. */
  readonly areaNames: ReadonlyMap<string, string>;
  /** Party names by key, retired ones too, for renderers. */
  readonly partyNames: ReadonlyMap<string, string>;
  /** The active party a word or phrase stands for, or null (none, or several). */
  findParty(typed: string): ListedParty | null;
  /** The active area a word or phrase stands for, or null (none, or several). */
  findArea(typed: string): PriorityArea | null;
  /** The same as findParty, with what went wrong: unknown (as typed), or the parties it could be. */
  lookupParty(typed: string): Lookup<ListedParty>;
  lookupArea(typed: string): Lookup<PriorityArea>;
  /** Several parties named one after another (`Region Kalmar län och polisen`). */
  lookupParties(text: string): ListLookup<ListedParty>;
}

type PartyInput = Party & { readonly aliases?: readonly string[] };

/**
 * The catalogue of the active parties and areas; `named` (every party and area, in order) adds the names of
 * those no longer in use, which still label the entries and priorities that have them.
 */
export function catalogueOf(
  parties: readonly PartyInput[],
  areas: readonly PriorityArea[],
  named: { readonly parties: readonly Party[]; readonly areas: readonly Party[] } = { parties, areas },
): Catalogue {
  const listed: ListedParty[] = parties.map((p) => ({ key: p.key, name: p.name, aliases: p.aliases ?? [] }));
  const partyNames = new Map(named.parties.map((party) => [party.key, party.name]));
  const areaNames = new Map(named.areas.map((area) => [area.key, area.name]));
  const one = <T>(found: Lookup<T>): T | null => (found.kind === 'found' ? found.item : null);
  return {
    parties: listed,
    areas,
    partyNames,
    areaNames,
    partyName: (key) => partyNames.get(key) ?? key,
    areaName: (key) => areaNames.get(key) ?? key,
    findParty: (typed) => one(lookup(listed, typed)),
    findArea: (typed) => one(lookup(areas, typed)),
    lookupParty: (typed) => lookup(listed, typed),
    lookupArea: (typed) => lookup(areas, typed),
    lookupParties: (text) => lookupList(listed, text),
  };
}

const inUse = (rows: readonly CatalogueRow[]) =>
  rows.filter((row) => row.active).map((row) => ({ key: row.key, name: row.name, aliases: row.aliases }));

export async function loadCatalogue(db: Executor): Promise<Catalogue> {
  const [parties, areas] = await Promise.all([listAllParties(db), listAllAreas(db)]);
  return catalogueOf(inUse(parties), inUse(areas), { parties, areas });
}
