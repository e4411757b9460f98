import type { HomeView, KnownBlock, SectionBlock } from '@slack/types';
import type { MeetingState } from '../domain/calendar.js';
import type { PartyStatus } from '../domain/entry.js';
import { type JointPriority, sortForMeeting } from '../domain/priorities.js';
import { formatLocalDateTime, type Meeting } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { context, divider, header, LIMITS, packLines, section } from './blocks.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';
import { followUpButton, newPriorityButton, priorityLine, priorityNames } from './priorities.js';

/** The action id of the "Lämna lägesbild" button; /lagesbild registers it (it opens the submission modal). */
export const HOME_SUBMIT_ACTION = 'lagesbild_oppna';

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
  /** Who to ask to be added, for someone who is no member. */
  readonly adminUserIds: readonly string[];
  /** Every active party's status for the coming meeting (listPartyStatuses). */
  readonly statuses: readonly PartyStatus[];
  /** The active joint priorities. */
  readonly priorities: readonly JointPriority[];
  readonly parties: readonly { readonly key: string; readonly name: string }[];
  readonly areas: readonly { readonly key: string; readonly name: string }[];
  /** Every membership, for admins; null for everyone else. */
  readonly members: readonly { readonly userId: string; readonly partyKey: string }[] | null;
}

/**
 * A user's App Home: the coming meeting, their party's status for it, the active joint priorities (their
 * parties' first, due ones marked) and, for admins, the members per party. Never more than Slack's 100 blocks:
 * what does not fit is counted and pointed to `/prioritet lista`.
 */
export function renderHome(input: HomeInput): HomeView {
  const h = sv.home;
  const member = input.userPartyKeys.length > 0;
  const names = priorityNames(input.parties, input.areas);

  const top: KnownBlock[] = [header(h.title), meetingSection(input)];
  top.push(divider());
  if (member) {
    top.push(section(`*${h.yourStatus}*`));
    const own = input.statuses.filter((s) => input.userPartyKeys.includes(s.partyKey));
    for (const status of own.slice(0, STATUS_PARTIES_MAX))
      top.push(statusSection(status, input.meeting.week));
  } else {
    top.push(section(h.notMember(input.adminUserIds.map(mention).join(', ') || sv.prioritet.noAdmins)));
  }

  const bottom: KnownBlock[] = [];
  if (input.isAdmin && input.members !== null) bottom.push(divider(), ...memberBlocks(input));
  bottom.push(context(h.updated(formatLocalDateTime(input.now, input.timezone))));

  const sorted = sortForMeeting(input.priorities, input.meeting.date);
  const own = sorted.filter((p) => p.partyKeys.some((key) => input.userPartyKeys.includes(key)));
  const others = sorted.filter((p) => !p.partyKeys.some((key) => input.userPartyKeys.includes(key)));
  // Each group: a divider, a heading, its priorities and possibly an "och N till" line.
  const groups = (member ? [own, others] : [others]).filter((list, i) => list.length > 0 || i === 0);
  const room = LIMITS.blocksPerView - top.length - bottom.length - groups.length * 3;
  const [firstShown = 0, secondShown = 0] = share(
    room,
    groups.map((g) => g.length),
  );

  const middle: KnownBlock[] = [];
  const item = (priority: JointPriority): KnownBlock => {
    const block: SectionBlock = {
      type: 'section',
      block_id: `home_prioritet_${priority.id}`,
      text: { type: 'mrkdwn', text: priorityLine(priority, names, { meetingDate: input.meeting.date }) },
    };
    return member ? { ...block, accessory: followUpButton(priority) } : block;
  };
  const addGroup = (
    heading: string,
    list: readonly JointPriority[],
    shown: number,
    withNewButton: boolean,
  ) => {
    middle.push(divider());
    const headingBlock: SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: heading } };
    middle.push(withNewButton ? { ...headingBlock, accessory: newPriorityButton(null) } : headingBlock);
    if (list.length === 0) middle.push(context(h.noPriorities));
    for (const priority of list.slice(0, shown)) middle.push(item(priority));
    if (list.length > shown) middle.push(section(h.more(list.length - shown)));
  };
  if (member) {
    addGroup(h.ownPriorities(own.length), own, firstShown, true);
    if (others.length > 0) addGroup(h.otherPriorities(others.length), others, secondShown, false);
  } else {
    addGroup(h.otherPriorities(others.length), others, firstShown, false);
  }
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
    h.nextMeeting(input.meeting.week, formatLocalDateTime(input.meeting.startsAt, input.timezone)),
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

function statusSection(status: PartyStatus, week: string): KnownBlock {
  const h = sv.home;
  const party = escapeMrkdwn(status.partyName);
  let text =
    status.entryCount > 0
      ? h.submitted(party, status.entryCount)
      : status.nothingToReport
        ? h.nothingToReport(party)
        : h.notSubmitted(party);
  if (status.assessment !== null) text += h.assessment(sv.compiled.assessment[status.assessment]);
  return {
    type: 'section',
    block_id: `home_status_${status.partyKey}`,
    text: { type: 'mrkdwn', text },
    accessory: {
      type: 'button',
      action_id: HOME_SUBMIT_ACTION,
      text: { type: 'plain_text', text: h.submitButton, emoji: true },
      // The meeting the submission is for, as on the agenda's "Lämna lägesbild".
      value: week,
      ...(status.submitted ? {} : { style: 'primary' as const }),
    },
  };
}

/** Members per party for admins: one line of mentions per party, bounded, with what is left counted. */
function memberBlocks(input: HomeInput): KnownBlock[] {
  const h = sv.home;
  const blocks: KnownBlock[] = [section(h.members)];
  const members = input.members ?? [];
  let index = 0;
  for (const party of input.parties) {
    const ids = members.filter((m) => m.partyKey === party.key).map((m) => mention(m.userId));
    const line = `*${escapeMrkdwn(party.name)}* (${ids.length}): ${ids.length === 0 ? h.noMembers : ids.join(', ')}`;
    const partyBlocks = packLines([line]);
    const rest = input.parties.length - index;
    // Keep one block for the "och N parter till" line unless this is the last party.
    if (blocks.length + partyBlocks.length + (rest > 1 ? 1 : 0) > MEMBER_BLOCKS_MAX) {
      blocks.push(section(h.membersMore(rest)));
      return blocks;
    }
    blocks.push(...partyBlocks);
    index += 1;
  }
  return blocks;
}
