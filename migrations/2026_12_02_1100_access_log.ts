import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration imports nothing from the app, so it keeps its meaning when the app changes.

/**
 * The behörighetslogg: who read, exported or changed what, and through which path. Append-only, enforced by the
 * database: a trigger refuses every UPDATE, DELETE and TRUNCATE, except the scheduled purge of rows past the
 * log's own retention, which marks its transaction with `fredagsmotet.access_log_purge_before` and may then delete
 * only rows older than that instant (and never rows younger than a month, whatever the app's clock says).
 *
 * Columns hold identifiers only (ids, keys, weeks, codes), never what users wrote; the checks refuse anything
 * that looks like prose. No foreign keys: a cascade from a renamed party would be an UPDATE the trigger refuses,
 * and the log must outlive what it names.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // The database's clock: the one every replica and the CLI share.
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_user_id', 'text', (c) =>
      c.notNull().check(sql`actor_user_id ~ '^(system|cli:[A-Za-z0-9._-]{1,64}|[A-Z][A-Z0-9]{2,31})$'`),
    )
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('read', 'export', 'change')`))
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('ok').check(sql`outcome in ('ok', 'refused')`))
    .addColumn('resource', 'text', (c) => c.notNull().check(sql`resource ~ '^[a-z][a-z_]{1,39}$'`))
    .addColumn('meeting_week', 'text', (c) => c.check(sql`meeting_week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('party_key', 'text', (c) => c.check(sql`party_key ~ '^[a-z0-9][a-z0-9-]{0,63}$'`))
    .addColumn('entry_ids', sql`integer[]`)
    .addColumn('priority_id', 'integer')
    .addColumn('subject_user_id', 'text', (c) => c.check(sql`subject_user_id ~ '^[A-Z][A-Z0-9]{2,31}$'`))
    .addColumn('period', 'text', (c) => c.check(sql`period ~ '^[0-9A-Za-z:._+-]{1,64}$'`))
    .addColumn('format', 'text', (c) => c.check(sql`format ~ '^[a-z0-9]{1,16}$'`))
    .addColumn('via', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`via in ('kommando', 'knapp', 'modal', 'dm', 'hem', 'rapport', 'cli', 'schema', 'handelse')`,
        ),
    )
    .addColumn('detail', 'jsonb', (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'::jsonb`)
        .check(sql`jsonb_typeof(detail) = 'object' and octet_length(detail::text) <= 8000`),
    )
    .execute();

  // The two reads: everything in a period, newest first; one user's actions, newest first.
  await db.schema.createIndex('access_log_at_idx').on('access_log').columns(['at', 'id']).execute();
  await db.schema
    .createIndex('access_log_actor_at_idx')
    .on('access_log')
    .columns(['actor_user_id', 'at', 'id'])
    .execute();
  // The register extract: rows where a person was acted on.
  await db.schema
    .createIndex('access_log_subject_idx')
    .on('access_log')
    .column('subject_user_id')
    .where(sql.ref('subject_user_id'), 'is not', null)
    .execute();

  await sql`
    create function access_log_append_only() returns trigger language plpgsql as $$
    declare
      purge_before text := current_setting('fredagsmotet.access_log_purge_before', true);
    begin
      if tg_op = 'DELETE' and coalesce(purge_before, '') <> '' then
        if purge_before::timestamptz > now() - interval '1 month' then
          raise exception 'access_log: a purge may only remove rows older than one month (asked for %)',
            purge_before;
        end if;
        if old.at < purge_before::timestamptz then
          return old;
        end if;
      end if;
      raise exception 'access_log is append-only: % refused', tg_op
        using hint = 'Only the scheduled purge past GALLRING_LOGG_MANADER may delete rows.';
    end
    $$`.execute(db);
  await sql`
    create trigger access_log_append_only before update or delete on access_log
    for each row execute function access_log_append_only()`.execute(db);
  await sql`
    create trigger access_log_no_truncate before truncate on access_log
    for each statement execute function access_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_log').execute();
  await sql`drop function access_log_append_only()`.execute(db);
}
