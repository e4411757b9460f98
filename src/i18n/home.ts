/**
 * The texts of the bot's App Home tab: the next meeting, the party's (or for admins every party's) lägesbild
 * status, the joint priorities and, for admins, the members. Imported into `sv` as `sv.home`.
 */

import { type MeetingWeek, weekNumberOf } from '../domain/schedule.js';
import { plural } from './plural.js';

export const home = {
  title: 'Fredagsmötet',
  nextMeeting: (week: MeetingWeek, when: string) => `*Nästa möte:* v. ${weekNumberOf(week)}, ${when}`,
  meetingLink: (url: string) => `<${url}|Anslut till mötet>`,
  cancelled: (reason: string | null) => `⛔ *Mötet är inställt*${reason === null ? '.' : `: ${reason}.`}`,
  yourStatus: 'Din parts lägesbild till nästa möte',
  /** For admins: every party's status for the coming meeting. */
  allStatuses: '*Parternas lägesbild till nästa möte* (syns bara för administratörer)',
  submitted: (party: string, count: number) =>
    `✅ *${party}*: lämnad, ${count} ${plural(count, 'iakttagelse', 'iakttagelser')}`,
  nothingToReport: (party: string) => `✅ *${party}*: inget att rapportera`,
  notSubmitted: (party: string) => `⏳ *${party}*: inte lämnad ännu`,
  assessment: (label: string) => ` · ${label}`,
  submitButton: 'Lämna lägesbild',
  notMember: (admins: string) =>
    `Du är inte medlem i någon part ännu, så du kan inte lämna lägesbild eller se och registrera gemensamma prioriteringar. Be en administratör att lägga till dig: ${admins}.`,
  adminNoParty:
    'Du är administratör men inte medlem i någon part, så du har ingen egen lägesbild att lämna. Gemensamma prioriteringar kan du registrera och följa upp som alla medlemmar.',
  statusMore: (rest: number, submitted: number) =>
    `*…och ${rest} ${plural(rest, 'part', 'parter')} till*, varav ${submitted} har lämnat – se \`/lagesbild status\`.`,
  ownPriorities: (count: number) =>
    `*Era gemensamma prioriteringar (${count} ${plural(count, 'aktiv', 'aktiva')})*`,
  otherPriorities: (count: number) =>
    `*Övriga gemensamma prioriteringar (${count} ${plural(count, 'aktiv', 'aktiva')})*`,
  allPriorities: (count: number) =>
    `*Gemensamma prioriteringar (${count} ${plural(count, 'aktiv', 'aktiva')})*`,
  noPriorities: '_Inga aktiva._',
  more: (rest: number) => `*…och ${rest} till* – se \`/prioritet lista\`.`,
  members: '*Medlemmar per part* (syns bara för administratörer)',
  noMembers: '_inga medlemmar_',
  membersMore: (rest: number) =>
    `*…och ${rest} ${plural(rest, 'part', 'parter')} till* – se \`/samverkan medlemmar\`.`,
  partyMembersMore: (rest: number) =>
    `*…och ${rest} ${plural(rest, 'medlem', 'medlemmar')} till* – se \`/samverkan medlemmar\`.`,
  updated: (when: string) => `Uppdaterad ${when}.`,
} as const;
