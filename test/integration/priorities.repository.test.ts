import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import {
  addFollowUp,
  changePriorityStatus,
  createPriority,
  editPriority,
  getPriorityWithHistory,
  listDuePriorities,
  listPriorities,
  listPrioritiesNeedingReminder,
  listPriorityActivityForWeek,
  type NewPriority,
} from '../../src/db/priorities.repository.js';
import type { PriorityFields } from '../../src/domain/priorities.js';
import { freshDatabase } from '../support/db.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await freshDatabase());
});
afterAll(async () => {
  await db.destroy();
});

const AT = new Date('2026-12-01T09:00:00Z');
const act = (over: { week?: string; at?: Date; user?: string } = {}) => ({
  actorUserId: over.user ?? 'U0POLIS',
  meetingWeek: over.week ?? '2026-W49',
  at: over.at ?? AT,
});

function fields(over: Partial<PriorityFields> = {}): PriorityFields {
  return {
    title: 'Trygg skolväg vid Breviksskolan',
    description: 'Hastighetskontroller och skolvärdar.',
    areaKeys: ['unga', 'trafik'],
    partyKeys: ['polisen', 'kommunen'],
    contactUserId: 'U0KONTAKT',
    followUpDate: '2026-12-11',
    effectShort: 'Färre hastighetsöverträdelser.',
    effectLong: 'Tryggare väg till skolan.',
    citizenPromise: null,
    ...over,
  };
}

async function create(over: Partial<NewPriority> = {}) {
  const input: NewPriority = { ...fields(), agreedWeek: '2026-W49', idempotencyKey: randomUUID(), ...over };
  return (await createPriority(db, input, { actorUserId: 'U0POLIS', at: AT })).priority;
}

describe('recording joint priorities', () => {
  it('stores a priority with its areas, parties and a skapad event at its meeting', async () => {
    const priority = await create({ partyKeys: ['kommunen', 'polisen'], areaKeys: ['trafik', 'unga'] });
    const found = await getPriorityWithHistory(db, priority.id);
    expect(found?.priority).toMatchObject({
      title: 'Trygg skolväg vid Breviksskolan',
      // In the parties' and areas' own order.
      partyKeys: ['polisen', 'kommunen'],
      areaKeys: ['unga', 'trafik'],
      agreedWeek: '2026-W49',
      followUpDate: '2026-12-11',
      status: 'aktiv',
      createdBy: 'U0POLIS',
      createdAt: AT,
    });
    expect(found?.events.map((e) => [e.kind, e.meetingWeek, e.actorUserId])).toEqual([
      ['skapad', '2026-W49', 'U0POLIS'],
    ]);
  });

  it('stores one priority for a submission delivered twice, also at the same moment', async () => {
    const key = randomUUID();
    const input: NewPriority = {
      ...fields({ title: 'Dubbelklick' }),
      agreedWeek: '2026-W49',
      idempotencyKey: key,
    };
    const [a, b] = await Promise.all([
      createPriority(db, input, { actorUserId: 'U0POLIS', at: AT }),
      createPriority(db, input, { actorUserId: 'U0POLIS', at: AT }),
    ]);
    const again = await createPriority(db, input, { actorUserId: 'U0POLIS', at: AT });
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(again).toMatchObject({ created: false, priority: { id: a.priority.id } });
    const rows = await db
      .selectFrom('joint_priorities')
      .select('id')
      .where('idempotency_key', '=', key)
      .execute();
    expect(rows).toHaveLength(1);
    const events = await db
      .selectFrom('joint_priority_events')
      .select('id')
      .where('priority_id', '=', a.priority.id)
      .execute();
    expect(events).toHaveLength(1);
  });

  it('records an edit as { field: { from, to } }, once per submission, and nothing for no change', async () => {
    const priority = await create();
    const key = randomUUID();
    const next = fields({ title: 'Trygg skolväg', partyKeys: ['kommunen'], followUpDate: '2026-12-18' });
    const edited = await editPriority(db, priority.id, next, {
      ...act({ week: '2026-W50' }),
      idempotencyKey: key,
    });
    expect(edited.outcome).toBe('changed');
    expect(edited.outcome === 'changed' && edited.priority).toMatchObject({
      title: 'Trygg skolväg',
      partyKeys: ['kommunen'],
      followUpDate: '2026-12-18',
    });
    const again = await editPriority(db, priority.id, next, { ...act(), idempotencyKey: key });
    expect(again.outcome).toBe('duplicate');
    const same = await editPriority(db, priority.id, next, { ...act(), idempotencyKey: randomUUID() });
    expect(same.outcome).toBe('unchanged');

    const history = await getPriorityWithHistory(db, priority.id);
    expect(history?.events.map((e) => e.kind)).toEqual(['skapad', 'andrad']);
    expect(history?.events[1]).toMatchObject({
      meetingWeek: '2026-W50',
      changes: {
        title: { from: 'Trygg skolväg vid Breviksskolan', to: 'Trygg skolväg' },
        partyKeys: { from: ['polisen', 'kommunen'], to: ['kommunen'] },
        followUpDate: { from: '2026-12-11', to: '2026-12-18' },
      },
    });
  });

  it('adds a follow-up note that changes status and date in the same step, once per submission', async () => {
    const priority = await create();
    const key = randomUUID();
    const followUp = { note: 'Skyltar uppsatta.', status: 'genomford' as const, followUpDate: '2026-12-18' };
    const result = await addFollowUp(db, priority.id, followUp, { ...act(), idempotencyKey: key });
    expect(result.outcome === 'changed' && result.priority).toMatchObject({
      status: 'genomford',
      followUpDate: '2026-12-18',
    });
    expect((await addFollowUp(db, priority.id, followUp, { ...act(), idempotencyKey: key })).outcome).toBe(
      'duplicate',
    );
    const history = await getPriorityWithHistory(db, priority.id);
    expect(history?.events.slice(1)).toMatchObject([
      {
        kind: 'uppfoljning',
        note: 'Skyltar uppsatta.',
        changes: {
          status: { from: 'aktiv', to: 'genomford' },
          followUpDate: { from: '2026-12-11', to: '2026-12-18' },
        },
      },
    ]);
  });

  it('changes the status with a status event, and does nothing when it already has that status', async () => {
    const priority = await create();
    expect((await changePriorityStatus(db, priority.id, 'avbruten', act())).outcome).toBe('changed');
    expect((await changePriorityStatus(db, priority.id, 'avbruten', act())).outcome).toBe('unchanged');
    expect((await changePriorityStatus(db, 999_999, 'avbruten', act())).outcome).toBe('notFound');
    const history = await getPriorityWithHistory(db, priority.id);
    expect(history?.priority.status).toBe('avbruten');
    expect(history?.events.map((e) => [e.kind, e.changes])).toEqual([
      ['skapad', {}],
      ['status', { status: { from: 'aktiv', to: 'avbruten' } }],
    ]);
  });
});

describe('listing', () => {
  let listDb: Db;
  let queries = 0;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ db: listDb } = await freshDatabase());
    const make = async (name: string, over: Partial<NewPriority>, status?: 'genomford') => {
      const input: NewPriority = {
        ...fields(over),
        agreedWeek: '2026-W49',
        idempotencyKey: randomUUID(),
        ...over,
      };
      const { priority } = await createPriority(listDb, input, { actorUserId: 'U0POLIS', at: AT });
      if (status) await changePriorityStatus(listDb, priority.id, status, act());
      ids[name] = priority.id;
    };
    await make('policeTraffic', { partyKeys: ['polisen'], areaKeys: ['trafik'], followUpDate: '2026-12-04' });
    await make('municipalityGangs', {
      partyKeys: ['kommunen'],
      areaKeys: ['organiserad'],
      followUpDate: '2026-12-11',
    });
    await make('overdue', { partyKeys: ['regionen'], areaKeys: ['unga'], followUpDate: '2026-11-20' });
    await make(
      'done',
      { partyKeys: ['polisen'], areaKeys: ['organiserad'], followUpDate: '2026-11-27' },
      'genomford',
    );
  });
  afterAll(async () => {
    await listDb.destroy();
  });

  const idsOf = (list: { id: number }[]) => list.map((p) => p.id);

  it('lists active ones by default, all with alla, and by party or area', async () => {
    expect(idsOf(await listPriorities(listDb))).toEqual([
      ids.overdue,
      ids.policeTraffic,
      ids.municipalityGangs,
    ]);
    expect(idsOf(await listPriorities(listDb, { scope: 'alla' }))).toHaveLength(4);
    expect(idsOf(await listPriorities(listDb, { partyKey: 'polisen' }))).toEqual([ids.policeTraffic]);
    expect(idsOf(await listPriorities(listDb, { scope: 'alla', partyKey: 'polisen' }))).toEqual([
      ids.done,
      ids.policeTraffic,
    ]);
    expect(idsOf(await listPriorities(listDb, { areaKey: 'organiserad' }))).toEqual([ids.municipalityGangs]);
    expect(await listPriorities(listDb, { partyKey: 'polisen', areaKey: 'organiserad' })).toEqual([]);
  });

  it("lists the agenda's due priorities: active, followed up on or before the meeting date", async () => {
    expect(idsOf(await listDuePriorities(listDb, '2026-12-04'))).toEqual([ids.overdue, ids.policeTraffic]);
    expect(idsOf(await listDuePriorities(listDb, '2026-12-03'))).toEqual([ids.overdue]);
  });

  it('lists 500 priorities with their areas and parties in one query', async () => {
    const { db: bulkDb, url: bulkUrl } = await freshDatabase();
    await bulkDb.destroy();
    const counting = createDatabase(bulkUrl, { onQuery: () => (queries += 1) });
    try {
      const rows = await counting
        .insertInto('joint_priorities')
        .values(
          Array.from({ length: 500 }, (_, i) => ({
            title: `Prioritering ${i}`,
            agreed_week: '2026-W49',
            follow_up_date: '2026-12-11',
            status: 'aktiv' as const,
            created_by: 'U0POLIS',
            idempotency_key: `bulk-${i}`,
          })),
        )
        .returning('id')
        .execute();
      await counting
        .insertInto('joint_priority_areas')
        .values(
          rows.flatMap((r) => [
            { priority_id: r.id, area_key: 'trafik' },
            { priority_id: r.id, area_key: 'unga' },
          ]),
        )
        .execute();
      await counting
        .insertInto('joint_priority_parties')
        .values(rows.map((r) => ({ priority_id: r.id, party_key: 'kommunen' })))
        .execute();
      queries = 0;
      const list = await listPriorities(counting);
      expect(queries).toBe(1);
      expect(list).toHaveLength(500);
      expect(
        list.every((p) => p.areaKeys.join() === 'unga,trafik' && p.partyKeys.join() === 'kommunen'),
      ).toBe(true);
      queries = 0;
      await listDuePriorities(counting, '2026-12-11');
      expect(queries).toBe(1);
    } finally {
      await counting.destroy();
    }
  });
});

describe('what the weekly cycle asks', () => {
  it("returns a meeting's activity: its events and the priorities they belong to", async () => {
    const agreed = await create({ agreedWeek: '2026-W51' });
    const followed = await create({ agreedWeek: '2026-W50' });
    await addFollowUp(
      db,
      followed.id,
      { note: 'Samtal med skolan.', status: null, followUpDate: null },
      { ...act({ week: '2026-W51' }), idempotencyKey: randomUUID() },
    );
    const untouched = await create({ agreedWeek: '2026-W50' });
    const activity = await listPriorityActivityForWeek(db, '2026-W51');
    expect(activity.week).toBe('2026-W51');
    expect(activity.priorities.map((p) => p.id)).toEqual([agreed.id, followed.id]);
    expect(activity.events.map((e) => [e.priorityId, e.kind])).toEqual([
      [agreed.id, 'skapad'],
      [followed.id, 'uppfoljning'],
    ]);
    expect(activity.priorities.some((p) => p.id === untouched.id)).toBe(false);
    expect(await listPriorityActivityForWeek(db, '2027-W10')).toEqual({
      week: '2027-W10',
      priorities: [],
      events: [],
    });
  });

  it('reminds about priorities due that day with no note since their follow-up date was set', async () => {
    const date = '2027-02-05';
    const silent = await create({ followUpDate: date });
    const noted = await create({ followUpDate: date });
    await addFollowUp(
      db,
      noted.id,
      { note: 'På gång.', status: null, followUpDate: null },
      {
        ...act(),
        idempotencyKey: randomUUID(),
      },
    );
    // Followed up with a note that moved the date: nothing has been noted since for the new date.
    const moved = await create({ followUpDate: '2027-01-29' });
    await addFollowUp(
      db,
      moved.id,
      { note: 'Skjuts en vecka.', status: null, followUpDate: date },
      {
        ...act(),
        idempotencyKey: randomUUID(),
      },
    );
    // Noted, then moved by an edit: the note was about the old date.
    const edited = await create({ followUpDate: '2027-01-22' });
    await addFollowUp(
      db,
      edited.id,
      { note: 'Första mötet hållet.', status: null, followUpDate: null },
      {
        ...act(),
        idempotencyKey: randomUUID(),
      },
    );
    await editPriority(db, edited.id, fields({ followUpDate: date }), {
      ...act(),
      idempotencyKey: randomUUID(),
    });
    const closed = await create({ followUpDate: date });
    await changePriorityStatus(db, closed.id, 'genomford', act());
    const otherDay = await create({ followUpDate: '2027-02-12' });

    const ids = (await listPrioritiesNeedingReminder(db, date)).map((p) => p.id);
    expect(ids).toEqual([silent.id, moved.id, edited.id]);
    expect(ids).not.toContain(otherDay.id);
  });
});
