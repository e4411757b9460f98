/**
 * Every text the bot shows, in Swedish. Nothing user-facing is written anywhere else.
 * Functions take already-escaped mrkdwn where they embed user text; the callers escape.
 */

export interface UsageLine {
  readonly usage: string;
  readonly description: string;
}

export const sv = {
  common: {
    genericError: 'Något gick fel hos Fredagsmötet. Försök igen om en stund; om felet består, kontakta en administratör.',
    unknownSubcommand: (command: string, given: string) =>
      `Jag känner inte igen \`${command} ${given}\`. Här är vad kommandot kan:`,
  },

  lagesbild: {
    helpTitle: '*Lägesbild till fredagsmötet* – så använder du `/lagesbild`:',
    subcommands: {
      help: { usage: '/lagesbild hjälp', description: 'visar den här hjälpen' },
    } satisfies Record<string, UsageLine>,
  },

  help: {
    lines: (lines: readonly UsageLine[]) => lines.map((l) => `• \`${l.usage}\` – ${l.description}`).join('\n'),
  },
} as const;
