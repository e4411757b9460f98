import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An admin's decision about one meeting (cancelled, or held despite a holiday).
  await db.schema
    .createTable('meetings')
    .addColumn('week', 'text', (c) => c.primaryKey().check(sql`week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('cancelled', 'boolean', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.check(sql`char_length(reason) <= 300`))
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Every effect a user sees from the schedule, recorded under a unique key before it counts as done.
  await db.schema
    .createTable('effects')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('meeting_week', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    // `sending` while an attempt is between its claim and Slack's answer; an answer that never came leaves it so,
    // and the next claimer after the lease asks Slack whether the message is there before posting it again.
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sending', 'done', 'failed')`))
    // When the current attempt claimed the effect, by the database's clock (the one clock every replica shares).
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('channel_id', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('error', 'text')
    // For a message the bot keeps up to date (the live agenda): a hash of what it shows now, so the scheduler
    // updates it only when a fresh rendering differs.
    .addColumn('content_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('effects_key', ['meeting_week', 'kind', 'target'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('effects').execute();
  await db.schema.dropTable('meetings').execute();
}
