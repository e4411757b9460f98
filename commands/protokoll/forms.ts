/**
 * The minutes' two forms — a decision or note, and the parties present — opened from the agenda's buttons or
 * `/protokoll`, bound to the agenda's meeting while it has not ended (else to the meeting a decision made now
 * belongs to). Their submissions are stored before the ack, in the kit's transaction, once per form.
 */

import { randomUUID } from 'node:crypto';
import type { ViewResponseAction } from '@slack/bolt';
import { addMeetingNote, listPresent, setAttendance } from '../../src/db/minutes.repository.js';
import type { Actor } from '../../src/domain/actor.js';
import { MEETING_NOTE_MAX, validateMeetingNote } from '../../src/domain/minutes.js';
import { type MeetingWeek, weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import { confirmSaved, fieldErrors, type ReplyTo, replyTarget, replyTo } from '../../src/kit/forms.js';
import { participantFieldError, requireParticipant } from '../../src/kit/guards.js';
import type { ActionContext, ActionSpec, FormOpener, ViewContext, ViewSpec } from '../../src/kit/kit.js';
import { buttonValue } from '../../src/kit/metadata.js';
import { nameSourceOf, refreshDisplayName } from '../../src/services/user-names.js';
import { askAdminsText } from '../../src/slack/lagesbild-texts.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { MEETING_WEEK } from '../../src/slack/priorities.js';
import {
  ATTENDANCE_METADATA,
  type AttendanceMetadata,
  attendanceModal,
  NOTE_METADATA,
  type NoteMetadata,
  noteModal,
  PROTOKOLL_ACTIONS,
  PROTOKOLL_VIEWS,
  readAttendanceForm,
  readNoteForm,
} from '../../src/slack/protokoll.js';

const p = sv.protokoll;

/** The minutes are written and read by the parties' members and the admins; anyone else is told whom to ask. */
export function requireMinutesWriter(ctx: RequestContext): Promise<Actor | null> {
  return requireParticipant(ctx, (admins) => p.notAllowed(askAdminsText(admins)));
}

/** "Anteckna i protokollet": the form for the meeting `requested` (the agenda's), or the one going on or next. */
export async function openNoteForm(ctx: FormOpener, requested: MeetingWeek | null): Promise<void> {
  const [actor, calendar] = await Promise.all([
    requireMinutesWriter(ctx),
    ctx.deps.meetings.decisionCalendar(requested, ctx.db),
  ]);
  if (actor === null) return;
  await ctx.openView(
    noteModal({
      metadata: { key: randomUUID(), week: calendar.meeting.week, ...replyTo(ctx) },
      meeting: calendar.meeting,
      timezone: ctx.deps.config.schedule.timezone,
    }),
  );
}

/** "Närvaro": the parties, those marked present preselected. */
async function openAttendanceForm(ctx: FormOpener, requested: MeetingWeek | null): Promise<void> {
  const [actor, calendar, catalogue] = await Promise.all([
    requireMinutesWriter(ctx),
    ctx.deps.meetings.decisionCalendar(requested, ctx.db),
    ctx.catalogue(),
  ]);
  if (actor === null) return;
  await ctx.openView(
    attendanceModal({
      metadata: { week: calendar.meeting.week, ...replyTo(ctx) },
      meeting: calendar.meeting,
      timezone: ctx.deps.config.schedule.timezone,
      parties: catalogue.parties,
      present: await listPresent(ctx.db, calendar.meeting.week),
    }),
  );
}

/** The week an agenda button carries; null (and the person told) when it is not one the bot wrote. */
function weekOf(ctx: ActionContext): MeetingWeek | null {
  return buttonValue(ctx, MEETING_WEEK, p.badWeek);
}

export const PROTOKOLL_BUTTONS: readonly ActionSpec[] = [
  {
    actionId: PROTOKOLL_ACTIONS.note,
    mode: 'modal',
    run: async (ctx) => {
      const week = weekOf(ctx);
      if (week !== null) await openNoteForm(ctx, week);
    },
  },
  {
    actionId: PROTOKOLL_ACTIONS.attendance,
    mode: 'modal',
    run: async (ctx) => {
      const week = weekOf(ctx);
      if (week !== null) await openAttendanceForm(ctx, week);
    },
  },
];

/** Someone who left their party while the form was open: refused on the field, naming no one (plain text). */
function writerFieldError(ctx: RequestContext): Promise<string | null> {
  return participantFieldError(ctx, () => p.notAllowedField);
}

function confirm(ctx: ViewContext<ReplyTo>, text: string): void {
  confirmSaved(ctx, text);
  ctx.after(() => refreshDisplayName(nameSourceOf(ctx.deps), ctx.userId));
}

async function saveNote(ctx: ViewContext<NoteMetadata>): Promise<ViewResponseAction | undefined> {
  const refusal = await writerFieldError(ctx);
  if (refusal !== null) return fieldErrors({ text: refusal });
  const form = readNoteForm(ctx.values);
  const checked = validateMeetingNote(form.text);
  if (!checked.ok) {
    const problem = checked.problem;
    return fieldErrors({
      text:
        problem === 'required'
          ? p.noteForm.required
          : problem === 'tooLong'
            ? p.tooLong(MEETING_NOTE_MAX, checked.length)
            : p.personnummer,
    });
  }
  // The form's meeting while it has not ended, else the one a note written now belongs to.
  const { meeting, now } = await ctx.deps.meetings.decisionCalendar(ctx.metadata.week, ctx.db);
  const { note, created } = await addMeetingNote(ctx.db, {
    week: meeting.week,
    kind: form.kind,
    text: checked.text,
    authorUserId: ctx.userId,
    idempotencyKey: ctx.metadata.key,
    at: now,
  });
  ctx.log.info({ week: meeting.week, kind: form.kind, created }, 'minutes note written');
  if (!created) return undefined;
  await ctx.audit({
    action: 'change',
    resource: 'note',
    meetingWeek: meeting.week,
    detail: { kind: form.kind },
  });
  confirm(ctx, p.saved(note.kind, weekNumberOf(meeting.week), escapeMrkdwn(note.text)));
  return undefined;
}

async function saveAttendance(ctx: ViewContext<AttendanceMetadata>): Promise<ViewResponseAction | undefined> {
  const refusal = await writerFieldError(ctx);
  if (refusal !== null) return fieldErrors({ parties: refusal });
  const catalogue = await ctx.catalogue();
  const chosen = readAttendanceForm(ctx.values);
  // A party retired while the form was open is left out rather than refused.
  const keys = catalogue.parties.map((party) => party.key).filter((key) => chosen.includes(key));
  const { meeting, now } = await ctx.deps.meetings.decisionCalendar(ctx.metadata.week, ctx.db);
  const { added, removed } = await setAttendance(ctx.db, meeting.week, keys, { userId: ctx.userId, at: now });
  ctx.log.info({ week: meeting.week, added: added.length, removed: removed.length }, 'attendance saved');
  if (added.length + removed.length > 0)
    await ctx.audit({
      action: 'change',
      resource: 'meeting',
      meetingWeek: meeting.week,
      detail: { kind: 'narvaro', partyKeys: keys },
    });
  const present = keys.map((key) => escapeMrkdwn(catalogue.partyName(key))).join(', ');
  confirm(ctx, p.attendanceSaved(weekNumberOf(meeting.week), present === '' ? p.nobody : present));
  return undefined;
}

export const noteForm: ViewSpec<typeof NOTE_METADATA> = {
  callbackId: PROTOKOLL_VIEWS.note,
  metadata: NOTE_METADATA,
  errorBlock: 'text',
  saveFailed: p.saveFailed,
  replyTo: replyTarget,
  run: saveNote,
};

export const attendanceForm: ViewSpec<typeof ATTENDANCE_METADATA> = {
  callbackId: PROTOKOLL_VIEWS.attendance,
  metadata: ATTENDANCE_METADATA,
  errorBlock: 'parties',
  saveFailed: p.saveFailed,
  replyTo: replyTarget,
  run: saveAttendance,
};
