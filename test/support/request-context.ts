import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Db, Executor } from '../../src/db/database.js';
import type { Deps } from '../../src/deps.js';
import type { Actor } from '../../src/domain/actor.js';
import type { Answer, RequestContext, Via } from '../../src/kit/context.js';
import { loadCatalogue } from '../../src/services/catalogue.js';
import { createMeetings } from '../../src/services/meetings.js';
import { FRIDAY_SCHEDULE } from './schedule.js';

/**
 * A RequestContext for calling a handler directly, as the kit would (src/kit/context.ts), collecting what it
 * answers: no Slack, no HTTP, no outbox. The database is real where the handler reads it, and absent (any use
 * throws) where it must not be read at all.
 */

/** A database that must not be touched: the handler is to decide without it. */
export const NO_DATABASE = new Proxy({} as Executor, {
  get() {
    throw new Error('the database was used');
  },
});

export interface FakeRequest {
  readonly ctx: RequestContext;
  /** What the handler answered the person who asked, in order. */
  readonly replies: Answer[];
  /** Whose App Home the handler asked to publish again, once run after the commit. */
  readonly homeChanged: string[];
  /** What the handler recorded in the access log. */
  readonly audited: Array<Parameters<RequestContext['audit']>[0]>;
  /** Runs what the handler left for after the commit. */
  runAfter(): Promise<void>;
}

export function fakeRequestContext(input: { actor: Actor; now: Date; via: Via; db?: Executor }): FakeRequest {
  const replies: Answer[] = [];
  const homeChanged: string[] = [];
  const audited: FakeRequest['audited'] = [];
  const after: Array<() => unknown> = [];
  const database = input.db ?? NO_DATABASE;
  const clock = { now: () => new Date(input.now) };
  const config = { schedule: FRIDAY_SCHEDULE };
  const logger = pino({ level: 'silent' });
  // Only what handlers use; anything else is undefined and fails loudly.
  const deps = {
    config,
    clock,
    logger,
    meetings: createMeetings({ config, clock, db: database as Db }),
    notify: {
      homeChanged: (userId: string) => homeChanged.push(userId),
      statusChanged: async () => {},
      close: async () => {},
    },
  } as unknown as Deps;
  const ctx: RequestContext = {
    deps,
    userId: input.actor.userId,
    via: input.via,
    db: database,
    requestKey: `${input.via}:${randomUUID()}`,
    log: logger,
    catalogue: () => loadCatalogue(database),
    actor: async () => input.actor,
    reply: (message) => replies.push(message),
    send: () => {
      throw new Error('a message to someone else');
    },
    after: (work) => after.push(work),
    audit: async (record) => {
      audited.push(record);
    },
  };
  return {
    ctx,
    replies,
    homeChanged,
    audited,
    async runAfter() {
      for (const work of after) await work();
    },
  };
}
