import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import {
  addAdmin,
  addMember,
  listAdmins,
  partiesOfUser,
  removeAdminUnlessLast,
  removeMember,
} from '../../src/db/members.repository.js';
import { freshDatabase } from '../support/db.js';

describe('members repository', () => {
  let db: Db;

  beforeAll(async () => {
    ({ db } = await freshDatabase());
  });
  afterAll(async () => {
    await db.destroy();
  });
  beforeEach(async () => {
    await db.deleteFrom('admins').execute();
    await db.deleteFrom('members').execute();
  });

  it('never lets two admins removing each other at once leave no admin', async () => {
    for (let round = 0; round < 10; round += 1) {
      await db.deleteFrom('admins').execute();
      await addAdmin(db, 'U0ADMINA', 'U0ADMINA');
      await addAdmin(db, 'U0ADMINB', 'U0ADMINA');
      const outcomes = await Promise.all([
        removeAdminUnlessLast(db, 'U0ADMINA'),
        removeAdminUnlessLast(db, 'U0ADMINB'),
      ]);
      expect(outcomes.sort()).toEqual(['last', 'removed']);
      expect(await listAdmins(db)).toHaveLength(1);
    }
  });

  it('says whether the user was an admin at all', async () => {
    await addAdmin(db, 'U0ADMINA', 'U0ADMINA');
    await addAdmin(db, 'U0ADMINB', 'U0ADMINA');
    expect(await removeAdminUnlessLast(db, 'U0NOBODY')).toBe('notAdmin');
    expect(await removeAdminUnlessLast(db, 'U0ADMINB')).toBe('removed');
    expect(await removeAdminUnlessLast(db, 'U0ADMINA')).toBe('last');
  });

  it('removes a member from one party or all, returning the parties removed from', async () => {
    await addMember(db, { userId: 'U0ANNA', partyKey: 'polisen' }, 'U0ADMINA');
    await addMember(db, { userId: 'U0ANNA', partyKey: 'kommunen' }, 'U0ADMINA');
    await addMember(db, { userId: 'U0ANNA', partyKey: 'regionen' }, 'U0ADMINA');
    expect(await removeMember(db, 'U0ANNA', 'kommunen')).toEqual(['kommunen']);
    expect(await partiesOfUser(db, 'U0ANNA')).toEqual(['polisen', 'regionen']);
    expect((await removeMember(db, 'U0ANNA', null)).sort()).toEqual(['polisen', 'regionen']);
    expect(await partiesOfUser(db, 'U0ANNA')).toEqual([]);
  });
});
