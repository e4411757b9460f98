import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../deps.js';
import { foldForMatch } from '../domain/lookup.js';
import type { UsageLine } from '../i18n/sv.js';
import { plainTextFromSlack } from './mrkdwn.js';

/** What a subcommand's handler gets: the command, the words after the subcommand's own, and the tools. */
export interface SubcommandContext {
  readonly command: SlashCommand;
  /** The text after the subcommand's words, as Slack sent it (mentions as `<@U…|name>`). */
  readonly rest: string;
  /** The same, as plain text the user saw (mentions as `@name`), for storing and parsing. */
  readonly restPlain: string;
  readonly respond: RespondFn;
  readonly client: WebClient;
  readonly deps: Deps;
}

export interface Subcommand {
  /** Each accepted spelling as words, e.g. `[['medlem', 'lägg', 'till']]`; matched case- and å/ä/ö-insensitively. */
  readonly names: readonly (readonly string[])[];
  /** Shown in the command's help, in the order of the list. */
  readonly usage: UsageLine;
  run(context: SubcommandContext): Promise<void>;
}

/**
 * Finds the subcommand the text starts with (the longest matching name wins, so `medlem lägg till` beats
 * `medlem`), and returns it with the text after its words. Null when nothing matches.
 */
export function matchSubcommand<T extends Subcommand>(
  subcommands: readonly T[],
  text: string,
): { subcommand: T; rest: string } | null {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  let best: { subcommand: T; length: number } | null = null;
  for (const subcommand of subcommands) {
    for (const name of subcommand.names) {
      const matches =
        name.length <= words.length &&
        name.every((part, i) => foldForMatch(part) === foldForMatch(words[i] ?? ''));
      if (matches && (best === null || name.length > best.length)) best = { subcommand, length: name.length };
    }
  }
  if (best === null) return null;
  // The rest keeps the user's own spacing and line breaks.
  const consumed = new RegExp(`^\\s*(?:\\S+\\s+){${best.length - 1}}\\S+\\s*`);
  return { subcommand: best.subcommand, rest: text.replace(consumed, '').trimEnd() };
}

/** Runs the matched subcommand with its context; the caller has acked and handles the no-match case. */
export async function runSubcommand(
  subcommand: Subcommand,
  rest: string,
  args: { command: SlashCommand; respond: RespondFn; client: WebClient; deps: Deps },
): Promise<void> {
  await subcommand.run({ ...args, rest, restPlain: plainTextFromSlack(rest) });
}
