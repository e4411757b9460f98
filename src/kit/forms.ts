/**
 * What every form shares between opening and submitting: where its confirmation goes (carried in its
 * private_metadata from the request that opened it, and confirmSaved sends it there), and the ack that puts
 * errors on its fields.
 */

import type { ViewResponseAction } from '@slack/bolt';
import type { FormOpener, ViewContext } from './kit.js';

/** Where a form confirms, as its private_metadata carries it. */
export interface ReplyTo {
  readonly channelId: string | null;
  readonly responseUrl: string | null;
  /** When the response_url was issued (it lives 30 minutes); ISO. */
  readonly issuedAt: string | null;
}

/** Where the form being opened confirms a saved change: where it was opened from, the response_url issued now. */
export function replyTo(ctx: FormOpener): ReplyTo {
  return {
    channelId: ctx.channelId,
    responseUrl: ctx.responseUrl,
    issuedAt: ctx.deps.clock.now().toISOString(),
  };
}

/** The other way, for ViewSpec.replyTo: the response_url the form was opened from while it lives, else its channel. */
export function replyTarget(metadata: ReplyTo): {
  responseUrl: string | null;
  channelId: string | null;
  issuedAt: Date | null;
} {
  return {
    responseUrl: metadata.responseUrl,
    channelId: metadata.channelId,
    issuedAt: metadata.issuedAt === null ? null : new Date(metadata.issuedAt),
  };
}

/**
 * A saved form's confirmation, where the form was opened (ViewSpec.replyTo): none for one opened from App Home,
 * which has nowhere to confirm and shows the change itself.
 */
export function confirmSaved(ctx: ViewContext<ReplyTo>, text: string): void {
  if (ctx.metadata.responseUrl !== null || ctx.metadata.channelId !== null) ctx.reply(text);
}

/** The ack that keeps the form open with an error under each field named (by block id): plain text. */
export function fieldErrors(errors: Partial<Record<string, string>>): ViewResponseAction {
  return { response_action: 'errors', errors: errors as Record<string, string> };
}
