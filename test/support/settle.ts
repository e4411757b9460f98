/**
 * Waiting until the app has finished with a request, so a test can count "exactly once" without sleeping: the
 * request's inbox row carried out, none of its replies still pending or being sent, no Bolt listener still at
 * work (a redelivery waiting for its turn in the after-ack queue included), and then one whole sweep of the
 * pipeline run, so a duplicate that a sweep would send has been sent before the test counts.
 */

import type { App } from '@slack/bolt';
import type { RunningApp } from '../../src/app.js';
import { listRepliesOf } from '../../src/db/effect-replies.repository.js';

export interface ListenersInFlight {
  /** Bolt listeners running now, each one's work after its ack included. */
  running(): number;
}

/**
 * Counts Bolt's listeners through a global middleware whose `next()` settles when the listener has finished —
 * for a stored request, after its turn in the after-ack queue (the listener awaits it). It is entered before
 * the client sees the ack: a command's or button's listener acks itself, and Bolt acks an event and then
 * enters the global middleware with only promise continuations in between (no I/O), so once a test has its
 * 200 the listener is already counted.
 */
export function trackListeners(bolt: App): ListenersInFlight {
  let running = 0;
  bolt.use(async ({ next }) => {
    running += 1;
    try {
      await next();
    } finally {
      running -= 1;
    }
  });
  return { running: () => running };
}

const POLL_MS = 20;

/** Waits until no Bolt listener is running (requests that store nothing, like an ignored event). */
export async function listenersIdle(listeners: ListenersInFlight, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (listeners.running() > 0) {
    if (Date.now() > deadline) throw new Error(`${listeners.running()} listeners still running`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

interface RequestState {
  readonly stored: boolean;
  readonly processed: boolean;
  readonly openReplies: number;
  readonly listeners: number;
}

async function stateOf(
  app: RunningApp,
  listeners: ListenersInFlight,
  requestKey: string,
): Promise<RequestState> {
  const db = app.deps.db;
  const row = await db
    .selectFrom('inbox')
    .select('processed_at')
    .where('key', '=', requestKey)
    .executeTakeFirst();
  const replies = await listRepliesOf(db, requestKey);
  return {
    stored: row !== undefined,
    processed: row !== undefined && row.processed_at !== null,
    openReplies: replies.filter((r) => r.status === 'pending' || r.status === 'sending').length,
    listeners: listeners.running(),
  };
}

const isSettled = (s: RequestState) => s.processed && s.openReplies === 0 && s.listeners === 0;

/**
 * Waits until the stored request `requestKey` (its inbox key, e.g. `kommando:<trigger_id>` or
 * `chatt:<channel>:<ts>`) is settled as described above, then runs the pipeline's sweep. Throws, with what was
 * still open, if it does not settle within `timeoutMs`.
 */
export async function settleRequest(
  app: RunningApp,
  listeners: ListenersInFlight,
  requestKey: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let state = await stateOf(app, listeners, requestKey);
  while (!isSettled(state)) {
    if (Date.now() > deadline) {
      throw new Error(
        `request ${requestKey} did not settle within ${timeoutMs} ms: ${JSON.stringify(state)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    state = await stateOf(app, listeners, requestKey);
  }
  // `sweep()` joins a sweep already running (which may have listed its work before now); the second call is
  // sure to be a whole sweep begun after the request settled.
  await app.pipeline.sweep();
  await app.pipeline.sweep();
  await listenersIdle(listeners, Math.max(deadline - Date.now(), 1_000));
}
