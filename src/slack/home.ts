/**
 * The App Home tab as Block Kit: the coming meeting and the user's parties' lägesbild status, the joint
 * priorities, and for admins the members per party, always within Slack's 100 blocks.
 */

import type { HomeView, KnownBlock, SectionBlock } from '@slack/types';
import { isParticipant } from '../domain/actor.js';
import type { MeetingState } from '../domain/calendar.js';
import type { PartyStatus } from '../domain/entry.js';
import type { JointPriority } from '../domain/priorities.js';
import { sortForMeeting } from '../domain/priority-list.js';
import { formatLocalDateTime, type Meeting } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { button, context, divider, header, LIMITS, packLines, section } from './blocks.js';
import { LAGESBILD_ACTIONS } from './lagesbild-buttons.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';
import { type CatalogueNames, followUpButton, newPriorityButton, priorityLine } from './priorities.js';

/** One group of priorities on Home: the first ones, and how many the group holds in all. */
export interface PriorityGroup {
  readonly priorities: readonly JointPriority[];
  readonly total: number;
}

/** More priorities than Home can ever show in one group: what a caller needs to read of each. */
export const HOME_PRIORITIES_MAX = LIMITS.blocksPerView;

/** Blocks the admins' member list may take, so priorities always keep most of the view. */
const MEMBER_BLOCKS_MAX = 12;
const STATUS_PARTIES_MAX = 6;

export interface HomeInput {
  readonly userId: string;
  readonly now: Date;
  readonly timezone: string;
  /** The coming meeting: the next that has not started, the one submissions go to. */
  readonly meeting: Meeting;
  readonly meetingState: MeetingState;
  readonly meetingUrl: string | null;
  /** The user's parties, in the parties' order; empty for someone who is no member. */
  readonly userPartyKeys: readonly string[];
  readonly isAdmin: boolean;
  /** Who to ask to be added, for someone who is neither a member nor an admin. */
  readonly adminUserIds: readonly string[];
  /** Every active party's status for the coming meeting (listPartyStatuses). */
  readonly statuses: readonly PartyStatus[];
  /**
   * The active joint priorities, those of the user's parties and the others (for someone in no party, all are
   * others): of each its first ones in follow-up order (HOME_PRIORITIES_MAX are more than Home can show) and
   * how many it holds. Not shown (and best not read) for someone who may not contribute.
   */
  readonly priorities: { readonly own: PriorityGroup; readonly others: PriorityGroup };
  /** The parties (in the agenda's order) and the names of parties and areas: the Catalogue. */
  readonly catalogue: CatalogueNames & {
    readonly parties: readonly { readonly key: string; readonly name: string }[];
  };
  /** Every membership, for admins; null for everyone else. */
  readonly members: readonly { readonly userId: string; readonly partyKey: string }[] | null;
}

/**
 * A user's App Home: the coming meeting, their party's status for it, the active joint priorities (their
 * parties' first, due ones marked) and, for admins, the members per party. Never more than Slack's 100 blocks:
 * what does not fit is counted and pointed to `/prioritet lista`. Someone who is neither a party member nor an
 * admin may not read the priorities (as with `/prioritet lista`) and sees only how to be added.
 */
export function renderHome(input: HomeInput): HomeView {
  const h = sv.home;
  const member = input.userPartyKeys.length > 0;
  const contributor = isParticipant({
    userId: input.userId,
    partyKeys: input.userPartyKeys,
    isAdmin: input.isAdmin,
  });
  const names = input.catalogue;

  const top: KnownBlock[] = [header(h.title), meetingSection(input)];
  top.push(divider());
  if (member) top.push(...statusBlocks(input));
  else if (input.isAdmin) top.push(section(h.adminNoParty));
  else top.push(section(h.notMember(input.adminUserIds.map(mention).join(', ') || sv.prioritet.noAdmins)));
  if (input.isAdmin && !input.meetingState.cancelled) top.push(...allStatusBlocks(input.statuses));

  const bottom: KnownBlock[] = [];
  if (input.isAdmin && input.members !== null) bottom.push(divider(), ...memberBlocks(input));
  bottom.push(context(h.updated(formatLocalDateTime(input.now, input.timezone))));
  if (!contributor) return { type: 'home', blocks: [...top, ...bottom] };

  const { own, others } = input.priorities;
  const sorted = (group: PriorityGroup) => sortForMeeting(group.priorities, input.meeting.date);
  // The first group carries the "Ny gemensam prioritering" button, and is shown even when it is empty.
  const groups: Array<{ heading: string; list: readonly JointPriority[]; total: number }> = member
    ? [
        { heading: h.ownPriorities(own.total), list: sorted(own), total: own.total },
        ...(others.total > 0
          ? [{ heading: h.otherPriorities(others.total), list: sorted(others), total: others.total }]
          : []),
      ]
    : [{ heading: h.allPriorities(others.total), list: sorted(others), total: others.total }];
  // Each group: a divider, a heading, its priorities and possibly an "och N till" line.
  const room = LIMITS.blocksPerView - top.length - bottom.length - groups.length * 3;
  const shown = share(
    room,
    groups.map((g) => g.list.length),
  );

  const middle: KnownBlock[] = [];
  groups.forEach((group, index) => {
    middle.push(divider());
    const heading: SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: group.heading } };
    middle.push(index === 0 ? { ...heading, accessory: newPriorityButton(null) } : heading);
    if (group.total === 0) middle.push(context(h.noPriorities));
    const count = shown[index] ?? 0;
    for (const priority of group.list.slice(0, count)) {
      middle.push({
        type: 'section',
        block_id: `home_prioritet_${priority.id}`,
        text: { type: 'mrkdwn', text: priorityLine(priority, names, { meetingDate: input.meeting.date }) },
        accessory: followUpButton(priority),
      });
    }
    if (group.total > count) middle.push(section(h.more(group.total - count)));
  });
  return { type: 'home', blocks: [...top, ...middle, ...bottom] };
}

/**
 * Shares `room` item slots between groups: each first gets an even share, and what a small group does not
 * use goes to the others, in order.
 */
function share(room: number, sizes: readonly number[]): number[] {
  const shown = sizes.map(() => 0);
  let left = Math.max(0, room);
  let open = sizes.map((_, i) => i);
  while (left > 0 && open.length > 0) {
    const each = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      const take = Math.min(each, (sizes[i] ?? 0) - (shown[i] ?? 0), left);
      shown[i] = (shown[i] ?? 0) + take;
      left -= take;
    }
    open = open.filter((i) => (shown[i] ?? 0) < (sizes[i] ?? 0));
  }
  return shown;
}

function meetingSection(input: HomeInput): KnownBlock {
  const h = sv.home;
  const lines = [
    h.nextMeeting(input.meeting.week, formatLocalDateTime(input.meeting.startsAt, input.timezone, input.now)),
  ];
  if (input.meetingState.cancelled) {
    lines.push(
      h.cancelled(input.meetingState.reason === null ? null : escapeMrkdwn(input.meetingState.reason)),
    );
  } else if (input.meetingUrl !== null) {
    lines.push(h.meetingLink(input.meetingUrl));
  }
  return section(lines.join('\n'));
}

/** The user's parties' status for the coming meeting, each with its button; beyond a few, the rest counted. */
function statusBlocks(input: HomeInput): KnownBlock[] {
  const own = input.statuses.filter((s) => input.userPartyKeys.includes(s.partyKey));
  const blocks: KnownBlock[] = [section(`*${sv.home.yourStatus}*`)];
  for (const status of own.slice(0, STATUS_PARTIES_MAX))
    blocks.push(statusSection(status, input.meeting.week));
  const rest = own.slice(STATUS_PARTIES_MAX);
  if (rest.length > 0)
    blocks.push(section(sv.home.statusMore(rest.length, rest.filter((s) => s.submitted).length)));
  return blocks;
}

/**
 * For admins, who run the meeting: every party's status for the coming meeting, a line each as on the agenda,
 * with how many have submitted (packed into few sections however many parties there are).
 */
function allStatusBlocks(statuses: readonly PartyStatus[]): KnownBlock[] {
  const h = sv.home;
  if (statuses.length === 0) return [];
  const lines = statuses.map(statusLine);
  const submitted = statuses.filter((s) => s.submitted).length;
  return [
    ...packLines([h.allStatuses, ...lines]),
    context(sv.cycle.agenda.count(submitted, statuses.length)),
  ];
}

/** A party's lägesbild status for the coming meeting, and its overall assessment when it gave one. */
function statusLine(status: PartyStatus): string {
  const h = sv.home;
  const party = escapeMrkdwn(status.partyName);
  const line =
    status.entryCount > 0
      ? h.submitted(party, status.entryCount)
      : status.nothingToReport
        ? h.nothingToReport(party)
        : h.notSubmitted(party);
  return status.assessment === null
    ? line
    : `${line}${h.assessment(sv.compiled.assessment[status.assessment])}`;
}

function statusSection(status: PartyStatus, week: string): KnownBlock {
  return {
    type: 'section',
    block_id: `home_status_${status.partyKey}`,
    text: { type: 'mrkdwn', text: statusLine(status) },
    // The meeting the submission is for, as on the agenda's "Lämna lägesbild".
    accessory: button(
      LAGESBILD_ACTIONS.open,
      sv.home.submitButton,
      week,
      status.submitted ? {} : { style: 'primary' },
    ),
  };
}

/**
 * Members per party for admins: one line of mentions per party, within MEMBER_BLOCKS_MAX blocks. A party whose
 * members do not fit in the blocks left shows those that do and counts the rest; parties after it are counted.
 */
function memberBlocks(input: HomeInput): KnownBlock[] {
  const h = sv.home;
  const blocks: KnownBlock[] = [section(h.members)];
  const members = input.members ?? [];
  const { parties } = input.catalogue;
  for (const [index, party] of parties.entries()) {
    const after = parties.length - index - 1;
    // Keep one block for the "och N parter till" line while parties follow.
    const room = MEMBER_BLOCKS_MAX - blocks.length - (after > 0 ? 1 : 0);
    if (room < 1) {
      blocks.push(section(h.membersMore(after + 1)));
      return blocks;
    }
    const ids = members.filter((m) => m.partyKey === party.key).map((m) => mention(m.userId));
    const head = `*${escapeMrkdwn(party.name)}* (${ids.length}): `;
    const partyBlocks = packLines([`${head}${ids.length === 0 ? h.noMembers : ids.join(', ')}`]);
    if (partyBlocks.length <= room) {
      blocks.push(...partyBlocks);
      continue;
    }
    blocks.push(...membersThatFit(head, ids, room));
    if (after > 0) blocks.push(section(h.membersMore(after)));
    return blocks;
  }
  return blocks;
}

/** As many of a party's member mentions as fit in `room` sections, the last ending with how many more there are. */
function membersThatFit(head: string, ids: readonly string[], room: number): KnownBlock[] {
  const closing = (rest: number) => ` ${sv.home.partyMembersMore(rest)}`;
  const reserve = closing(ids.length).length;
  const texts: string[] = [];
  let current = head;
  let shown = 0;
  for (const id of ids) {
    const last = texts.length === room - 1;
    const limit = LIMITS.sectionText - (last ? reserve : 0);
    const piece = shown === 0 || current === '' ? id : `, ${id}`;
    if (current.length + piece.length <= limit) current += piece;
    else if (!last) {
      texts.push(current);
      current = id;
    } else break;
    shown += 1;
  }
  if (shown < ids.length) current += closing(ids.length - shown);
  texts.push(current);
  return texts.map((text) => section(text));
}
