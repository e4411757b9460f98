/**
 * What the two priority forms carry and give back: their callback ids, their private_metadata (checked with zod
 * when it returns), the submitted values read into drafts, and the field errors in Swedish. Apart from the views
 * (priority-modals.ts) so the submission handlers read and answer a form without building one.
 */

import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { chosenFollowUpDate } from '../domain/follow-up-dates.js';
import {
  type FieldError,
  type FollowUpDraft,
  type FollowUpField,
  PRIORITY_STATUSES,
  type PriorityDraft,
  type PriorityDraftField,
  type PriorityStatus,
} from '../domain/priorities.js';
import { characterCount } from '../domain/text.js';
import { sv } from '../i18n/sv.js';
import { readFollowUpDateChoice } from './follow-up-date-field.js';
import { plainTextOf } from './plain-text.js';
import { formatDay, MEETING_WEEK, PRIORITY_ID } from './priorities.js';

/** Callback ids of the two forms; commands/prioritet/forms.ts handles their submissions. */
export const PRIORITY_VIEWS = {
  save: 'prioritet_spara',
  followUp: 'prioritet_uppfoljning',
} as const;

/** The one action id every input element uses; the block id names the field. */
export const FIELD_ACTION_ID = 'value';

/**
 * Where a submission's confirmation goes: the response_url of the command or message the form was opened from
 * (ephemeral, and it works in channels the bot is not in), else ephemerally in its channel. `issuedAt` is when
 * the response_url was issued (it lives 30 minutes); absent in forms opened before it was recorded. From App
 * Home there is neither, and Home itself shows the change. The client sends all this back: a response_url that
 * is no web address is refused here, and one that is not Slack's is never posted to (src/effects/replies.ts,
 * which knows the configured Slack origin).
 */
export const REPLY_TO = {
  channelId: z.string().min(1).max(50).nullable(),
  responseUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
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

/** The form's values as Slack sends them: `block_id → action_id → state`. */
type Values = ViewOutput['state']['values'];

function textOf(values: Values, field: string): string {
  return values[field]?.[FIELD_ACTION_ID]?.value ?? '';
}

function selectedOf(values: Values, field: string): string[] {
  return (values[field]?.[FIELD_ACTION_ID]?.selected_options ?? []).map((o) => o.value);
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
    contactUserId: values.contactUserId?.[FIELD_ACTION_ID]?.selected_user ?? null,
    followUpDate: chosenDate(values),
    effectShort: textOf(values, 'effectShort'),
    effectLong: textOf(values, 'effectLong'),
    citizenPromise: textOf(values, 'citizenPromise'),
  };
}

export function readFollowUpDraft(values: Values): FollowUpDraft {
  const status = values.status?.[FIELD_ACTION_ID]?.selected_option?.value ?? null;
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
