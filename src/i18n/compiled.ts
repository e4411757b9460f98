/**
 * The texts of the compiled lägesbild: the message posted in the meeting's thread when it starts, and the same
 * picture shown by `/lagesbild visa`. Imported into `sv` as `sv.compiled`.
 */

import type { Assessment, Trend } from '../domain/entry.js';
import { formatLocalDate, type MeetingWeek, weekNumberOf } from '../domain/schedule.js';

export const compiled = {
  title: (week: MeetingWeek, startsAt: Date, timezone: string, part: number, total: number) =>
    `Lägesbild v. ${weekNumberOf(week)} – ${formatLocalDate(startsAt, timezone)}${total > 1 ? ` (del ${part} av ${total})` : ''}`,
  fallback: (week: MeetingWeek, part: number, total: number) =>
    `Sammanställd lägesbild v. ${weekNumberOf(week)}${total > 1 ? `, del ${part} av ${total}` : ''}`,
  place: 'plats:',
  when: 'när:',
  trend: { okar: 'ökar', oforandrat: 'oförändrat', minskar: 'minskar' } satisfies Record<Trend, string>,
  assessment: {
    normallage: 'Normalläge',
    forhojt: 'Förhöjt läge',
    allvarligt: 'Allvarligt läge',
  } satisfies Record<Assessment, string>,
  nothingToReport: '_Inget att rapportera denna vecka._',
  notSubmitted: '⏳ _Har inte lämnat lägesbild._',
  noParties: '_Inga parter är registrerade._',
  /** Who gave an entry (a name, never a mention) and when; only the time when the name is not known. */
  byline: (name: string | null, givenAt: string) => ` — _${name === null ? '' : `${name}, `}${givenAt}_`,
} as const;
