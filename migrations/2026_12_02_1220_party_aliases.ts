import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration imports nothing from the app, so it keeps its meaning when the app changes.

/**
 * Parties get short words like areas have, so that `kommun`, `polis`, `region` and `kustbevakning` find the
 * four parties in every command (the key and the name are found as they were).
 */
const SEEDS: Record<string, string[]> = {
  polisen: ['polis', 'lpo'],
  kommunen: ['kommun'],
  regionen: ['region', 'rkl'],
  kustbevakningen: ['kustbevakning', 'kbv'],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('parties')
    .addColumn('aliases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  for (const [key, aliases] of Object.entries(SEEDS)) {
    await db
      .updateTable('parties')
      .set({ aliases: sql`${sql.val(aliases)}::text[]` })
      .where('key', '=', key)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('parties').dropColumn('aliases').execute();
}
