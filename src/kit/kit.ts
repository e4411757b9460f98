/**
 * The listener kit: every slash command, button, form and event is registered through it, and gets the same
 * ack, error boundary, apology, private reply and metadata decoding. A listener is a named callback and a line in
 * its module's `register`.
 *
 * Each request has a mode:
 * - `write` changes data: stored before the ack (src/kit/pipeline.ts), carried out after it in one transaction
 *   with its replies, which are sent after the commit. Nothing acked is lost.
 * - `read` answers after the ack.
 * - `modal` opens a form at once, with the trigger Slack gave (valid three seconds).
 * Forms' submissions run before the ack (field errors travel in the ack), in one transaction.
 *
 * This file holds the specs and contexts listeners are written against; the Bolt listeners that carry them out
 * are in src/kit/listeners.ts, which only src/kit/create.ts needs.
 */

import type { ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { z } from 'zod';
import type { UsageLine } from '../i18n/sv.js';
import type { RequestContext } from './context.js';

export type Mode = 'read' | 'write' | 'modal';

export interface CommandContext extends RequestContext {
  readonly command: string;
  readonly channelId: string;
  /** Where the command is answered (30 minutes, five posts): a form opened from it confirms there. */
  readonly responseUrl: string;
  /** The words after the subcommand's own, as the user saw them (mentions as `@name`). */
  readonly text: string;
  /** The same as Slack sent it (mentions as `<@U…|name>`), for finding the users named. */
  readonly rawText: string;
  /** In `modal` mode: opens a form with the command's trigger. */
  openView(view: ModalView): Promise<void>;
}

export interface Subcommand {
  /** Each accepted spelling as words, e.g. `[['medlem', 'lägg', 'till']]`; matched case- and å/ä/ö-insensitively. */
  readonly names: readonly (readonly string[])[];
  /** Shown in the command's help, in the order of the list. */
  readonly usage?: UsageLine;
  readonly mode: Mode;
  run(ctx: CommandContext): Promise<void>;
}

/** What a command does with text that names no subcommand (`/lagesbild trafik: …`), or with none. */
export type Fallback = Pick<Subcommand, 'mode' | 'run'>;

export interface CommandSpec {
  readonly command: string;
  readonly subcommands: readonly Subcommand[];
  /** The command with no text. */
  readonly empty: Fallback;
  /** Text that names no subcommand; without it the user is told the subcommand is unknown, with the help. */
  readonly otherwise?: Fallback;
  /** The command's help, shown after an unknown subcommand. */
  help(ctx: RequestContext): Promise<string>;
  /**
   * Before the ack of a `write` request: a refusal answered in the ack itself, with nothing stored — for what
   * must never be stored even for a moment (a personal identity number). Pure and fast.
   */
  screen?(text: string): string | null;
}

export interface ActionContext extends RequestContext {
  readonly actionId: string;
  /** The button's value as Slack sent it back. */
  readonly value: string;
  /** The value decoded with a schema; null when it does not fit (tampered, or from an older version). */
  decode<S extends z.ZodType>(schema: S): z.infer<S> | null;
  /** The channel of the message the button was on; null on App Home and in forms. */
  readonly channelId: string | null;
  readonly messageTs: string | null;
  /** The response_url of the message the button was on; null on App Home. A form opened here confirms there. */
  readonly responseUrl: string | null;
  /** In `modal` mode: opens a form with the button's trigger. */
  openView(view: ModalView): Promise<void>;
}

/**
 * A context that can open a form: a slash command's or a button's, in `modal` mode. Where it came from is where
 * the form's confirmation goes (none from App Home).
 */
export interface FormOpener extends RequestContext {
  readonly channelId: string | null;
  readonly responseUrl: string | null;
  openView(view: ModalView): Promise<void>;
}

export interface ActionSpec {
  readonly actionId: string;
  readonly mode: Mode;
  run(ctx: ActionContext): Promise<void>;
}

export interface ViewContext<M> extends RequestContext {
  /** The form's decoded private_metadata. */
  readonly metadata: M;
  /** What the user entered, as Slack sends it (`state.values`). */
  readonly values: ViewSubmitAction['view']['state']['values'];
}

export interface ViewSpec<S extends z.ZodType> {
  readonly callbackId: string;
  readonly metadata: S;
  /** The block a failure to save is told on (field errors travel in the ack), and what it says. */
  readonly errorBlock: string;
  readonly saveFailed: string;
  /** Where the form's confirmations go: the response_url or channel it was opened from, else a direct message. */
  replyTo?(metadata: z.infer<S>): {
    responseUrl: string | null;
    channelId: string | null;
    issuedAt: Date | null;
  };
  /** Validates and stores; what it returns is the ack (field errors, an updated view, nothing to close it). */
  run(ctx: ViewContext<z.infer<S>>): Promise<ViewResponseAction | undefined>;
}
