import type { MessageMetadata } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { EffectKey } from '../src/db/effects.repository.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import type { CycleContext, Place } from './types.js';

/** The metadata event type every message of the cycle carries, so an interrupted attempt can be looked up. */
export const EFFECT_EVENT_TYPE = 'fredagsmotet_effect';

/** How far before a claim the search for its message starts: Slack's clock and the database's may differ. */
const SEARCH_MARGIN_MS = 60_000;
/** Pages of history read at most when looking for a message (each up to 200 messages). */
const MAX_PAGES = 10;

/**
 * Thrown by a delivery, before it sends, when what it would send is no longer of use: an agenda whose channel
 * turn came after the meeting had started, or a lookup that must never post (lookupOnly).
 */
export class NotDue extends Error {
  constructor() {
    super('no longer due; nothing was sent');
    this.name = 'NotDue';
  }
}

/** An effect's key as its message carries it: `2026-W49/agenda/C0MEETING`. */
export function effectMetadataKey(key: EffectKey): string {
  return `${key.meetingWeek}/${key.kind}/${key.target}`;
}

export function effectMetadata(key: EffectKey): MessageMetadata {
  return { event_type: EFFECT_EVENT_TYPE, event_payload: { key: effectMetadataKey(key) } };
}

/** What a message effect posted: where, and for a kept-up-to-date message what it shows. */
export interface Posted {
  readonly channelId: string | null;
  readonly messageTs: string | null;
  readonly contentHash?: string | null;
}

/** How one effect's message is sent, and found again after an attempt whose answer was lost. */
export interface Delivery {
  /** Where it goes, as the admins are told when Slack refuses it. */
  readonly place: Place;
  /** Posts it, carrying `metadata`. */
  send(metadata: MessageMetadata): Promise<Posted>;
  /**
   * The bot's message carrying `metadataKey` posted since `since`, or null when there is none. Throws what
   * Slack answered when it cannot tell (a missing scope, a network failure).
   */
  find(metadataKey: string, since: Date): Promise<Posted | null>;
}

/** What a post shows: a text, and blocks unless it is plain text. */
export type PostContent = Pick<SlackMessage, 'text'> & Partial<Pick<SlackMessage, 'blocks'>>;

/**
 * A message in a channel, or with `threadTs` a reply in a thread, posted in the channel's turn (a second apart
 * from the channel's other posts). Found again in the channel's history or the thread's replies.
 */
export function postInChannel(
  ctx: CycleContext,
  channelId: string,
  message: SlackMessage,
  options: {
    threadTs?: string | null;
    contentHash?: string;
    /** Asked once the channel's turn has come: false sends nothing (NotDue), since the moment has passed. */
    stillDue?: () => boolean;
  } = {},
): Delivery {
  const { stillDue } = options;
  return post(ctx.slack, channelId, options.threadTs ?? null, message, {
    inTurn: (send) =>
      ctx.channelTurn(channelId, () => {
        if (stillDue !== undefined && !stillDue()) throw new NotDue();
        return send();
      }),
    ...(options.contentHash === undefined ? {} : { contentHash: options.contentHash }),
  });
}

/**
 * The same effect, to settle an attempt in doubt without ever posting: once its lease has run out, doEffectOnce
 * looks for its message and records it if it is there; if not, the send throws NotDue and the claim is given
 * back as it was. Used for the agenda whose thread a reply needs after the agenda's own window has closed.
 */
function lookupOnly(delivery: Delivery): Delivery {
  return {
    place: delivery.place,
    send: () => Promise.reject(new NotDue()),
    find: (metadataKey, since) => delivery.find(metadataKey, since),
  };
}

/** A channel's own messages, to find an effect's message again; it never posts (lookupOnly). */
export function foundInChannel(ctx: CycleContext, channelId: string): Delivery {
  return lookupOnly(post(ctx.slack, channelId, null, { text: '' }, {}));
}

/**
 * A reply in a thread of a conversation the bot is answering in (a person's direct message to it), posted at
 * once. Found again in the thread's replies.
 */
export function replyInThread(
  slack: WebClient,
  channelId: string,
  threadTs: string,
  message: PostContent,
): Delivery {
  return post(slack, channelId, threadTs, message, {});
}

function post(
  slack: WebClient,
  channelId: string,
  threadTs: string | null,
  message: PostContent,
  options: { inTurn?: <T>(send: () => Promise<T>) => Promise<T>; contentHash?: string },
): Delivery {
  return {
    place: { channelId },
    async send(metadata) {
      const send = () =>
        slack.chat.postMessage({
          channel: channelId,
          ...(threadTs === null ? {} : { thread_ts: threadTs }),
          text: message.text,
          ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
          metadata,
          unfurl_links: false,
          unfurl_media: false,
        });
      const posted = await (options.inTurn === undefined ? send() : options.inTurn(send));
      return {
        channelId: posted.channel ?? channelId,
        messageTs: posted.ts ?? null,
        ...(options.contentHash === undefined ? {} : { contentHash: options.contentHash }),
      };
    },
    find: (metadataKey, since) => findOwnMessage(slack, channelId, threadTs, metadataKey, since),
  };
}

/**
 * A direct message to a user (posted to the user's id, which opens the bot's conversation with them, the app's
 * Messages tab). Found again in that conversation, whose id `conversations.open` gives.
 */
export function sendDirect(ctx: CycleContext, userId: string, message: SlackMessage): Delivery {
  return {
    place: { userId },
    async send(metadata) {
      const posted = await ctx.slack.chat.postMessage({
        channel: userId,
        text: message.text,
        blocks: message.blocks,
        metadata,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { channelId: posted.channel ?? null, messageTs: posted.ts ?? null };
    },
    async find(metadataKey, since) {
      const opened = await ctx.slack.conversations.open({ users: userId, return_im: false });
      const channelId = opened.channel?.id;
      if (channelId === undefined) return null;
      return findOwnMessage(ctx.slack, channelId, null, metadataKey, since);
    },
  };
}

interface FoundMessage {
  ts?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: { key?: unknown } };
}

/** The bot's identity, asked once per client: only its own messages count as found. */
const botIds = new WeakMap<WebClient, Promise<string | null>>();

function botIdOf(slack: WebClient): Promise<string | null> {
  let id = botIds.get(slack);
  if (id === undefined) {
    id = slack.auth.test().then((result) => (typeof result.bot_id === 'string' ? result.bot_id : null));
    id.catch(() => botIds.delete(slack));
    botIds.set(slack, id);
  }
  return id;
}

/** Looks through a channel's messages (or a thread's replies) since `since` for the bot's message with the key. */
async function findOwnMessage(
  slack: WebClient,
  channelId: string,
  threadTs: string | null,
  metadataKey: string,
  since: Date,
): Promise<Posted | null> {
  const botId = await botIdOf(slack);
  const oldest = ((since.getTime() - SEARCH_MARGIN_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer =
      threadTs === null
        ? await slack.conversations.history({
            channel: channelId,
            oldest,
            include_all_metadata: true,
            limit: 200,
            ...(cursor === undefined ? {} : { cursor }),
          })
        : await slack.conversations.replies({
            channel: channelId,
            ts: threadTs,
            oldest,
            include_all_metadata: true,
            limit: 200,
            ...(cursor === undefined ? {} : { cursor }),
          });
    const found = ((answer.messages ?? []) as FoundMessage[]).find(
      (m) =>
        m.metadata?.event_type === EFFECT_EVENT_TYPE &&
        m.metadata.event_payload?.key === metadataKey &&
        (botId === null || m.bot_id === botId),
    );
    if (found?.ts !== undefined) return { channelId, messageTs: found.ts };
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (cursor === undefined) return null;
  }
  return null;
}
