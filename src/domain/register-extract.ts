/**
 * A register extract (GDPR art. 15): everything the bot stores about one Slack user, as the data protection
 * officer hands it over — what they are, what they wrote, what was done about them and what they did.
 */

import type { AccessLogEntry } from './access-log.js';
import type { Assessment, EntrySource, Trend } from './entry.js';
import type { MeetingNoteKind } from './minutes.js';
import type { MeetingWeek } from './schedule.js';

export interface ExtractMembership {
  readonly partyKey: string;
  readonly partyName: string;
  readonly addedBy: string | null;
  readonly since: Date;
}

export interface ExtractEntry {
  readonly id: number;
  readonly meetingWeek: MeetingWeek;
  readonly partyKey: string;
  readonly areaKey: string;
  /** Blank when purged. */
  readonly text: string;
  readonly place: string | null;
  readonly when: string | null;
  readonly trend: Trend | null;
  readonly source: EntrySource;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly removedAt: Date | null;
  readonly purgedAt: Date | null;
  /** Why an admin removed the text on request (written about their entry); null otherwise. */
  readonly purgeReason: string | null;
}

/** Someone else's entry this user removed, or whose text they had removed: only identifiers. */
export interface ExtractHandledEntry {
  readonly id: number;
  readonly meetingWeek: MeetingWeek;
  readonly partyKey: string;
  readonly removedByThem: boolean;
  readonly purgedByThem: boolean;
}

export interface ExtractPartyReport {
  readonly meetingWeek: MeetingWeek;
  readonly partyKey: string;
  readonly nothingToReport: boolean;
  readonly assessment: Assessment | null;
  readonly updatedAt: Date;
}

export interface ExtractPriority {
  readonly id: number;
  readonly title: string;
  readonly status: string;
  readonly agreedWeek: MeetingWeek;
  readonly createdByThem: boolean;
  readonly contactPerson: boolean;
  readonly createdAt: Date;
}

export interface ExtractPriorityEvent {
  readonly id: number;
  readonly priorityId: number;
  readonly kind: string;
  readonly meetingWeek: MeetingWeek;
  readonly note: string | null;
  readonly changes: unknown;
  readonly createdAt: Date;
}

export interface ExtractMeetingChange {
  readonly week: MeetingWeek;
  readonly cancelled: boolean;
  readonly reason: string | null;
  readonly changedAt: Date;
}

/** A meeting they moved to another start (the last move of it, if it was theirs). */
export interface ExtractMeetingMove {
  readonly week: MeetingWeek;
  readonly startsAt: Date;
  readonly movedAt: Date | null;
}

/** A decision or note they wrote in a meeting's minutes (`/protokoll`). */
export interface ExtractMeetingNote {
  readonly id: number;
  readonly meetingWeek: MeetingWeek;
  readonly kind: MeetingNoteKind;
  readonly text: string;
  readonly createdAt: Date;
}

/** A party they marked present at a meeting. */
export interface ExtractAttendanceMark {
  readonly meetingWeek: MeetingWeek;
  readonly partyKey: string;
  readonly markedAt: Date;
}

/** Someone else's edit that made them, or stopped them being, a priority's contact person. */
export interface ExtractContactChange {
  readonly priorityId: number;
  readonly meetingWeek: MeetingWeek;
  readonly madeContact: boolean;
  readonly by: string;
  readonly at: Date;
}

/**
 * Where someone else's text names them with a Slack mention: a note in the minutes, an entry, a priority or its
 * history, an admin's reason for cancelling a meeting, an admin's reason for removing an entry's text.
 */
export type MentionSource =
  | 'meeting_note'
  | 'entry'
  | 'priority'
  | 'priority_event'
  | 'meeting_reason'
  | 'entry_purge_reason';

export interface ExtractMention {
  readonly source: MentionSource;
  /** The note's, entry's, priority's or event's id; null for a meeting's reason (the meeting is its week). */
  readonly id: number | null;
  readonly meetingWeek: MeetingWeek;
  /** Who wrote it (for a priority: who registered it). */
  readonly by: string;
  /** The text as stored (an entry's place and time joined to it, a priority's texts joined). */
  readonly text: string;
  readonly at: Date;
}

/** The admins were told that the bot could not reach them (one row per meeting week and Slack error). */
export interface ExtractDeliveryProblem {
  readonly meetingWeek: MeetingWeek;
  readonly code: string;
  readonly at: Date;
}

export interface ExtractRequest {
  readonly id: string;
  readonly kind: string;
  readonly receivedAt: Date;
  readonly processedAt: Date | null;
  /** What the request carried, while it is not yet carried out (emptied afterwards). */
  readonly payload: unknown;
}

export interface ExtractMessage {
  readonly id: number;
  readonly kind: string;
  readonly meetingWeek: MeetingWeek;
  readonly status: string;
  readonly createdAt: Date;
}

export interface RegisterExtract {
  readonly userId: string;
  readonly madeAt: Date;
  /** Their display name as Slack gave it, kept to name them without a mention; null if never fetched. */
  readonly displayName: { readonly name: string; readonly fetchedAt: Date } | null;
  readonly memberships: readonly ExtractMembership[];
  readonly admin: { readonly addedBy: string | null; readonly since: Date } | null;
  /** Members and admins this user added. */
  readonly added: {
    readonly members: readonly { readonly userId: string; readonly partyKey: string; readonly at: Date }[];
    readonly admins: readonly { readonly userId: string; readonly at: Date }[];
  };
  readonly entries: readonly ExtractEntry[];
  readonly entriesHandled: readonly ExtractHandledEntry[];
  readonly partyReports: readonly ExtractPartyReport[];
  /** Joint priorities they created or are contact person for. */
  readonly priorities: readonly ExtractPriority[];
  /** Their notes, follow-ups, results (closing a priority) and edits of joint priorities. */
  readonly priorityEvents: readonly ExtractPriorityEvent[];
  readonly contactChanges: readonly ExtractContactChange[];
  /** Meetings whose last cancellation or resumption was theirs. */
  readonly meetings: readonly ExtractMeetingChange[];
  readonly meetingMoves: readonly ExtractMeetingMove[];
  readonly meetingNotes: readonly ExtractMeetingNote[];
  readonly attendanceMarked: readonly ExtractAttendanceMark[];
  /** Others' texts that mention them; a name written without a mention cannot be found reliably. */
  readonly mentions: readonly ExtractMention[];
  readonly accessLog: {
    readonly asActor: readonly AccessLogEntry[];
    readonly asSubject: readonly AccessLogEntry[];
  };
  /** Their requests the bot has received (commands, messages, buttons). */
  readonly requests: readonly ExtractRequest[];
  /** Messages the bot sent or is to send to them directly (reports they ordered included). */
  readonly messages: readonly ExtractMessage[];
  readonly deliveryProblems: readonly ExtractDeliveryProblem[];
}
