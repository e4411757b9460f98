import { type Kysely, sql } from 'kysely';

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

/** Removes the three areas, or only retires one that entries, priorities or statistics already have. */
export async function down(db: Kysely<any>): Promise<void> {
  const keys = AREAS.map((area) => area.key);
  await sql`update priority_areas set active = false where key in (${sql.join(keys)})`.execute(db);
  await sql`delete from priority_areas a where a.key in (${sql.join(keys)})
    and not exists (select 1 from entries e where e.area_key = a.key)
    and not exists (select 1 from joint_priority_areas j where j.area_key = a.key)
    and not exists (select 1 from observation_statistics o where o.area_key = a.key)`.execute(db);
}
