import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('joint_priorities')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 150`))
    .addColumn('description', 'text', (c) => c.check(sql`char_length(description) <= 2000`))
    .addColumn('contact_user_id', 'text')
    .addColumn('agreed_week', 'text', (c) => c.notNull().check(sql`agreed_week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('follow_up_date', 'date', (c) => c.notNull())
    .addColumn('effect_short', 'text', (c) => c.check(sql`char_length(effect_short) <= 500`))
    .addColumn('effect_long', 'text', (c) => c.check(sql`char_length(effect_long) <= 500`))
    .addColumn('citizen_promise', 'text', (c) => c.check(sql`char_length(citizen_promise) <= 300`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('aktiv', 'genomford', 'avbruten')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('joint_priorities_status_follow_up_idx')
    .on('joint_priorities')
    .columns(['status', 'follow_up_date'])
    .execute();

  await db.schema
    .createTable('joint_priority_areas')
    .addColumn('priority_id', 'integer', (c) =>
      c.notNull().references('joint_priorities.id').onDelete('cascade'),
    )
    .addColumn('area_key', 'text', (c) => c.notNull().references('priority_areas.key').onUpdate('cascade'))
    .addPrimaryKeyConstraint('joint_priority_areas_pkey', ['priority_id', 'area_key'])
    .execute();
  await db.schema
    .createIndex('joint_priority_areas_area_idx')
    .on('joint_priority_areas')
    .column('area_key')
    .execute();

  await db.schema
    .createTable('joint_priority_parties')
    .addColumn('priority_id', 'integer', (c) =>
      c.notNull().references('joint_priorities.id').onDelete('cascade'),
    )
    .addColumn('party_key', 'text', (c) => c.notNull().references('parties.key').onUpdate('cascade'))
    .addPrimaryKeyConstraint('joint_priority_parties_pkey', ['priority_id', 'party_key'])
    .execute();
  await db.schema
    .createIndex('joint_priority_parties_party_idx')
    .on('joint_priority_parties')
    .column('party_key')
    .execute();

  // The history of each priority: created, edited, status changed, followed up. Never updated, only added to.
  await db.schema
    .createTable('joint_priority_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('priority_id', 'integer', (c) =>
      c.notNull().references('joint_priorities.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('skapad', 'andrad', 'status', 'uppfoljning')`),
    )
    .addColumn('actor_user_id', 'text', (c) => c.notNull())
    .addColumn('meeting_week', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 2000`))
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('joint_priority_events_priority_idx')
    .on('joint_priority_events')
    .columns(['priority_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('joint_priority_events_week_idx')
    .on('joint_priority_events')
    .column('meeting_week')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('joint_priority_events').execute();
  await db.schema.dropTable('joint_priority_parties').execute();
  await db.schema.dropTable('joint_priority_areas').execute();
  await db.schema.dropTable('joint_priorities').execute();
}
