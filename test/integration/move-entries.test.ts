/**
 * Moving a cancelled meeting's entries to another meeting, and a retired party's history, on real Postgres.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { insertEntry } from '../../src/db/entries.repository.js';
import { moveEntries } from '../../src/db/entry-moves.repository.js';
import { listAllParties, retireParty } from '../../src/db/parties.repository.js';
import {
  listPartyStatuses,
  setAssessment,
  setNothingToReport,
} from '../../src/db/party-reports.repository.js';
import { freshDatabaseUrl } from '../support/db.js';

const FROM = '2026-W50';
const TO = '2026-W51';

describe('moving a cancelled meeting’s entries, and a retired party’s history', () => {
  let db: Db;
  let counter = 0;
  const entry = (week: string, partyKey: string) =>
    insertEntry(db, {
      meetingWeek: week,
      partyKey,
      areaKey: 'trafik',
      text: 'fler bilar',
      place: null,
      when: null,
      trend: null,
      authorUserId: 'U0AUTHOR1',
      source: 'kommando',
      idempotencyKey: `move-${++counter}`,
    });
  const status = async (week: string, partyKey: string) =>
    (await listPartyStatuses(db, week)).find((s) => s.partyKey === partyKey);

  beforeAll(async () => {
    db = createDatabase(await freshDatabaseUrl());
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('moves only the parties asked for, once, clearing "inget" and carrying an assessment where none is', async () => {
    const police = await entry(FROM, 'polisen');
    await entry(FROM, 'kommunen');
    await setAssessment(db, FROM, 'polisen', 'U0AUTHOR1', 'forhojt');
    await setNothingToReport(db, TO, 'polisen', 'U0AUTHOR1', true);
    await setAssessment(db, FROM, 'kommunen', 'U0AUTHOR1', 'allvarligt');
    await setAssessment(db, TO, 'kommunen', 'U0AUTHOR1', 'normallage');

    const moved = await moveEntries(db, { from: FROM, to: TO, partyKeys: ['polisen'], userId: 'U0MOVER01' });
    expect(moved).toEqual([{ partyKey: 'polisen', entryIds: [police.entry.id] }]);
    expect(await status(TO, 'polisen')).toMatchObject({
      entryCount: 1,
      nothingToReport: false,
      assessment: 'forhojt',
    });
    expect(await status(FROM, 'kommunen')).toMatchObject({ entryCount: 1 });
    expect(
      await moveEntries(db, { from: FROM, to: TO, partyKeys: ['polisen'], userId: 'U0MOVER01' }),
    ).toEqual([]);

    await moveEntries(db, { from: FROM, to: TO, partyKeys: ['kommunen', 'regionen'], userId: 'U0MOVER01' });
    // The target's own assessment stays.
    expect(await status(TO, 'kommunen')).toMatchObject({ entryCount: 1, assessment: 'normallage' });
  });

  it('retires a party with its memberships, and still shows it in a week it took part in', async () => {
    await db.insertInto('parties').values({ key: 'tullen', name: 'Tullverket', sort_order: 50 }).execute();
    await db
      .insertInto('members')
      .values({ user_id: 'U0TULL001', party_key: 'tullen', added_by: null })
      .execute();
    await entry(TO, 'tullen');
    expect(await retireParty(db, 'tullen')).toEqual(['U0TULL001']);
    expect(await retireParty(db, 'tullen')).toBeNull();
    expect((await listAllParties(db)).find((p) => p.key === 'tullen')).toMatchObject({ active: false });
    expect(await status(TO, 'tullen')).toMatchObject({ partyName: 'Tullverket', entryCount: 1 });
    expect(await status('2026-W52', 'tullen')).toBeUndefined();
  });
});
