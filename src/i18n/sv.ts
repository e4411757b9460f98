import type { Assessment, Trend } from '../domain/entry.js';
import { formatLocalDate, type MeetingWeek, weekNumberOf } from '../domain/schedule.js';

/**
 * Every text the bot shows, in Swedish. Nothing user-facing is written anywhere else.
 * Functions that embed user text take it already escaped (src/slack/mrkdwn.ts escapeMrkdwn); the callers escape.
 */

export interface UsageLine {
  readonly usage: string;
  readonly description: string;
}

export const sv = {
  common: {
    genericError:
      'Något gick fel hos Fredagsmötet. Försök igen om en stund; om felet består, kontakta en administratör.',
    unknownSubcommand: (command: string, given: string) =>
      `Jag känner inte igen \`${command} ${given}\`. Här är vad kommandot kan:`,
    helpLines: (lines: readonly UsageLine[]) =>
      lines.map((l) => `• \`${l.usage}\` – ${l.description}`).join('\n'),
  },

  // ── /lagesbild: a party's situational picture ──
  lagesbild: {
    helpTitle: '*Lägesbild till fredagsmötet* – så använder du `/lagesbild`:',
    subcommands: {
      help: { usage: '/lagesbild hjälp', description: 'visar den här hjälpen' },
    } satisfies Record<string, UsageLine>,
  },

  // ── the compiled lägesbild (/lagesbild visa and the meeting's thread) ──
  compiled: {
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
  },

  // ── /samverkan: parties, members, admins, calendar ──
  samverkan: {
    helpTitle: '*Samverkan* – administration av parter, medlemmar och mötesdagar med `/samverkan`:',
    subcommands: {
      help: { usage: '/samverkan hjälp', description: 'visar den här hjälpen' },
    } satisfies Record<string, UsageLine>,
  },

  // ── the weekly cycle: call for input, agenda, last call, compiled picture, admin alerts ──
  cycle: {},

  // ── /prioritet: joint priorities ──
  prioritet: {},

  // ── App Home ──
  home: {},
} as const;
