/**
 * Text measures and markup detection for the Block Kit checker (block-kit.ts). Slack counts some limits in
 * UTF-16 units and users see code points, so a length must fit in both to be safe either way.
 */

/** How long a text is in both counts Slack could use. */
export interface TextLength {
  readonly units: number;
  readonly codePoints: number;
}

export function measure(text: string): TextLength {
  let codePoints = 0;
  for (const _ of text) codePoints += 1;
  return { units: text.length, codePoints };
}

/** Why `text` is over `limit` in either count, or null when it fits in both. */
export function overLimit(text: string, limit: number): string | null {
  const { units, codePoints } = measure(text);
  if (units <= limit && codePoints <= limit) return null;
  return `is ${codePoints} characters (${units} UTF-16 units), over Slack's ${limit}`;
}

/**
 * mrkdwn that a plain_text field shows literally: Slack renders none of it there, so the user sees the raw
 * `<@U123>`, `&amp;` or asterisks.
 */
const PLAIN_TEXT_MARKUP: ReadonlyArray<readonly [RegExp, string]> = [
  [/<@[UW][A-Z0-9]*(\|[^>]*)?>/, 'a user mention <@U…>'],
  [/<#C[A-Z0-9]*(\|[^>]*)?>/, 'a channel mention <#C…>'],
  [/<![^>]*>/, 'a special mention <!…>'],
  [/<(https?:|mailto:)[^>]*>/, 'link syntax <http…>'],
  [/&(amp|lt|gt);/, 'an HTML entity (&amp; &lt; &gt;)'],
  [/(^|[\s(“”"'])\*[^\s*](?:[^*\n]*[^\s*])?\*(?=$|[\s.,;:!?)”"'])/, '*bold* markup'],
  [/(^|[\s(“”"'])_[^\s_](?:[^_\n]*[^\s_])?_(?=$|[\s.,;:!?)”"'])/, '_italic_ markup'],
  [/(^|[\s(“”"'])~[^\s~](?:[^~\n]*[^\s~])?~(?=$|[\s.,;:!?)”"'])/, '~strike~ markup'],
  [/`[^`\n]+`/, '`code` markup'],
];

/** Half of a character outside the BMP (an emoji cut in two): sent as UTF-8 it becomes �. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasBrokenCharacter(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** What mrkdwn markup a text meant as plain text carries, each found kind once. */
export function markupIn(text: string): string[] {
  return PLAIN_TEXT_MARKUP.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
}

/** Every text of text objects anywhere under `value` (plain_text and mrkdwn), in document order. */
export function textsUnder(value: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'plain_text' || record.type === 'mrkdwn') && typeof record.text === 'string') {
      texts.push(record.text);
      return;
    }
    for (const child of Object.values(record)) walk(child);
  };
  walk(value);
  return texts;
}
