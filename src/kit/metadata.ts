/**
 * What comes back from Slack that the bot itself wrote earlier — a modal's `private_metadata`, a button's `value`
 * — decoded with a schema: anything tampered with, truncated or from an older version of the bot is null, and
 * the caller answers as for any bad input (buttonValue answers it for a button). A value that is not JSON (a
 * button's plain `2026-W49`) is checked as the string it is.
 */

import type { z } from 'zod';
import { sv } from '../i18n/sv.js';
import type { ActionContext } from './kit.js';

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

/**
 * A button's value decoded with `schema`, or null with `refusal` answered (by default the generic apology): a
 * value the bot did not write (tampered, or from an older version) is logged, never shown.
 */
export function buttonValue<S extends z.ZodType>(
  ctx: ActionContext,
  schema: S,
  refusal: string = sv.common.genericError,
): z.infer<S> | null {
  const value = ctx.decode(schema);
  if (value === null) {
    ctx.log.warn({ action: ctx.actionId }, 'button with an unreadable value');
    ctx.reply(refusal);
  }
  return value;
}
