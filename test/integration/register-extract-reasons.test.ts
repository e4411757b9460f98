// The register extract finds a person named with a Slack mention in the admins' free-text reasons too: why a
// meeting was cancelled, and why an entry's text was removed. Their own reasons are under their own parts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { setMeetingOverride } from '../../src/db/meetings.repository.js';
import { removeEntryText } from '../../src/services/purge-entry.js';
import { extractSummary, makeRegisterExtract } from '../../src/services/register-extract.js';
import { freshDatabase } from '../support/db.js';

const PERSON = 'U0PERSON1';
const ADMIN = 'U0ADMIN01';
/** Starts like PERSON's id: a mention of it is no mention of PERSON. */
const LONGER = 'U0PERSON12';

let idempotency = 0;
async function entry(db: Db, author: string, text: string): Promise<number> {
  idempotency += 1;
  const row = await db
    .insertInto('entries')
    .values({
      meeting_week: '2026-W40',
      party_key: 'polisen',
      area_key: 'trafik',
      text,
      author_user_id: author,
      source: 'modal',
      idempotency_key: `reasons-${idempotency}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('register extract: mentions in admins’ reasons', () => {
  let db: Db;
  let purgedForPerson: number;

  beforeAll(async () => {
    ({ db } = await freshDatabase());
    await setMeetingOverride(db, '2026-W50', {
      cancelled: true,
      reason: `<@${PERSON}|person> leder utbildningen`,
      changedBy: ADMIN,
    });
    await setMeetingOverride(db, '2026-W51', {
      cancelled: true,
      reason: `<@${LONGER}> är bortrest`,
      changedBy: ADMIN,
    });
    // The person's own cancellation: in `meetings` already, not again as a mention.
    await setMeetingOverride(db, '2026-W52', {
      cancelled: true,
      reason: `jul, <@${PERSON}>`,
      changedBy: PERSON,
    });
    purgedForPerson = await entry(db, ADMIN, 'En iakttagelse');
    const removed = await removeEntryText(db, {
      entryId: purgedForPerson,
      actorUserId: ADMIN,
      reason: `Pekade ut <@${PERSON}>`,
      via: 'cli',
    });
    expect(removed.kind).toBe('removed');
    const other = await entry(db, ADMIN, 'En annan iakttagelse');
    await removeEntryText(db, { entryId: other, actorUserId: ADMIN, reason: `Om <@${LONGER}>`, via: 'cli' });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('lists a cancellation reason and a text removal reason that mention the person, and no one else’s', async () => {
    const extract = await makeRegisterExtract(db, PERSON, new Date('2026-12-02T12:00:00Z'), {
      actorUserId: 'cli:dso',
      via: 'cli',
    });
    expect(extract.mentions.map((m) => [m.source, m.id, m.meetingWeek, m.by, m.text])).toEqual([
      ['meeting_reason', null, '2026-W50', ADMIN, `<@${PERSON}|person> leder utbildningen`],
      ['entry_purge_reason', purgedForPerson, '2026-W40', ADMIN, `Pekade ut <@${PERSON}>`],
    ]);
    expect(extract.meetings).toEqual([
      expect.objectContaining({ week: '2026-W52', reason: `jul, <@${PERSON}>` }),
    ]);
    const summary = extractSummary(extract, 'Europe/Stockholm');
    expect(summary).toContain('orsak till att ett möte ställdes in, 2026-W50');
    expect(summary).toContain(
      `orsak till att en iakttagelses text togs bort nr ${purgedForPerson}, 2026-W40`,
    );
  });
});
