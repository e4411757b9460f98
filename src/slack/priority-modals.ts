/**
 * The two forms of the joint priorities as Block Kit views: a new or changed priority, and a follow-up. What
 * they carry and give back (metadata, values, field errors) is in priority-modal-data.ts.
 */

import type { KnownBlock, ModalView } from '@slack/types';
import type { z } from 'zod';
import type { FollowUpDateChoice } from '../domain/follow-up-dates.js';
import {
  type FollowUpDraft,
  type JointPriority,
  PRIORITY_LIMITS,
  PRIORITY_STATUSES,
  type PriorityDraft,
} from '../domain/priorities.js';
import type { Meeting } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { context, inputBlock, multiSelect, option, plain, section, select, textInput } from './blocks.js';
import { followUpDateBlocks, initialChoice } from './follow-up-date-field.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { formatDay } from './priorities.js';
import {
  FIELD_ACTION_ID,
  FOLLOW_UP_METADATA,
  PRIORITY_METADATA,
  PRIORITY_VIEWS,
} from './priority-modal-data.js';

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
    actionId: FIELD_ACTION_ID,
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
      { actionId: FIELD_ACTION_ID, optional: false, initial: d?.areaKeys ?? p?.areaKeys ?? [] },
    ),
    multiSelect(
      'parties',
      m.parties,
      input.parties.map((party) => option(party.name, party.key)),
      {
        actionId: FIELD_ACTION_ID,
        optional: false,
        initial: d?.partyKeys ?? p?.partyKeys ?? input.preselectedParties,
      },
    ),
    inputBlock('contactUserId', m.contact, {
      type: 'users_select',
      action_id: FIELD_ACTION_ID,
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
        { actionId: FIELD_ACTION_ID, hint: f.statusHint, initial: d?.status ?? null },
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
