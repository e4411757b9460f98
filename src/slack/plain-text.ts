/**
 * mrkdwn turned into what a plain_text field (a modal's field error, a button, a confirm dialog) should show.
 * Slack renders no markup there: a mention stays `<@U123>`, `&amp;` stays `&amp;`, asterisks stay asterisks.
 */

import { sv } from '../i18n/sv.js';

export interface PlainTextOptions {
  /** Names of users by id, to show a mention as the person's name. */
  readonly userNames?: ReadonlyMap<string, string>;
  /** A mention of a user whose name is not known; by default "en administratör" (only admins are mentioned). */
  readonly unknownUser?: string;
}

const FORMATTING: ReadonlyArray<RegExp> = ['\\*', '_', '~'].map(
  (mark) =>
    new RegExp(
      `(^|[\\s(“”"'])${mark}([^\\s${mark}](?:[^${mark}\\n]*[^\\s${mark}])?)${mark}(?=$|[\\s.,;:!?)”"'])`,
      'g',
    ),
);

/**
 * The plain text of a mrkdwn text: mentions as names (or `unknownUser`), channels as `#name`, `<!here>` as
 * `@here`, links as their label, bold, italic, strike and code marks removed, `&amp;` `&lt;` `&gt;` as the
 * characters they stand for.
 */
export function plainTextOf(mrkdwn: string, options: PlainTextOptions = {}): string {
  const unknownUser = options.unknownUser ?? sv.prioritet.anAdmin;
  let text = mrkdwn.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? null : inner.slice(bar + 1);
    if (target.startsWith('@')) return options.userNames?.get(target.slice(1)) ?? label ?? unknownUser;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!subteam^')) return label ?? '@grupp';
    if (target.startsWith('!date^')) return label ?? '';
    if (target.startsWith('!')) return `@${target.slice(1)}`;
    return label ?? target.replace(/^mailto:/, '');
  });
  for (const pattern of FORMATTING) text = text.replace(pattern, '$1$2');
  text = text.replace(/`([^`\n]+)`/g, '$1');
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * "You are not a member; ask an admin to add you" as a form's field error, which Slack shows as plain text:
 * the admins by name, one entry per admin (null where the name is not known). With a name missing the
 * sentence names nobody rather than show raw mentions; with no admins at all it says there are none.
 */
export function notMemberFieldError(adminNames: ReadonlyArray<string | null>): string {
  if (adminNames.length === 0) return sv.prioritet.noAdmins;
  const names = adminNames.filter((name): name is string => name !== null && name.trim() !== '');
  return names.length === adminNames.length
    ? sv.prioritet.notMember(names.join(', '))
    : sv.prioritet.notMemberUnnamed;
}
