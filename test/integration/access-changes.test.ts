// Changes to access and content on request: one entry's text removed by an admin, and a leaver's access ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { getEntry, updateEntry } from '../../src/db/entries.repository.js';
import { addAdmin, addMember, listAdmins, partiesOfUser } from '../../src/db/members.repository.js';
import { endAccess } from '../../src/services/leavers.js';
import { removeEntryText } from '../../src/services/purge-entry.js';
import { formatEntryLine } from '../../src/slack/compiled.js';
import { freshDatabase } from '../support/db.js';

const OTHER = 'U0OTHER1';
const ADMIN = 'U0ADMIN01';

let idempotency = 0;
async function entry(db: Db, author: string, text: string, week = '2026-W40', extra = {}): Promise<number> {
  idempotency += 1;
  const row = await db
    .insertInto('entries')
    .values({
      meeting_week: week,
      party_key: 'polisen',
      area_key: 'trafik',
      text,
      author_user_id: author,
      source: 'modal',
      idempotency_key: `pd-${idempotency}`,
      ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('removing one entry’s text on request', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await freshDatabase());
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('blanks the text, keeps the row and the reason, and logs it without the reason', async () => {
    const id = await entry(db, OTHER, 'Namn på en enskild', '2026-W49', {
      place: 'Storgatan 1',
      when_text: 'natten',
    });
    const result = await removeEntryText(db, {
      entryId: id,
      actorUserId: ADMIN,
      reason: 'innehöll ett namn',
      via: 'kommando',
    });
    expect(result).toEqual({ kind: 'removed', meetingWeek: '2026-W49', partyKey: 'polisen' });
    const row = await db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      text: '',
      place: null,
      when_text: null,
      purged_by: ADMIN,
      purge_reason: 'innehöll ett namn',
      removed_at: null,
    });
    const log = await db.selectFrom('access_log').selectAll().execute();
    expect(log).toEqual([
      expect.objectContaining({ action: 'change', resource: 'entry', entry_ids: [id], actor_user_id: ADMIN }),
    ]);
    expect(JSON.stringify(log)).not.toContain('namn');

    // The entry still counts and shows as purged; an edit cannot write text back.
    const shown = await getEntry(db, id);
    if (shown === null) throw new Error('the entry is gone');
    expect(formatEntryLine(shown, 'Europe/Stockholm')).toMatch(/^• _gallrad \d{4}-\d{2}-\d{2}_$/);
    expect(
      await updateEntry(db, id, {
        areaKey: 'trafik',
        text: 'tillbaka',
        place: null,
        when: null,
        trend: null,
      }),
    ).toBeNull();

    expect(
      await removeEntryText(db, { entryId: id, actorUserId: ADMIN, reason: 'igen', via: 'kommando' }),
    ).toMatchObject({ kind: 'alreadyPurged' });
    expect(
      await removeEntryText(db, { entryId: 999999, actorUserId: ADMIN, reason: 'x', via: 'kommando' }),
    ).toEqual({ kind: 'notFound' });
  });

  it('refuses a reason that identifies someone, and changes nothing', async () => {
    const id = await entry(db, OTHER, 'Kvar');
    expect(
      await removeEntryText(db, {
        entryId: id,
        actorUserId: ADMIN,
        reason: 'gällde 19811228-9874',
        via: 'kommando',
      }),
    ).toEqual({ kind: 'badReason', problem: 'identifies' });
    expect((await getEntry(db, id))?.text).toBe('Kvar');
  });
});

describe('endAccess', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await freshDatabase());
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('ends memberships and the admin right at once, and the log records both', async () => {
    await addAdmin(db, ADMIN, null as unknown as string);
    await addAdmin(db, 'U0LEAVER1', ADMIN);
    await addMember(db, { userId: 'U0LEAVER1', partyKey: 'regionen' }, ADMIN);
    await addMember(db, { userId: 'U0LEAVER1', partyKey: 'kommunen' }, ADMIN);

    const result = await endAccess(db, 'U0LEAVER1', { by: 'system', reason: 'avaktiverad' });
    expect(result).toEqual({ partyKeys: ['kommunen', 'regionen'], wasAdmin: true, noAdminsLeft: false });
    expect(await partiesOfUser(db, 'U0LEAVER1')).toEqual([]);
    expect(await listAdmins(db)).toEqual([ADMIN]);
    const log = await db.selectFrom('access_log').selectAll().orderBy('id').execute();
    expect(log.map((r) => [r.resource, r.subject_user_id, r.via, r.actor_user_id])).toEqual([
      ['member', 'U0LEAVER1', 'handelse', 'system'],
      ['admin', 'U0LEAVER1', 'handelse', 'system'],
    ]);
    expect(log[0]?.detail).toEqual({ reason: 'avaktiverad', partyKeys: ['kommunen', 'regionen'] });

    // Again (Slack repeats events): nothing left to end, nothing logged.
    expect(await endAccess(db, 'U0LEAVER1', { by: 'system', reason: 'avaktiverad' })).toEqual({
      partyKeys: [],
      wasAdmin: false,
      noAdminsLeft: false,
    });
    expect(await db.selectFrom('access_log').selectAll().execute()).toHaveLength(2);
  });

  it('removes the last admin too, and says so', async () => {
    const result = await endAccess(db, ADMIN, { by: 'system', reason: 'avaktiverad' });
    expect(result).toEqual({ partyKeys: [], wasAdmin: true, noAdminsLeft: true });
    expect(await listAdmins(db)).toEqual([]);
  });

  it('ends nothing when the log cannot be written', async () => {
    await addMember(db, { userId: 'U0STAYS1', partyKey: 'polisen' }, ADMIN);
    await expect(endAccess(db, 'U0STAYS1', { by: 'not an actor', reason: 'avaktiverad' })).rejects.toThrow();
    expect(await partiesOfUser(db, 'U0STAYS1')).toEqual(['polisen']);
  });
});
