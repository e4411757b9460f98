/**
 * Joint priorities ("gemensamma prioriteringar"): what the parties agreed to do together, who is responsible
 * and when it is followed up — the model, the validation of what the forms deliver, and who may do what. Pure
 * rules only; the repository stores them and slack/ shows them. Beside it: priority-meetings.ts (which meeting a
 * decision belongs to), priority-list.ts (list order and filters), priority-decisions.ts (the summary of a
 * meeting and the day-before reminders).
 */

import type { Actor } from './actor.js';
import { findPersonalIdentityNumber } from './personnummer.js';
import { isIsoDate, type MeetingWeek } from './schedule.js';
import { characterCount } from './text.js';

export type PriorityStatus = 'aktiv' | 'genomford' | 'avbruten';
export type ClosedStatus = Exclude<PriorityStatus, 'aktiv'>;
export const PRIORITY_STATUSES: readonly PriorityStatus[] = ['aktiv', 'genomford', 'avbruten'];

export const PRIORITY_LIMITS = {
  title: 150,
  description: 2000,
  effect: 500,
  citizenPromise: 300,
  note: 2000,
} as const;

export interface JointPriority {
  readonly id: number;
  readonly title: string;
  readonly description: string | null;
  /** In the areas' own order. */
  readonly areaKeys: readonly string[];
  /** The responsible parties, in the parties' own order. */
  readonly partyKeys: readonly string[];
  readonly contactUserId: string | null;
  readonly agreedWeek: MeetingWeek;
  /** Local date `YYYY-MM-DD`. */
  readonly followUpDate: string;
  readonly effectShort: string | null;
  readonly effectLong: string | null;
  readonly citizenPromise: string | null;
  readonly status: PriorityStatus;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The fields a person sets in the priority modal, validated and normalised. */
export interface PriorityFields {
  readonly title: string;
  readonly description: string | null;
  readonly areaKeys: readonly string[];
  readonly partyKeys: readonly string[];
  readonly contactUserId: string | null;
  readonly followUpDate: string;
  readonly effectShort: string | null;
  readonly effectLong: string | null;
  readonly citizenPromise: string | null;
}

/** A field of a priority as the history names it in `{ field: { from, to } }`. */
export type PriorityField = keyof PriorityFields | 'status';
export type ChangeValue = string | readonly string[] | null;
export type PriorityChanges = Partial<
  Record<PriorityField, { readonly from: ChangeValue; readonly to: ChangeValue }>
>;

export type PriorityEventKind = 'skapad' | 'andrad' | 'status' | 'uppfoljning';

/** One line of a priority's history: who did what, when, at which meeting. */
export interface PriorityEvent {
  readonly id: number;
  readonly priorityId: number;
  readonly kind: PriorityEventKind;
  readonly actorUserId: string;
  readonly meetingWeek: MeetingWeek;
  readonly note: string | null;
  readonly changes: PriorityChanges;
  readonly createdAt: Date;
}

// ── validation ──

export type PriorityErrorCode =
  | 'required'
  | 'tooLong'
  | 'pastDate'
  | 'invalidDate'
  | 'personnummer'
  | 'unknownArea'
  | 'unknownParty'
  | 'notAllowedToClose'
  | 'notAllowedToChangeParties';

export interface FieldError {
  readonly code: PriorityErrorCode;
  /** The limit that was passed, for `tooLong`. */
  readonly limit?: number;
}

export type Validation<T, F extends string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: Partial<Record<F, FieldError>> };

/** What the modal delivered, before validation: free text as typed, empty meaning not given. */
export interface PriorityDraft {
  readonly title: string;
  readonly description: string;
  readonly areaKeys: readonly string[];
  readonly partyKeys: readonly string[];
  readonly contactUserId: string | null;
  /** `YYYY-MM-DD`, or null when the date picker was left empty (the default date applies). */
  readonly followUpDate: string | null;
  readonly effectShort: string;
  readonly effectLong: string;
  readonly citizenPromise: string;
}

export type PriorityDraftField = Exclude<keyof PriorityDraft, 'areaKeys' | 'partyKeys'> | 'areas' | 'parties';

export interface PriorityValidationContext {
  /** Today's local date in the meeting's time zone, `YYYY-MM-DD`. */
  readonly today: string;
  /** Used when the draft has no follow-up date: the next meeting after the one the priority is agreed at. */
  readonly defaultFollowUpDate: string;
  readonly knownAreaKeys: readonly string[];
  readonly knownPartyKeys: readonly string[];
  /**
   * When editing: the stored follow-up date. Keeping a date that has since passed is allowed; only a newly
   * chosen date must not lie in the past.
   */
  readonly currentFollowUpDate?: string;
  /**
   * When editing: the responsible parties as stored, and whether the person may change them (see mayClose).
   * Otherwise anyone could make their own party responsible and then close the priority.
   */
  readonly currentPartyKeys?: readonly string[];
  readonly mayChangeParties?: boolean;
}

/** Trims and unifies line breaks; an empty result is null. */
function cleanText(text: string): string | null {
  const cleaned = text.replace(/\r\n?/g, '\n').trim();
  return cleaned === '' ? null : cleaned;
}

function checkText(text: string | null, limit: number, required: boolean): FieldError | null {
  if (text === null) return required ? { code: 'required' } : null;
  if (characterCount(text) > limit) return { code: 'tooLong', limit };
  if (findPersonalIdentityNumber(text) !== null) return { code: 'personnummer' };
  return null;
}

function checkDate(date: string, today: string): FieldError | null {
  if (!isIsoDate(date)) return { code: 'invalidDate' };
  return date < today ? { code: 'pastDate' } : null;
}

/** Validates a new or edited priority; every field with a problem gets its own error. */
export function validatePriority(
  draft: PriorityDraft,
  context: PriorityValidationContext,
): Validation<PriorityFields, PriorityDraftField> {
  const errors: Partial<Record<PriorityDraftField, FieldError>> = {};
  const fields = {
    title: cleanText(draft.title),
    description: cleanText(draft.description),
    effectShort: cleanText(draft.effectShort),
    effectLong: cleanText(draft.effectLong),
    citizenPromise: cleanText(draft.citizenPromise),
  };
  const textChecks: Array<[keyof typeof fields, number, boolean]> = [
    ['title', PRIORITY_LIMITS.title, true],
    ['description', PRIORITY_LIMITS.description, false],
    ['effectShort', PRIORITY_LIMITS.effect, false],
    ['effectLong', PRIORITY_LIMITS.effect, false],
    ['citizenPromise', PRIORITY_LIMITS.citizenPromise, false],
  ];
  for (const [field, limit, required] of textChecks) {
    const error = checkText(fields[field], limit, required);
    if (error) errors[field] = error;
  }

  const areaKeys = unique(draft.areaKeys);
  if (areaKeys.length === 0) errors.areas = { code: 'required' };
  else if (!areaKeys.every((key) => context.knownAreaKeys.includes(key)))
    errors.areas = { code: 'unknownArea' };

  const partyKeys = unique(draft.partyKeys);
  if (partyKeys.length === 0) errors.parties = { code: 'required' };
  else if (!partyKeys.every((key) => context.knownPartyKeys.includes(key)))
    errors.parties = { code: 'unknownParty' };
  else if (
    context.currentPartyKeys !== undefined &&
    context.mayChangeParties === false &&
    !sameKeys(context.currentPartyKeys, partyKeys)
  )
    errors.parties = { code: 'notAllowedToChangeParties' };

  const followUpDate = draft.followUpDate ?? context.currentFollowUpDate ?? context.defaultFollowUpDate;
  if (followUpDate !== context.currentFollowUpDate) {
    const error = checkDate(followUpDate, context.today);
    if (error) errors.followUpDate = error;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title: fields.title as string,
      description: fields.description,
      // Stored in the areas' and parties' own order, so a reordered choice is not an edit.
      areaKeys: context.knownAreaKeys.filter((key) => areaKeys.includes(key)),
      partyKeys: context.knownPartyKeys.filter((key) => partyKeys.includes(key)),
      contactUserId: draft.contactUserId !== null && draft.contactUserId !== '' ? draft.contactUserId : null,
      followUpDate,
      effectShort: fields.effectShort,
      effectLong: fields.effectLong,
      citizenPromise: fields.citizenPromise,
    },
  };
}

export interface FollowUpDraft {
  readonly note: string;
  /** The status chosen in the modal, or null when left as it is. */
  readonly status: PriorityStatus | null;
  readonly followUpDate: string | null;
}

/** A validated follow-up: the note, and only what it actually changes. */
export interface FollowUp {
  readonly note: string;
  readonly status: PriorityStatus | null;
  readonly followUpDate: string | null;
}

export type FollowUpField = keyof FollowUpDraft;

export function validateFollowUp(
  draft: FollowUpDraft,
  context: {
    readonly today: string;
    readonly priority: Pick<JointPriority, 'status' | 'followUpDate'>;
    /** Whether the person may close or reopen this priority (see mayClose). */
    readonly mayClose: boolean;
  },
): Validation<FollowUp, FollowUpField> {
  const errors: Partial<Record<FollowUpField, FieldError>> = {};
  const note = cleanText(draft.note);
  const noteError = checkText(note, PRIORITY_LIMITS.note, true);
  if (noteError) errors.note = noteError;

  const status = draft.status !== null && draft.status !== context.priority.status ? draft.status : null;
  if (status !== null && !context.mayClose) errors.status = { code: 'notAllowedToClose' };

  const followUpDate =
    draft.followUpDate !== null && draft.followUpDate !== context.priority.followUpDate
      ? draft.followUpDate
      : null;
  if (followUpDate !== null) {
    const error = checkDate(followUpDate, context.today);
    if (error) errors.followUpDate = error;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { note: note as string, status, followUpDate } };
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys.filter((key) => key !== ''))];
}

/** What changed between a stored priority and the validated fields of an edit, as the history records it. */
export function priorityChanges(current: JointPriority, next: PriorityFields): PriorityChanges {
  const changes: PriorityChanges = {};
  const scalar = [
    'title',
    'description',
    'contactUserId',
    'followUpDate',
    'effectShort',
    'effectLong',
    'citizenPromise',
  ] as const;
  for (const field of scalar) {
    if (current[field] !== next[field]) changes[field] = { from: current[field], to: next[field] };
  }
  for (const field of ['areaKeys', 'partyKeys'] as const) {
    if (!sameKeys(current[field], next[field])) changes[field] = { from: current[field], to: next[field] };
  }
  return changes;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key) => b.includes(key));
}

// ── who may do what ──

export type { Actor } from './actor.js';

/** Closing or reopening (any status change): members of a responsible party, and admins. */
export function mayClose(actor: Actor, priority: Pick<JointPriority, 'partyKeys'>): boolean {
  return actor.isAdmin || priority.partyKeys.some((key) => actor.partyKeys.includes(key));
}
