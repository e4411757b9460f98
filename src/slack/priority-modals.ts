import type { ViewOutput } from '@slack/bolt';
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  type FieldError,
  type FollowUpDraft,
  type FollowUpField,
  type JointPriority,
  PRIORITY_LIMITS,
  PRIORITY_STATUSES,
  type PriorityDraft,
  type PriorityDraftField,
  type PriorityStatus,
  textLength,
} from '../domain/priorities.js';
import { isMeetingWeek, type MeetingWeek } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { context, section } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { formatDay } from './priorities.js';

/** Callback ids of the two modals; commands/prioritet-modals.ts handles their submissions. */
export const PRIORITY_VIEWS = {
  save: 'prioritet_spara',
  followUp: 'prioritet_uppfoljning',
} as const;

/** The one action id every input element uses; the block id names the field. */
const VALUE = 'value';

/**
 * Where a submission's confirmation goes: the response_url of the command or message the modal was opened
 * from (ephemeral, and it works in channels the bot is not in), else an ephemeral message in its channel.
 * From App Home there is neither, and Home itself shows the change.
 */
export interface ReplyTo {
  readonly channelId: string | null;
  readonly responseUrl: string | null;
}

/**
 * What a modal carries to its submission: the idempotency key that makes a double submission one change,
 * the meeting it is bound to, the priority it edits, and where to confirm.
 */
export interface PriorityModalMetadata extends ReplyTo {
  readonly key: string;
  readonly week: MeetingWeek;
  /** The priority being edited; null for a new one. */
  readonly priorityId: number | null;
  /**
   * The edited priority's `updatedAt` when the modal opened (ISO), so a save refuses to overwrite a change made
   * since; null for a new one.
   */
  readonly openedAt: string | null;
}

export interface FollowUpModalMetadata extends ReplyTo {
  readonly key: string;
  readonly priorityId: number;
}

export function encodeMetadata(metadata: PriorityModalMetadata | FollowUpModalMetadata): string {
  return JSON.stringify(metadata);
}

/** Reads the metadata back; null when it is not what this app wrote. */
export function decodePriorityMetadata(text: string): PriorityModalMetadata | null {
  const value = parseJson(text);
  const replyTo = value === null ? null : readReplyTo(value);
  const openedAt = value?.openedAt ?? null;
  if (
    value === null ||
    replyTo === null ||
    typeof value.key !== 'string' ||
    typeof value.week !== 'string' ||
    !isMeetingWeek(value.week) ||
    !(value.priorityId === null || Number.isInteger(value.priorityId)) ||
    !(openedAt === null || (typeof openedAt === 'string' && isInstant(openedAt))) ||
    // An edit must say what it was opened on; a new priority has nothing to compare.
    (value.priorityId === null) !== (openedAt === null)
  )
    return null;
  return {
    key: value.key,
    week: value.week,
    priorityId: value.priorityId as number | null,
    openedAt: openedAt as string | null,
    ...replyTo,
  };
}

export function decodeFollowUpMetadata(text: string): FollowUpModalMetadata | null {
  const value = parseJson(text);
  const replyTo = value === null ? null : readReplyTo(value);
  if (
    value === null ||
    replyTo === null ||
    typeof value.key !== 'string' ||
    !Number.isInteger(value.priorityId)
  )
    return null;
  return { key: value.key, priorityId: value.priorityId as number, ...replyTo };
}

function isInstant(text: string): boolean {
  return !Number.isNaN(Date.parse(text));
}

function readReplyTo(value: Record<string, unknown>): ReplyTo | null {
  const { channelId, responseUrl } = value;
  if (!(channelId === null || typeof channelId === 'string')) return null;
  if (!(responseUrl === null || typeof responseUrl === 'string')) return null;
  return { channelId, responseUrl };
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function plain(text: string) {
  return { type: 'plain_text' as const, text, emoji: true };
}

/** Option texts are at most 75 characters. */
function option(value: string, text: string): PlainTextOption {
  return { value, text: plain(text.length > 75 ? `${text.slice(0, 74)}…` : text) };
}

function textInput(
  field: string,
  label: string,
  options: {
    initial?: string | null;
    maxLength: number;
    multiline?: boolean;
    optional?: boolean;
    hint?: string;
    placeholder?: string;
  },
): InputBlock {
  return {
    type: 'input',
    block_id: field,
    optional: options.optional ?? true,
    label: plain(label),
    // The limit as a hint, not max_length: the bot checks it and answers on the field in Swedish.
    hint: plain([sv.common.maxCharacters(options.maxLength), options.hint].filter(Boolean).join(' ')),
    element: {
      type: 'plain_text_input',
      action_id: VALUE,
      multiline: options.multiline ?? false,
      ...(options.initial ? { initial_value: options.initial } : {}),
      ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    },
  };
}

export interface PriorityModalInput {
  readonly metadata: PriorityModalMetadata;
  readonly parties: readonly { readonly key: string; readonly name: string }[];
  readonly areas: readonly { readonly key: string; readonly name: string }[];
  /** Local date of the meeting the priority is (or was) agreed at. */
  readonly agreedDate: string;
  /** The date used when the picker is left empty: the next meeting after the agreeing one. */
  readonly defaultFollowUpDate: string;
  /** The priority being edited; for a new one, the parties to preselect (the user's own). */
  readonly priority: JointPriority | null;
  readonly preselectedParties: readonly string[];
}

/** The modal for a new joint priority, or for changing one (prefilled). */
export function priorityModal(input: PriorityModalInput): ModalView {
  const m = sv.prioritet.modal;
  const p = input.priority;
  const areaOptions = input.areas.map((a) => option(a.key, a.name));
  const partyOptions = input.parties.map((party) => option(party.key, party.name));
  // Slack refuses initial options that are not among the options (an area since deactivated).
  const initialAreas = areaOptions.filter((o) => p?.areaKeys.includes(o.value ?? ''));
  const initialParties = partyOptions.filter((o) =>
    (p?.partyKeys ?? input.preselectedParties).includes(o.value ?? ''),
  );
  const intro = [m.agreedAt(input.metadata.week, formatDay(input.agreedDate))];
  if (p !== null) intro.unshift(m.editing(p.id));
  const blocks: KnownBlock[] = [
    context(`${intro.join(' ')}\n${m.noPersonalData}`),
    textInput('title', m.title, {
      initial: p?.title,
      maxLength: PRIORITY_LIMITS.title,
      optional: false,
      placeholder: m.titlePlaceholder,
    }),
    textInput('description', m.description, {
      initial: p?.description,
      maxLength: PRIORITY_LIMITS.description,
      multiline: true,
    }),
    {
      type: 'input',
      block_id: 'areas',
      label: plain(m.areas),
      element: {
        type: 'multi_static_select',
        action_id: VALUE,
        options: areaOptions,
        ...(initialAreas.length > 0 ? { initial_options: initialAreas } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'parties',
      label: plain(m.parties),
      element: {
        type: 'multi_static_select',
        action_id: VALUE,
        options: partyOptions,
        ...(initialParties.length > 0 ? { initial_options: initialParties } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'contactUserId',
      optional: true,
      label: plain(m.contact),
      element: {
        type: 'users_select',
        action_id: VALUE,
        ...(p?.contactUserId ? { initial_user: p.contactUserId } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'followUpDate',
      optional: true,
      label: plain(m.followUpDate),
      hint: plain(
        p === null
          ? m.followUpHint(formatDay(input.defaultFollowUpDate))
          : m.followUpKeepHint(formatDay(p.followUpDate)),
      ),
      element: {
        type: 'datepicker',
        action_id: VALUE,
        initial_date: p?.followUpDate ?? input.defaultFollowUpDate,
      },
    },
    textInput('effectShort', m.effectShort, {
      initial: p?.effectShort,
      maxLength: PRIORITY_LIMITS.effect,
      hint: m.effectHint,
    }),
    textInput('effectLong', m.effectLong, {
      initial: p?.effectLong,
      maxLength: PRIORITY_LIMITS.effect,
      hint: m.effectHint,
    }),
    textInput('citizenPromise', m.citizenPromise, {
      initial: p?.citizenPromise,
      maxLength: PRIORITY_LIMITS.citizenPromise,
      hint: m.citizenPromiseHint,
    }),
  ];
  return {
    type: 'modal',
    callback_id: PRIORITY_VIEWS.save,
    title: plain(p === null ? m.titleNew : m.titleEdit),
    submit: plain(m.submit),
    close: plain(m.close),
    private_metadata: encodeMetadata(input.metadata),
    blocks,
  };
}

/** The modal's values as Slack sends them: `block_id → action_id → state`. */
type Values = ViewOutput['state']['values'];

function textOf(values: Values, field: string): string {
  return values[field]?.[VALUE]?.value ?? '';
}

function selectedOf(values: Values, field: string): string[] {
  return (values[field]?.[VALUE]?.selected_options ?? []).map((o) => o.value);
}

/** What the priority modal's submission holds, as typed. */
export function readPriorityDraft(values: Values): PriorityDraft {
  return {
    title: textOf(values, 'title'),
    description: textOf(values, 'description'),
    areaKeys: selectedOf(values, 'areas'),
    partyKeys: selectedOf(values, 'parties'),
    contactUserId: values.contactUserId?.[VALUE]?.selected_user ?? null,
    followUpDate: values.followUpDate?.[VALUE]?.selected_date ?? null,
    effectShort: textOf(values, 'effectShort'),
    effectLong: textOf(values, 'effectLong'),
    citizenPromise: textOf(values, 'citizenPromise'),
  };
}

/** The follow-up modal: a note, and optionally a new status and a new follow-up date. */
export function followUpModal(input: {
  readonly metadata: FollowUpModalMetadata;
  readonly priority: JointPriority;
}): ModalView {
  const f = sv.prioritet.followUpModal;
  const { priority } = input;
  return {
    type: 'modal',
    callback_id: PRIORITY_VIEWS.followUp,
    title: plain(f.title),
    submit: plain(f.submit),
    close: plain(f.close),
    private_metadata: encodeMetadata(input.metadata),
    blocks: [
      section(f.heading(priority.id, escapeMrkdwn(priority.title), formatDay(priority.followUpDate))),
      context(sv.prioritet.modal.noPersonalData),
      textInput('note', f.note, {
        maxLength: PRIORITY_LIMITS.note,
        multiline: true,
        optional: false,
        placeholder: f.notePlaceholder,
      }),
      {
        type: 'input',
        block_id: 'status',
        optional: true,
        label: plain(f.status),
        hint: plain(f.statusHint),
        element: {
          type: 'static_select',
          action_id: VALUE,
          options: PRIORITY_STATUSES.map((status) => option(status, sv.prioritet.status[status])),
        },
      },
      {
        type: 'input',
        block_id: 'followUpDate',
        optional: true,
        label: plain(f.followUpDate),
        hint: plain(f.followUpHint),
        element: { type: 'datepicker', action_id: VALUE },
      },
    ],
  };
}

export function readFollowUpDraft(values: Values): FollowUpDraft {
  const status = values.status?.[VALUE]?.selected_option?.value ?? null;
  return {
    note: textOf(values, 'note'),
    status: PRIORITY_STATUSES.includes(status as PriorityStatus) ? (status as PriorityStatus) : null,
    followUpDate: values.followUpDate?.[VALUE]?.selected_date ?? null,
  };
}

/**
 * Field errors in Swedish for `response_action: 'errors'`, keyed by block id (the field's name).
 * `typed` gives the length of what was typed for "too long"; `today` and `closers` (the responsible parties'
 * names, for who may close a priority or change its parties) fill in their messages.
 */
export function fieldErrorMessages<F extends PriorityDraftField | FollowUpField>(
  errors: Partial<Record<F, FieldError>>,
  details: { typed: (field: F) => string; today: string; closers: string },
): Record<string, string> {
  const e = sv.prioritet.errors;
  const required: Record<string, string> = {
    title: e.titleRequired,
    note: e.noteRequired,
    areas: e.areasRequired,
    parties: e.partiesRequired,
  };
  const messages: Record<string, string> = {};
  for (const [field, error] of Object.entries(errors) as Array<[F, FieldError]>) {
    messages[field] = (() => {
      switch (error.code) {
        case 'required':
          return required[field] ?? e.required;
        case 'tooLong':
          return e.tooLong(error.limit ?? 0, textLength(details.typed(field).trim()));
        case 'pastDate':
          return e.pastDate(formatDay(details.today));
        case 'invalidDate':
          return e.invalidDate;
        case 'personnummer':
          return e.personnummer;
        case 'unknownArea':
          return e.unknownArea;
        case 'unknownParty':
          return e.unknownParty;
        case 'notAllowedToClose':
          return e.notAllowedToClose(details.closers);
        case 'notAllowedToChangeParties':
          return e.notAllowedToChangeParties(details.closers);
      }
    })();
  }
  return messages;
}
