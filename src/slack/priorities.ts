/**
 * The pieces every rendering of a joint priority shares: the ids its buttons and forms carry, names by key, its
 * dates, its line and its buttons. The list, the detail, the agenda's point 2 and the forms build on these in
 * files of their own (priority-list.ts, priority-detail.ts, priority-follow-ups.ts, priority-modals.ts).
 */

import type { ActionsBlock, Button } from '@slack/types';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { JointPriority } from '../domain/priorities.js';
import { isDue } from '../domain/priority-list.js';
import { formatLocalDate, isMeetingWeek, type MeetingWeek } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { button } from './blocks.js';
import { escapeMrkdwn, mention, splitText } from './mrkdwn.js';

/** Action ids of the priority buttons; commands/prioritet/buttons.ts registers a handler for each. */
export const PRIORITY_ACTIONS = {
  /** Opens the new-priority modal; value: the meeting week it is bound to (the agenda's), or empty. */
  new: 'prioritet_ny',
  /** Opens the follow-up modal; value: the priority id. */
  followUp: 'prioritet_folj_upp',
  complete: 'prioritet_klar',
  cancel: 'prioritet_avbryt',
  edit: 'prioritet_andra',
} as const;

/** A priority's id as its buttons and forms carry it, checked when it comes back (a Postgres integer). */
export const PRIORITY_ID = z.number().int().positive().max(2_147_483_647);

/** A meeting week as buttons and forms carry it (the agenda's, the call's, App Home's), checked on return. */
export const MEETING_WEEK = z.string().refine(isMeetingWeek);

/**
 * Names of parties and areas by key, for showing a priority's keys: the request's or job's Catalogue
 * (src/services/catalogue.ts) is one, and is passed as it is. Areas in the agreement's order.
 */
export interface CatalogueNames {
  readonly partyNames: ReadonlyMap<string, string>;
  readonly areaNames: ReadonlyMap<string, string>;
}

/** Days already formatted: a Home or a list shows up to a hundred, each costing tens of microseconds. */
const formattedDays = new Map<string, string>();

/** `2026-12-04` → `fredag 4 december 2026`: a calendar date, so read and shown in one zone (any; UTC). */
export function formatDay(isoDate: string): string {
  let text = formattedDays.get(isoDate);
  if (text === undefined) {
    text = formatLocalDate(DateTime.fromISO(isoDate, { zone: 'UTC' }).toJSDate(), 'UTC');
    if (formattedDays.size >= 5000) formattedDays.clear();
    formattedDays.set(isoDate, text);
  }
  return text;
}

/** The escaped names of the keys, comma-separated; an unknown key (a removed party) shows as the key. */
export function namesOf(keys: readonly string[], names: ReadonlyMap<string, string>): string {
  return keys.map((key) => escapeMrkdwn(names.get(key) ?? key)).join(', ');
}

/** Characters a list of names may take in a priority's line, so the line stays well within a section. */
const NAMES_MAX_CHARS = 800;

/** namesOf, cut visibly (never inside an escaped character) when very many or very long names would not fit. */
function namesLine(keys: readonly string[], names: ReadonlyMap<string, string>): string {
  const all = namesOf(keys, names);
  return all.length <= NAMES_MAX_CHARS ? all : `${splitText(all, NAMES_MAX_CHARS - 1)[0] ?? ''}…`;
}

/** `*#12 Title*`, escaped, for mrkdwn. */
export function priorityTitle(priority: Pick<JointPriority, 'id' | 'title'>): string {
  return `*#${priority.id} ${escapeMrkdwn(priority.title)}*`;
}

/**
 * A priority in two or three lines of mrkdwn: the title with its state, who is responsible for which areas,
 * when it is followed up. Usually a few hundred characters; at most about 2 600 (a title of 150 `&`, and the
 * names cut at NAMES_MAX_CHARS), within a section.
 */
export function priorityLine(
  priority: JointPriority,
  names: CatalogueNames,
  options: {
    /** Marks the priority due when it is due for a meeting on this date; null: no due mark. */
    meetingDate: string | null;
    showAreas?: boolean;
    showContact?: boolean;
  },
): string {
  const state =
    priority.status !== 'aktiv'
      ? `  ${sv.prioritet.line.closed(sv.prioritet.status[priority.status])}`
      : options.meetingDate !== null && isDue(priority, options.meetingDate)
        ? `  ${sv.prioritet.line.due}`
        : '';
  const details = [`${sv.prioritet.line.responsible}: ${namesLine(priority.partyKeys, names.partyNames)}`];
  if (options.showAreas !== false)
    details.push(`${sv.prioritet.line.areas}: ${namesLine(priority.areaKeys, names.areaNames)}`);
  const when = [`${sv.prioritet.line.followUp}: ${formatDay(priority.followUpDate)}`];
  if (options.showContact !== false && priority.contactUserId !== null)
    when.push(`${sv.prioritet.line.contact}: ${mention(priority.contactUserId)}`);
  return `${priorityTitle(priority)}${state}\n${details.join(' · ')}\n${when.join(' · ')}`;
}

/** The "Ny gemensam prioritering" button, bound to a meeting (the agenda passes its week). */
export function newPriorityButton(week: MeetingWeek | null): Button {
  return button(PRIORITY_ACTIONS.new, sv.prioritet.buttons.new, week ?? '');
}

export function followUpButton(priority: Pick<JointPriority, 'id'>): Button {
  return button(PRIORITY_ACTIONS.followUp, sv.prioritet.buttons.followUp, String(priority.id));
}

/**
 * Följ upp, Klarmarkera, Avbryt and Ändra; a closed priority keeps Följ upp and Ändra. Klarmarkera and Avbryt
 * open a small form asking for the result, which is the confirmation.
 */
export function priorityActions(priority: JointPriority): ActionsBlock {
  const value = String(priority.id);
  const elements: Button[] = [{ ...followUpButton(priority), style: 'primary' }];
  if (priority.status === 'aktiv') {
    elements.push(
      button(PRIORITY_ACTIONS.complete, sv.prioritet.buttons.complete, value),
      button(PRIORITY_ACTIONS.cancel, sv.prioritet.buttons.cancel, value, { style: 'danger' }),
    );
  }
  elements.push(button(PRIORITY_ACTIONS.edit, sv.prioritet.buttons.edit, value));
  return { type: 'actions', block_id: `prioritet_${priority.id}`, elements };
}
