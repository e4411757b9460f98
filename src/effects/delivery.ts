/**
 * How an effect's message reaches Slack, and how it is found again after an attempt whose answer was lost: a post
 * in a channel (paced by the channel's turn), a reply in a thread, a direct message. The exactly-once protocol
 * around these is src/effects/once.ts.
 */

import type { KnownBlock, MessageMetadata } from '@slack/types';
import type { Place } from '../domain/effect.js';
import type { EffectSlack } from './client.js';
import { EFFECT_EVENT_TYPE } from './metadata.js';

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

/** What a message effect posted: where, and for a kept-up-to-date message what it shows. */
export interface Posted {
  readonly channelId: string | null;
  readonly messageTs: string | null;
  readonly contentHash?: string | null;
}

/** What a send knows about the attempts before it. */
export interface Attempt {
  /** An earlier attempt may have posted it (its answer was lost) and it could not be looked up. */
  readonly afterDoubt: boolean;
}

/** How one effect's message is sent, and found again after an attempt whose answer was lost. */
export interface Delivery {
  /** Where it goes, stored with the effect and told to the admins when Slack refuses it. */
  readonly place: Place;
  /** Posts it, carrying `metadata`. */
  send(metadata: MessageMetadata, attempt: Attempt): Promise<Posted>;
  /**
   * The bot's message carrying `metadataKey` posted since `since`; null when there is none, `unknown` when this
   * delivery cannot look (a response_url). Throws what Slack answered when it cannot tell now.
   */
  find(metadataKey: string, since: Date): Promise<Posted | null | 'unknown'>;
}

/** What a post shows: a text, and blocks unless it is plain text. */
export interface PostContent {
  readonly text: string;
  readonly blocks?: KnownBlock[];
}

/** Runs one Slack call in a channel's turn (src/effects/pace.ts): a second apart from the channel's other posts. */
export type ChannelTurn = <T>(channelId: string, post: () => Promise<T>) => Promise<T>;

/**
 * A message in a channel, or with `threadTs` a reply in a thread, posted in the channel's turn. Found again in the
 * channel's history or the thread's replies.
 */
export function postInChannel(
  slack: EffectSlack,
  channelTurn: ChannelTurn,
  channelId: string,
  message: PostContent,
  options: {
    threadTs?: string | null;
    contentHash?: string;
    /** Asked once the channel's turn has come: false sends nothing (NotDue), since the moment has passed. */
    stillDue?: () => boolean;
  } = {},
): Delivery {
  const { stillDue } = options;
  return post(slack, channelId, options.threadTs ?? null, message, {
    inTurn: (send) =>
      channelTurn(channelId, () => {
        if (stillDue !== undefined && !stillDue()) throw new NotDue();
        return send();
      }),
    ...(options.contentHash === undefined ? {} : { contentHash: options.contentHash }),
  });
}

/**
 * A channel's own messages, to settle an attempt in doubt without ever posting: once its lease has run out, the
 * message is looked for and recorded if it is there; if not, the send throws NotDue and the claim is given back.
 */
export function foundInChannel(slack: EffectSlack, channelId: string): Delivery {
  const delivery = post(slack, channelId, null, { text: '' }, {});
  return {
    place: delivery.place,
    send: () => Promise.reject(new NotDue()),
    find: (metadataKey, since) => delivery.find(metadataKey, since),
  };
}

/**
 * A reply in a thread of a conversation the bot is answering in (a person's direct message to it), posted at
 * once. Found again in the thread's replies.
 */
export function replyInThread(
  slack: EffectSlack,
  channelId: string,
  threadTs: string,
  message: PostContent,
): Delivery {
  return post(slack, channelId, threadTs, message, {});
}

function post(
  slack: EffectSlack,
  channelId: string,
  threadTs: string | null,
  message: PostContent,
  options: { inTurn?: <T>(send: () => Promise<T>) => Promise<T>; contentHash?: string },
): Delivery {
  return {
    place: { channelId },
    async send(metadata) {
      const send = () =>
        slack.web.chat.postMessage({
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
export function sendDirect(slack: EffectSlack, userId: string, message: PostContent): Delivery {
  return {
    place: { userId },
    async send(metadata) {
      const posted = await slack.web.chat.postMessage({
        channel: userId,
        text: message.text,
        ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
        metadata,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { channelId: posted.channel ?? null, messageTs: posted.ts ?? null };
    },
    async find(metadataKey, since) {
      const opened = await slack.web.conversations.open({ users: userId, return_im: false });
      const channelId = opened.channel?.id;
      if (channelId === undefined) return null;
      return findOwnMessage(slack, channelId, null, metadataKey, since);
    },
  };
}

interface FoundMessage {
  ts?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: { key?: unknown } };
}

/** Looks through a channel's messages (or a thread's replies) since `since` for the bot's message with the key. */
async function findOwnMessage(
  slack: EffectSlack,
  channelId: string,
  threadTs: string | null,
  metadataKey: string,
  since: Date,
): Promise<Posted | null> {
  const botId = await slack.botId();
  const oldest = ((since.getTime() - SEARCH_MARGIN_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const paging = { oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
    const answer =
      threadTs === null
        ? await slack.web.conversations.history({ channel: channelId, ...paging })
        : await slack.web.conversations.replies({ channel: channelId, ts: threadTs, ...paging });
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
