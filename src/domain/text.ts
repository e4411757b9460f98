/**
 * The one way to measure and shorten text for user-facing limits. Users and Postgres (`char_length`) count
 * characters as code points, so an emoji is one; Slack counts some of its limits in UTF-16 units, where an
 * emoji is two. A limit users see is checked with `characterCount`; a text the bot generates for Slack is cut
 * with `truncateText`, which makes it fit in both counts.
 */

/** Length as users and Postgres's char_length count it: code points, so an emoji is one character. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Whether `text` is within `limit` in code points and in UTF-16 units (the larger count). */
export function fitsIn(text: string, limit: number): boolean {
  // UTF-16 units are never fewer than code points, so the one check covers both counts.
  return text.length <= limit;
}

const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter('sv', { granularity: 'grapheme' });

/**
 * `text` within `limit` characters in both counts: whole when it fits, else cut at a character users see
 * (never inside a surrogate pair or an emoji sequence such as 👩‍👩‍👧 or 🇸🇪) and ended with `…`.
 */
export function truncateText(text: string, limit: number): string {
  if (fitsIn(text, limit)) return text;
  if (limit < 1) return '';
  const room = limit - ELLIPSIS.length;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > room) break;
    kept += segment;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}

/**
 * `template(value)` within `limit` characters in both counts, shortening only `value` (a title the user typed)
 * so the words around it stay whole; the whole text is cut only when even an empty value would not fit.
 */
export function fitValueIn(template: (value: string) => string, value: string, limit: number): string {
  const whole = template(value);
  if (fitsIn(whole, limit)) return whole;
  const room = limit - template('').length;
  return room >= 2 ? template(truncateText(value, room)) : truncateText(whole, limit);
}
