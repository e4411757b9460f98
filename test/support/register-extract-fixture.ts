// Everything the register extract may find about PERSON, in every table that can hold a Slack user id, beside
// OTHER's rows it must leave out: for test/integration/register-extract*.test.ts.
import { recordAccess } from '../../src/db/access-log.repository.js';
import type { Db } from '../../src/db/database.js';
import { addAdmin, addMember } from '../../src/db/members.repository.js';
import { removeEntryText } from '../../src/services/purge-entry.js';
import { ADMIN, OTHER, PERSON, type SeededIds, seedNewerTables } from './register-extract-seed.js';

export interface SeededPersonalData extends SeededIds {
  readonly own: number;
  readonly ownPurged: number;
  readonly others: number;
  readonly othersRemoved: number;
  readonly created: number;
  readonly contact: number;
  readonly foreign: number;
}

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

/** Seeds a fresh database; returns the ids the assertions name. */
export async function seedPersonalData(db: Db): Promise<SeededPersonalData> {
  await addAdmin(db, ADMIN, 'U0BOOT1');
  await addAdmin(db, PERSON, ADMIN);
  await addMember(db, { userId: PERSON, partyKey: 'polisen' }, ADMIN);
  await addMember(db, { userId: PERSON, partyKey: 'kommunen' }, ADMIN);
  await addMember(db, { userId: OTHER, partyKey: 'polisen' }, PERSON);
  const own = await entry(db, PERSON, 'Personens egen iakttagelse', '2026-W40', { place: 'Personens plats' });
  const ownPurged = await entry(db, PERSON, 'Personens gallrade text', '2026-W30');
  await removeEntryText(db, {
    entryId: ownPurged,
    actorUserId: ADMIN,
    reason: 'testorsak',
    via: 'kommando',
  });
  const others = await entry(db, OTHER, 'Den andras hemliga iakttagelse');
  const othersRemoved = await entry(db, OTHER, 'Den andras borttagna', '2026-W40', {
    removed_at: new Date(),
    removed_by: PERSON,
  });
  const created = await priority(db, 'Personens prioritering', PERSON, null);
  const contact = await priority(db, 'Kontaktprioritering', OTHER, PERSON);
  const foreign = await priority(db, 'Den andras prioritering', OTHER, OTHER);
  await db
    .insertInto('joint_priority_events')
    .values([
      {
        priority_id: created,
        kind: 'uppfoljning',
        actor_user_id: PERSON,
        meeting_week: '2026-W41',
        note: 'Personens anteckning',
        changes: '{}',
      },
      {
        priority_id: foreign,
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
  const newer = await seedNewerTables(db, { created, contact, foreign });
  return { own, ownPurged, others, othersRemoved, created, contact, foreign, ...newer };
}
