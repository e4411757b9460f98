/**
 * The register extract's reads about meetings and what others wrote: the person's decisions and moves of
 * meetings, their notes and attendance marks in the minutes, and others' texts that mention them (notes, entries
 * and their removal reasons, priorities and their history, meetings' cancellation reasons). Four queries, run by
 * collectPersonalData in its repeatable-read snapshot.
 *
 * Left out on purpose: notes others wrote in a meeting the person attended, and attendance others marked for
 * the person's party. They are about the meeting and the party, not the person, unless the text names them —
 * and those texts are found by their Slack mention (`<@U…>`, as Slack escapes a mention in a command). A name
 * typed as plain text cannot be told from a word, so it is not searched for.
 */

import { type RawBuilder, sql } from 'kysely';
import type {
  ExtractAttendanceMark,
  ExtractMeetingChange,
  ExtractMeetingMove,
  ExtractMeetingNote,
  ExtractMention,
  MentionSource,
} from '../domain/register-extract.js';
import type { Executor } from './database.js';

export interface MeetingData {
  readonly meetings: ExtractMeetingChange[];
  readonly meetingMoves: ExtractMeetingMove[];
  readonly meetingNotes: ExtractMeetingNote[];
  readonly attendanceMarked: ExtractAttendanceMark[];
  readonly mentions: ExtractMention[];
}

/** True when `text` mentions the user: `<@U123>` or `<@U123|name>`, never a longer id starting the same way. */
function mentions(userId: string, text: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(position(${`<@${userId}>`} in ${text}) > 0 or position(${`<@${userId}|`} in ${text}) > 0)`;
}

export async function readMeetingData(trx: Executor, userId: string): Promise<MeetingData> {
  // One row per week holds the last decision and the last move, each with who made it.
  const meetingRows = await trx
    .selectFrom('meetings')
    .select(['week', 'cancelled', 'reason', 'changed_by', 'changed_at', 'starts_at', 'moved_by', 'moved_at'])
    .where((eb) => eb.or([eb('changed_by', '=', userId), eb('moved_by', '=', userId)]))
    .orderBy('week')
    .execute();
  const notes = await trx
    .selectFrom('meeting_notes')
    .select(['id', 'meeting_week', 'kind', 'text', 'created_at'])
    .where('author_user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const attendance = await trx
    .selectFrom('meeting_attendance')
    .select(['meeting_week', 'party_key', 'marked_at'])
    .where('marked_by', '=', userId)
    .orderBy('meeting_week')
    .orderBy('party_key')
    .execute();
  // Texts the person wrote are in the extract whole already (their entries, notes and priority events), so only
  // others' are searched; a priority's texts are searched whoever wrote them, as the extract lists only its title.
  const source = (name: MentionSource) => sql<MentionSource>`${name}::text`.as('source');
  const mentioned = await trx
    .selectFrom('meeting_notes')
    .select([
      source('meeting_note'),
      // Nullable from the first branch on: a meeting's reason has no id of its own.
      sql<number | null>`id`.as('id'),
      'meeting_week',
      'author_user_id as by',
      'text',
      'created_at as at',
    ])
    .where('author_user_id', '<>', userId)
    .where(mentions(userId, sql.ref('text')))
    .unionAll(
      trx
        .selectFrom('entries')
        .select([
          source('entry'),
          'id',
          'meeting_week',
          'author_user_id as by',
          sql<string>`concat_ws(' · ', text, place, when_text)`.as('text'),
          'created_at as at',
        ])
        .where('author_user_id', '<>', userId)
        .where(mentions(userId, sql`concat_ws(' · ', text, place, when_text)`)),
    )
    .unionAll(
      trx
        .selectFrom('joint_priority_events')
        .select([
          source('priority_event'),
          'id',
          'meeting_week',
          'actor_user_id as by',
          sql<string>`coalesce(note, '')`.as('text'),
          'created_at as at',
        ])
        .where('actor_user_id', '<>', userId)
        .where(mentions(userId, sql`coalesce(note, '')`)),
    )
    .unionAll(
      trx
        .selectFrom('joint_priorities')
        .select([
          source('priority'),
          'id',
          'agreed_week as meeting_week',
          'created_by as by',
          sql<string>`concat_ws(E'\\n', title, description, effect_short, effect_long, citizen_promise)`.as(
            'text',
          ),
          'created_at as at',
        ])
        .where(
          mentions(
            userId,
            sql`concat_ws(E'\\n', title, description, effect_short, effect_long, citizen_promise)`,
          ),
        ),
    )
    // An admin's reason for cancelling a meeting; the person's own are under `meetings` already.
    .unionAll(
      trx
        .selectFrom('meetings')
        .select([
          source('meeting_reason'),
          sql<number | null>`null::int`.as('id'),
          'week as meeting_week',
          sql<string>`coalesce(changed_by, '')`.as('by'),
          sql<string>`coalesce(reason, '')`.as('text'),
          'changed_at as at',
        ])
        .where('changed_by', 'is distinct from', userId)
        .where(mentions(userId, sql`coalesce(reason, '')`)),
    )
    // An admin's reason for removing an entry's text; on the person's own entries it is under `entries`.
    .unionAll(
      trx
        .selectFrom('entries')
        .select([
          source('entry_purge_reason'),
          'id',
          'meeting_week',
          sql<string>`coalesce(purged_by, '')`.as('by'),
          sql<string>`coalesce(purge_reason, '')`.as('text'),
          sql<Date>`coalesce(purged_at, updated_at)`.as('at'),
        ])
        .where('author_user_id', '<>', userId)
        .where('purged_by', 'is distinct from', userId)
        .where(mentions(userId, sql`coalesce(purge_reason, '')`)),
    )
    .execute();

  return {
    meetings: meetingRows
      .filter((row) => row.changed_by === userId)
      .map((row) => ({
        week: row.week,
        cancelled: row.cancelled === true,
        reason: row.reason,
        changedAt: row.changed_at,
      })),
    meetingMoves: meetingRows.flatMap((row) =>
      row.moved_by === userId && row.starts_at !== null
        ? [{ week: row.week, startsAt: row.starts_at, movedAt: row.moved_at }]
        : [],
    ),
    meetingNotes: notes.map((row) => ({
      id: row.id,
      meetingWeek: row.meeting_week,
      kind: row.kind,
      text: row.text,
      createdAt: row.created_at,
    })),
    attendanceMarked: attendance.map((row) => ({
      meetingWeek: row.meeting_week,
      partyKey: row.party_key,
      markedAt: row.marked_at,
    })),
    mentions: mentioned
      .map((row) => ({
        source: row.source,
        id: row.id,
        meetingWeek: row.meeting_week,
        by: row.by,
        text: row.text,
        at: row.at,
      }))
      .sort(
        (a, b) =>
          a.at.getTime() - b.at.getTime() ||
          a.source.localeCompare(b.source) ||
          (a.id ?? 0) - (b.id ?? 0) ||
          a.meetingWeek.localeCompare(b.meetingWeek),
      ),
  };
}
