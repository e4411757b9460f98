// That the register extract is complete: every column of the schema that can hold a Slack user id — by its name
// (`…user_id`, `…_by`) or because the seeded person's id is stored in it — is one the extract reads, and the
// extract finds a person through each such column alone. A column added by a migration fails here until
// src/db/personal-data*.repository.ts reads it and READ_BY below says where it shows.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { addAdmin } from '../../src/db/members.repository.js';
import type { RegisterExtract } from '../../src/domain/register-extract.js';
import { makeRegisterExtract } from '../../src/services/register-extract.js';
import { freshDatabase } from '../support/db.js';
import { seedPersonalData } from '../support/register-extract-fixture.js';
import { PERSON } from '../support/register-extract-seed.js';

/** A part of the extract, as a path into it (`accessLog.asActor`). */
type Part =
  | Exclude<keyof RegisterExtract, 'userId' | 'madeAt' | 'added' | 'accessLog'>
  | `added.${keyof RegisterExtract['added']}`
  | `accessLog.${keyof RegisterExtract['accessLog']}`;

/** Every column that holds a user id, and where the extract shows a person found through it alone. */
const READ_BY: Readonly<Record<string, readonly Part[]>> = {
  'members.user_id': ['memberships'],
  'members.added_by': ['added.members'],
  'admins.user_id': ['admin'],
  'admins.added_by': ['added.admins'],
  'entries.author_user_id': ['entries'],
  'entries.removed_by': ['entriesHandled'],
  'entries.purged_by': ['entriesHandled'],
  'party_reports.updated_by': ['partyReports'],
  'meetings.changed_by': ['meetings'],
  'meetings.moved_by': ['meetingMoves'],
  'joint_priorities.created_by': ['priorities'],
  'joint_priorities.contact_user_id': ['priorities'],
  'joint_priority_events.actor_user_id': ['priorityEvents'],
  // Who was made or stopped being contact person, by someone else's edit.
  'joint_priority_events.changes': ['contactChanges'],
  'meeting_notes.author_user_id': ['meetingNotes'],
  'meeting_attendance.marked_by': ['attendanceMarked'],
  'user_names.user_id': ['displayName'],
  'access_log.actor_user_id': ['accessLog.asActor'],
  'access_log.subject_user_id': ['accessLog.asSubject'],
  'inbox.user_id': ['requests'],
  'effects.place_user_id': ['messages'],
  // `<user>` (a call), `<user>/…` (a report they ordered), `<admin>/<code>/<user>` (could not reach them).
  'effects.target': ['messages', 'deliveryProblems'],
  // Others' free texts, searched for a Slack mention of the person.
  'meeting_notes.text': ['mentions'],
  'entries.place': ['mentions'],
  'joint_priority_events.note': ['mentions'],
};

/** Columns that hold the person's id only beside another column of the same row that the extract reads. */
const SAME_ROW_AS: Readonly<Record<string, string>> = {
  // A job's payload names the user its effect is placed with.
  'effects.job': 'effects.place_user_id',
};

/** Names of columns that say they hold a user id (`author_user_id`, `moved_by`), seeded or not. */
const NAMED_LIKE_A_USER = /(user_id|_by)$/;

const SKIP_TABLES = ['kysely_migration', 'kysely_migration_lock'];

type Column = { readonly table: string; readonly column: string; readonly type: string };

async function columns(db: Db): Promise<Column[]> {
  const { rows } = await sql<Column>`
    select table_name as table, column_name as column, data_type as type
    from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
    order by table_name, column_name`.execute(db);
  return rows.filter((row) => !SKIP_TABLES.includes(row.table));
}

/** `userId` anywhere in the column's value, not as the start of a longer id. */
const ID_IN = (userId: string) => `${userId}(?![A-Z0-9])`;

function holds(column: string, userId: string) {
  return sql<boolean>`${sql.ref(column)}::text ~ ${ID_IN(userId)}`;
}

/** The columns in which `userId` is stored, anywhere in the value. */
async function columnsHolding(db: Db, userId: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of await columns(db)) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table)} where ${holds(column, userId)}`.execute(db);
    if ((rows[0]?.n ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

function partOf(extract: RegisterExtract, part: Part): unknown {
  const [head, tail] = part.split('.') as [keyof RegisterExtract, string | undefined];
  const value = extract[head];
  return tail === undefined ? value : (value as unknown as Record<string, unknown>)[tail];
}

function isFilled(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
}

describe('register extract completeness', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await freshDatabase());
    const ids = await seedPersonalData(db);
    // Someone else's entry whose text the person had removed (the shared seed has only a removal by them).
    await db
      .updateTable('entries')
      .set({ text: '', purged_at: new Date(), purged_by: PERSON, purge_reason: 'testorsak' })
      .where('id', '=', ids.others)
      .execute();
    // An admin the person added (the shared seed has only admins who added them).
    await addAdmin(db, 'U0THIRD01', PERSON);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('knows every column that can hold a user id, by its name or because the person’s id is in it', async () => {
    const named = (await columns(db))
      .map(({ table, column }) => `${table}.${column}`)
      .filter((name) => NAMED_LIKE_A_USER.test(name));
    const holding = await columnsHolding(db, PERSON);
    const unknown = [...new Set([...named, ...holding])].filter(
      (name) => READ_BY[name] === undefined && SAME_ROW_AS[name] === undefined,
    );
    expect(unknown, 'columns with user ids the register extract is not known to read').toEqual([]);
    // Each is seeded with the person's id, so that the next test finds them through it.
    expect(Object.keys(READ_BY).filter((name) => !holding.includes(name))).toEqual([]);
    for (const [name, finder] of Object.entries(SAME_ROW_AS)) {
      const [table, column] = name.split('.') as [string, string];
      const finderColumn = finder.split('.')[1] as string;
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table)}
        where ${holds(column, PERSON)} and ${sql.ref(finderColumn)} is distinct from ${PERSON}`.execute(db);
      expect(rows[0]?.n, `${name} holding the person's id without ${finder}`).toBe(0);
    }
  });

  it('finds the person through each of those columns alone', async () => {
    const notFound: string[] = [];
    const types = new Map((await columns(db)).map((c) => [`${c.table}.${c.column}`, c.type]));
    for (const [n, [name, parts]] of Object.entries(READ_BY).entries()) {
      // The person's id in this column only becomes a probe's: the extract must find the probe through it.
      const probe = `U0PROBE${String(n).padStart(2, '0')}`;
      const [table, column] = name.split('.') as [string, string];
      const value = sql`regexp_replace(${sql.ref(column)}::text, ${ID_IN(PERSON)}, ${probe}, 'g')`;
      await db.transaction().execute(async (trx) => {
        // The access log refuses every update (a trigger); this rewrite is the test's, on its own database.
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`update ${sql.table(table)}
          set ${sql.ref(column)} = ${types.get(name) === 'jsonb' ? sql`${value}::jsonb` : value}
          where ${holds(column, PERSON)}`.execute(trx);
      });
      const extract = await makeRegisterExtract(db, probe, new Date(), {
        actorUserId: 'cli:dso',
        via: 'cli',
      });
      for (const part of parts) if (!isFilled(partOf(extract, part))) notFound.push(`${name} → ${part}`);
    }
    expect(notFound, 'columns through which the register extract does not find the person').toEqual([]);
  });
});
