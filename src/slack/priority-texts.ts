/** `/prioritet`'s texts besides the priorities themselves: its help, the filter words, and its two refusals. */

import type { Aliased, Named } from '../domain/lookup.js';
import type { UsageLine } from '../i18n/sv.js';
import { sv } from '../i18n/sv.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';

/** Who is no participant and wants to register or follow up: which admins to ask, as mentions (mrkdwn). */
export function mayNotContributeText(adminIds: readonly string[]): string {
  return adminIds.length === 0
    ? sv.prioritet.noAdmins
    : sv.prioritet.notMember(adminIds.map(mention).join(', '));
}

/** Who is no participant and wants to read the priorities: which admins to ask, as mentions (mrkdwn). */
export function mayNotReadText(adminIds: readonly string[]): string {
  return adminIds.length === 0
    ? sv.prioritet.noAdmins
    : sv.prioritet.notAllowedToRead(adminIds.map(mention).join(', '));
}

/**
 * What `lista` and the help accept: `polisen` (Polisen, …), and each area's short words – `gäng`, `organiserad`
 * – with its name: the same words `/lagesbild hjälp` shows (an area's key, like `nara-relation`, is accepted but
 * not shown: nobody types it).
 */
export function filterChoices(
  parties: readonly Named[],
  areas: readonly Aliased[],
): { parties: string; areas: string } {
  return {
    parties: parties.map((p) => `\`${escapeMrkdwn(p.key)}\` (${escapeMrkdwn(p.name)})`).join(', '),
    areas: areas
      .map((a) => {
        const words = a.aliases.length > 0 ? a.aliases : [a.key];
        return `\n• ${words.map((w) => `\`${escapeMrkdwn(w)}\``).join(', ')} – ${escapeMrkdwn(a.name)}`;
      })
      .join(''),
  };
}

/** `/prioritet hjälp`: every subcommand, who may do what, and the parties and areas `lista` accepts. */
export function priorityHelpText(
  usage: readonly UsageLine[],
  parties: readonly Named[],
  areas: readonly Aliased[],
): string {
  const choices = filterChoices(parties, areas);
  return [
    sv.prioritet.helpTitle,
    sv.common.helpLines(usage),
    sv.prioritet.helpPermissions,
    sv.prioritet.helpChoices(choices.parties, choices.areas),
  ].join('\n');
}

/** `lista` with a word it cannot place: the word, and what it accepts. */
export function unknownFilterText(
  word: string,
  parties: readonly Named[],
  areas: readonly Aliased[],
): string {
  const choices = filterChoices(parties, areas);
  return sv.prioritet.unknownFilter(escapeMrkdwn(word), choices.parties, choices.areas);
}
