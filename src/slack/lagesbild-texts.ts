/**
 * Lägesbild's texts used beyond its own messages: the meeting's date and time as every answer says it, whom to
 * ask (the admins), the lists of area words and party keys, and `/lagesbild hjälp`. Apart so /samverkan, chat and
 * the move answers use them without the forms' and messages' Block Kit.
 */

import { DateTime } from 'luxon';
import type { Aliased, Named } from '../domain/lookup.js';
import { formatLocalDateTime, type Meeting } from '../domain/schedule.js';
import { closestArea } from '../domain/suggest.js';
import { sv } from '../i18n/sv.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';

const meetingWhenTexts = new Map<string, string>();

/**
 * `fredag 4 december kl. 09:00`, with the year when it is not `now`'s (`fredag 8 januari 2027 kl. 09:00`);
 * remembered, as Swedish date formatting is slow and asked for on every receipt.
 */
export function meetingWhen(meeting: Pick<Meeting, 'startsAt'>, timezone: string, now?: Date): string {
  const year = now === undefined ? '' : DateTime.fromJSDate(now, { zone: timezone }).year;
  const key = `${meeting.startsAt.getTime()}|${timezone}|${year}`;
  let text = meetingWhenTexts.get(key);
  if (text === undefined) {
    if (meetingWhenTexts.size >= 64) meetingWhenTexts.clear();
    text = formatLocalDateTime(meeting.startsAt, timezone, now);
    meetingWhenTexts.set(key, text);
  }
  return text;
}

/**
 * The admins as mentions (`<@A>, <@B>`) in a sentence, by default a request to ask them to add you; or the
 * note that there are none yet.
 */
export function askAdminsText(
  adminIds: readonly string[],
  sentence: (mentions: string) => string = sv.lagesbild.askAdmins,
): string {
  return adminIds.length === 0
    ? sv.lagesbild.noAdmins
    : sentence(adminIds.map((id) => mention(id)).join(', '));
}

/** A word that is no area: the closest area's first word when one is close (a typo), never the whole list. */
export function unknownAreaText(word: string, areas: readonly Aliased[]): string {
  const closest = closestArea(areas, word);
  return closest === null
    ? sv.lagesbild.unknownAreaNoSuggestion(escapeMrkdwn(word))
    : sv.lagesbild.unknownAreaSuggest(escapeMrkdwn(word), escapeMrkdwn(closest.aliases[0] ?? closest.key));
}

export function aliasList(areas: readonly Aliased[]): string {
  return areas.flatMap((area) => area.aliases.map((alias) => `\`${escapeMrkdwn(alias)}\``)).join(', ');
}

export function partyKeyList(parties: readonly Named[]): string {
  return parties.map((party) => `\`${escapeMrkdwn(party.key)}\``).join(', ');
}

export function helpText(
  usage: ReadonlyArray<{ usage: string; description: string }>,
  areas: readonly Aliased[],
  parties: readonly Named[],
): string {
  return [
    sv.lagesbild.helpTitle,
    sv.common.helpLines(usage),
    '',
    sv.lagesbild.helpAreasTitle,
    ...areas.map((area) =>
      sv.lagesbild.helpArea(
        escapeMrkdwn(area.name),
        area.aliases.map((alias) => escapeMrkdwn(alias)),
      ),
    ),
    '',
    sv.lagesbild.helpPartiesTitle,
    ...parties.map((party) => sv.lagesbild.helpParty(escapeMrkdwn(party.key), escapeMrkdwn(party.name))),
    '',
    sv.lagesbild.helpFooter,
  ].join('\n');
}
