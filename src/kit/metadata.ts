/**
 * What comes back from Slack that the bot itself wrote earlier — a modal's `private_metadata`, a button's `value`
 * — decoded with a schema: anything tampered with, truncated or from an older version of the bot is null, and
 * the caller answers as for any bad input. A value that is not JSON (a button's plain `2026-W49`) is checked as
 * the string it is.
 */

import type { z } from 'zod';

export function decodeMetadata<S extends z.ZodType>(
  schema: S,
  raw: string | undefined | null,
): z.infer<S> | null {
  if (raw === undefined || raw === null || raw === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = raw;
  }
  const result = schema.safeParse(parsed);
  return result.success ? result.data : null;
}

/** The other way: what a modal or a button carries, checked against the same schema it will be read with. */
export function encodeMetadata<S extends z.ZodType>(schema: S, value: z.input<S>): string {
  return JSON.stringify(schema.parse(value));
}
