/**
 * Events in the listener kit. Bolt acks an event before any listener runs, so an event that changes data (a
 * direct message with a lägesbild) is stored at the boundary, before the ack, and carried out by its listener
 * after it; Slack's redelivery of the same event stores nothing new. Other events (App Home opened) just run.
 */

import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { InboxRequest } from '../db/inbox.repository.js';
import type { Deps } from '../deps.js';
import { errorFields } from '../logger.js';
import type { BoundaryReceiver } from './boundary.js';
import { eventTarget } from './context.js';
import type { NewRequest, Pipeline, ScopeInput, StoredHandler } from './pipeline.js';

/**
 * The scope a stored event runs in: answered in `thread` of the conversation it came from, or (null) by direct
 * message. `userId` is who acts: the sender, or `system` when the bot acts for itself.
 */
export function eventScope(
  request: InboxRequest,
  thread: { channelId: string; threadTs: string } | null,
  userId = request.userId,
): ScopeInput {
  return { userId, via: 'dm', requestKey: request.key, target: eventTarget(request.receivedAt, thread) };
}

export interface DurableEventSpec {
  /** The Events API type, e.g. `message`. */
  readonly type: string;
  /**
   * Whether this event is one to carry out, and as what: pure and fast (it runs before the ack). Null for an
   * event to ignore (the bot's own messages, edits of messages it never stored).
   */
  admit(event: Record<string, unknown>): NewRequest | null;
  /** How each kind of stored request this spec admits is carried out. */
  readonly handlers: Readonly<Record<string, StoredHandler>>;
}

export function registerDurableEvent(
  app: App,
  deps: Deps,
  pipe: Pipeline,
  boundary: BoundaryReceiver,
  spec: DurableEventSpec,
): void {
  for (const [kind, handler] of Object.entries(spec.handlers)) pipe.register(kind, handler);
  boundary.admitEvents(spec.type, async (event) => {
    const request = spec.admit(event);
    if (request !== null) await pipe.store(request);
  });
  app.event(spec.type, async function onDurableEvent({ event }) {
    const request = spec.admit(event as unknown as Record<string, unknown>);
    if (request === null) return;
    pipe.afterAck.acked();
    try {
      await pipe.afterAck.run(() => pipe.process(request.key));
    } catch (error) {
      deps.logger.error({ err: errorFields(error), kind: request.kind }, 'event not carried out now; swept');
    }
  });
}

/** An event that only reads or refreshes (App Home opened): run after Bolt's ack, errors logged. */
export function registerEvent<E>(
  app: App,
  deps: Deps,
  type: string,
  run: (event: E, client: WebClient) => Promise<void>,
): void {
  app.event(type, async function onEvent({ event, client }) {
    try {
      await run(event as unknown as E, client);
    } catch (error) {
      deps.logger.error({ err: errorFields(error), event: type }, 'event failed');
    }
  });
}
