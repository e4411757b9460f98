/**
 * Number agreement for every count the bot writes: `plural(1, 'iakttagelse', 'iakttagelser')` is `iakttagelse`,
 * any other number the plural (Swedish: 0 and 2 alike). Only the word; the text puts the number where it goes,
 * and a pronoun agrees the same way (`plural(n, 'den', 'dem')`).
 */
export function plural(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}
