import type { ViewOutput } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { chosenFollowUpDate, type FollowUpDateChoice } from '../domain/follow-up-dates.js';
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
} from '../domain/priorities.js';
import type { Meeting } from '../domain/schedule.js';
import { characterCount } from '../domain/text.js';
import { sv } from '../i18n/sv.js';
import { context, inputBlock, multiSelect, option, plain, section, select, textInput } from './blocks.js';
import { followUpDateBlocks, initialChoice, readFollowUpDateChoice } from './follow-up-date-field.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { plainTextOf } from './plain-text.js';
import { formatDay, MEETING_WEEK, PRIORITY_ID } from './priorities.js';

/**
 * The two forms of the joint priorities — a new or changed priority, and a follow-up — their private_metadata
 * (checked with zod when it comes back), reading what was submitted, and the field errors in Swedish.
 */

/** Callback ids of the two forms; commands/prioritet/forms.ts handles their submissions. */
export const PRIORITY_VIEWS = {
  save: 'prioritet_spara',
  followUp: 'prioritet_uppfoljning',
} as const;

/** The one action id every input element uses; the block id names the field. */
const VALUE = 'value';

/**
 * Where a submission's confirmation goes: the response_url of the command or message the form was opened from
 * (ephemeral, and it works in channels the bot is not in), else ephemerally in its channel. `issuedAt` is when
 * the response_url was issued (it lives 30 minutes); absent in forms opened before it was recorded. From App
 * Home there is neither, and Home itself shows the change.
 */
export const REPLY_TO = {
  channelId: z.string().min(1).max(50).nullable(),
  responseUrl: z.url().max(2000).nullable(),
  issuedAt: z.iso.datetime().nullable().default(null),
};

/**
 * A follow-up date off the meetings' calendar that the form warned about (src/slack/follow-up-date-field.ts):
 * sent again unchanged, it is accepted. Null until a warning.
 */
const ACCEPT_DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable()
  .default(null);

/**
 * What the priority form carries to its submission: the idempotency key that makes a double submission one
 * change, the meeting it is bound to, the priority it edits (null for a new one) with its `updatedAt` when the
 * form opened (ISO; a save refuses to overwrite a change made since), and where to confirm.
 */
export const PRIORITY_METADATA = z
  .object({
    key: z.string().min(1).max(100),
    week: MEETING_WEEK,
    priorityId: PRIORITY_ID.nullable(),
    openedAt: z.iso.datetime().nullable(),
    ...REPLY_TO,
    acceptDate: ACCEPT_DATE,
  })
  // An edit must say what it was opened on; a new priority has nothing to compare.
  .refine((m) => (m.priorityId === null) === (m.openedAt === null));

export const FOLLOW_UP_METADATA = z.object({
  key: z.string().min(1).max(100),
  priorityId: PRIORITY_ID,
  ...REPLY_TO,
  acceptDate: ACCEPT_DATE,
});

export type PriorityFormMetadata = z.infer<typeof PRIORITY_METADATA>;
export type FollowUpFormMetadata = z.infer<typeof FOLLOW_UP_METADATA>;
export type ReplyTo = Pick<PriorityFormMetadata, 'channelId' | 'responseUrl' | 'issuedAt'>;

/** A text field of these forms: the limit as a hint (the bot checks it and answers on the field in Swedish). */
function textField(
  field: string,
  label: string,
  options: {
    maxLength: number;
    initial?: string | null;
    multiline?: boolean;
    optional?: boolean;
    hint?: string;
    placeholder?: string;
  },
) {
  return textInput(field, label, {
    ...options,
    actionId: VALUE,
    hint: [sv.common.maxCharacters(options.maxLength), options.hint].filter(Boolean).join(' '),
  });
}

export interface PriorityModalInput {
  /** `issuedAt` may be left out (no response_url to confirm through). */
  readonly metadata: z.input<typeof PRIORITY_METADATA>;
  readonly parties: readonly { readonly key: string; readonly name: string }[];
  readonly areas: readonly { readonly key: string; readonly name: string }[];
  /** Local date of the meeting the priority is (or was) agreed at. */
  readonly agreedDate: string;
  /** The date used when the picker is left empty: the next meeting after the agreeing one. */
  readonly defaultFollowUpDate: string;
  /** The priority being edited; for a new one, the parties to preselect (the user's own). */
  readonly priority: JointPriority | null;
  readonly preselectedParties: readonly string[];
  /** The coming held meetings, offered as follow-up dates. */
  readonly followUpChoices: readonly Meeting[];
  /** What was typed, when the form comes back with a warning: shown instead of the stored values. */
  readonly draft?: PriorityDraft & { readonly followUpChoice: FollowUpDateChoice };
  /** The warning about the follow-up date chosen (mrkdwn); the submit button then says "Spara ändå". */
  readonly dateWarning?: string | null;
}

/** The form for a new joint priority, or for changing one (prefilled). */
export function priorityModal(input: PriorityModalInput): ModalView {
  const m = sv.prioritet.modal;
  const p = input.priority;
  // The values shown: what was typed (a form back with a warning), else the stored priority's.
  const d = input.draft ?? null;
  const initialText = (typed: string | undefined, stored: string | null | undefined) =>
    d !== null ? typed : stored;
  const intro = [m.agreedAt(input.metadata.week, formatDay(input.agreedDate))];
  if (p !== null) intro.unshift(m.editing(p.id));
  const blocks: KnownBlock[] = [
    context(`${intro.join(' ')}\n${m.noPersonalData}`),
    textField('title', m.title, {
      initial: initialText(d?.title, p?.title),
      maxLength: PRIORITY_LIMITS.title,
      optional: false,
      placeholder: m.titlePlaceholder,
    }),
    textField('description', m.description, {
      initial: initialText(d?.description, p?.description),
      maxLength: PRIORITY_LIMITS.description,
      multiline: true,
    }),
    // Slack refuses initial options that are not among the options (an area since deactivated): multiSelect
    // preselects only those that are.
    multiSelect(
      'areas',
      m.areas,
      input.areas.map((a) => option(a.name, a.key)),
      { actionId: VALUE, optional: false, initial: d?.areaKeys ?? p?.areaKeys ?? [] },
    ),
    multiSelect(
      'parties',
      m.parties,
      input.parties.map((party) => option(party.name, party.key)),
      {
        actionId: VALUE,
        optional: false,
        initial: d?.partyKeys ?? p?.partyKeys ?? input.preselectedParties,
      },
    ),
    inputBlock('contactUserId', m.contact, {
      type: 'users_select',
      action_id: VALUE,
      ...((d !== null ? d.contactUserId : p?.contactUserId)
        ? { initial_user: (d !== null ? d.contactUserId : p?.contactUserId) as string }
        : {}),
    }),
    ...followUpDateBlocks({
      label: m.followUpMeeting,
      hint:
        p === null
          ? m.followUpHint(formatDay(input.defaultFollowUpDate))
          : m.followUpKeepHint(formatDay(p.followUpDate)),
      choices: input.followUpChoices,
      initial:
        d?.followUpChoice ??
        initialChoice(p?.followUpDate ?? input.defaultFollowUpDate, input.followUpChoices),
      warning: input.dateWarning ?? null,
    }),
    textField('effectShort', m.effectShort, {
      initial: initialText(d?.effectShort, p?.effectShort),
      maxLength: PRIORITY_LIMITS.effect,
      hint: m.effectHint,
    }),
    textField('effectLong', m.effectLong, {
      initial: initialText(d?.effectLong, p?.effectLong),
      maxLength: PRIORITY_LIMITS.effect,
      hint: m.effectHint,
    }),
    textField('citizenPromise', m.citizenPromise, {
      initial: initialText(d?.citizenPromise, p?.citizenPromise),
      maxLength: PRIORITY_LIMITS.citizenPromise,
      hint: m.citizenPromiseHint,
    }),
  ];
  return {
    type: 'modal',
    callback_id: PRIORITY_VIEWS.save,
    title: plain(p === null ? m.titleNew : m.titleEdit),
    submit: plain(input.dateWarning ? m.submitAnyway : m.submit),
    close: plain(m.close),
    private_metadata: JSON.stringify(PRIORITY_METADATA.parse(input.metadata)),
    blocks,
  };
}

/** The form's values as Slack sends them: `block_id → action_id → state`. */
type Values = ViewOutput['state']['values'];

function textOf(values: Values, field: string): string {
  return values[field]?.[VALUE]?.value ?? '';
}

function selectedOf(values: Values, field: string): string[] {
  return (values[field]?.[VALUE]?.selected_options ?? []).map((o) => o.value);
}

/**
 * The follow-up date a submission chose (src/domain/follow-up-dates.ts): "annat datum" without a date reads as
 * an empty date, which the validation refuses with "Välj ett datum i kalendern".
 */
function chosenDate(values: Values): string | null {
  const chosen = chosenFollowUpDate(readFollowUpDateChoice(values));
  return chosen === 'missing' ? '' : chosen;
}

/** What the priority form's submission holds, as typed. */
export function readPriorityDraft(values: Values): PriorityDraft {
  return {
    title: textOf(values, 'title'),
    description: textOf(values, 'description'),
    areaKeys: selectedOf(values, 'areas'),
    partyKeys: selectedOf(values, 'parties'),
    contactUserId: values.contactUserId?.[VALUE]?.selected_user ?? null,
    followUpDate: chosenDate(values),
    effectShort: textOf(values, 'effectShort'),
    effectLong: textOf(values, 'effectLong'),
    citizenPromise: textOf(values, 'citizenPromise'),
  };
}

/** The follow-up form: a note, and optionally a new status and a new follow-up date. */
export function followUpModal(input: {
  readonly metadata: z.input<typeof FOLLOW_UP_METADATA>;
  readonly priority: JointPriority;
  /** The coming held meetings, offered as the new follow-up date. */
  readonly followUpChoices: readonly Meeting[];
  /** What was typed, when the form comes back with a warning about the date. */
  readonly draft?: FollowUpDraft & { readonly followUpChoice: FollowUpDateChoice };
  readonly dateWarning?: string | null;
}): ModalView {
  const f = sv.prioritet.followUpModal;
  const { priority } = input;
  const d = input.draft ?? null;
  return {
    type: 'modal',
    callback_id: PRIORITY_VIEWS.followUp,
    title: plain(f.title),
    submit: plain(input.dateWarning ? sv.prioritet.modal.submitAnyway : f.submit),
    close: plain(f.close),
    private_metadata: JSON.stringify(FOLLOW_UP_METADATA.parse(input.metadata)),
    blocks: [
      section(f.heading(priority.id, escapeMrkdwn(priority.title), formatDay(priority.followUpDate))),
      context(sv.prioritet.modal.noPersonalData),
      textField('note', f.note, {
        maxLength: PRIORITY_LIMITS.note,
        multiline: true,
        optional: false,
        placeholder: f.notePlaceholder,
        initial: d?.note ?? null,
      }),
      select(
        'status',
        f.status,
        PRIORITY_STATUSES.map((status) => option(sv.prioritet.status[status], status)),
        { actionId: VALUE, hint: f.statusHint, initial: d?.status ?? null },
      ),
      ...followUpDateBlocks({
        label: f.followUpDate,
        hint: f.followUpHint,
        choices: input.followUpChoices,
        initial: d?.followUpChoice ?? { meeting: null, other: null },
        warning: input.dateWarning ?? null,
      }),
    ],
  };
}

export function readFollowUpDraft(values: Values): FollowUpDraft {
  const status = values.status?.[VALUE]?.selected_option?.value ?? null;
  return {
    note: textOf(values, 'note'),
    status: PRIORITY_STATUSES.includes(status as PriorityStatus) ? (status as PriorityStatus) : null,
    followUpDate: chosenDate(values),
  };
}

/**
 * Field errors in Swedish for `response_action: 'errors'`, keyed by block id (the field's name), as the plain
 * text Slack shows them in. `typed` gives the length of what was typed for "too long"; `today` and `closers`
 * (the responsible parties' names, for who may close a priority or change its parties) fill in their
 * messages. `closers` is best the names as stored; a mrkdwn string (`namesOf`) is made plain.
 */
export function fieldErrorMessages<F extends PriorityDraftField | FollowUpField>(
  errors: Partial<Record<F, FieldError>>,
  details: { typed: (field: F) => string; today: string; closers: string | readonly string[] },
): Record<string, string> {
  // Slack shows field errors as plain text: a mrkdwn list (`Polisen &amp; Co`) would show its entities.
  const closers =
    typeof details.closers === 'string' ? plainTextOf(details.closers) : details.closers.join(', ');
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
          return e.tooLong(error.limit ?? 0, characterCount(details.typed(field).trim()));
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
          return e.notAllowedToClose(closers);
        case 'notAllowedToChangeParties':
          return e.notAllowedToChangeParties(closers);
      }
    })();
  }
  return messages;
}
