/**
 * What is stored about one person, for a register extract (a fixed set of queries, however much there is), and
 * the end of a leaver's access.
 *
 * Every column that can hold a Slack user id (migrations/), and where the extract reads it:
 * - members.user_id, members.added_by; admins.user_id, admins.added_by: memberships, admin, added
 * - entries.author_user_id, removed_by, purged_by: entries (with the purge reason), entriesHandled
 * - party_reports.updated_by: partyReports
 * - meetings.changed_by, moved_by: meetings, meetingMoves (a lock has no user; forcing it is in the access log)
 * - joint_priorities.created_by, contact_user_id: priorities
 * - joint_priority_events.actor_user_id: priorityEvents (notes, follow-ups, a closing's result, edits);
 *   changes.contactUserId.from/to written by others: contactChanges
 * - meeting_notes.author_user_id: meetingNotes; meeting_attendance.marked_by: attendanceMarked
 * - user_names.user_id: displayName
 * - access_log.actor_user_id, subject_user_id: accessLog (its `detail` holds no user ids)
 * - inbox.user_id (and its key, which may end in the user id): requests
 * - effects.place_user_id, target (`call` is the user id, `rapport`/`rapport-filer` and `alert` start with it,
 *   `followup` ends with it and has the user as place), job and payload (the same user as the place):
 *   messages; an `alert` target ending in the user id (the bot could not reach them): deliveryProblems
 * - mentions `<@U…>` in others' free text (meeting notes, entries, priority texts and notes, meetings'
 *   cancellation reasons, entries' removal reasons): mentions
 * Not read: response_posts.request_key (a counter of a request's posts; the request is under `requests`), and
 * others' inbox payloads and reply payloads (emptied once carried out; the bot names people without mentions).
 * Parties and areas record no user (who changed them is in the access log).
 * test/integration/register-extract-coverage.test.ts holds this list against the schema: a new column named like a
 * user id (`…user_id`, `…_by`) fails it until the extract reads the column.
 */

import { sql } from 'kysely';
import type { RegisterExtract } from '../domain/register-extract.js';
import { toAccessLogEntry } from './access-log.repository.js';
import { type Executor, inTransaction } from './database.js';
import { readMeetingData } from './personal-data-meetings.repository.js';

/**
 * Ends a user's memberships and admin right. The admin rows are locked first (as removeAdminUnlessLast does),
 * so a concurrent removal cannot hide that no admin is left.
 */
export async function endUserAccess(
  db: Executor,
  userId: string,
): Promise<{ partyKeys: string[]; wasAdmin: boolean; adminsLeft: number }> {
  return inTransaction(db, async (trx) => {
    const admins = await trx.selectFrom('admins').select('user_id').forUpdate().execute();
    const memberships = await trx
      .deleteFrom('members')
      .where('user_id', '=', userId)
      .returning('party_key')
      .execute();
    const removed = await trx.deleteFrom('admins').where('user_id', '=', userId).executeTakeFirst();
    const wasAdmin = Number(removed.numDeletedRows) > 0;
    return {
      partyKeys: memberships.map((row) => row.party_key).sort(),
      wasAdmin,
      adminsLeft: admins.filter((row) => row.user_id !== userId).length,
    };
  });
}

/** Everything about `userId`, read in one repeatable-read snapshot so the parts agree with each other. */
export async function collectPersonalData(
  db: Executor,
  userId: string,
  madeAt: Date,
): Promise<RegisterExtract> {
  const read = async (trx: Executor): Promise<RegisterExtract> => {
    const memberships = await trx
      .selectFrom('members')
      .innerJoin('parties', 'parties.key', 'members.party_key')
      .select(['members.party_key', 'parties.name', 'members.added_by', 'members.created_at'])
      .where('members.user_id', '=', userId)
      .orderBy('parties.sort_order')
      .execute();
    const admin = await trx
      .selectFrom('admins')
      .select(['added_by', 'created_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const addedMembers = await trx
      .selectFrom('members')
      .select(['user_id', 'party_key', 'created_at'])
      .where('added_by', '=', userId)
      .orderBy('created_at')
      .execute();
    const addedAdmins = await trx
      .selectFrom('admins')
      .select(['user_id', 'created_at'])
      .where('added_by', '=', userId)
      .orderBy('created_at')
      .execute();
    const entries = await trx
      .selectFrom('entries')
      .selectAll()
      .where('author_user_id', '=', userId)
      .orderBy('meeting_week')
      .orderBy('id')
      .execute();
    const handled = await trx
      .selectFrom('entries')
      .select(['id', 'meeting_week', 'party_key', 'removed_by', 'purged_by'])
      .where('author_user_id', '<>', userId)
      .where((eb) => eb.or([eb('removed_by', '=', userId), eb('purged_by', '=', userId)]))
      .orderBy('id')
      .execute();
    const reports = await trx
      .selectFrom('party_reports')
      .selectAll()
      .where('updated_by', '=', userId)
      .orderBy('meeting_week')
      .orderBy('party_key')
      .execute();
    const priorities = await trx
      .selectFrom('joint_priorities')
      .select(['id', 'title', 'status', 'agreed_week', 'created_by', 'contact_user_id', 'created_at'])
      .where((eb) => eb.or([eb('created_by', '=', userId), eb('contact_user_id', '=', userId)]))
      .orderBy('id')
      .execute();
    const events = await trx
      .selectFrom('joint_priority_events')
      .select(['id', 'priority_id', 'kind', 'meeting_week', 'note', 'changes', 'created_at'])
      .where('actor_user_id', '=', userId)
      .orderBy('id')
      .execute();
    // Others' edits of who is contact person: only that change, not the rest of what they edited or wrote.
    const contactFrom = sql<string | null>`changes -> 'contactUserId' ->> 'from'`;
    const contactTo = sql<string | null>`changes -> 'contactUserId' ->> 'to'`;
    const contactEvents = await trx
      .selectFrom('joint_priority_events')
      .select(['priority_id', 'meeting_week', 'actor_user_id', 'created_at', contactTo.as('contact_to')])
      .where('actor_user_id', '<>', userId)
      .where((eb) => eb.or([eb(contactFrom, '=', userId), eb(contactTo, '=', userId)]))
      .orderBy('id')
      .execute();
    const meetingData = await readMeetingData(trx, userId);
    const name = await trx
      .selectFrom('user_names')
      .select(['display_name', 'fetched_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const asActor = await trx
      .selectFrom('access_log')
      .selectAll()
      .where('actor_user_id', '=', userId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const asSubject = await trx
      .selectFrom('access_log')
      .selectAll()
      .where('subject_user_id', '=', userId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const requests = await trx
      .selectFrom('inbox')
      .select(['id', 'kind', 'received_at', 'processed_at', 'payload'])
      .where('user_id', '=', userId)
      .orderBy('received_at')
      .execute();
    // Messages to them: to their direct messages; keyed by them (a `call`, a report they ordered, whose files go
    // to a channel, an alert to them as admin); an answer to their request, or anything in their conversation
    // with the bot (an answer in a thread there is placed by its channel).
    const messages = await trx
      .selectFrom('effects')
      .select(['id', 'kind', 'meeting_week', 'status', 'created_at'])
      .where((eb) =>
        eb.or([
          eb('place_user_id', '=', userId),
          eb('target', '=', userId),
          eb(sql<boolean>`starts_with(target, ${`${userId}/`})`, '=', true),
          eb.and([
            eb('kind', '=', 'svar'),
            eb('request_key', 'in', eb.selectFrom('inbox').select('key').where('user_id', '=', userId)),
          ]),
          eb(
            'place_channel_id',
            'in',
            eb
              .selectFrom('effects as dm')
              .select('dm.channel_id')
              .where('dm.place_user_id', '=', userId)
              .where('dm.channel_id', 'like', 'D%'),
          ),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    // An alert's target is `<admin>/<code>/<channel or user>`: the admins' messages are theirs; that the bot could
    // not reach this person, once per week and error, is about them.
    const problems = await trx
      .selectFrom('effects')
      .select([
        'meeting_week',
        sql<string>`split_part(target, '/', 2)`.as('code'),
        sql<Date>`min(created_at)`.as('at'),
      ])
      .where('kind', '=', 'alert')
      .where(sql<boolean>`right(target, ${userId.length + 1}) = ${`/${userId}`}`)
      .groupBy(['meeting_week', sql`split_part(target, '/', 2)`])
      .orderBy('at')
      .execute();

    return {
      userId,
      madeAt,
      displayName: name === undefined ? null : { name: name.display_name, fetchedAt: name.fetched_at },
      memberships: memberships.map((row) => ({
        partyKey: row.party_key,
        partyName: row.name,
        addedBy: row.added_by,
        since: row.created_at,
      })),
      admin: admin === undefined ? null : { addedBy: admin.added_by, since: admin.created_at },
      added: {
        members: addedMembers.map((row) => ({
          userId: row.user_id,
          partyKey: row.party_key,
          at: row.created_at,
        })),
        admins: addedAdmins.map((row) => ({ userId: row.user_id, at: row.created_at })),
      },
      entries: entries.map((row) => ({
        id: row.id,
        meetingWeek: row.meeting_week,
        partyKey: row.party_key,
        areaKey: row.area_key,
        text: row.text,
        place: row.place,
        when: row.when_text,
        trend: row.trend,
        source: row.source,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        removedAt: row.removed_at,
        purgedAt: row.purged_at,
        purgeReason: row.purge_reason,
      })),
      entriesHandled: handled.map((row) => ({
        id: row.id,
        meetingWeek: row.meeting_week,
        partyKey: row.party_key,
        removedByThem: row.removed_by === userId,
        purgedByThem: row.purged_by === userId,
      })),
      partyReports: reports.map((row) => ({
        meetingWeek: row.meeting_week,
        partyKey: row.party_key,
        nothingToReport: row.nothing_to_report,
        assessment: row.assessment,
        updatedAt: row.updated_at,
      })),
      priorities: priorities.map((row) => ({
        id: row.id,
        title: row.title,
        status: row.status,
        agreedWeek: row.agreed_week,
        createdByThem: row.created_by === userId,
        contactPerson: row.contact_user_id === userId,
        createdAt: row.created_at,
      })),
      priorityEvents: events.map((row) => ({
        id: row.id,
        priorityId: row.priority_id,
        kind: row.kind,
        meetingWeek: row.meeting_week,
        note: row.note,
        changes: row.changes,
        createdAt: row.created_at,
      })),
      contactChanges: contactEvents.map((row) => ({
        priorityId: row.priority_id,
        meetingWeek: row.meeting_week,
        madeContact: row.contact_to === userId,
        by: row.actor_user_id,
        at: row.created_at,
      })),
      ...meetingData,
      accessLog: { asActor: asActor.map(toAccessLogEntry), asSubject: asSubject.map(toAccessLogEntry) },
      requests: requests.map((row) => ({
        id: String(row.id),
        kind: row.kind,
        receivedAt: row.received_at,
        processedAt: row.processed_at,
        payload: row.payload,
      })),
      messages: messages.map((row) => ({
        id: row.id,
        kind: row.kind,
        meetingWeek: row.meeting_week,
        status: row.status,
        createdAt: row.created_at,
      })),
      deliveryProblems: problems.map((row) => ({
        meetingWeek: row.meeting_week,
        code: row.code,
        at: row.at,
      })),
    };
  };
  if (db.isTransaction) return read(db);
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read);
}
