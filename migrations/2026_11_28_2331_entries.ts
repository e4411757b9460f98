import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('meeting_week', 'text', (c) => c.notNull().check(sql`meeting_week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('party_key', 'text', (c) => c.notNull().references('parties.key').onUpdate('cascade'))
    .addColumn('area_key', 'text', (c) => c.notNull().references('priority_areas.key').onUpdate('cascade'))
    .addColumn('text', 'text', (c) => c.notNull().check(sql`char_length(text) between 1 and 2000`))
    .addColumn('place', 'text', (c) => c.check(sql`char_length(place) <= 150`))
    .addColumn('when_text', 'text', (c) => c.check(sql`char_length(when_text) <= 150`))
    .addColumn('trend', 'text', (c) => c.check(sql`trend in ('okar', 'oforandrat', 'minskar')`))
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('modal', 'kommando', 'chatt')`))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema
    .createIndex('entries_week_party_idx')
    .on('entries')
    .columns(['meeting_week', 'party_key'])
    .where(sql.ref('removed_at'), 'is', null)
    .execute();
  // The yearly follow-up counts entries per area over time.
  await db.schema
    .createIndex('entries_area_week_idx')
    .on('entries')
    .columns(['area_key', 'meeting_week'])
    .execute();

  await db.schema
    .createTable('party_reports')
    .addColumn('meeting_week', 'text', (c) => c.notNull())
    .addColumn('party_key', 'text', (c) => c.notNull().references('parties.key').onUpdate('cascade'))
    .addColumn('nothing_to_report', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('assessment', 'text', (c) =>
      c.check(sql`assessment in ('normallage', 'forhojt', 'allvarligt')`),
    )
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('party_reports_pkey', ['meeting_week', 'party_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('party_reports').execute();
  await db.schema.dropTable('entries').execute();
}
