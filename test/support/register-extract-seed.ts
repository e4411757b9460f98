// Rows in the tables added after the register extract was written, for test/integration/register-extract.test.ts:
// for each, one that is the person's and one that is someone else's (and a few that only look like the person's).
import type { Db } from '../../src/db/database.js';

export const PERSON = 'U0PERSON1';
export const OTHER = 'U0OTHER1';
export const ADMIN = 'U0ADMIN01';
const ADMIN2 = 'U0ADMIN02';
/** Starts like PERSON's id: a mention of this one is not a mention of the person. */
const LONGER = 'U0PERSON12';

/** Texts of other people's that must never be in the person's extract. */
export const FOREIGN_TEXTS = [
  'Den andras namn',
  'Den andras protokollanteckning',
  'Nämner någon annan',
  'Den andras beskrivning',
  'Den andras resultat',
] as const;

export interface SeededIds {
  readonly ownNote: number;
  readonly mentioningNote: number;
  readonly mentioningEntry: number;
}

/** `priorities`: the person's own, one they are contact person for, and one of someone else's. */
export async function seedNewerTables(
  db: Db,
  priorities: { readonly created: number; readonly contact: number; readonly foreign: number },
): Promise<SeededIds> {
  await db
    .insertInto('user_names')
    .values([
      { user_id: PERSON, display_name: 'Personens namn' },
      { user_id: OTHER, display_name: 'Den andras namn' },
    ])
    .execute();

  const notes = await db
    .insertInto('meeting_notes')
    .values(
      (
        [
          { meeting_week: '2026-W49', kind: 'beslut', text: 'Personens beslut', author_user_id: PERSON },
          {
            meeting_week: '2026-W49',
            kind: 'notering',
            text: 'Den andras protokollanteckning',
            author_user_id: OTHER,
          },
          {
            meeting_week: '2026-W49',
            kind: 'notering',
            text: `<@${PERSON}|person> tar kontakt med skolan`,
            author_user_id: OTHER,
          },
          {
            meeting_week: '2026-W49',
            kind: 'notering',
            text: `Nämner någon annan <@${LONGER}>`,
            author_user_id: OTHER,
          },
        ] as const
      ).map((note, n) => ({ ...note, idempotency_key: `pd-note-${n}` })),
    )
    .returning('id')
    .execute();
  const [ownNote, , mentioningNote] = notes.map((row) => row.id);

  // PERSON marks polisen present; OTHER marks kommunen, the person's party too: the party's, not the person's.
  await db
    .insertInto('meeting_attendance')
    .values([
      { meeting_week: '2026-W49', party_key: 'polisen', marked_by: PERSON },
      { meeting_week: '2026-W49', party_key: 'kommunen', marked_by: OTHER },
    ])
    .execute();

  // W50: cancelled by OTHER, then moved by PERSON; W51 moved by OTHER; W48 only locked (no one's).
  await db
    .insertInto('meetings')
    .values([
      {
        week: '2026-W50',
        cancelled: true,
        reason: 'Den andras orsak',
        changed_by: OTHER,
        starts_at: new Date('2026-12-10T12:00:00Z'),
        moved_by: PERSON,
        moved_at: new Date('2026-12-01T08:00:00Z'),
      },
      {
        week: '2026-W51',
        starts_at: new Date('2026-12-17T12:00:00Z'),
        moved_by: OTHER,
        moved_at: new Date('2026-12-01T08:00:00Z'),
      },
      { week: '2026-W48', picture_locked_at: new Date('2026-11-27T08:00:00Z') },
    ])
    .execute();

  await db
    .insertInto('joint_priority_events')
    .values([
      // Closing with a result: the person's own.
      {
        priority_id: priorities.created,
        kind: 'status',
        actor_user_id: PERSON,
        meeting_week: '2026-W49',
        note: 'Personens resultat',
        changes: JSON.stringify({ status: { from: 'aktiv', to: 'genomford' } }),
      },
      // PERSON hands another priority to OTHER: their own edit, with all it changed.
      {
        priority_id: priorities.foreign,
        kind: 'andrad',
        actor_user_id: PERSON,
        meeting_week: '2026-W49',
        note: null,
        changes: JSON.stringify({ contactUserId: { from: PERSON, to: OTHER } }),
      },
      // OTHER makes PERSON contact person while editing other things: only the contact change is theirs.
      {
        priority_id: priorities.contact,
        kind: 'andrad',
        actor_user_id: OTHER,
        meeting_week: '2026-W49',
        note: null,
        changes: JSON.stringify({
          contactUserId: { from: OTHER, to: PERSON },
          description: { from: null, to: 'Den andras beskrivning' },
        }),
      },
      {
        priority_id: priorities.foreign,
        kind: 'status',
        actor_user_id: OTHER,
        meeting_week: '2026-W49',
        note: 'Den andras resultat',
        changes: JSON.stringify({ status: { from: 'aktiv', to: 'avbruten' } }),
      },
      {
        priority_id: priorities.foreign,
        kind: 'uppfoljning',
        actor_user_id: OTHER,
        meeting_week: '2026-W49',
        note: `Följs upp av <@${PERSON}>`,
        changes: '{}',
      },
    ])
    .execute();

  const mentioning = await db
    .insertInto('entries')
    .values({
      meeting_week: '2026-W49',
      party_key: 'polisen',
      area_key: 'trafik',
      text: 'Fortkörning vid skolan',
      place: `Fråga <@${PERSON}|person>`,
      author_user_id: OTHER,
      source: 'kommando',
      idempotency_key: 'pd-mentioning-entry',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const dmOfPerson = 'D0PERSON1';
  await db
    .insertInto('effects')
    .values([
      // A report PERSON ordered: the message to their DMs, its files placed by the DM channel only.
      {
        meeting_week: '2026-W49',
        kind: 'rapport',
        target: `${PERSON}/2026-Q4/-/kommando:T1`,
        status: 'done',
        place_user_id: PERSON,
        job: JSON.stringify({ job: { kind: 'report', userId: PERSON } }),
      },
      {
        meeting_week: '2026-W49',
        kind: 'rapport-filer',
        target: `${PERSON}/2026-Q4/-/kommando:T1`,
        status: 'done',
        place_channel_id: 'D0PERSON3',
      },
      {
        meeting_week: '2026-W49',
        kind: 'rapport-filer',
        target: `${OTHER}/2026-Q4/-/kommando:T2`,
        status: 'done',
        place_channel_id: 'D0OTHER1',
      },
      {
        meeting_week: '2026-W49',
        kind: 'rapport-filer',
        target: `${LONGER}/2026-Q4/-/kommando:T3`,
        status: 'done',
        place_channel_id: 'D0LONGER1',
      },
      // An answer in the thread of PERSON's conversation with the bot.
      {
        meeting_week: '2026-W49',
        kind: 'svar',
        target: `dm:${dmOfPerson}:1.2#1`,
        status: 'done',
        place_channel_id: dmOfPerson,
        request_key: `dm:${dmOfPerson}:1.2`,
      },
      // Answers to requests in conversations where the bot has not otherwise written: found by the request.
      {
        meeting_week: '2026-W49',
        kind: 'svar',
        target: 'pd-in-1#1',
        status: 'done',
        place_channel_id: 'D0PERSON9',
        request_key: 'pd-in-1',
      },
      {
        meeting_week: '2026-W49',
        kind: 'svar',
        target: 'pd-in-2#1',
        status: 'done',
        place_channel_id: 'D0OTHER9',
        request_key: 'pd-in-2',
      },
      // A DM to OTHER that PERSON's request led to: OTHER's message.
      {
        meeting_week: '2026-W49',
        kind: 'dm',
        target: 'pd-in-1#2',
        status: 'done',
        place_user_id: OTHER,
        request_key: 'pd-in-1',
      },
      // Two admins told that PERSON could not be reached: one problem about PERSON; and one about OTHER.
      ...[ADMIN, ADMIN2, PERSON].map((admin) => ({
        meeting_week: '2026-W49',
        kind: 'alert',
        target: `${admin}/user_not_found/${admin === PERSON ? OTHER : PERSON}`,
        status: 'done' as const,
        place_user_id: admin,
      })),
    ])
    .execute();
  if (ownNote === undefined || mentioningNote === undefined) throw new Error('notes not seeded');
  return { ownNote, mentioningNote, mentioningEntry: mentioning.id };
}
