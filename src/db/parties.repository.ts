import type { Executor } from './database.js';

export interface Party {
  readonly key: string;
  readonly name: string;
}

export interface PriorityArea {
  readonly key: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** The active parties, in the order the agenda lists them. */
export async function listParties(db: Executor): Promise<Party[]> {
  return db
    .selectFrom('parties')
    .select(['key', 'name'])
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
