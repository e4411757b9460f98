/**
 * Replies as effects: what a request leads to (a receipt to the person who asked, a message to someone else) is
 * recorded as `pending`, with its message, in the same transaction as the change it confirms, and sent after the
 * commit, exactly once, in the order recorded. A restart, or another replica's sweep, sends what a killed
 * process left; a failure Slack did not act on is retried with backoff until it lands or is refused for good
 * (then the admins are told, as for every post).
 */

import type { Clock } from '../clock.js';
import type { Db, Executor } from '../db/database.js';
import { listDueReplies, listRepliesOf, recordReplies } from '../db/effect-replies.repository.js';
import type { Effect } from '../db/effects.repository.js';
import { countResponsePost, responsePostsOf } from '../db/inbox.repository.js';
import type { EffectKey, Place } from '../domain/effect.js';
import type { Logger } from '../logger.js';
import { classifySlackError, type SlackFailure } from '../slack/errors.js';
import { type AlertEnv, problemOfEffect, sendAlerts } from './alerts.js';
import type { EffectSlack } from './client.js';
import { type Delivery, type PostContent, replyInThread, sendDirect } from './delivery.js';
import { doEffectOnce } from './once.js';
import { isSlackResponseUrl, postToResponseUrl, ResponseUrlGone, responseUrlUsable } from './response-url.js';
import { REPLY_KINDS, REPLY_LEASE_MS } from './state.js';

/** Where a reply goes. */
export type ReplyRoute =
  /**
   * Ephemerally through a slash command's or a button's response_url (30 minutes, five posts); past that,
   * ephemerally in `channelId` if there is one, else (or if the bot may not post there) as a direct message.
   * `replaceOriginal` redraws the message a button was on (the bot's own ephemeral message);
   * `replaceOnRetry` lets a resend after an attempt in doubt replace its own answer instead of adding a second
   * (only where the original is the bot's own answer, never a channel message a button sat on).
   */
  | {
      readonly via: 'response_url';
      readonly url: string;
      readonly issuedAt: string;
      readonly userId: string;
      readonly channelId: string | null;
      readonly replaceOriginal: boolean;
      readonly replaceOnRetry: boolean;
    }
  /** In the thread of a conversation with the bot (an answer to a direct message). */
  | { readonly via: 'thread'; readonly channelId: string; readonly threadTs: string }
  /** Ephemerally in a channel (a button without a response_url); a direct message if the bot may not post there. */
  | { readonly via: 'ephemeral'; readonly channelId: string; readonly userId: string }
  /** A direct message to a user. */
  | { readonly via: 'dm'; readonly userId: string };

export interface ReplyPayload {
  readonly message: PostContent;
  readonly route: ReplyRoute;
}

/** A reply to record with the change it confirms. */
export interface NewReplyEffect {
  readonly key: EffectKey;
  readonly requestKey: string;
  readonly payload: ReplyPayload;
}

export function placeOfRoute(route: ReplyRoute): Place {
  return route.via === 'thread' ? { channelId: route.channelId } : { userId: route.userId };
}

/** Records replies (in the caller's transaction). */
export async function recordReplyEffects(
  db: Executor,
  replies: readonly NewReplyEffect[],
  at: Date,
): Promise<void> {
  await recordReplies(
    db,
    replies.map((reply) => ({
      key: reply.key,
      place: placeOfRoute(reply.payload.route),
      payload: reply.payload,
      requestKey: reply.requestKey,
      at,
    })),
  );
}

export interface RepliesEnv {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly slack: EffectSlack;
  readonly alerts: AlertEnv;
  readonly stopping?: AbortSignal;
}

export interface Replies {
  /** Sends a request's replies that are not sent yet, in order; stops at the first that cannot go now. */
  deliver(requestKey: string): Promise<void>;
  /** Sends what is due of every request (left by a killed process, or waiting for a retry); returns how many. */
  sweep(): Promise<number>;
}

/** How long a recorded reply waits before a sweep takes it: its own process sends it at once. */
const SWEEP_MIN_AGE_MS = 3_000;
const SWEEP_BATCH = 100;
/** Retries after a failure back off from 2 s to at most 5 minutes. */
const MAX_BACKOFF_MS = 5 * 60_000;

export function createReplies(env: RepliesEnv): Replies {
  // Backoff runs on real time, as the sweep's query compares it with the database's clock.
  const retryAt = (failure: SlackFailure, attempts: number): Date => {
    const now = Date.now();
    if (failure.kind === 'rate-limited') return new Date(now + failure.retryAfterMs);
    return new Date(now + Math.min(2 ** attempts * 1_000, MAX_BACKOFF_MS));
  };

  const deliverOne = async (effect: Effect): Promise<boolean> => {
    const payload = effect.payload as ReplyPayload | null;
    if (payload === null || payload.message === undefined) return true; // nothing left to send
    const delivery = deliveryOf(env, effect, payload);
    let result: Awaited<ReturnType<typeof doEffectOnce>>;
    try {
      result = await doEffectOnce(
        env,
        effect,
        { force: false, retryAt, pending: effect.status === 'pending' },
        delivery,
      );
    } catch (error) {
      // Given back with its next attempt set: a sweep sends it then.
      env.logger.warn(
        { kind: effect.kind, err: { message: error instanceof Error ? error.message : String(error) } },
        'reply not sent; tried again later',
      );
      return false;
    }
    if (result.kind === 'failed' && !result.earlier) {
      const problem = problemOfEffect({ ...effect, error: result.code });
      if (problem !== null) await sendAlerts(env.alerts, effect.meetingWeek, problem);
    }
    return result.kind === 'done' || result.kind === 'already' || result.kind === 'failed';
  };

  const deliver = async (requestKey: string) => {
    for (const effect of await listRepliesOf(env.db, requestKey)) {
      if (effect.status === 'done' || effect.status === 'failed') continue;
      if (!(await deliverOne(effect))) return;
    }
  };

  return {
    deliver,
    async sweep() {
      const due = await listDueReplies(env.db, REPLY_KINDS, {
        minAgeMs: SWEEP_MIN_AGE_MS,
        leaseMs: REPLY_LEASE_MS,
        limit: SWEEP_BATCH,
      });
      const requests = [...new Set(due.map((effect) => effect.requestKey ?? ''))];
      for (const requestKey of requests) {
        if (env.stopping?.aborted) break;
        if (requestKey === '') continue;
        await deliver(requestKey);
      }
      return due.length;
    },
  };
}

function deliveryOf(env: RepliesEnv, effect: Effect, payload: ReplyPayload): Delivery {
  const { route, message } = payload;
  switch (route.via) {
    case 'thread':
      return replyInThread(env.slack, route.channelId, route.threadTs, message);
    case 'dm':
      return sendDirect(env.slack, route.userId, message);
    case 'ephemeral':
      return responseUrlDelivery(
        env,
        effect.requestKey ?? '',
        { ...route, via: 'response_url', url: null },
        message,
      );
    case 'response_url':
      return responseUrlDelivery(env, effect.requestKey ?? '', route, message);
  }
}

/** Ephemerally through the response_url while Slack takes it, otherwise as a direct message. */
function responseUrlDelivery(
  env: RepliesEnv,
  requestKey: string,
  route: Omit<
    Extract<ReplyRoute, { via: 'response_url' }>,
    'url' | 'issuedAt' | 'replaceOriginal' | 'replaceOnRetry'
  > &
    Partial<
      Pick<Extract<ReplyRoute, { via: 'response_url' }>, 'issuedAt' | 'replaceOriginal' | 'replaceOnRetry'>
    > & {
      readonly url: string | null;
    },
  message: PostContent,
): Delivery {
  const direct = sendDirect(env.slack, route.userId, message);
  // A form's response_url came back through the client: one that is not Slack's is never posted to, and the
  // reply goes the other ways (ephemerally in the channel, else as a direct message).
  const url =
    route.url !== null && isSlackResponseUrl(route.url, env.slack.web.slackApiUrl) ? route.url : null;
  if (route.url !== null && url === null)
    env.logger.warn({ requestKey }, 'response_url is not a Slack URL; replying another way');
  const usable = async () =>
    url !== null &&
    responseUrlUsable(
      new Date(route.issuedAt ?? 0),
      await responsePostsOf(env.db, requestKey),
      env.clock.now(),
    );
  return {
    place: { userId: route.userId },
    async send(metadata, attempt) {
      // Counted before the post: a post whose answer is lost still used one of the five.
      const posts = url === null ? Number.POSITIVE_INFINITY : await countResponsePost(env.db, requestKey);
      if (url !== null && responseUrlUsable(new Date(route.issuedAt ?? 0), posts - 1, env.clock.now())) {
        try {
          await postToResponseUrl(url, {
            response_type: 'ephemeral',
            replace_original:
              route.replaceOriginal === true || (attempt.afterDoubt && route.replaceOnRetry === true),
            text: message.text,
            ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
          });
          return { channelId: null, messageTs: null };
        } catch (error) {
          if (!(error instanceof ResponseUrlGone)) throw error;
          env.logger.info({ reason: error.reason }, 'response_url gone; replying another way');
        }
      }
      if (route.channelId !== null && route.replaceOriginal !== true) {
        try {
          await env.slack.web.chat.postEphemeral({
            channel: route.channelId,
            user: route.userId,
            text: message.text,
            ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
          });
          return { channelId: route.channelId, messageTs: null };
        } catch (error) {
          // The bot may not post in the channel (it is not a member): a direct message reaches the person.
          if (classifySlackError(error).kind !== 'permanent') throw error;
          env.logger.info(
            { channel: route.channelId },
            'ephemeral reply refused in the channel; replying by DM',
          );
        }
      }
      return direct.send(metadata, attempt);
    },
    // A post to a response_url cannot be looked up; once it is no longer usable, an earlier attempt may have
    // been the direct message, which can.
    async find(metadataKey, since) {
      return (await usable()) ? 'unknown' : direct.find(metadataKey, since);
    },
  };
}
