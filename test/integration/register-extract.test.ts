// The register extract (GDPR art. 15) on real Postgres: exactly one person's data, and its making logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAccess } from '../../src/db/access-log.repository.js';
import { createDatabase, type Db } from '../../src/db/database.js';
import { addAdmin, addMember } from '../../src/db/members.repository.js';
import { removeEntryText } from '../../src/services/purge-entry.js';
import { extractJson, extractSummary, makeRegisterExtract } from '../../src/services/register-extract.js';
import { freshDatabase } from '../support/db.js';
import { ADMIN, FOREIGN_TEXTS, OTHER, PERSON, seedNewerTables } from '../support/register-extract-seed.js';

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
  let url: string;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ({ db, url } = await freshDatabase());
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
        {
          meeting_week: '2026-W40',
          kind: 'call',
          target: PERSON,
          status: 'done',
          place_user_id: PERSON,
          channel_id: 'D0PERSON1',
        },
        {
          meeting_week: '2026-W40',
          kind: 'call',
          target: OTHER,
          status: 'done',
          place_user_id: OTHER,
          channel_id: 'D0OTHER1',
        },
      ])
      .execute();
    Object.assign(
      ids,
      await seedNewerTables(db, { created: ids.created, contact: ids.contact, foreign: ids.foreign }),
    );
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
    expect(extract.entries[0]).toMatchObject({
      text: '',
      purgedAt: expect.any(Date),
      purgeReason: 'testorsak',
    });
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
    expect(extract.priorityEvents.map((e) => [e.kind, e.note])).toEqual([
      ['uppfoljning', 'Personens anteckning'],
      ['status', 'Personens resultat'],
      ['andrad', null],
    ]);
    expect(extract.contactChanges).toEqual([
      {
        priorityId: ids.contact,
        meetingWeek: '2026-W49',
        madeContact: true,
        by: OTHER,
        at: expect.any(Date),
      },
    ]);
    // W50's cancellation was OTHER's, its move the person's; W51's move and W48's lock are not theirs.
    expect(extract.meetings).toEqual([
      expect.objectContaining({ week: '2026-W52', cancelled: true, reason: 'jul' }),
    ]);
    expect(extract.meetingMoves).toEqual([
      {
        week: '2026-W50',
        startsAt: new Date('2026-12-10T12:00:00Z'),
        movedAt: new Date('2026-12-01T08:00:00Z'),
      },
    ]);
    expect(extract.meetingNotes).toEqual([
      {
        id: ids.ownNote,
        meetingWeek: '2026-W49',
        kind: 'beslut',
        text: 'Personens beslut',
        createdAt: expect.any(Date),
      },
    ]);
    expect(extract.attendanceMarked).toEqual([
      { meetingWeek: '2026-W49', partyKey: 'polisen', markedAt: expect.any(Date) },
    ]);
    expect(extract.displayName).toEqual({ name: 'Personens namn', fetchedAt: expect.any(Date) });
    expect(extract.mentions.map((m) => [m.source, m.by, m.text]).sort()).toEqual([
      ['entry', OTHER, `Fortkörning vid skolan · Fråga <@${PERSON}|person>`],
      ['meeting_note', OTHER, `<@${PERSON}|person> tar kontakt med skolan`],
      ['priority_event', OTHER, `Följs upp av <@${PERSON}>`],
    ]);
    expect(extract.mentions.find((m) => m.source === 'meeting_note')?.id).toBe(ids.mentioningNote);
    expect(extract.mentions.find((m) => m.source === 'entry')?.id).toBe(ids.mentioningEntry);
    expect(extract.deliveryProblems).toEqual([
      { meetingWeek: '2026-W49', code: 'user_not_found', at: expect.any(Date) },
    ]);
    expect(extract.accessLog.asActor.map((r) => r.actorUserId)).toEqual([PERSON]);
    expect(extract.accessLog.asSubject.map((r) => [r.actorUserId, r.resource])).toEqual([[ADMIN, 'member']]);
    expect(extract.requests.map((r) => r.payload)).toEqual([{ text: 'personens begäran' }]);
    // Their call, the report they ordered and its files, the answers in their DM threads, the alert to them as
    // admin; not the DM to OTHER that their request led to, nor another user's report or answers.
    expect(extract.messages.map((m) => m.kind).sort()).toEqual([
      'alert',
      'call',
      'rapport',
      'rapport-filer',
      'svar',
      'svar',
    ]);

    const json = extractJson(extract);
    const summary = extractSummary(extract, 'Europe/Stockholm');
    for (const foreign of [
      'Den andras hemliga',
      'Den andras borttagna',
      'Den andras prioritering',
      'Den andras anteckning',
      'den andras begäran',
      'Personens gallrade text',
      ...FOREIGN_TEXTS,
    ]) {
      expect(json).not.toContain(foreign);
      expect(summary).not.toContain(foreign);
    }
    expect(summary).toContain('”Personens egen iakttagelse”');
    expect(summary).toMatch(/texten gallrad \d{4}-\d{2}-\d{2}/);
    expect(summary).toContain('Polisen, lokalpolisområde Västervik (polisen)');
    for (const own of [
      '”Personens namn”',
      '”Personens beslut”',
      '”Personens resultat”',
      'orsak till att texten togs bort: ”testorsak”',
      '2026-W50: flyttat till 2026-12-10 13:00',
      '2026-W49: polisen närvarande',
      `prioritering ${ids.contact}, 2026-W49: blev kontaktperson, ändrat av ${OTHER}`,
      `”<@${PERSON}|person> tar kontakt med skolan”`,
      '2026-W49: Slack svarade user_not_found',
    ]) {
      expect(summary).toContain(own);
    }

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
    expect([
      extract.memberships,
      extract.entries,
      extract.priorities,
      extract.accessLog.asActor,
      extract.contactChanges,
      extract.meetingMoves,
      extract.meetingNotes,
      extract.attendanceMarked,
      extract.mentions,
      extract.messages,
      extract.deliveryProblems,
    ]).toEqual([[], [], [], [], [], [], [], [], [], [], []]);
    expect(extract.admin).toBeNull();
    expect(extract.displayName).toBeNull();
  });

  it('reads with the same number of queries however much is stored about the person', async () => {
    let queries = 0;
    const counted = createDatabase(url, { onQuery: () => (queries += 1) });
    try {
      const count = async (userId: string) => {
        queries = 0;
        await makeRegisterExtract(counted, userId, new Date(), { actorUserId: 'cli:dso', via: 'cli' });
        return queries;
      };
      const forPerson = await count(PERSON);
      expect(forPerson).toBeGreaterThan(10);
      expect(await count('U0NOBODY2')).toBe(forPerson);
    } finally {
      await counted.destroy();
    }
  });
});
