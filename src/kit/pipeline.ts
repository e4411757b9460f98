/**
 * How a request is carried out, so that an ack means stored: a request that changes data is stored (the inbox)
 * in one statement before its ack, and carried out after it in one transaction that also records its replies;
 * the replies are sent after the commit. A process killed in between leaves the request, or its replies, for the
 * next sweep of any replica. Requests that only read, and forms, run through the same scope without the inbox.
 */

import { type Db, type Executor, inTransaction } from '../db/database.js';
import {
  deleteProcessedBefore,
  type InboxRequest,
  insertRequest,
  listDueRequests,
  lockUnprocessed,
  markProcessed,
  recordAttemptFailed,
} from '../db/inbox.repository.js';
import type { Deps } from '../deps.js';
import { recordReplyEffects } from '../effects/replies.js';
import { sv } from '../i18n/sv.js';
import { errorFields } from '../logger.js';
import type { AfterAckQueue } from '../services/after-ack.js';
import { createScope, type ReplyTarget, type RequestContext, type Via } from './context.js';

/** What a handler needs besides the context: who asked, how, and where to answer. */
export interface ScopeInput {
  readonly userId: string;
  readonly via: Via;
  readonly requestKey: string;
  readonly target: ReplyTarget;
}

/** A request to store before its ack. */
export interface NewRequest {
  readonly key: string;
  /** The handler that carries it out, as registered (`command:/lagesbild`). */
  readonly kind: string;
  readonly userId: string;
  readonly payload: unknown;
}

/** How a stored request of one kind is carried out. */
export type StoredHandler = (request: InboxRequest) => {
  readonly scope: ScopeInput;
  run(ctx: RequestContext): Promise<void>;
};

export interface Pipeline {
  readonly afterAck: AfterAckQueue;
  /** Registers how stored requests of a kind are carried out. */
  register(kind: string, handler: StoredHandler): void;
  /** Stores a request before its ack; a redelivery of the same request stores nothing. */
  store(request: NewRequest): Promise<void>;
  /** Carries out a stored request and sends its replies; safe to call twice, from any replica. */
  process(key: string): Promise<void>;
  /** Runs a handler now (a read, a modal to open): its replies are recorded after it and sent. */
  runNow(scope: ScopeInput, run: (ctx: RequestContext) => Promise<void>): Promise<void>;
  /** Runs a handler in one transaction (a form's submission) and gives its result; `finish` sends its replies. */
  runInTransaction<T>(
    scope: ScopeInput,
    run: (ctx: RequestContext) => Promise<T>,
  ): Promise<{ readonly result: T; finish(): Promise<void> }>;
  /** Carries out what a killed process left and sends the replies that are due. */
  sweep(): Promise<void>;
  /** Sweeps every `intervalMs` from now on (and once at once). */
  start(intervalMs: number): void;
  /** Stops sweeping; waits for a sweep that is running. */
  close(): Promise<void>;
}

/** Tries of a stored request before the person is told it failed. */
const MAX_ATTEMPTS = 3;
/** A stored request is left to the process that stored it this long before a sweep takes it. */
const SWEEP_MIN_AGE_MS = 2_000;
const SWEEP_BATCH = 50;
/** Carried-out requests are kept this long: their keys guard against Slack's late redeliveries. */
const KEEP_PROCESSED_MS = 7 * 24 * 60 * 60_000;

export function createPipeline(deps: Deps): Pipeline {
  const handlers = new Map<string, StoredHandler>();
  const db: Db = deps.db;
  const log = deps.logger.child({ component: 'pipeline' });

  const finishOf = (requestKey: string, scope: ReturnType<typeof createScope>) => async () => {
    await scope.runAfter();
    await deps.replies.deliver(requestKey);
  };

  /** Gives up on a request after its last try: the person is told, and it is not tried again. */
  const giveUp = async (request: InboxRequest, handler: StoredHandler | undefined) => {
    await inTransaction(db, async (trx) => {
      if ((await lockUnprocessed(trx, request.key)) === null) return;
      if (handler !== undefined) {
        const scope = createScope({ deps, db: trx, ...handler(request).scope });
        scope.ctx.reply(sv.common.notCarriedOut);
        await recordReplyEffects(trx, scope.replies(), deps.clock.now());
      }
      await markProcessed(trx, request.key, 'gave up');
    });
    await deps.replies.deliver(request.key);
  };

  const process = async (key: string) => {
    let finish: (() => Promise<void>) | null = null;
    let failed: InboxRequest | null = null;
    try {
      finish = await inTransaction(db, async (trx) => {
        const request = await lockUnprocessed(trx, key);
        if (request === null) return null;
        failed = request;
        const handler = handlers.get(request.kind);
        if (handler === undefined) {
          log.error({ kind: request.kind }, 'no handler for a stored request; dropped');
          await markProcessed(trx, key, 'no handler');
          return null;
        }
        const { scope: input, run } = handler(request);
        const scope = createScope({ deps, db: trx, ...input });
        await run(scope.ctx);
        await recordReplyEffects(trx, scope.replies(), deps.clock.now());
        await markProcessed(trx, key);
        return finishOf(key, scope);
      });
    } catch (error) {
      const request = failed as InboxRequest | null;
      log.error(
        { err: errorFields(error), kind: request?.kind },
        'stored request not carried out; tried again',
      );
      if (request === null) return;
      const attempts = await recordAttemptFailed(
        db,
        key,
        new Date(Date.now() + 2 ** (request.attempts + 1) * 1_000),
        errorFields(error).name === undefined ? 'error' : String(errorFields(error).name),
      ).catch(() => 0);
      if (attempts >= MAX_ATTEMPTS) {
        await giveUp(request, handlers.get(request.kind)).catch((e: unknown) =>
          log.error({ err: errorFields(e) }, 'could not give up on a stored request'),
        );
      }
      return;
    }
    if (finish !== null) await finish();
  };

  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> | null = null;
  let lastCleanup = 0;

  const sweep = async () => {
    for (const key of await listDueRequests(db, SWEEP_MIN_AGE_MS, SWEEP_BATCH)) await process(key);
    await deps.replies.sweep();
    if (Date.now() - lastCleanup > 60 * 60_000) {
      lastCleanup = Date.now();
      await deleteProcessedBefore(db, new Date(Date.now() - KEEP_PROCESSED_MS));
    }
  };
  const sweepLogged = () => {
    sweeping ??= sweep()
      .catch((error: unknown) => log.warn({ err: errorFields(error) }, 'sweep failed; tried again'))
      .finally(() => {
        sweeping = null;
      });
    return sweeping;
  };

  return {
    afterAck: deps.afterAck,
    register(kind, handler) {
      handlers.set(kind, handler);
    },
    async store(request) {
      await insertRequest(db, request);
    },
    process,
    async runNow(input, run) {
      const scope = createScope({ deps, db, ...input });
      try {
        await run(scope.ctx);
      } catch (error) {
        scope.ctx.log.error({ err: errorFields(error) }, 'request failed');
        scope.discardReplies();
        scope.ctx.reply(sv.common.genericError);
      }
      await recordReplyEffects(db, scope.replies(), deps.clock.now());
      await finishOf(input.requestKey, scope)();
    },
    async runInTransaction(input, run) {
      let scope: ReturnType<typeof createScope> | null = null;
      const result = await inTransaction(db, async (trx: Executor) => {
        scope = createScope({ deps, db: trx, ...input });
        const value = await run(scope.ctx);
        await recordReplyEffects(trx, scope.replies(), deps.clock.now());
        return value;
      });
      const done = scope as ReturnType<typeof createScope> | null;
      return { result, finish: done === null ? async () => {} : finishOf(input.requestKey, done) };
    },
    sweep: sweepLogged,
    start(intervalMs) {
      if (timer !== null) return;
      void sweepLogged();
      timer = setInterval(() => void sweepLogged(), intervalMs);
      timer.unref();
    },
    async close() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      if (sweeping !== null) await sweeping;
    },
  };
}
