/**
 * Text users typed, made safe to repost in mrkdwn: Slack reads `<!channel>`, `<@U…>`, `<!subteam^…>` and links
 * only between `<` and `>`, so escaping the three control characters means nothing typed ever notifies anyone.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slash-command text arrives in Slack's escaped form (`should_escape: true`): mentions as `<@U123|anna>`,
 * channels as `<#C123|general>`, `<!channel>`, links as `<https://…|label>`, and `&amp;` `&lt;` `&gt;`.
 * This turns it back into the plain text the user saw when typing, so it is stored like modal input.
 */
export function plainTextFromSlack(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!subteam^')) return `@${label?.replace(/^@/, '') ?? 'grupp'}`;
      if (target.startsWith('!')) return `@${label?.replace(/^@/, '') ?? target.slice(1).split('^')[0]}`;
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** `<@U123>` so Slack shows the user's name. Only for ids the bot itself knows, never for typed text. */
export function mention(userId: string): string {
  return `<@${userId}>`;
}

/**
 * Splits text into pieces of at most `limit` characters, preferring line breaks, then spaces, and never
 * cutting inside an HTML entity such as `&amp;` or inside a surrogate pair.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(' ', limit);
    if (cut < limit / 2) cut = limit;
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp > 0 && cut - amp < 5 && rest.indexOf(';', amp) >= cut) cut = amp;
    // Never between the two halves of a character outside the BMP (an emoji): each piece stays valid text.
    const before = rest.charCodeAt(cut - 1);
    if (before >= 0xd800 && before <= 0xdbff) cut -= 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}
