/**
 * All SQL for the catalogue: the parties and priority areas with the words people type for them, and adding,
 * renaming, retiring and bringing back one.
 */

import { sql } from 'kysely';
import { type Executor, inTransaction } from './database.js';

export interface Party {
  readonly key: string;
  readonly name: string;
}

/** A party as the catalogue lists it: with the short words people type for it. */
export interface ListedParty extends Party {
  readonly aliases: readonly string[];
}

export interface PriorityArea {
  readonly key: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** A party or an area with whether it is in use; a retired one keeps its key, name and history. */
export interface CatalogueRow {
  readonly key: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly active: boolean;
}

/** The active parties, in the order the agenda lists them. */
export async function listParties(db: Executor): Promise<ListedParty[]> {
  return db
    .selectFrom('parties')
    .select(['key', 'name', 'aliases'])
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('key')
    .execute();
}

/** The active priority areas of the cooperation agreement, with their aliases. */
export async function listAreas(db: Executor): Promise<PriorityArea[]> {
  return db
    .selectFrom('priority_areas')
    .select(['key', 'name', 'aliases'])
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('key')
    .execute();
}

/** Every party, retired ones too (their names still label their history), in the agenda's order. */
export async function listAllParties(db: Executor): Promise<CatalogueRow[]> {
  return db
    .selectFrom('parties')
    .select(['key', 'name', 'aliases', 'active'])
    .orderBy('sort_order')
    .orderBy('key')
    .execute();
}

/** Every area, retired ones too, in the agreement's order. */
export async function listAllAreas(db: Executor): Promise<CatalogueRow[]> {
  return db
    .selectFrom('priority_areas')
    .select(['key', 'name', 'aliases', 'active'])
    .orderBy('sort_order')
    .orderBy('key')
    .execute();
}

export interface CatalogueItemInput {
  readonly key: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** A new party, last in the agenda's order. */
export async function insertParty(db: Executor, party: CatalogueItemInput): Promise<void> {
  await db
    .insertInto('parties')
    .values((eb) => ({
      key: party.key,
      name: party.name,
      aliases: [...party.aliases],
      sort_order: eb.selectFrom('parties').select(sql<number>`coalesce(max(sort_order), 0) + 10`.as('next')),
    }))
    .execute();
}

/** A new area, last before "Övrigt" (which stays last while there is room before it). */
export async function insertArea(db: Executor, area: CatalogueItemInput): Promise<void> {
  await db
    .insertInto('priority_areas')
    .values((eb) => ({
      key: area.key,
      name: area.name,
      aliases: [...area.aliases],
      sort_order: eb
        .selectFrom('priority_areas')
        .select(sql<number>`coalesce(max(sort_order), 0) + 1`.as('next'))
        .where('key', '<>', 'ovrigt'),
    }))
    .execute();
}

/** A new name (and, when given, new short words) for a party or an area; the key stays. False if none. */
export async function renameItem(
  db: Executor,
  kind: 'party' | 'area',
  key: string,
  change: { readonly name: string; readonly aliases: readonly string[] | null },
): Promise<boolean> {
  const set = { name: change.name, ...(change.aliases === null ? {} : { aliases: [...change.aliases] }) };
  const result =
    kind === 'party'
      ? await db.updateTable('parties').set(set).where('key', '=', key).executeTakeFirst()
      : await db.updateTable('priority_areas').set(set).where('key', '=', key).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Brings a retired party or area back under a new name and short words. */
export async function reactivateItem(
  db: Executor,
  kind: 'party' | 'area',
  item: CatalogueItemInput,
): Promise<boolean> {
  const set = { name: item.name, aliases: [...item.aliases], active: true };
  const result =
    kind === 'party'
      ? await db
          .updateTable('parties')
          .set(set)
          .where('key', '=', item.key)
          .where('active', '=', false)
          .executeTakeFirst()
      : await db
          .updateTable('priority_areas')
          .set(set)
          .where('key', '=', item.key)
          .where('active', '=', false)
          .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Retires an area: it leaves the forms and the lookups; its entries and priorities keep it. False if it was not active. */
export async function retireArea(db: Executor, key: string): Promise<boolean> {
  const result = await db
    .updateTable('priority_areas')
    .set({ active: false })
    .where('key', '=', key)
    .where('active', '=', true)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Retires a party and ends its memberships, in one transaction: its members can no longer act for it, while
 * its entries and priorities keep it. The members it had, or null when it was not active.
 */
export async function retireParty(db: Executor, key: string): Promise<string[] | null> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('parties')
      .set({ active: false })
      .where('key', '=', key)
      .where('active', '=', true)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return null;
    const removed = await trx
      .deleteFrom('members')
      .where('party_key', '=', key)
      .returning('user_id')
      .execute();
    return removed.map((row) => row.user_id);
  });
}
