import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration imports nothing from the app, so it keeps its meaning when the app changes.

/**
 * Gallring by decision. An entry's free text (text, place, when) can be blanked — by the scheduled retention or
 * by an admin on request — while the row stays, so its week, party, area and trend still count. A purged row is
 * wholly blank (a check), so no interruption can leave half of one. `observation_statistics` keeps what the
 * reports need per week, party and area, written before the text goes; `retention_runs` lets one instance claim
 * each day's run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('entries')
    .addColumn('purged_at', 'timestamptz')
    .addColumn('purged_by', 'text')
    // An admin's note on why one entry's text was removed on request; never copied to the access log.
    .addColumn('purge_reason', 'text', (c) => c.check(sql`char_length(purge_reason) <= 300`))
    .execute();
  await sql`alter table entries drop constraint entries_text_check`.execute(db);
  await sql`alter table entries add constraint entries_text_check
    check (char_length(text) <= 2000 and (char_length(text) >= 1 or purged_at is not null))`.execute(db);
  await sql`alter table entries add constraint entries_purged_blank
    check (purged_at is null or (text = '' and place is null and when_text is null))`.execute(db);
  // The retention's next batch: the oldest weeks' entries not yet purged.
  await db.schema
    .createIndex('entries_unpurged_week_idx')
    .on('entries')
    .columns(['meeting_week', 'id'])
    .where(sql.ref('purged_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('observation_statistics')
    .addColumn('meeting_week', 'text', (c) => c.notNull().check(sql`meeting_week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('party_key', 'text', (c) => c.notNull().references('parties.key').onUpdate('cascade'))
    .addColumn('area_key', 'text', (c) => c.notNull().references('priority_areas.key').onUpdate('cascade'))
    .addColumn('entry_count', 'integer', (c) => c.notNull().check(sql`entry_count >= 0`))
    .addColumn('trend_okar', 'integer', (c) => c.notNull())
    .addColumn('trend_oforandrat', 'integer', (c) => c.notNull())
    .addColumn('trend_minskar', 'integer', (c) => c.notNull())
    .addColumn('trend_none', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('observation_statistics_pkey', ['meeting_week', 'party_key', 'area_key'])
    .addCheckConstraint(
      'observation_statistics_trends_add_up',
      sql`entry_count = trend_okar + trend_oforandrat + trend_minskar + trend_none`,
    )
    .execute();

  await db.schema
    .createTable('retention_runs')
    // The local date of the run: one scheduled run per day across every instance.
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('entries_purged', 'integer')
    .addColumn('log_rows_purged', 'integer')
    .addColumn('error', 'text', (c) => c.check(sql`char_length(error) <= 200`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retention_runs').execute();
  await db.schema.dropTable('observation_statistics').execute();
  await db.schema.dropIndex('entries_unpurged_week_idx').execute();
  await sql`alter table entries drop constraint entries_purged_blank`.execute(db);
  await sql`alter table entries drop constraint entries_text_check`.execute(db);
  // The old check wants text in every row; a purged one gets a dash.
  await sql`update entries set text = '-' where text = ''`.execute(db);
  await sql`alter table entries add constraint entries_text_check
    check (char_length(text) between 1 and 2000)`.execute(db);
  await db.schema
    .alterTable('entries')
    .dropColumn('purge_reason')
    .dropColumn('purged_by')
    .dropColumn('purged_at')
    .execute();
}
