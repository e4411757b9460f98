/**
 * The weekly cycle's messages as Block Kit: the Friday agenda with each party's lägesbild status, the call
 * for input, the last call, the cancellation notice, and the admins' alert when Slack refuses a post.
 */

import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { MeetingState } from '../domain/calendar.js';
import type { PartyStatus } from '../domain/entry.js';
import type { Problem } from '../domain/problem.js';
import {
  formatLocalDate,
  formatLocalDateTime,
  formatLocalTime,
  type Meeting,
  type MeetingWeek,
  weekNumberOf,
} from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import {
  button,
  context,
  divider,
  header,
  LIMITS,
  packLines,
  type SlackMessage,
  section,
  textSize,
} from './blocks.js';
import { LAGESBILD_ACTIONS, nothingButton } from './lagesbild-buttons.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';

/**
 * Action ids of the agenda's own buttons. "Lämna lägesbild" there and in the call for input is lägesbild's
 * (LAGESBILD_ACTIONS.open; value: the meeting week).
 */
export const AGENDA_ACTIONS = {
  /** Shows the compiled picture ephemerally; registered by commands/agenda.ts. Value: the meeting week. */
  showPicture: 'agenda_visa_lagesbild',
} as const;

export interface AgendaInput {
  readonly meeting: Meeting;
  readonly timezone: string;
  readonly meetingUrl: string | null;
  readonly statuses: readonly PartyStatus[];
  readonly state: MeetingState;
  /**
   * Point 2 (follow-up of joint priorities) as blocks, its heading included, as
   * `renderAgendaPrioritiesSection` in src/slack/priority-follow-ups.ts renders it. Absent: the heading alone.
   * At most `followUpBudget(statuses)` blocks.
   */
  readonly followUp?: readonly KnownBlock[];
  /** A button under point 3, such as "Ny gemensam prioritering" bound to this meeting. */
  readonly newPriorityButton?: Button;
  /**
   * Point 3's content: the joint priorities proposed for the meeting, a line each (mrkdwn, with their
   * proposers' names), at most POINT_3_CHARS characters in all (`renderProposals` in src/slack/proposals.ts).
   */
  readonly proposals?: readonly string[];
  /** Buttons for the meeting's minutes ("Anteckna i protokollet", "Närvaro"), beside the agenda's own. */
  readonly minutesButtons?: readonly Button[];
}

/** Characters point 3's proposals may take (AGENDA_FIXED_CHARS counts them). */
export const POINT_3_CHARS = 1500;

function partyLines(statuses: readonly PartyStatus[]): string[] {
  const a = sv.cycle.agenda;
  return statuses.map((status) => {
    const name = `*${escapeMrkdwn(status.partyName)}*`;
    const line =
      status.entryCount > 0
        ? a.submitted(name, status.entryCount)
        : status.nothingToReport
          ? a.nothingToReport(name)
          : a.missing(name);
    return status.assessment === null
      ? line
      : `${line}${a.assessment(sv.compiled.assessment[status.assessment])}`;
  });
}

function pictureBlocks(statuses: readonly PartyStatus[]): KnownBlock[] {
  if (statuses.length === 0) return packLines([sv.cycle.agenda.picture, sv.cycle.agenda.noParties]);
  const submitted = statuses.filter((s) => s.submitted).length;
  return [
    ...packLines([sv.cycle.agenda.picture, ...partyLines(statuses)]),
    context(sv.cycle.agenda.count(submitted, statuses.length)),
  ];
}

/** Blocks of the agenda besides point 2's content: header, time, divider, point 1, points 3 and 4, buttons, note. */
function fixedBlockCount(statuses: readonly PartyStatus[]): number {
  return 2 + 1 + pictureBlocks(statuses).length + 2 + 1 + 1;
}

/**
 * Blocks the agenda may take: Slack's 50 less a margin, as it is redrawn all week and sits at the edge
 * otherwise.
 */
export const AGENDA_MAX_BLOCKS = LIMITS.blocksPerMessage - 5;

/**
 * Characters of text the agenda takes besides point 2 and the party lines, with a long meeting link and point
 * 3's proposals.
 */
const AGENDA_FIXED_CHARS = 2000 + POINT_3_CHARS;

/** How many blocks point 2 may take so the agenda stays one message within AGENDA_MAX_BLOCKS. */
export function followUpBudget(statuses: readonly PartyStatus[]): number {
  return AGENDA_MAX_BLOCKS - fixedBlockCount(statuses);
}

/** How many characters of text point 2 may take so the agenda stays within the message budget. */
export function followUpCharBudget(statuses: readonly PartyStatus[]): number {
  return LIMITS.packChars - AGENDA_FIXED_CHARS - textSize(pictureBlocks(statuses));
}

/**
 * The Friday agenda: week, date, time and link; the four points, point 1 with each party's ✅/⏳ and count;
 * buttons to submit and to see the compiled picture. Re-rendered from the database for every live update.
 * A cancelled meeting's agenda says so and offers nothing to do.
 */
export function renderAgenda(input: AgendaInput): SlackMessage {
  const a = sv.cycle.agenda;
  const { meeting, timezone } = input;
  const week = weekNumberOf(meeting.week);
  const date = formatLocalDate(meeting.startsAt, timezone);
  if (input.state.cancelled) {
    const why = input.state.reason === null ? '' : `: ${escapeMrkdwn(input.state.reason)}`;
    return {
      text: a.cancelledFallback(week),
      blocks: [header(a.cancelledTitle(week, date)), section(a.cancelled(why))],
    };
  }

  const time = a.time(formatLocalTime(meeting.startsAt, timezone), formatLocalTime(meeting.endsAt, timezone));
  const followUp = input.followUp ?? [];
  const budget = followUpBudget(input.statuses);
  if (followUp.length > budget) {
    throw new RangeError(`Punkt 2 har ${followUp.length} block men får ta högst ${budget}`);
  }
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: 'agenda_actions',
    elements: [
      button(LAGESBILD_ACTIONS.open, a.submit, meeting.week, { style: 'primary' }),
      button(AGENDA_ACTIONS.showPicture, a.show, meeting.week),
      ...(input.minutesButtons ?? []),
    ],
  };
  const point3 = [a.newPriorities, ...(input.proposals ?? [])].join('\n');
  const newPriorities: KnownBlock =
    input.newPriorityButton === undefined
      ? section(point3)
      : {
          type: 'section',
          text: { type: 'mrkdwn', text: point3 },
          accessory: input.newPriorityButton,
        };
  return {
    text: a.fallback(week, formatLocalDateTime(meeting.startsAt, timezone)),
    blocks: [
      header(a.title(week, date)),
      section(input.meetingUrl === null ? time : `${time} · ${a.link(input.meetingUrl)}`),
      divider(),
      ...pictureBlocks(input.statuses),
      ...(followUp.length > 0 ? followUp : [section(a.followUp)]),
      newPriorities,
      section(a.other),
      actions,
      context(a.live),
    ],
  };
}

export interface MissingParty {
  readonly partyName: string;
  readonly memberIds: readonly string[];
}

/** The last call, a reply in the agenda's thread: which parties are still missing, their members mentioned. */
export function renderLastCall(input: {
  readonly meeting: Meeting;
  readonly timezone: string;
  readonly missing: readonly MissingParty[];
  readonly partyCount: number;
}): SlackMessage {
  const l = sv.cycle.lastCall;
  const lines = [
    l.intro(formatLocalTime(input.meeting.startsAt, input.timezone), input.missing.length, input.partyCount),
    ...input.missing.map((party) =>
      l.party(
        escapeMrkdwn(party.partyName),
        party.memberIds.length === 0 ? l.noMembers : party.memberIds.map(mention).join(' '),
      ),
    ),
  ];
  return {
    text: l.fallback(weekNumberOf(input.meeting.week)),
    blocks: [...packLines(lines), context(l.how)],
  };
}

/** `*A*`, `*A* och *B*`, `*A*, *B* och *C*`. */
function joinNames(names: readonly string[]): string {
  const bold = names.map((name) => `*${escapeMrkdwn(name)}*`);
  if (bold.length <= 1) return bold.join('');
  return `${bold.slice(0, -1).join(', ')} och ${bold[bold.length - 1]}`;
}

/** The call for input, a direct message to a member of a party that has not submitted. */
export function renderCallForInput(input: {
  readonly meeting: Meeting;
  readonly timezone: string;
  /** The user's parties that have not submitted. */
  readonly partyNames: readonly string[];
}): SlackMessage {
  const c = sv.cycle.call;
  const week = weekNumberOf(input.meeting.week);
  return {
    text: c.fallback(week),
    blocks: [
      section(
        c.greeting(
          week,
          // With its year when the meeting is in another year than the call, the day before it.
          formatLocalDateTime(input.meeting.startsAt, input.timezone, input.meeting.callAt),
          joinNames(input.partyNames),
        ),
      ),
      section(c.how),
      {
        type: 'actions',
        block_id: 'call_actions',
        elements: [
          button(LAGESBILD_ACTIONS.open, c.submit, input.meeting.week, { style: 'primary' }),
          nothingButton(input.meeting.week),
        ],
      },
      context(c.lock(formatLocalTime(input.meeting.startsAt, input.timezone))),
    ],
  };
}

/** Posted in the channel at agenda time instead of the agenda when the meeting is cancelled. */
export function renderCancellationNotice(input: {
  readonly meeting: Meeting;
  readonly timezone: string;
  readonly reason: string | null;
  readonly next: Meeting | null;
}): SlackMessage {
  const n = sv.cycle.notice;
  const week = weekNumberOf(input.meeting.week);
  const lines = [n.text(week, formatLocalDate(input.meeting.startsAt, input.timezone))];
  if (input.reason !== null) lines.push(n.reason(escapeMrkdwn(input.reason)));
  lines.push(
    input.next === null
      ? n.noNext
      : // Posted on the cancelled day: the next meeting's year is given when it is another.
        n.next(formatLocalDateTime(input.next.startsAt, input.timezone, input.meeting.startsAt)),
  );
  return { text: n.fallback(week), blocks: packLines(lines) };
}

/** An alert for one meeting week. */
export interface AlertInput extends Problem {
  readonly week: MeetingWeek;
}

/** The direct message each admin gets when Slack refuses something for good: what failed and what to fix. */
export function renderAdminAlert(input: AlertInput): SlackMessage {
  const t = sv.cycle.alert;
  const week = weekNumberOf(input.week);
  const channel = input.channelId === null ? '' : `<#${input.channelId}>`;
  const user = input.userId === null ? '' : mention(input.userId);
  const where = input.userId !== null ? t.toUser(user) : input.channelId !== null ? t.inChannel(channel) : '';
  const fix =
    input.fix === 'check-member'
      ? t.fix['check-member'](user)
      : input.fix === 'reinstall-app' || input.fix === 'report-bug'
        ? t.fix[input.fix]()
        : t.fix[input.fix](channel);
  const blocks: KnownBlock[] = [
    section(t.intro(t.what[input.action] ?? t.somethingElse, week, where, escapeMrkdwn(input.code))),
    section(fix),
  ];
  if (input.retryInMinutes !== null) blocks.push(context(t.retry(input.retryInMinutes)));
  return { text: t.fallback(week), blocks };
}
