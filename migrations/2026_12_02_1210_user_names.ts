import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration imports nothing from the app, so it keeps its meaning when the app changes.

/**
 * Users' display names as Slack gave them (users.info), so messages can name people without a mention: a mention
 * in a channel post notifies the person, and the bot never pings anyone. Refreshed when the name is old or the
 * user acts; a cache, so losing a row only means asking Slack again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_names')
    .addColumn('user_id', 'text', (c) => c.primaryKey().check(sql`user_id ~ '^[UW][A-Z0-9]{2,31}$'`))
    .addColumn('display_name', 'text', (c) =>
      c.notNull().check(sql`char_length(display_name) between 1 and 200`),
    )
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_names').execute();
}
