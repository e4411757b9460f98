/**
 * "Beslut och uppföljning v.NN", the meeting's minutes, posted in the agenda's thread after it: who attended,
 * what became of the joint priorities at the meeting (and between meetings, for it), and "Övrigt", the other
 * decisions and notes written with `/protokoll`. People are named by their display names, never mentioned:
 * the bot pings nobody.
 */

import type { KnownBlock } from '@slack/types';
import type { Minutes } from '../domain/minutes.js';
import {
  decisionsOfWeek,
  hasDecisions,
  type PriorityActivity,
  type WeekDecision,
  type WeekDecisions,
} from '../domain/priority-decisions.js';
import { weekNumberOf } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { nameOf } from '../services/user-names.js';
import { divider, packLines, paginate, type SlackMessage, section } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { type CatalogueNames, formatDay, namesOf, priorityTitle } from './priorities.js';

/** The rest of the minutes, and the display names of the people they name (src/services/user-names.ts). */
export interface MinutesInput {
  readonly minutes: Minutes;
  /** Every active party, in the parties' order: those not marked present are listed as absent. */
  readonly parties: readonly { readonly key: string; readonly name: string }[];
}

const quoted = (text: string) => escapeMrkdwn(text).replace(/\n/g, '\n> ');

/**
 * A priority as the minutes tell it: title and state, who is responsible for which areas, and for one still
 * active when it is followed up next — never a date that has passed, which would read as the next one. A
 * closed one has its result instead.
 */
function decisionLines(
  decision: WeekDecision,
  names: CatalogueNames,
  people: ReadonlyMap<string, string>,
  meetingDate: string,
): string {
  const s = sv.prioritet.summary;
  const { priority } = decision;
  const state =
    priority.status === 'aktiv' ? '' : `  ${sv.prioritet.line.closed(sv.prioritet.status[priority.status])}`;
  const lines = [
    `${priorityTitle(priority)}${state}${decision.agreedHere && priority.status !== 'aktiv' ? ` · ${s.agreedHere}` : ''}`,
    `${sv.prioritet.line.responsible}: ${namesOf(priority.partyKeys, names.partyNames)} · ${sv.prioritet.line.areas}: ${namesOf(priority.areaKeys, names.areaNames)}`,
  ];
  if (priority.status === 'aktiv')
    lines.push(
      priority.followUpDate > meetingDate ? s.nextFollowUp(formatDay(priority.followUpDate)) : s.noNewDate,
    );
  const who = (userId: string) => escapeMrkdwn(nameOf(people, userId));
  for (const note of decision.notes) lines.push(s.note(who(note.actorUserId), quoted(note.note)));
  if (decision.result !== null)
    lines.push(s.result(who(decision.result.actorUserId), quoted(decision.result.note)));
  return lines.join('\n');
}

/** Who attended: the parties marked present and the others; a line saying none was marked when none was. */
export function attendanceLines(input: MinutesInput): string[] {
  const p = sv.protokoll.summary;
  const present = input.minutes.presentPartyKeys;
  if (present.length === 0) return [p.noAttendance];
  const name = (key: string) => escapeMrkdwn(input.parties.find((party) => party.key === key)?.name ?? key);
  const absent = input.parties.filter((party) => !present.includes(party.key));
  const lines = [p.present(present.map(name).join(', '))];
  if (absent.length > 0) lines.push(p.absent(absent.map((party) => name(party.key)).join(', ')));
  return lines;
}

/** "Övrigt": the decisions, then the notes, each with its author's name. */
export function otherBlocks(minutes: Minutes, people: ReadonlyMap<string, string>): KnownBlock[] {
  const p = sv.protokoll.summary;
  const line = (note: Minutes['notes'][number]) =>
    p.line(escapeMrkdwn(note.text), escapeMrkdwn(nameOf(people, note.authorUserId)));
  const decisions = minutes.notes.filter((n) => n.kind === 'beslut');
  const notes = minutes.notes.filter((n) => n.kind === 'notering');
  if (decisions.length + notes.length === 0) return packLines([p.other, p.none]);
  const lines: string[] = [p.other];
  if (decisions.length > 0) lines.push(p.decisions, ...decisions.map(line));
  if (notes.length > 0) lines.push(p.notes, ...notes.map(line));
  return packLines(lines);
}

/**
 * The whole minutes, split over as many messages as needed, each within 50 blocks and 3 000 characters a
 * section; nothing is left out. The priorities: agreed, followed up (with their notes), completed and cancelled
 * at the meeting, each once; then, under "Mellan mötena", what was registered between meetings for it.
 *
 * @param activity from `listPriorityActivityForWeek(db, week)`
 */
export function renderMeetingSummary(input: {
  readonly activity: PriorityActivity;
  /** What was done from this moment on was done at the meeting; before it, between meetings, for it. */
  readonly meetingStartsAt: Date;
  /** The meeting's local date; by default that of its start in UTC (meetings are held in daytime). */
  readonly meetingDate?: string;
  readonly names: CatalogueNames;
  /** The notes and attendance; absent: the priorities alone. */
  readonly minutes?: MinutesInput;
  readonly people?: ReadonlyMap<string, string>;
}): SlackMessage[] {
  const s = sv.prioritet.summary;
  const week = input.activity.week;
  const { names } = input;
  const people = input.people ?? new Map<string, string>();
  const meetingDate = input.meetingDate ?? input.meetingStartsAt.toISOString().slice(0, 10);
  const start = input.meetingStartsAt.getTime();
  const atMeeting = decisionsOfWeek(input.activity, (e) => e.createdAt.getTime() >= start);
  const before = decisionsOfWeek(input.activity, (e) => e.createdAt.getTime() < start);
  const blocks: KnownBlock[] = [];
  if (input.minutes !== undefined) blocks.push(...packLines(attendanceLines(input.minutes)), divider());
  const opening = blocks.length;
  const addGroups = (decisions: WeekDecisions) => {
    const groups: Array<[string, readonly WeekDecision[]]> = [
      [s.agreed(decisions.agreed.length), decisions.agreed],
      [s.followedUp(decisions.followedUp.length), decisions.followedUp],
      [s.completed(decisions.completed.length), decisions.completed],
      [s.cancelled(decisions.cancelled.length), decisions.cancelled],
    ];
    for (const [heading, list] of groups) {
      if (list.length === 0) continue;
      if (blocks.length > opening) blocks.push(divider());
      blocks.push(section(heading));
      // One item per section where it fits, so a message split never falls inside a priority's lines.
      for (const decision of list)
        blocks.push(...packLines([decisionLines(decision, names, people, meetingDate)]));
    }
  };
  addGroups(atMeeting);
  if (blocks.length === opening) blocks.push(section(s.none));
  if (hasDecisions(before)) {
    blocks.push(divider(), section(s.betweenMeetings(weekNumberOf(week))));
    addGroups(before);
  }
  if (input.minutes !== undefined) blocks.push(divider(), ...otherBlocks(input.minutes.minutes, people));
  return paginate(blocks, {
    title: (part, total) => s.title(week, part, total),
    fallback: (part, total) => s.fallback(week, part, total),
  });
}
