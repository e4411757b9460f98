/**
 * A register extract (GDPR art. 15) for one Slack user: everything stored about them, as JSON for the record
 * and as a readable Swedish summary. Making one is an export of personal data, so it is logged first: the log
 * row is written before the extract is handed back (and is not in it).
 */

import { DateTime } from 'luxon';
import { recordAccess } from '../db/access-log.repository.js';
import type { Executor } from '../db/database.js';
import { collectPersonalData } from '../db/personal-data.repository.js';
import type { AccessVia } from '../domain/access-log.js';
import type { RegisterExtract } from '../domain/register-extract.js';
import { sv } from '../i18n/sv.js';
import { describeAccess } from '../slack/access-log.js';

export async function makeRegisterExtract(
  db: Executor,
  userId: string,
  now: Date,
  by: { readonly actorUserId: string; readonly via: AccessVia },
): Promise<RegisterExtract> {
  const extract = await collectPersonalData(db, userId, now);
  await recordAccess(db, {
    actorUserId: by.actorUserId,
    action: 'export',
    resource: 'register_extract',
    via: by.via,
    subjectUserId: userId,
    format: 'json',
  });
  return extract;
}

/** The extract as JSON: dates as ISO instants, nothing left out. */
export function extractJson(extract: RegisterExtract): string {
  return `${JSON.stringify(extract, null, 2)}\n`;
}

/** The extract as plain Swedish text, section by section, with the free texts quoted in full. */
export function extractSummary(extract: RegisterExtract, timezone: string): string {
  const t = sv.dataskydd.extract;
  const when = (date: Date) => DateTime.fromJSDate(date, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm');
  const day = (date: Date) => DateTime.fromJSDate(date, { zone: timezone }).toISODate() ?? '';
  const lines: string[] = [t.title(extract.userId, when(extract.madeAt)), '', t.intro];
  const part = (title: string, body: readonly string[]) => {
    lines.push('', `${title}:`, ...(body.length === 0 ? [t.none] : body));
  };

  part(
    t.displayName,
    extract.displayName === null
      ? []
      : [t.name(extract.displayName.name, when(extract.displayName.fetchedAt))],
  );
  part(
    t.memberships,
    extract.memberships.map((m) => t.membership(m.partyName, m.partyKey, day(m.since), m.addedBy)),
  );
  part(
    t.admin,
    extract.admin === null ? [] : [t.adminSince(day(extract.admin.since), extract.admin.addedBy)],
  );
  part(t.added, [
    ...extract.added.members.map((m) => t.addedMember(m.userId, m.partyKey, day(m.at))),
    ...extract.added.admins.map((a) => t.addedAdmin(a.userId, day(a.at))),
  ]);
  part(
    t.entries,
    extract.entries.flatMap((e) => [
      t.entry(e.id, e.meetingWeek, e.partyKey, e.areaKey, when(e.createdAt)),
      ...(e.purgedAt === null ? [t.entryText(e.text)] : [t.entryPurged(day(e.purgedAt))]),
      ...(e.purgeReason === null ? [] : [t.entryPurgeReason(e.purgeReason)]),
      ...(e.place === null ? [] : [t.entryPlace(e.place)]),
      ...(e.when === null ? [] : [t.entryWhen(e.when)]),
      ...(e.removedAt === null ? [] : [t.entryRemoved(day(e.removedAt))]),
    ]),
  );
  part(
    t.entriesHandled,
    extract.entriesHandled.map((e) =>
      t.handled(e.id, e.meetingWeek, e.partyKey, e.removedByThem, e.purgedByThem),
    ),
  );
  part(
    t.partyReports,
    extract.partyReports.map((r) =>
      t.partyReport(
        r.meetingWeek,
        r.partyKey,
        r.nothingToReport,
        r.assessment === null ? null : sv.compiled.assessment[r.assessment],
      ),
    ),
  );
  part(
    t.priorities,
    extract.priorities.map((p) =>
      t.priority(
        p.id,
        p.title,
        p.status,
        [p.createdByThem ? t.priorityCreated : null, p.contactPerson ? t.priorityContact : null]
          .filter((role) => role !== null)
          .join(', '),
      ),
    ),
  );
  part(
    t.priorityEvents,
    extract.priorityEvents.flatMap((e) => [
      t.priorityEvent(e.priorityId, e.kind, e.meetingWeek, when(e.createdAt)),
      ...(e.note === null ? [] : [t.priorityNote(e.note)]),
    ]),
  );
  part(
    t.contactChanges,
    extract.contactChanges.map((c) =>
      t.contactChange(c.priorityId, c.meetingWeek, c.madeContact, c.by, when(c.at)),
    ),
  );
  part(
    t.meetings,
    extract.meetings.map((m) => t.meeting(m.week, m.cancelled, when(m.changedAt), m.reason)),
  );
  part(
    t.meetingMoves,
    extract.meetingMoves.map((m) => t.meetingMove(m.week, when(m.startsAt), m.movedAt && when(m.movedAt))),
  );
  part(
    t.meetingNotes,
    extract.meetingNotes.flatMap((n) => [
      t.meetingNote(n.id, n.meetingWeek, n.kind, when(n.createdAt)),
      t.noteText(n.text),
    ]),
  );
  part(
    t.attendanceMarked,
    extract.attendanceMarked.map((a) => t.attendance(a.meetingWeek, a.partyKey, when(a.markedAt))),
  );
  part(
    t.mentions,
    extract.mentions.flatMap((m) => [
      t.mention(m.source, m.id, m.meetingWeek, m.by, when(m.at)),
      t.noteText(m.text),
    ]),
  );
  const plainUser = (id: string) => id;
  for (const [title, rows] of [
    [t.accessAsActor, extract.accessLog.asActor],
    [t.accessAsSubject, extract.accessLog.asSubject],
  ] as const) {
    part(
      title,
      rows.length === 0
        ? []
        : [
            t.accessCount(rows.length),
            ...rows.map((row) => `  – ${describeAccess(row, timezone, plainUser)}`),
          ],
    );
  }
  part(
    t.requests,
    extract.requests.map((r) => t.request(r.kind, when(r.receivedAt), r.processedAt !== null)),
  );
  part(
    t.messages,
    extract.messages.map((m) => t.message(m.kind, m.meetingWeek, when(m.createdAt))),
  );
  part(
    t.deliveryProblems,
    extract.deliveryProblems.map((p) => t.deliveryProblem(p.meetingWeek, p.code, when(p.at))),
  );
  return `${lines.join('\n')}\n`;
}
