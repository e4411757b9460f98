/**
 * What every handler gets, whatever brought the request (a slash command, a button, a form, a direct message):
 * who asked, the database (a transaction while a stored request is carried out), the catalogue and the actor
 * (loaded once per request), and `reply`, which answers the person privately. Replies are collected and recorded
 * as effects with the request's changes, then sent after the commit (src/effects/replies.ts): nothing a handler
 * says is lost if the process dies, and nothing is said twice.
 */

import { recordAccess } from '../db/access-log.repository.js';
import type { Executor } from '../db/database.js';
import { loadActor } from '../db/members.repository.js';
import type { Deps } from '../deps.js';
import type { AccessRecord } from '../domain/access-log.js';
import type { Actor } from '../domain/actor.js';
import { weekOfDate } from '../domain/schedule.js';
import { replyKey } from '../effects/keys.js';
import type { NewReplyEffect, ReplyRoute } from '../effects/replies.js';
import type { Logger } from '../logger.js';
import { type Catalogue, loadCatalogue } from '../services/catalogue.js';
import type { SlackMessage } from '../slack/blocks.js';

/** How the request reached the bot; the access log records it. */
export type Via = 'kommando' | 'knapp' | 'modal' | 'dm' | 'hem';

/** What a handler answers: a plain text or a message with blocks. */
export type Answer = SlackMessage | string;

export interface RequestContext {
  readonly deps: Deps;
  readonly userId: string;
  readonly via: Via;
  /** The database: inside a stored request's processing or a form's submission, its transaction. */
  readonly db: Executor;
  /** The request's own key; its replies are filed under it. */
  readonly requestKey: string;
  readonly log: Logger;
  catalogue(): Promise<Catalogue>;
  actor(): Promise<Actor>;
  /** Answers the person who asked, privately where they are (ephemeral), else in a direct message. */
  reply(message: Answer, options?: { replaceOriginal?: boolean }): void;
  /** A direct message to someone else (a welcome, a notification), sent once with the change. */
  send(userId: string, message: Answer): void;
  /** Runs once the change is committed (the live agenda, App Home); its errors are logged. */
  after(work: () => unknown): void;
  /**
   * Records in the access log what the person read, exported or changed (identifiers only, never text): in the
   * transaction of a change, and for a read before the answer is sent.
   */
  audit(record: Omit<AccessRecord, 'actorUserId' | 'via'>): Promise<void>;
}

/** Where the person who asked is answered. */
export interface ReplyTarget {
  readonly responseUrl: string | null;
  /** When the response_url was issued (the request's arrival). */
  readonly issuedAt: Date;
  /** A channel to answer ephemerally in once the response_url is used up. */
  readonly channelId: string | null;
  /** A conversation thread to answer in instead (a direct message to the bot). */
  readonly thread: { readonly channelId: string; readonly threadTs: string } | null;
  /** Whether a resend after an attempt in doubt may replace the earlier answer (a slash command's own). */
  readonly replaceOnRetry: boolean;
}

/**
 * A reply target for an event: the thread of a conversation with the bot to answer in, or (null) nowhere in
 * place — what the handler says then goes as direct messages.
 */
export function eventTarget(
  issuedAt: Date,
  thread: { channelId: string; threadTs: string } | null,
): ReplyTarget {
  return { responseUrl: null, issuedAt, channelId: null, thread, replaceOnRetry: false };
}

export interface Scope {
  readonly ctx: RequestContext;
  /** The replies collected so far, as effects to record. */
  replies(): NewReplyEffect[];
  /** Forgets the replies collected (a handler that failed halfway answers only with the apology). */
  discardReplies(): void;
  /** Runs the after-commit work; never throws. */
  runAfter(): Promise<void>;
}

export function createScope(input: {
  deps: Deps;
  db: Executor;
  userId: string;
  via: Via;
  requestKey: string;
  target: ReplyTarget;
}): Scope {
  const { deps, target } = input;
  const week = weekOfDate(deps.clock.now(), deps.config.schedule.timezone);
  let collected: NewReplyEffect[] = [];
  const afterWork: Array<() => unknown> = [];
  let catalogue: Promise<Catalogue> | null = null;
  let actor: Promise<Actor> | null = null;
  const log = deps.logger.child({ user: input.userId, via: input.via });

  const add = (kind: 'svar' | 'dm', message: Answer, route: ReplyRoute) => {
    const content = typeof message === 'string' ? { text: message } : message;
    collected.push({
      key: replyKey(kind, week, input.requestKey, collected.length + 1),
      requestKey: input.requestKey,
      payload: { message: content, route },
    });
  };

  const ctx: RequestContext = {
    deps,
    userId: input.userId,
    via: input.via,
    db: input.db,
    requestKey: input.requestKey,
    log,
    catalogue: () => {
      catalogue ??= loadCatalogue(input.db);
      return catalogue;
    },
    actor: () => {
      actor ??= loadActor(input.db, input.userId);
      return actor;
    },
    reply(message, options = {}) {
      const route: ReplyRoute =
        target.thread !== null
          ? { via: 'thread', channelId: target.thread.channelId, threadTs: target.thread.threadTs }
          : target.responseUrl !== null
            ? {
                via: 'response_url',
                url: target.responseUrl,
                issuedAt: target.issuedAt.toISOString(),
                userId: input.userId,
                channelId: target.channelId,
                replaceOriginal: options.replaceOriginal ?? false,
                replaceOnRetry: target.replaceOnRetry || (options.replaceOriginal ?? false),
              }
            : target.channelId !== null
              ? { via: 'ephemeral', channelId: target.channelId, userId: input.userId }
              : { via: 'dm', userId: input.userId };
      add('svar', message, route);
    },
    send(userId, message) {
      add('dm', message, { via: 'dm', userId });
    },
    after(work) {
      afterWork.push(work);
    },
    audit: (record) => recordAccess(input.db, { ...record, actorUserId: input.userId, via: input.via }),
  };

  return {
    ctx,
    replies: () => collected,
    discardReplies() {
      collected = [];
    },
    async runAfter() {
      for (const work of afterWork) {
        try {
          await work();
        } catch (error) {
          log.warn(
            { err: { message: error instanceof Error ? error.message : String(error) } },
            'after-commit work failed',
          );
        }
      }
    },
  };
}
