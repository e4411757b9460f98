// The register extract (GDPR art. 15) on real Postgres: exactly one person's data, and its making logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAccess } from '../../src/db/access-log.repository.js';
import type { Db } from '../../src/db/database.js';
import { addAdmin, addMember } from '../../src/db/members.repository.js';
import { removeEntryText } from '../../src/services/purge-entry.js';
import { extractJson, extractSummary, makeRegisterExtract } from '../../src/services/register-extract.js';
import { freshDatabase } from '../support/db.js';

const PERSON = 'U0PERSON1';
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

async function priority(db: Db, title: string, createdBy: string, contact: string | null): Promise<number> {
  idempotency += 1;
  const row = await db
    .insertInto('joint_priorities')
    .values({
      title,
      contact_user_id: contact,
      agreed_week: '2026-W40',
      follow_up_date: '2026-10-30',
      status: 'aktiv',
      created_by: createdBy,
      idempotency_key: `pd-${idempotency}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('register extract', () => {
  let db: Db;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ({ db } = await freshDatabase());
    await addAdmin(db, ADMIN, 'U0BOOT1');
    await addAdmin(db, PERSON, ADMIN);
    await addMember(db, { userId: PERSON, partyKey: 'polisen' }, ADMIN);
    await addMember(db, { userId: PERSON, partyKey: 'kommunen' }, ADMIN);
    await addMember(db, { userId: OTHER, partyKey: 'polisen' }, PERSON);
    ids.own = await entry(db, PERSON, 'Personens egen iakttagelse', '2026-W40', { place: 'Personens plats' });
    ids.ownPurged = await entry(db, PERSON, 'Personens gallrade text', '2026-W30');
    await removeEntryText(db, {
      entryId: ids.ownPurged,
      actorUserId: ADMIN,
      reason: 'testorsak',
      via: 'kommando',
    });
    ids.others = await entry(db, OTHER, 'Den andras hemliga iakttagelse');
    ids.othersRemoved = await entry(db, OTHER, 'Den andras borttagna', '2026-W40', {
      removed_at: new Date(),
      removed_by: PERSON,
    });
    ids.created = await priority(db, 'Personens prioritering', PERSON, null);
    ids.contact = await priority(db, 'Kontaktprioritering', OTHER, PERSON);
    ids.foreign = await priority(db, 'Den andras prioritering', OTHER, OTHER);
    await db
      .insertInto('joint_priority_events')
      .values([
        {
          priority_id: ids.created,
          kind: 'uppfoljning',
          actor_user_id: PERSON,
          meeting_week: '2026-W41',
          note: 'Personens anteckning',
          changes: '{}',
        },
        {
          priority_id: ids.foreign,
          kind: 'uppfoljning',
          actor_user_id: OTHER,
          meeting_week: '2026-W41',
          note: 'Den andras anteckning',
          changes: '{}',
        },
      ])
      .execute();
    await db
      .insertInto('meetings')
      .values({ week: '2026-W52', cancelled: true, reason: 'jul', changed_by: PERSON })
      .execute();
    await db
      .insertInto('party_reports')
      .values({
        meeting_week: '2026-W41',
        party_key: 'kommunen',
        nothing_to_report: true,
        updated_by: PERSON,
      })
      .execute();
    await recordAccess(db, {
      actorUserId: PERSON,
      action: 'read',
      resource: 'picture',
      via: 'kommando',
      meetingWeek: '2026-W40',
    });
    await recordAccess(db, {
      actorUserId: OTHER,
      action: 'read',
      resource: 'picture',
      via: 'knapp',
      meetingWeek: '2026-W40',
    });
    await recordAccess(db, {
      actorUserId: ADMIN,
      action: 'change',
      resource: 'member',
      via: 'kommando',
      subjectUserId: PERSON,
    });
    await db
      .insertInto('inbox')
      .values([
        {
          key: 'pd-in-1',
          kind: 'command:/lagesbild',
          user_id: PERSON,
          payload: JSON.stringify({ text: 'personens begäran' }),
        },
        {
          key: 'pd-in-2',
          kind: 'command:/lagesbild',
          user_id: OTHER,
          payload: JSON.stringify({ text: 'den andras begäran' }),
        },
      ])
      .execute();
    await db
      .insertInto('effects')
      .values([
        { meeting_week: '2026-W40', kind: 'call', target: PERSON, status: 'done', place_user_id: PERSON },
        { meeting_week: '2026-W40', kind: 'call', target: OTHER, status: 'done', place_user_id: OTHER },
      ])
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('holds exactly what is stored about the person, and nothing of anyone else’s', async () => {
    const extract = await makeRegisterExtract(db, PERSON, new Date('2026-12-02T12:00:00Z'), {
      actorUserId: 'cli:dso',
      via: 'cli',
    });
    expect(extract.memberships.map((m) => [m.partyKey, m.addedBy])).toEqual([
      ['polisen', ADMIN],
      ['kommunen', ADMIN],
    ]);
    expect(extract.admin?.addedBy).toBe(ADMIN);
    expect(extract.added.members).toEqual([expect.objectContaining({ userId: OTHER, partyKey: 'polisen' })]);
    expect(extract.entries.map((e) => e.id)).toEqual([ids.ownPurged, ids.own]);
    expect(extract.entries[0]).toMatchObject({ text: '', purgedAt: expect.any(Date) });
    expect(extract.entries[1]).toMatchObject({
      text: 'Personens egen iakttagelse',
      place: 'Personens plats',
    });
    expect(extract.entriesHandled).toEqual([
      {
        id: ids.othersRemoved,
        meetingWeek: '2026-W40',
        partyKey: 'polisen',
        removedByThem: true,
        purgedByThem: false,
      },
    ]);
    expect(extract.partyReports).toEqual([
      expect.objectContaining({ meetingWeek: '2026-W41', nothingToReport: true }),
    ]);
    expect(extract.priorities.map((p) => [p.id, p.createdByThem, p.contactPerson])).toEqual([
      [ids.created, true, false],
      [ids.contact, false, true],
    ]);
    expect(extract.priorityEvents.map((e) => e.note)).toEqual(['Personens anteckning']);
    expect(extract.meetings).toEqual([
      expect.objectContaining({ week: '2026-W52', cancelled: true, reason: 'jul' }),
    ]);
    expect(extract.accessLog.asActor.map((r) => r.actorUserId)).toEqual([PERSON]);
    expect(extract.accessLog.asSubject.map((r) => [r.actorUserId, r.resource])).toEqual([[ADMIN, 'member']]);
    expect(extract.requests.map((r) => r.payload)).toEqual([{ text: 'personens begäran' }]);
    expect(extract.messages.map((m) => m.kind)).toEqual(['call']);

    const json = extractJson(extract);
    const summary = extractSummary(extract, 'Europe/Stockholm');
    for (const foreign of [
      'Den andras hemliga',
      'Den andras borttagna',
      'Den andras prioritering',
      'Den andras anteckning',
      'den andras begäran',
      'Personens gallrade text',
    ]) {
      expect(json).not.toContain(foreign);
      expect(summary).not.toContain(foreign);
    }
    expect(summary).toContain('”Personens egen iakttagelse”');
    expect(summary).toMatch(/texten gallrad \d{4}-\d{2}-\d{2}/);
    expect(summary).toContain('Polisen, lokalpolisområde Västervik (polisen)');

    // Making it was logged, about the person, and is not part of it.
    const logged = await db
      .selectFrom('access_log')
      .selectAll()
      .where('resource', '=', 'register_extract')
      .execute();
    expect(logged).toEqual([
      expect.objectContaining({
        actor_user_id: 'cli:dso',
        action: 'export',
        subject_user_id: PERSON,
        via: 'cli',
        format: 'json',
      }),
    ]);
  });

  it('is empty for someone the bot knows nothing about', async () => {
    const extract = await makeRegisterExtract(db, 'U0NOBODY1', new Date(), {
      actorUserId: 'cli:dso',
      via: 'cli',
    });
    expect([extract.memberships, extract.entries, extract.priorities, extract.accessLog.asActor]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    expect(extract.admin).toBeNull();
  });
});
