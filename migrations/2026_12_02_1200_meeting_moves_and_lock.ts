import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration imports nothing from the app, so it keeps its meaning when the app changes.

/**
 * A meeting's row in `meetings` says more than whether it is held: an admin may move it to another day and time
 * of its week (`starts_at`), and the compiled picture locks its lägesbild (`picture_locked_at`, set when the
 * picture is posted, by the clock or forced early from the CLI). So `cancelled` may be null (no decision about
 * whether it is held: the schedule and the holiday rule decide), and `changed_by` null (a row made by the lock).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table meetings alter column cancelled drop not null`.execute(db);
  await sql`alter table meetings alter column changed_by drop not null`.execute(db);
  await db.schema
    .alterTable('meetings')
    .addColumn('starts_at', 'timestamptz')
    .addColumn('moved_by', 'text')
    .addColumn('moved_at', 'timestamptz')
    .addColumn('picture_locked_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .dropColumn('starts_at')
    .dropColumn('moved_by')
    .dropColumn('moved_at')
    .dropColumn('picture_locked_at')
    .execute();
  // Rows that only carried a move or a lock decided nothing about whether the meeting is held.
  await sql`delete from meetings where cancelled is null`.execute(db);
  await sql`update meetings set changed_by = 'system' where changed_by is null`.execute(db);
  await sql`alter table meetings alter column cancelled set not null`.execute(db);
  await sql`alter table meetings alter column changed_by set not null`.execute(db);
}
