/**
 * The compiled lägesbild of a meeting week as Block Kit: each party's entries by priority area with who gave
 * them and when, for the agenda's thread and "Visa lägesbild".
 */

import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import type { Entry, PartyStatus } from '../domain/entry.js';
import { localDate, type Meeting } from '../domain/schedule.js';
import { sv } from '../i18n/sv.js';
import { divider, packLines, paginate, type SlackMessage, section } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';

export interface CompiledPictureInput {
  readonly meeting: Meeting;
  readonly timezone: string;
  readonly statuses: readonly PartyStatus[];
  readonly entries: readonly Entry[];
  /** Area key → Swedish name, in the agreement's order. */
  readonly areaNames: ReadonlyMap<string, string>;
  /** Authors' display names by user id (src/services/user-names.ts); an author not in it shows the time only. */
  readonly authorNames?: ReadonlyMap<string, string>;
}

/** When an entry was given, as the meeting's people read it: `tors 10 dec. kl. 14:12`. */
export function givenAt(date: Date, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).setLocale('sv').toFormat("ccc d MMM 'kl.' HH:mm");
}

/** Who gave an entry and when, after its line in the compiled picture: a name that pings no one. */
function byline(entry: Entry, input: CompiledPictureInput): string {
  const name = input.authorNames?.get(entry.authorUserId);
  return sv.compiled.byline(
    name === undefined ? null : escapeMrkdwn(name),
    givenAt(entry.createdAt, input.timezone),
  );
}

/**
 * One entry as a bullet: the text, then place, time and trend in italics. Everything typed is escaped. A purged
 * entry shows "gallrad <date>" (local date in `timezone`) where its text was.
 */
export function formatEntryLine(entry: Entry, timezone: string): string {
  const details = [
    entry.place === null ? null : `${sv.compiled.place} ${escapeMrkdwn(entry.place)}`,
    entry.when === null ? null : `${sv.compiled.when} ${escapeMrkdwn(entry.when)}`,
    entry.trend === null ? null : sv.compiled.trend[entry.trend],
  ].filter((d): d is string => d !== null);
  const suffix = details.length === 0 ? '' : ` _(${details.join(' · ')})_`;
  if (entry.purgedAt != null) {
    return `• ${sv.dataskydd.purgedEntry(localDate(entry.purgedAt, timezone))}${suffix}`;
  }
  return `• ${escapeMrkdwn(entry.text)}${suffix}`;
}

/**
 * The compiled lägesbild of a meeting: party by party, area by area, in as many messages as Slack's limits
 * need. Parties that have not submitted are named as such, so a missing picture is never mistaken for a quiet week.
 */
export function renderCompiledPicture(input: CompiledPictureInput): SlackMessage[] {
  const byParty = new Map<string, Entry[]>();
  for (const entry of input.entries) {
    const list = byParty.get(entry.partyKey) ?? [];
    list.push(entry);
    byParty.set(entry.partyKey, list);
  }

  const blocks: KnownBlock[] = [];
  for (const status of input.statuses) {
    if (blocks.length > 0) blocks.push(divider());
    const assessment = status.assessment === null ? '' : ` – ${sv.compiled.assessment[status.assessment]}`;
    blocks.push(section(`*${escapeMrkdwn(status.partyName)}*${assessment}`));
    const entries = byParty.get(status.partyKey) ?? [];
    if (entries.length === 0) {
      blocks.push(section(status.nothingToReport ? sv.compiled.nothingToReport : sv.compiled.notSubmitted));
      continue;
    }
    const lines: string[] = [];
    let area: string | null = null;
    for (const entry of entries) {
      if (entry.areaKey !== area) {
        area = entry.areaKey;
        lines.push(`*${escapeMrkdwn(input.areaNames.get(area) ?? area)}*`);
      }
      lines.push(`${formatEntryLine(entry, input.timezone)}${byline(entry, input)}`);
    }
    blocks.push(...packLines(lines));
  }
  if (input.statuses.length === 0) blocks.push(section(sv.compiled.noParties));

  const week = input.meeting.week;
  return paginate(blocks, {
    title: (part, total) => sv.compiled.title(week, input.meeting.startsAt, input.timezone, part, total),
    fallback: (part, total) => sv.compiled.fallback(week, part, total),
  });
}
