import { DateTime } from 'luxon';
import { type Actor, isParticipant } from './actor.js';
import { type MeetingOverride, meetingState, nextHeldMeeting, submissionMeeting } from './calendar.js';
import { type Aliased, findArea, findParty, foldForMatch, type Named } from './lookup.js';
import { findPersonalIdentityNumber } from './personnummer.js';
import {
  formatMeetingWeek,
  latestStartedMeeting,
  type Meeting,
  type MeetingSchedule,
  type MeetingWeek,
  meetingOfWeek,
  shiftWeek,
} from './schedule.js';

/**
 * Joint priorities ("gemensamma prioriteringar"): what the parties agreed to do together, who is responsible
 * and when it is followed up. Pure rules only; the repository stores them and slack/ shows them.
 */

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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Characters as Postgres's char_length counts them (code points), so the two limits agree. */
export function textLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Trims and unifies line breaks; an empty result is null. */
function cleanText(text: string): string | null {
  const cleaned = text.replace(/\r\n?/g, '\n').trim();
  return cleaned === '' ? null : cleaned;
}

function checkText(text: string | null, limit: number, required: boolean): FieldError | null {
  if (text === null) return required ? { code: 'required' } : null;
  if (textLength(text) > limit) return { code: 'tooLong', limit };
  if (findPersonalIdentityNumber(text) !== null) return { code: 'personnummer' };
  return null;
}

function checkDate(date: string, today: string): FieldError | null {
  if (!isIsoDate(date)) return { code: 'invalidDate' };
  return date < today ? { code: 'pastDate' } : null;
}

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value).isValid;
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

/** Proposing, editing and following up: any party member (and the admins, who run the register). */
export function mayContribute(actor: Actor): boolean {
  return isParticipant(actor);
}

/** Closing or reopening (any status change): members of a responsible party, and admins. */
export function mayClose(actor: Actor, priority: Pick<JointPriority, 'partyKeys'>): boolean {
  return actor.isAdmin || priority.partyKeys.some((key) => actor.partyKeys.includes(key));
}

// ── meetings and dates ──

/** Today's date where the meeting is held, `YYYY-MM-DD`. */
export function localDate(now: Date, timezone: string): string {
  return DateTime.fromJSDate(now, { zone: timezone }).toISODate() as string;
}

/** The local date `days` days after `now`'s local date. */
export function localDateAfter(now: Date, days: number, timezone: string): string {
  return DateTime.fromJSDate(now, { zone: timezone }).plus({ days }).toISODate() as string;
}

/** How many weeks ahead a search for a held meeting looks (as `nextHeldMeeting` and `submissionMeeting` do). */
const HELD_HORIZON = 8;

function isHeld(
  meeting: Meeting,
  schedule: MeetingSchedule,
  overrides: ReadonlyMap<MeetingWeek, MeetingOverride>,
): boolean {
  return !meetingState(meeting, overrides.get(meeting.week) ?? null, schedule).cancelled;
}

/**
 * The meeting a decision made now belongs to (a priority agreed, a note written, a status changed): the one in
 * progress (started, not yet over) if it is held, otherwise the next held meeting. A cancelled meeting (an
 * admin's decision or a holiday) gets no "Beslut och uppföljning", so nothing may be bound to it: a priority
 * recorded in the week of juldagen belongs to the next meeting that is held.
 */
export function decisionMeeting(
  now: Date,
  schedule: MeetingSchedule,
  overrides: ReadonlyMap<MeetingWeek, MeetingOverride>,
): Meeting {
  const started = latestStartedMeeting(now, schedule);
  if (now.getTime() < started.endsAt.getTime() && isHeld(started, schedule, overrides)) return started;
  return submissionMeeting(now, schedule, overrides, HELD_HORIZON);
}

/**
 * The meeting a new priority is bound to when a button names one (the agenda's "Ny gemensam prioritering"): that
 * meeting while it has not ended and is held, since its summary is still to come; otherwise, like any
 * decision, decisionMeeting. An old agenda's button never binds to a meeting whose summary is already posted.
 */
export function boundMeeting(
  requested: MeetingWeek | null,
  now: Date,
  schedule: MeetingSchedule,
  overrides: ReadonlyMap<MeetingWeek, MeetingOverride>,
): Meeting {
  if (requested !== null) {
    const meeting = meetingOfWeek(requested, schedule);
    if (now.getTime() < meeting.endsAt.getTime() && isHeld(meeting, schedule, overrides)) return meeting;
  }
  return decisionMeeting(now, schedule, overrides);
}

/**
 * Every week whose admin override boundMeeting and defaultFollowUpDate may look at, so the caller reads them in
 * one query: the latest started meeting, the next ones as far as a held one and its follow-up may lie, and the
 * requested week with the weeks after it.
 */
export function decisionCalendarWeeks(
  now: Date,
  schedule: MeetingSchedule,
  requested: MeetingWeek | null = null,
): MeetingWeek[] {
  const started = latestStartedMeeting(now, schedule).week;
  // From the started meeting: the upcoming one, HELD_HORIZON after it, and HELD_HORIZON after the held one.
  const weeks = new Set(consecutiveWeeks(started, 2 * HELD_HORIZON + 2));
  if (requested !== null) for (const week of consecutiveWeeks(requested, HELD_HORIZON + 1)) weeks.add(week);
  return [...weeks];
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * `count` consecutive ISO weeks starting with `week`, by plain date arithmetic: the same weeks shiftWeek gives,
 * without a time-zone calculation per week (this runs on every list, modal and button).
 */
function consecutiveWeeks(week: MeetingWeek, count: number): MeetingWeek[] {
  const year = Number(week.slice(0, 4));
  const number = Number(week.slice(6));
  // 4 January is always in week 1; its week's Monday starts the year's weeks.
  const january4 = Date.UTC(year, 0, 4);
  const monday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY_MS + (number - 1) * 7 * DAY_MS;
  return Array.from({ length: count }, (_, i) => {
    const thursday = new Date(monday + (i * 7 + 3) * DAY_MS);
    const weekYear = thursday.getUTCFullYear();
    const weekNumber = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS)) + 1;
    return formatMeetingWeek(weekYear, weekNumber);
  });
}

/**
 * The default follow-up date of a priority agreed at `agreedWeek`: the next held meeting after it, so a
 * cancelled Friday (a holiday, an admin's decision) is skipped; never before `today`. The modal's hint and the
 * date stored when the picker is left empty both come from here.
 */
export function defaultFollowUpDate(
  agreedWeek: MeetingWeek,
  schedule: MeetingSchedule,
  overrides: ReadonlyMap<MeetingWeek, MeetingOverride>,
  today: string,
): string {
  const next =
    nextHeldMeeting(agreedWeek, schedule, overrides, HELD_HORIZON) ??
    meetingOfWeek(shiftWeek(agreedWeek, 1, schedule), schedule);
  return next.date >= today ? next.date : today;
}

/** Due for a meeting: still active and its follow-up date is on or before the meeting's date. */
export function isDue(
  priority: Pick<JointPriority, 'status' | 'followUpDate'>,
  meetingDate: string,
): boolean {
  return priority.status === 'aktiv' && priority.followUpDate <= meetingDate;
}

/** Due ones first, then active before closed, then by follow-up date, then by number. */
export function comparePriorities(
  meetingDate: string,
): (
  a: Pick<JointPriority, 'id' | 'status' | 'followUpDate'>,
  b: Pick<JointPriority, 'id' | 'status' | 'followUpDate'>,
) => number {
  return (a, b) =>
    Number(isDue(b, meetingDate)) - Number(isDue(a, meetingDate)) ||
    Number(b.status === 'aktiv') - Number(a.status === 'aktiv') ||
    a.followUpDate.localeCompare(b.followUpDate) ||
    a.id - b.id;
}

export function sortForMeeting<T extends Pick<JointPriority, 'id' | 'status' | 'followUpDate'>>(
  priorities: readonly T[],
  meetingDate: string,
): T[] {
  return [...priorities].sort(comparePriorities(meetingDate));
}

// ── the day-before reminder ──

/** What the reminder rule needs to know about a priority. */
export interface ReminderFacts {
  readonly status: PriorityStatus;
  readonly followUpDate: string;
  /**
   * Whether a follow-up note was added after the follow-up date was last set: when the priority was agreed,
   * or later by an edit or a follow-up that moved the date.
   */
  readonly notedSinceFollowUpSet: boolean;
}

/** The follow-up date whose priorities get their reminder today: tomorrow, in local time. */
export function reminderFollowUpDate(now: Date, timezone: string): string {
  return localDateAfter(now, 1, timezone);
}

/** Remind the responsible parties the day before the follow-up date, unless someone has already written a note. */
export function needsFollowUpReminder(facts: ReminderFacts, followUpDate: string): boolean {
  return facts.status === 'aktiv' && facts.followUpDate === followUpDate && !facts.notedSinceFollowUpSet;
}

/** Each member of a responsible party once, even when they belong to two of them. */
export function reminderRecipients(
  priority: Pick<JointPriority, 'partyKeys'>,
  members: readonly { readonly userId: string; readonly partyKey: string }[],
): string[] {
  return [...new Set(members.filter((m) => priority.partyKeys.includes(m.partyKey)).map((m) => m.userId))];
}

// ── what a meeting decided ──

export interface PriorityNote {
  readonly note: string;
  readonly actorUserId: string;
  readonly at: Date;
}

export interface WeekDecision {
  readonly priority: JointPriority;
  /** The follow-up notes written during the meeting, oldest first. */
  readonly notes: readonly PriorityNote[];
}

/** "Beslut och uppföljning": what happened to the joint priorities during one meeting. */
export interface WeekDecisions {
  readonly week: MeetingWeek;
  readonly agreed: readonly WeekDecision[];
  readonly followedUp: readonly WeekDecision[];
  readonly completed: readonly WeekDecision[];
  readonly cancelled: readonly WeekDecision[];
}

/** The priorities touched during a meeting and their history events attributed to it. */
export interface PriorityActivity {
  readonly week: MeetingWeek;
  /**
   * Cancelled meetings just before this one: decisions already attributed to them (made before they were
   * cancelled) are reported at this meeting, since theirs never took place.
   */
  readonly cancelledBefore?: readonly MeetingWeek[];
  readonly priorities: readonly JointPriority[];
  readonly events: readonly PriorityEvent[];
}

/**
 * Sorts a meeting's activity into what it decided: events carry the meeting they were made at, so this is
 * "created, followed up, completed or cancelled with meeting week W". A priority closed during the meeting is
 * listed as completed or cancelled (with its notes), not again as followed up; one closed and reopened within
 * the same meeting counts as followed up. Edits alone are not decisions. `include` narrows the events, as the
 * summary does to tell what was done at the meeting from what was done between meetings, for it.
 */
export function decisionsOfWeek(
  activity: PriorityActivity,
  include: (event: PriorityEvent) => boolean = () => true,
): WeekDecisions {
  const byId = new Map(activity.priorities.map((p) => [p.id, p]));
  const weeks = new Set([activity.week, ...(activity.cancelledBefore ?? [])]);
  const events = activity.events
    .filter((e) => weeks.has(e.meetingWeek) && byId.has(e.priorityId) && include(e))
    .sort((a, b) => a.id - b.id);
  const agreed = new Set<number>();
  const finalStatus = new Map<number, ChangeValue>();
  const notes = new Map<number, PriorityNote[]>();
  for (const event of events) {
    if (event.kind === 'skapad') agreed.add(event.priorityId);
    const statusChange = event.changes.status;
    if (statusChange !== undefined) finalStatus.set(event.priorityId, statusChange.to);
    if (event.kind === 'uppfoljning' && event.note !== null) {
      const list = notes.get(event.priorityId) ?? [];
      list.push({ note: event.note, actorUserId: event.actorUserId, at: event.createdAt });
      notes.set(event.priorityId, list);
    }
  }
  const decision = (id: number): WeekDecision => ({
    priority: byId.get(id) as JointPriority,
    notes: notes.get(id) ?? [],
  });
  const ids = [...new Set(events.map((e) => e.priorityId))].sort((a, b) => a - b);
  return {
    week: activity.week,
    agreed: ids.filter((id) => agreed.has(id)).map(decision),
    followedUp: ids
      .filter((id) => {
        const status = finalStatus.get(id);
        return status !== 'genomford' && status !== 'avbruten' && (notes.has(id) || status === 'aktiv');
      })
      .map(decision),
    completed: ids.filter((id) => finalStatus.get(id) === 'genomford').map(decision),
    cancelled: ids.filter((id) => finalStatus.get(id) === 'avbruten').map(decision),
  };
}

export function hasDecisions(decisions: WeekDecisions): boolean {
  return (
    decisions.agreed.length +
      decisions.followedUp.length +
      decisions.completed.length +
      decisions.cancelled.length >
    0
  );
}

// ── what people type ──

/** `12` or `#12` → 12; anything else null. */
export function parsePriorityId(text: string): number | null {
  const match = /^#?(\d{1,9})$/.exec(text.trim());
  if (!match) return null;
  const id = Number(match[1]);
  return id > 0 ? id : null;
}

export type ListScope = 'aktiva' | 'alla';

/** What `/prioritet lista …` asks for: active or all, optionally one party's or one area's. */
export interface ListFilter {
  readonly scope: ListScope;
  readonly partyKey: string | null;
  readonly areaKey: string | null;
}

export type ListFilterParse =
  | { readonly ok: true; readonly filter: ListFilter }
  | { readonly ok: false; readonly unknown: string };

/**
 * Reads the words after `lista`: `aktiva` (the default) or `alla`, a party key and an area key or alias,
 * each optional, in any order, case- and diacritic-insensitively (`gang` finds `gäng`). The first word it
 * cannot place is returned so the answer can name it.
 */
export function parseListFilter(
  words: readonly string[],
  parties: readonly Named[],
  areas: readonly Aliased[],
): ListFilterParse {
  let scope: ListScope = 'aktiva';
  let partyKey: string | null = null;
  let areaKey: string | null = null;
  for (const word of words) {
    const folded = foldForMatch(word);
    if (folded === '') continue;
    if (folded === 'aktiva' || folded === 'aktiv') {
      scope = 'aktiva';
      continue;
    }
    if (folded === 'alla') {
      scope = 'alla';
      continue;
    }
    const party: Named | null = partyKey === null ? findParty(parties, word) : null;
    if (party) {
      partyKey = party.key;
      continue;
    }
    const area: Aliased | null = areaKey === null ? findArea(areas, word) : null;
    if (area) {
      areaKey = area.key;
      continue;
    }
    return { ok: false, unknown: word };
  }
  return { ok: true, filter: { scope, partyKey, areaKey } };
}
