/**
 * "Inget att rapportera" and entries on real Postgres: recorded, refused beside entries, cleared by a new entry,
 * never both at once under concurrency.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { insertEntry, type NewEntry } from '../../src/db/entries.repository.js';
import { listPartyStatuses, recordNothingToReport } from '../../src/db/party-reports.repository.js';
import { formatMeetingWeek } from '../../src/domain/schedule.js';
import { freshDatabaseUrl } from '../support/db.js';

const PARTIES = ['polisen', 'kommunen', 'regionen', 'kustbevakningen'];

function newEntry(week: string, partyKey: string, key: string): NewEntry {
  return {
    meetingWeek: week,
    partyKey,
    areaKey: 'trafik',
    text: 'fler bilar',
    place: null,
    when: null,
    trend: null,
    authorUserId: 'U0AUTHOR1',
    source: 'kommando',
    idempotencyKey: key,
  };
}

describe('"inget att rapportera" and entries', () => {
  let db: Db;

  beforeAll(async () => {
    // Enough connections for every pair to be inside its transaction at the same time.
    db = createDatabase(await freshDatabaseUrl(), { poolSize: 40 });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('records nothing to report, says when it already was, and refuses while the party has entries', async () => {
    const week = '2030-W10';
    const first = await recordNothingToReport(db, {
      week,
      partyKey: 'polisen',
      userId: 'U1',
      assessment: 'forhojt',
    });
    expect(first).toEqual({ kind: 'recorded' });
    const again = await recordNothingToReport(db, {
      week,
      partyKey: 'polisen',
      userId: 'U1',
      assessment: null,
    });
    expect(again).toEqual({ kind: 'already' });
    const status = (await listPartyStatuses(db, week)).find((s) => s.partyKey === 'polisen');
    expect(status).toMatchObject({ nothingToReport: true, assessment: 'forhojt', submitted: true });

    await insertEntry(db, newEntry(week, 'kommunen', 'w10-kommunen-1'));
    await insertEntry(db, newEntry(week, 'kommunen', 'w10-kommunen-2'));
    const refused = await recordNothingToReport(db, {
      week,
      partyKey: 'kommunen',
      userId: 'U2',
      assessment: 'allvarligt',
    });
    expect(refused).toEqual({ kind: 'hasEntries', entryCount: 2 });
    const kommunen = (await listPartyStatuses(db, week)).find((s) => s.partyKey === 'kommunen');
    // Refused means nothing changed, the assessment included.
    expect(kommunen).toMatchObject({ nothingToReport: false, assessment: null, entryCount: 2 });
  });

  it('clears "inget att rapportera" when the party adds an entry after all', async () => {
    const week = '2030-W11';
    await recordNothingToReport(db, { week, partyKey: 'regionen', userId: 'U1', assessment: null });
    await insertEntry(db, newEntry(week, 'regionen', 'w11-regionen'));
    const status = (await listPartyStatuses(db, week)).find((s) => s.partyKey === 'regionen');
    expect(status).toMatchObject({ nothingToReport: false, entryCount: 1 });
  });

  it('never leaves "inget att rapportera" beside an entry when the two are sent at the same moment', async () => {
    // Each pair: one user says "inget" while another stores an entry for the same party and meeting. The entry
    // is always stored, so whichever goes first, the party must end with its entry and without "inget".
    const weeks = Array.from({ length: 25 }, (_, i) => formatMeetingWeek(2031, i + 1));
    const pairs = weeks.flatMap((week) => PARTIES.map((partyKey) => ({ week, partyKey })));
    await Promise.all(
      pairs.flatMap(({ week, partyKey }) => [
        recordNothingToReport(db, { week, partyKey, userId: 'U0INGET01', assessment: null }),
        insertEntry(db, newEntry(week, partyKey, `race-${week}-${partyKey}`)),
      ]),
    );
    const inconsistent: string[] = [];
    for (const week of weeks) {
      for (const status of await listPartyStatuses(db, week)) {
        if (status.nothingToReport && status.entryCount > 0) inconsistent.push(`${week} ${status.partyKey}`);
      }
    }
    expect(inconsistent).toEqual([]);
  });
});
