import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration imports nothing from the app, so it keeps its meaning when the app changes.

/**
 * The meeting's minutes besides the joint priorities: decisions and notes written during it (`/protokoll`,
 * shown under "Övrigt" in "Beslut och uppföljning"), and which parties attended. Notes are only added to; a
 * party's attendance is a row while it is marked present.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('meeting_week', 'text', (c) => c.notNull().check(sql`meeting_week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('beslut', 'notering')`))
    .addColumn('text', 'text', (c) => c.notNull().check(sql`char_length(text) between 1 and 2000`))
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    // The request that wrote it: a retried request or a double submission adds nothing.
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('meeting_notes_week_idx')
    .on('meeting_notes')
    .columns(['meeting_week', 'id'])
    .execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_week', 'text', (c) => c.notNull().check(sql`meeting_week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('party_key', 'text', (c) => c.notNull().references('parties.key').onUpdate('cascade'))
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('meeting_attendance_pkey', ['meeting_week', 'party_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_attendance').execute();
  await db.schema.dropTable('meeting_notes').execute();
}
