/**
 * Answering in chat: a member writes `<område>: <text>` or `inget` to the bot (a direct message, or a reply in the
 * thread of the call for input). It is stored before Slack's event is acked, carried out as the one-liner is, and
 * answered in that thread — once per message, however often Slack delivers it.
 */

import type { InboxRequest } from '../src/db/inbox.repository.js';
import { parseChatMessage, parseLagesbildText } from '../src/domain/command-text.js';
import { findPersonalIdentityNumber } from '../src/domain/personnummer.js';
import { sv } from '../src/i18n/sv.js';
import type { RequestContext } from '../src/kit/context.js';
import type { Kit } from '../src/kit/create.js';
import { type DurableEventSpec, eventScope } from '../src/kit/events.js';
import type { NewRequest } from '../src/kit/pipeline.js';
import { context, type SlackMessage } from '../src/slack/blocks.js';
import { lagesbildNotFoundText } from '../src/slack/catalogue.js';
import { aliasList } from '../src/slack/lagesbild-texts.js';
import { plainTextFromSlack } from '../src/slack/mrkdwn.js';
import { admitChange, changeHandlers, KEEP_BUTTON, messageKey } from './chat-edits.js';
import { lagesbildHelp, showMine, showPicture, showStatus } from './lagesbild/command.js';
import { exampleFor, outcomeMessage, reportNothing, submitEntry } from './lagesbild/submit.js';

/** A message a person wrote to the bot in its direct-message tab, top level or in a thread. */
export interface DirectMessage {
  readonly channel: string;
  readonly user: string;
  readonly text: string;
  readonly ts: string;
  readonly threadTs: string | null;
  /** It came with attachments; only its text can become an entry. */
  readonly hasFiles: boolean;
  /** It held a personal identity number: its text was never stored, and it is refused. */
  readonly identifies?: boolean;
}

/**
 * Subtypes that are still a person writing to the bot: a thread reply also sent to the conversation, and a
 * message with an attachment (its text is what counts).
 */
const WRITTEN_SUBTYPES: ReadonlySet<unknown> = new Set(['thread_broadcast', 'file_share']);

/**
 * The messages worth answering: from a person, in the bot's DM, newly written. Edits and deletions
 * (`message_changed`, `message_deleted`), joins and bot posts carry other subtypes; bots carry `bot_id`.
 */
export function userDirectMessage(event: unknown, botUserId?: string): DirectMessage | null {
  if (typeof event !== 'object' || event === null) return null;
  const e = event as Record<string, unknown>;
  if (e.type !== 'message' || e.channel_type !== 'im') return null;
  if (e.subtype !== undefined && !WRITTEN_SUBTYPES.has(e.subtype)) return null;
  if (e.bot_id !== undefined || e.bot_profile !== undefined) return null;
  if (typeof e.user !== 'string' || e.user === botUserId) return null;
  if (typeof e.channel !== 'string' || typeof e.ts !== 'string') return null;
  // A file shared without a comment has an empty text (or none); it gets the reply showing the form.
  if (typeof e.text !== 'string' && e.subtype !== 'file_share') return null;
  return {
    channel: e.channel,
    user: e.user,
    text: typeof e.text === 'string' ? e.text : '',
    ts: e.ts,
    threadTs: typeof e.thread_ts === 'string' ? e.thread_ts : null,
    hasFiles: Array.isArray(e.files) && e.files.length > 0,
  };
}

const ANSWER = 'event:message:answer';

/** Before the ack: the message to store, its text left out when it holds a personal identity number. */
function admitMessage(event: Record<string, unknown>): NewRequest | null {
  const message = userDirectMessage(event);
  if (message === null) return null;
  const identifies = findPersonalIdentityNumber(plainTextFromSlack(message.text)) !== null;
  return {
    // The message's own identity: Slack's retry of the same event carries the same channel and ts.
    key: messageKey(message.channel, message.ts),
    kind: ANSWER,
    userId: message.user,
    payload: identifies ? { ...message, text: '', identifies: true } : message,
  };
}

function answerHandler(request: InboxRequest) {
  const message = request.payload as DirectMessage;
  return {
    // The thread it was written in, or one started under it.
    scope: eventScope(request, { channelId: message.channel, threadTs: message.threadTs ?? message.ts }),
    async run(ctx: RequestContext) {
      if (message.identifies !== true && (await answerRead(ctx, message.text))) return;
      const answer = await answerFor(ctx, message);
      ctx.reply(message.hasFiles ? withFilesNote(answer) : answer);
    },
  };
}

/** `hjälp`, `status`, `visa` and `mina` in the direct message, answered as after `/lagesbild`; false for others. */
async function answerRead(ctx: RequestContext, text: string): Promise<boolean> {
  const request = parseLagesbildText(plainTextFromSlack(text), await ctx.catalogue());
  switch (request.kind) {
    case 'help':
      ctx.reply(await lagesbildHelp(ctx));
      return true;
    case 'status':
      await showStatus({ ...ctx, text: request.args });
      return true;
    case 'show':
      await showPicture({ ...ctx, text: request.args });
      return true;
    case 'mine':
      await showMine(ctx);
      return true;
    default:
      return false;
  }
}

/**
 * What to answer a message, storing what it asks for on the way, idempotently: by the message's identity (an
 * edit of a message that stored nothing stores under the message's key, so a second edit finds it).
 */
async function answerFor(
  ctx: RequestContext,
  message: DirectMessage,
  idempotencyKey: string = ctx.requestKey,
): Promise<SlackMessage | string> {
  if (message.identifies === true) return sv.lagesbild.oneLinerPersonalNumber;
  const catalogue = await ctx.catalogue();
  const request = parseChatMessage(plainTextFromSlack(message.text), catalogue);
  ctx.log.debug({ kind: request.kind }, 'direct message');
  switch (request.kind) {
    case 'entry': {
      const outcome = await submitEntry(ctx, {
        request,
        source: 'chatt',
        idempotencyKey,
        example: exampleFor(catalogue, request.areaKey, ''),
      });
      return outcomeMessage(ctx, outcome, catalogue);
    }
    case 'nothing':
      return outcomeMessage(ctx, await reportNothing(ctx, { request }), catalogue);
    case 'unknownArea':
    case 'unknownParty':
      return lagesbildNotFoundText(request, catalogue);
    case 'missingColon':
      return sv.lagesbild.missingColon(exampleFor(catalogue, request.areaKey, ''));
    case 'unreadable':
      return sv.lagesbild.chatUnreadable(aliasList(catalogue.areas));
  }
}

/** The answer, and that an attachment was not kept: an entry is text only. */
function withFilesNote(answer: SlackMessage | string): SlackMessage | string {
  const note = sv.lagesbild.chatFilesNotStored;
  return typeof answer === 'string'
    ? `${answer}\n${note}`
    : { text: `${answer.text}\n${note}`, blocks: [...answer.blocks, context(note)] };
}

export const directMessages: DurableEventSpec = {
  type: 'message',
  // A new message, or an edit or deletion of one (commands/chat-edits.ts).
  admit: (event) => admitMessage(event) ?? admitChange(event),
  handlers: { [ANSWER]: answerHandler, ...changeHandlers({ answerFor, answerRead }) },
};

export function register(kit: Kit): void {
  kit.durableEvent(directMessages);
  kit.action(KEEP_BUTTON);
}
