import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration imports nothing from the app, so it keeps its meaning when the app changes.

/**
 * An ack means stored. `inbox` keeps each request that changes data from before its HTTP 200 until it has been
 * carried out (a one-liner, a DM answer, a button); `effects` becomes the outbox too: a reply recorded in the same
 * transaction as the change it confirms is `pending` with its message in `payload`, and is sent after the ack.
 * Every effect also keeps where it goes (`place_*`) and, for the weekly cycle's, how to do it again (`job`), so
 * that whatever started it, an attempt whose lease ran out is healed without parsing targets.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // Derived from the request (a command's trigger, a message's channel and ts), so a redelivery adds nothing.
    .addColumn('key', 'text', (c) => c.notNull().unique())
    // Which handler carries it out: `command:/lagesbild`, `action:lagesbild_ta_bort`, `event:message`.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // What the handler needs; emptied once carried out (it may hold what the user typed).
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('processed_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('inbox_unprocessed_idx')
    .on('inbox')
    .column('received_at')
    .where(sql.ref('processed_at'), 'is', null)
    .execute();

  // Posts made to a request's response_url, whether the request was stored or only read: Slack takes five.
  await db.schema
    .createTable('response_posts')
    .addColumn('request_key', 'text', (c) => c.primaryKey())
    .addColumn('posts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`alter table effects drop constraint if exists effects_status_check`.execute(db);
  await db.schema
    .alterTable('effects')
    .addColumn('place_channel_id', 'text')
    .addColumn('place_user_id', 'text')
    .addColumn('job', 'jsonb')
    .addColumn('payload', 'jsonb')
    .addColumn('request_key', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .execute();
  await sql`alter table effects add constraint effects_status_check
    check (status in ('pending', 'sending', 'done', 'failed'))`.execute(db);
  // What the sweeper looks at: replies not yet sent and attempts that may have been interrupted.
  await db.schema
    .createIndex('effects_open_idx')
    .on('effects')
    .columns(['status', 'claimed_at'])
    .where(sql.ref('status'), 'in', ['pending', 'sending'])
    .execute();
  await db.schema.createIndex('effects_request_idx').on('effects').column('request_key').execute();

  // Rows written before this migration: where they went, read once from the targets of the time.
  await sql`update effects set place_channel_id = split_part(target, '#', 1)
    where kind in ('agenda', 'lastcall', 'notice', 'compile', 'summary', 'chatsvar')`.execute(db);
  await sql`update effects set place_channel_id = split_part(target, ':', 1)
    where kind = 'chatsvar'`.execute(db);
  await sql`update effects set place_user_id = target where kind = 'call'`.execute(db);
  await sql`update effects set place_user_id = split_part(target, '/', 3) where kind = 'followup'`.execute(
    db,
  );
  await sql`update effects set place_user_id = split_part(target, '/', 1) where kind = 'alert'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from effects where status = 'pending'`.execute(db);
  await db.schema.dropIndex('effects_request_idx').execute();
  await db.schema.dropIndex('effects_open_idx').execute();
  await sql`alter table effects drop constraint if exists effects_status_check`.execute(db);
  await db.schema
    .alterTable('effects')
    .dropColumn('place_channel_id')
    .dropColumn('place_user_id')
    .dropColumn('job')
    .dropColumn('payload')
    .dropColumn('request_key')
    .dropColumn('attempts')
    .dropColumn('next_attempt_at')
    .execute();
  await sql`alter table effects add constraint effects_status_check
    check (status in ('sending', 'done', 'failed'))`.execute(db);
  await db.schema.dropTable('response_posts').execute();
  await db.schema.dropTable('inbox').execute();
}
