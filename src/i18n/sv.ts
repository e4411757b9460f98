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

  // ── /samverkan: parties, members, admins, calendar ──
  samverkan: {},

  // ── the weekly cycle: call for input, agenda, last call, compiled picture, admin alerts ──
  cycle: {},

  // ── /prioritet: joint priorities ──
  prioritet: {},

  // ── App Home ──
  home: {},
} as const;
