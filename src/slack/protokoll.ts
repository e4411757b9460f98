/**
 * The minutes' forms and buttons: "Anteckna i protokollet" (a decision or a note) and "Närvaro" (which parties
 * are present), on the agenda and behind `/protokoll`; and `/protokoll visa`, the minutes so far.
 */

import type { ViewOutput } from '@slack/bolt';
import type { Button, ModalView } from '@slack/types';
import { z } from 'zod';
import {
  MEETING_NOTE_KINDS,
  MEETING_NOTE_MAX,
  type MeetingNoteKind,
  type Minutes,
} from '../domain/minutes.js';
import { formatLocalDate, type Meeting, type MeetingWeek, weekNumberOf } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import {
  button,
  context,
  inputBlock,
  LIMITS,
  multiSelect,
  option,
  packLines,
  paginate,
  plain,
  type SlackMessage,
  textInput,
} from './blocks.js';
import { attendanceLines, type MinutesInput, otherBlocks } from './minutes.js';
import { MEETING_WEEK } from './priorities.js';
import { REPLY_TO } from './priority-modal-data.js';

export const PROTOKOLL_ACTIONS = {
  /** Opens the note form; value: the meeting week (the agenda's). */
  note: 'protokoll_anteckna',
  /** Opens the attendance form; value: the meeting week. */
  attendance: 'protokoll_narvaro',
} as const;

export const PROTOKOLL_VIEWS = {
  note: 'protokoll_anteckning',
  attendance: 'protokoll_narvaro',
} as const;

const VALUE = 'value';

/** The note form's metadata: its idempotency key, the meeting it writes to, where it confirms. */
export const NOTE_METADATA = z.object({ key: z.string().min(1).max(100), week: MEETING_WEEK, ...REPLY_TO });
export const ATTENDANCE_METADATA = z.object({ week: MEETING_WEEK, ...REPLY_TO });
export type NoteMetadata = z.infer<typeof NOTE_METADATA>;
export type AttendanceMetadata = z.infer<typeof ATTENDANCE_METADATA>;

/** The agenda's two buttons for the minutes, bound to its meeting. */
export function minutesButtons(week: MeetingWeek): Button[] {
  const b = sv.protokoll.buttons;
  return [
    button(PROTOKOLL_ACTIONS.note, b.note, week),
    button(PROTOKOLL_ACTIONS.attendance, b.attendance, week),
  ];
}

/** "Anteckna i protokollet": a decision or a note, and its text. */
export function noteModal(input: {
  readonly metadata: z.input<typeof NOTE_METADATA>;
  readonly meeting: Meeting;
  readonly timezone: string;
}): ModalView {
  const f = sv.protokoll.noteForm;
  const kinds = MEETING_NOTE_KINDS.map((kind) => option(f.kinds[kind], kind));
  return {
    type: 'modal',
    callback_id: PROTOKOLL_VIEWS.note,
    title: plain(f.title),
    submit: plain(f.submit),
    close: plain(f.close),
    private_metadata: JSON.stringify(NOTE_METADATA.parse(input.metadata)),
    blocks: [
      context(
        f.intro(weekNumberOf(input.meeting.week), formatLocalDate(input.meeting.startsAt, input.timezone)),
      ),
      inputBlock(
        'kind',
        f.kind,
        {
          type: 'radio_buttons',
          action_id: VALUE,
          options: kinds,
          initial_option: kinds.find((o) => o.value === 'notering'),
        },
        { optional: false },
      ),
      textInput('text', f.text, {
        actionId: VALUE,
        multiline: true,
        optional: false,
        placeholder: f.placeholder,
        hint: sv.common.maxCharacters(MEETING_NOTE_MAX),
      }),
    ],
  };
}

type Values = ViewOutput['state']['values'];

export function readNoteForm(values: Values): { kind: MeetingNoteKind; text: string } {
  const kind = values.kind?.[VALUE]?.selected_option?.value;
  return {
    kind: kind === 'beslut' ? 'beslut' : 'notering',
    text: values.text?.[VALUE]?.value ?? '',
  };
}

/** "Närvaro": the parties present, preselected as marked so far. */
export function attendanceModal(input: {
  readonly metadata: z.input<typeof ATTENDANCE_METADATA>;
  readonly meeting: Meeting;
  readonly timezone: string;
  readonly parties: readonly { readonly key: string; readonly name: string }[];
  readonly present: readonly string[];
}): ModalView {
  const f = sv.protokoll.attendanceForm;
  return {
    type: 'modal',
    callback_id: PROTOKOLL_VIEWS.attendance,
    title: plain(f.title),
    submit: plain(f.submit),
    close: plain(f.close),
    private_metadata: JSON.stringify(ATTENDANCE_METADATA.parse(input.metadata)),
    blocks: [
      context(
        f.intro(weekNumberOf(input.meeting.week), formatLocalDate(input.meeting.startsAt, input.timezone)),
      ),
      multiSelect(
        'parties',
        f.parties,
        input.parties.map((party) => option(party.name, party.key)),
        { actionId: VALUE, initial: input.present },
      ),
    ],
  };
}

export function readAttendanceForm(values: Values): string[] {
  return (values.parties?.[VALUE]?.selected_options ?? []).map((o) => o.value);
}

/**
 * `/protokoll visa`: who is marked present and the decisions and notes so far, with their authors' names; over
 * as many messages as it takes, at most the five a command's response_url takes (the last says what is left).
 */
export function renderMinutesSoFar(input: {
  readonly meeting: Meeting;
  readonly timezone: string;
  readonly minutes: Minutes;
  readonly parties: MinutesInput['parties'];
  readonly people: ReadonlyMap<string, string>;
}): SlackMessage[] {
  const p = sv.protokoll;
  const week = weekNumberOf(input.meeting.week);
  return paginate(
    [
      ...packLines([
        p.showTitle(week, formatLocalDate(input.meeting.startsAt, input.timezone)),
        ...attendanceLines({ minutes: input.minutes, parties: input.parties }),
      ]),
      ...otherBlocks(input.minutes, input.people),
    ],
    {
      fallback: () => p.showFallback(week),
      limit: { maxMessages: LIMITS.responsesPerCommand, notice: p.showTruncated },
    },
  );
}
