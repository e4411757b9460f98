/**
 * Texts shared by every part of the bot: the generic apology, unknown subcommands and help lines, and the
 * answers when a request could not be received or carried out. Imported into `sv` as `sv.common`; also
 * defines `UsageLine`, the shape of one line of a command's help.
 */

export interface UsageLine {
  readonly usage: string;
  readonly description: string;
}

export const common = {
  genericError:
    'Något gick fel hos Fredagsmötet. Försök igen om en stund; om felet består, kontakta en administratör.',
  unknownSubcommand: (command: string, given: string) =>
    `Jag känner inte igen \`${command} ${given}\`. Här är vad kommandot kan:`,
  helpLines: (lines: readonly UsageLine[]) =>
    lines.map((l) => `• \`${l.usage}\` – ${l.description}`).join('\n'),
  /** A person the bot names without a mention and whose name Slack could not tell (src/services/user-names.ts). */
  unknownUser: 'okänd användare',
  /** A text field's hint: the limit is checked by the bot, which answers in Swedish on the field. */
  maxCharacters: (limit: number) => `Högst ${limit} tecken.`,
  /** The request could not be stored (the database away): nothing was saved, and the person is told so. */
  notReceived:
    'Fredagsmötet kunde inte ta emot det just nu, så inget sparades. Försök igen om en stund; om felet består, kontakta en administratör.',
  /** A stored request that could not be carried out after several tries. */
  notCarriedOut:
    'Något gick fel hos Fredagsmötet, och det du skickade kunde inte sparas. Försök igen; om felet består, kontakta en administratör.',
} as const;
