import type { Kysely } from 'kysely';

// Frozen in time: this migration imports nothing from the app, so it keeps its meaning when the app changes.

/**
 * Areas for what Kustbevakningen sees, which had nothing but "övrigt". Three areas rather than one: an entry's
 * area is kept for good, and three can always be read together while one could never be split afterwards;
 * miljöbrott is also the municipality's concern. Placed before "Övrigt". Admins change them with
 * `/samverkan område …`.
 */
const AREAS = [
  { key: 'sjosakerhet', name: 'Sjösäkerhet', aliases: ['sjö', 'båt'], sort_order: 91 },
  { key: 'miljo', name: 'Miljöbrott och oljeutsläpp', aliases: ['miljö', 'olja', 'utsläpp'], sort_order: 92 },
  { key: 'fiske', name: 'Fiskebrott', aliases: ['fiske'], sort_order: 93 },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('priority_areas')
    .values(AREAS)
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('priority_areas')
    .where(
      'key',
      'in',
      AREAS.map((area) => area.key),
    )
    .execute();
}
