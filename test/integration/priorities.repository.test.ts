/**
 * The joint-priority repositories on real Postgres: creating, editing (with conflicts), following up, closing,
 * and the lists, each in a fixed number of queries.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { getPriorityWithHistory } from '../../src/db/priorities.repository.js';
import {
  addFollowUp,
  changePriorityStatus,
  createPriority,
  editPriority,
  type NewPriority,
} from '../../src/db/priority-changes.repository.js';
import { listHomePriorities, listPriorityPage } from '../../src/db/priority-lists.repository.js';
import {
  listDuePriorities,
  listPrioritiesNeedingReminder,
  listPriorityActivityForWeek,
  priorityNeedingReminder,
} from '../../src/db/priority-meetings.repository.js';
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
      openedAt: priority.updatedAt,
    });
    expect(edited.outcome).toBe('changed');
    expect(edited.outcome === 'changed' && edited.priority).toMatchObject({
      title: 'Trygg skolväg',
      partyKeys: ['kommunen'],
      followUpDate: '2026-12-18',
    });
    // The second delivery of the same modal carries the old updatedAt: a duplicate, not a conflict.
    const again = await editPriority(db, priority.id, next, {
      ...act(),
      idempotencyKey: key,
      openedAt: priority.updatedAt,
    });
    expect(again.outcome).toBe('duplicate');
    const same = await editPriority(db, priority.id, next, {
      ...act(),
      idempotencyKey: randomUUID(),
      openedAt: null,
    });
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

  it('refuses an edit begun before another change, also one made in the same millisecond, and changes nothing', async () => {
    const priority = await create();
    const opened = priority.updatedAt;
    // Someone else moves the date, at the very same clock time (a second replica, a manual clock).
    const other = await editPriority(db, priority.id, fields({ followUpDate: '2026-12-18' }), {
      ...act({ at: AT }),
      idempotencyKey: randomUUID(),
      openedAt: opened,
    });
    expect(other.outcome).toBe('changed');
    const otherAt = other.outcome === 'changed' ? other.priority.updatedAt : new Date(0);
    expect(otherAt.getTime()).toBeGreaterThan(opened.getTime());

    const stale = await editPriority(db, priority.id, fields({ title: 'Min ändring' }), {
      ...act({ at: AT }),
      idempotencyKey: randomUUID(),
      openedAt: opened,
    });
    expect(stale.outcome).toBe('conflict');
    const history = await getPriorityWithHistory(db, priority.id);
    expect(history?.priority).toMatchObject({
      title: 'Trygg skolväg vid Breviksskolan',
      followUpDate: '2026-12-18',
    });
    expect(history?.events.map((e) => e.kind)).toEqual(['skapad', 'andrad']);

    // Opened on the current version, the same edit goes through.
    const fresh = await editPriority(
      db,
      priority.id,
      fields({ title: 'Min ändring', followUpDate: '2026-12-18' }),
      {
        ...act({ at: AT }),
        idempotencyKey: randomUUID(),
        openedAt: otherAt,
      },
    );
    expect(fresh.outcome).toBe('changed');
  });

  it('keeps updatedAt exact for a row written with microseconds by the database default', async () => {
    const row = await db
      .insertInto('joint_priorities')
      .values({
        title: 'Utan tidsstämpel',
        agreed_week: '2026-W49',
        follow_up_date: '2026-12-11',
        status: 'aktiv',
        created_by: 'U0POLIS',
        idempotency_key: randomUUID(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('joint_priority_areas').values({ priority_id: row.id, area_key: 'trafik' }).execute();
    await db
      .insertInto('joint_priority_parties')
      .values({ priority_id: row.id, party_key: 'polisen' })
      .execute();
    const history = await getPriorityWithHistory(db, row.id);
    const opened = history?.priority.updatedAt ?? null;
    const edited = await editPriority(
      db,
      row.id,
      fields({ title: 'Med tidsstämpel', areaKeys: ['trafik'], partyKeys: ['polisen'] }),
      { ...act(), idempotencyKey: randomUUID(), openedAt: opened },
    );
    expect(edited.outcome).toBe('changed');
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
    const list = async (filter: Parameters<typeof listPriorityPage>[1]) =>
      idsOf((await listPriorityPage(listDb, filter, { meetingDate: '2026-12-11', limit: 20 })).priorities);
    expect(await list({})).toEqual([ids.overdue, ids.policeTraffic, ids.municipalityGangs]);
    expect(await list({ scope: 'alla' })).toHaveLength(4);
    expect(await list({ partyKey: 'polisen' })).toEqual([ids.policeTraffic]);
    // Active before closed.
    expect(await list({ scope: 'alla', partyKey: 'polisen' })).toEqual([ids.policeTraffic, ids.done]);
    expect(await list({ areaKey: 'organiserad' })).toEqual([ids.municipalityGangs]);
    expect(await list({ partyKey: 'polisen', areaKey: 'organiserad' })).toEqual([]);
  });

  it('reads one page of a list in list order, due first, with the counts of the whole list', async () => {
    const page = await listPriorityPage(listDb, { scope: 'alla' }, { meetingDate: '2026-12-04', limit: 2 });
    // Due for 4 December: overdue (20 Nov) and policeTraffic (4 Dec); the closed one is not due.
    expect(idsOf(page.priorities)).toEqual([ids.overdue, ids.policeTraffic]);
    expect([page.total, page.due]).toEqual([4, 2]);
    expect(page.priorities[1]).toMatchObject({ partyKeys: ['polisen'], areaKeys: ['trafik'] });
    const rest = await listPriorityPage(listDb, { scope: 'alla' }, { meetingDate: '2026-12-04', limit: 10 });
    // Then active before closed, whatever the dates.
    expect(idsOf(rest.priorities)).toEqual([ids.overdue, ids.policeTraffic, ids.municipalityGangs, ids.done]);
    const police = await listPriorityPage(
      listDb,
      { scope: 'aktiva', partyKey: 'polisen' },
      { meetingDate: '2026-12-04', limit: 10 },
    );
    expect([idsOf(police.priorities), police.total, police.due]).toEqual([[ids.policeTraffic], 1, 1]);
    const none = await listPriorityPage(
      listDb,
      { partyKey: 'kustbevakningen' },
      { meetingDate: '2026-12-04', limit: 10 },
    );
    expect(none).toEqual({ priorities: [], total: 0, due: 0 });
  });

  it("reads App Home's active priorities as the user's parties' and the others', each capped and counted", async () => {
    const home = await listHomePriorities(listDb, ['polisen', 'regionen'], 1);
    // Active: policeTraffic (polisen, 4 Dec), overdue (regionen, 20 Nov), municipalityGangs (kommunen).
    expect([idsOf(home.own.priorities), home.own.total]).toEqual([[ids.overdue], 2]);
    expect([idsOf(home.others.priorities), home.others.total]).toEqual([[ids.municipalityGangs], 1]);
    expect(home.own.priorities[0]).toMatchObject({ partyKeys: ['regionen'], areaKeys: ['unga'] });
    const nobody = await listHomePriorities(listDb, [], 10);
    expect([nobody.own.total, idsOf(nobody.others.priorities)]).toEqual([
      0,
      [ids.overdue, ids.policeTraffic, ids.municipalityGangs],
    ]);
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
      const list = await listDuePriorities(counting, '2026-12-11');
      expect(queries).toBe(1);
      expect(list).toHaveLength(500);
      expect(
        list.every((p) => p.areaKeys.join() === 'unga,trafik' && p.partyKeys.join() === 'kommunen'),
      ).toBe(true);
      queries = 0;
      const page = await listPriorityPage(counting, {}, { meetingDate: '2026-12-11', limit: 20 });
      expect(queries).toBe(1);
      expect([page.priorities.length, page.total, page.due]).toEqual([20, 500, 500]);
      expect(page.priorities.every((p) => p.areaKeys.join() === 'unga,trafik')).toBe(true);
      queries = 0;
      const home = await listHomePriorities(counting, ['kommunen'], 100);
      expect(queries).toBe(1);
      expect([home.own.priorities.length, home.own.total, home.others.total]).toEqual([100, 500, 0]);
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
      openedAt: null,
    });
    const closed = await create({ followUpDate: date });
    await changePriorityStatus(db, closed.id, 'genomford', act());
    const otherDay = await create({ followUpDate: '2027-02-12' });

    const ids = (await listPrioritiesNeedingReminder(db, date)).map((p) => p.id);
    expect(ids).toEqual([silent.id, moved.id, edited.id]);
    expect(ids).not.toContain(otherDay.id);

    // The check a reminder job makes just before sending, for its priority only: the same rule.
    const one = async (id: number) => (await priorityNeedingReminder(db, id, date))?.id ?? null;
    expect(await one(silent.id)).toBe(silent.id);
    expect(await one(moved.id)).toBe(moved.id);
    expect([await one(noted.id), await one(closed.id), await one(otherDay.id)]).toEqual([null, null, null]);
  });
});
