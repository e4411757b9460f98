/**
 * The follow-up date in the priority forms: a list of the coming held meetings ("annat datum" last) and a date
 * picker for another date, and the warning a form comes back with when the date chosen falls on a cancelled
 * meeting or on a day without one (src/domain/follow-up-dates.ts). Block ids: `followUpMeeting` (the list),
 * `followUpDate` (the picker).
 */

import type { ViewOutput } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { type FollowUpDateCheck, type FollowUpDateChoice, OTHER_DATE } from '../domain/follow-up-dates.js';
import type { Meeting } from '../domain/schedule.js';
import { weekNumberOf } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { context, inputBlock, option, select } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { formatDay } from './priorities.js';

const VALUE = 'value';
export const FOLLOW_UP_MEETING_BLOCK = 'followUpMeeting';
export const FOLLOW_UP_DATE_BLOCK = 'followUpDate';

/** Which option and date the two fields start with, for a date: its meeting in the list, else the picker. */
export function initialChoice(date: string | null, choices: readonly Meeting[]): FollowUpDateChoice {
  if (date === null) return { meeting: null, other: null };
  return choices.some((m) => m.date === date)
    ? { meeting: date, other: null }
    : { meeting: OTHER_DATE, other: date };
}

/** The two fields, and the warning under them when there is one. */
export function followUpDateBlocks(input: {
  readonly label: string;
  readonly hint: string;
  readonly choices: readonly Meeting[];
  readonly initial: FollowUpDateChoice;
  /** The warning about the date chosen (already mrkdwn), shown under the fields. */
  readonly warning?: string | null;
}): KnownBlock[] {
  const m = sv.prioritet.modal;
  const options = [
    ...input.choices.map((meeting) =>
      option(m.followUpChoice(formatDay(meeting.date), weekNumberOf(meeting.week)), meeting.date),
    ),
    option(m.otherDateOption, OTHER_DATE),
  ];
  const blocks: KnownBlock[] = [
    select(FOLLOW_UP_MEETING_BLOCK, input.label, options, {
      actionId: VALUE,
      initial: input.initial.meeting,
      hint: input.hint,
    }),
    inputBlock(
      FOLLOW_UP_DATE_BLOCK,
      m.otherDate,
      {
        type: 'datepicker',
        action_id: VALUE,
        ...(input.initial.other === null ? {} : { initial_date: input.initial.other }),
      },
      { hint: m.otherDateHint },
    ),
  ];
  if (input.warning) blocks.push(context(input.warning));
  return blocks;
}

type Values = ViewOutput['state']['values'];

/** What the two fields hold in a submission. */
export function readFollowUpDateChoice(values: Values): FollowUpDateChoice {
  return {
    meeting: values[FOLLOW_UP_MEETING_BLOCK]?.[VALUE]?.selected_option?.value ?? null,
    other: values[FOLLOW_UP_DATE_BLOCK]?.[VALUE]?.selected_date ?? null,
  };
}

/** The warning about a date that is not a held meeting's, in mrkdwn; null for a held meeting's date. */
export function followUpDateWarning(date: string, check: FollowUpDateCheck): string | null {
  const m = sv.prioritet.modal;
  if (check.kind === 'meeting') return null;
  const next = check.next === null ? m.noNextHeld : m.nextHeld(formatDay(check.next.date));
  if (check.kind === 'cancelled') {
    const why = check.reason === null ? '' : m.cancelledBecause(escapeMrkdwn(check.reason));
    return m.dateOnCancelled(formatDay(date), why, next);
  }
  return m.dateWithoutMeeting(formatDay(date), next);
}
