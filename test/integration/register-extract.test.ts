// The register extract (GDPR art. 15) on real Postgres: exactly one person's data, and its making logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { extractJson, extractSummary, makeRegisterExtract } from '../../src/services/register-extract.js';
import { freshDatabase } from '../support/db.js';
import { type SeededPersonalData, seedPersonalData } from '../support/register-extract-fixture.js';
import { ADMIN, FOREIGN_TEXTS, OTHER, PERSON } from '../support/register-extract-seed.js';

describe('register extract', () => {
  let db: Db;
  let url: string;
  let ids: SeededPersonalData;
  beforeAll(async () => {
    ({ db, url } = await freshDatabase());
    ids = await seedPersonalData(db);
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
