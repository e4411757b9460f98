/**
 * The composition root: builds the connections, services and Bolt app from the Config, registers every
 * command, button, form and event and the weekly cycle, and starts and stops them in order.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type Authorize, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import * as agenda from '../commands/agenda.js';
import * as chat from '../commands/chat.js';
import * as home from '../commands/home.js';
import * as lagesbild from '../commands/lagesbild.js';
import * as leavers from '../commands/leavers.js';
import * as prioritet from '../commands/prioritet.js';
import * as protokoll from '../commands/protokoll.js';
import * as rapport from '../commands/rapport.js';
import * as samverkan from '../commands/samverkan.js';
import { prioritiesOnAgenda } from '../jobs/agenda-priorities.js';
import { type Cycle, createCycle, queueAgendaUpdate } from '../jobs/cycle.js';
import { CycleQueues } from '../jobs/queues.js';
import type { CycleJob } from '../jobs/types.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { createDatabase, type Db, pingDatabase } from './db/database.js';
import { bootstrapAdmins } from './db/members.repository.js';
import { migrateToLatest } from './db/migrate.js';
import type { Deps } from './deps.js';
import type { AlertEnv } from './effects/alerts.js';
import { createEffectSlack } from './effects/client.js';
import { createReplies } from './effects/replies.js';
import { BoundaryReceiver, processEventErrorHandler } from './kit/boundary.js';
import { createKit, type Kit } from './kit/create.js';
import { createPipeline, type Pipeline } from './kit/pipeline.js';
import { boltLogger, createLogger, errorFields, type Logger } from './logger.js';
import { createAfterAckQueue } from './services/after-ack.js';
import { createHomePublisher } from './services/home.js';
import { createMeetings } from './services/meetings.js';
import { createNotify } from './services/notify.js';

export const SLACK_EVENTS_PATH = '/slack/events';

/** Every slash command the app registers; the manifest test checks each is in slack-manifest.yml. */
export const SLASH_COMMANDS = [
  lagesbild.COMMAND,
  samverkan.COMMAND,
  prioritet.COMMAND,
  rapport.COMMAND,
  protokoll.COMMAND,
] as const;

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Port to listen on instead of config.port (tests pass 0 for a free one). */
  port?: number;
  /** How often stored requests and replies left behind are looked for (default 5 s). */
  sweepIntervalMs?: number;
}

export interface RunningApp {
  readonly bolt: App;
  readonly deps: Deps;
  /** The weekly cycle: its scheduler (`tick`), queues and workers. */
  readonly cycle: Cycle;
  /** Stored requests and their replies: `sweep` carries out what a killed process left. */
  readonly pipeline: Pipeline;
  /** The HTTP port actually listened on; null in Socket Mode. */
  readonly port: number | null;
  /** Stops taking requests, lets running work finish, closes Postgres and Redis. Safe to call twice. */
  stop(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 5_000;

/**
 * The composition root: builds every dependency and service from the config, migrates, registers the listeners
 * and starts listening. `npm start` (src/main.ts) and the end-to-end tests both start the app through here.
 */
export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const db = createDatabase(config.databaseUrl, {
    onIdleError: (error) => logger.warn({ err: errorFields(error) }, 'idle database connection lost'),
  });
  const closers: Array<() => Promise<unknown>> = [];
  closers.push(() => db.destroy());

  const redis = createProducerConnection(config.redisUrl, logger);
  closers.push(() => closeRedis(redis));

  try {
    const { applied } = await migrateToLatest(db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    await bootstrapAdmins(db, config.adminUserIds);

    const queues = new CycleQueues(redis, config.queuePrefix, logger.child({ component: 'cycle' }));
    closers.push(() => queues.close());
    const slack = createEffectSlack(config, logger);
    const alerts: AlertEnv = {
      db,
      logger,
      enqueueAlerts: (list) => queues.add(list.map((alert): CycleJob => ({ kind: 'alert', ...alert }))),
    };
    const notify = createNotify({
      logger,
      agendaChanged: (week) => queueAgendaUpdate({ config, db }, queues, week),
      publishHome: createHomePublisher({ config, db, clock, logger }),
    });
    closers.push(() => notify.close());
    const deps: Deps = {
      config,
      db,
      redis,
      clock,
      logger,
      afterAck: createAfterAckQueue(),
      notify,
      meetings: createMeetings({ config, clock, db }),
      replies: createReplies({ db, clock, logger, slack, alerts }),
      slack,
      alerts,
      // An asked report has no time window: run as such, its message and files are healed whenever interrupted.
      reports: { order: (order) => queues.add([{ kind: 'report', ...order, ignoreWindow: true }]) },
    };
    const cycle = createCycle(deps, queues, { extensions: prioritiesOnAgenda(db) });
    closers.push(() => cycle.stop());

    const boundary = createBoundary(config, logger, db, redis, options.port ?? config.port);
    const bolt = new App({
      receiver: boundary,
      authorize: cachedAuthorize(config),
      logger: boltLogger(logger),
      clientOptions: { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 2, maxRetryTime: 10_000 } },
    });
    const inFlight = trackInFlight(bolt);
    const pipeline = createPipeline(deps);
    closers.push(() => pipeline.close());
    registerListeners(createKit(bolt, deps, pipeline, boundary), bolt, deps);

    await bolt.start(options.port ?? config.port);
    const port = boundary.port();
    logger.info({ port, socketMode: config.slack.appToken !== null }, 'Fredagsmötet is running');
    cycle.start();
    // At start: whatever a killed process stored and did not carry out, or did not answer, is done now.
    pipeline.start(options.sweepIntervalMs ?? SWEEP_INTERVAL_MS);

    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        logger.info('stopping');
        await bolt
          .stop()
          .catch((error: unknown) =>
            logger.warn({ err: errorFields(error) }, 'receiver did not stop cleanly'),
          );
        // At the same time: requests already acked finish their work (storing, confirming), and the cycle's
        // workers finish their jobs, before the queues and the database close. Each is bounded, so the whole
        // stop stays well within main.ts's deadline. What is left is stored, and the next start finishes it.
        const [unfinished] = await Promise.all([
          inFlight.drain(LISTENER_GRACE_MS),
          cycle
            .closeWorkers()
            .catch((error: unknown) =>
              logger.warn({ err: errorFields(error) }, 'cycle workers did not stop cleanly'),
            ),
        ]);
        if (unfinished > 0) logger.warn({ unfinished }, 'listeners still running at shutdown');
        await closeAll(closers, logger);
        logger.info('stopped');
      })();
      return stopping;
    };
    return { bolt, deps, cycle, pipeline, port, stop };
  } catch (error) {
    await closeAll(closers, logger);
    throw error;
  }
}

/** How long a stop waits for listeners that have acked but not finished (the cycle's jobs finish meanwhile). */
const LISTENER_GRACE_MS = 4_000;

/**
 * Keeps count of the listeners running now (Bolt's global middleware sees every request, and `next()`
 * settles when the listener has finished), so a stop can wait for them.
 */
function trackInFlight(bolt: App): { drain(timeoutMs: number): Promise<number> } {
  const running = new Set<Promise<unknown>>();
  bolt.use(async ({ next }) => {
    const work = next();
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
    }
  });
  return {
    async drain(timeoutMs) {
      if (running.size > 0) await withTimeout(Promise.allSettled([...running]), timeoutMs);
      return running.size;
    },
  };
}

function registerListeners(kit: Kit, bolt: App, deps: Deps): void {
  agenda.register(kit);
  lagesbild.register(kit);
  chat.register(kit);
  samverkan.register(kit);
  prioritet.register(kit);
  protokoll.register(kit);
  home.register(kit);
  leavers.register(kit);
  rapport.register(kit);

  bolt.error(async (error) => {
    // The kit catches what its listeners throw; this is what slipped past it. Never the payload (it holds what
    // users typed).
    deps.logger.error(
      { err: { name: error.name, message: error.message, code: error.code } },
      'unhandled listener error',
    );
  });
}

/**
 * HTTP mode: one endpoint for commands, interactivity and events, plus /health. Socket Mode: the events come over
 * Slack's websocket, and /health is still served on PORT so a container's health check works the same. Either
 * way every request crosses the kit's boundary first (src/kit/boundary.ts).
 */
function createBoundary(
  config: Config,
  logger: Logger,
  db: Db,
  redis: Redis,
  port: number,
): BoundaryReceiver {
  const customRoutes = [
    {
      path: '/health',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        void health(db, redis).then(({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        });
      },
    },
  ];
  const options = { eventsPath: SLACK_EVENTS_PATH, logger };
  if (config.slack.appToken !== null) {
    const inner = new SocketModeReceiver({
      appToken: config.slack.appToken,
      logger: boltLogger(logger),
      customRoutes,
      installerOptions: { port, clientOptions: { slackApiUrl: config.slack.apiUrl } },
    });
    return new BoundaryReceiver(inner, { ...options, http: false });
  }
  const inner = new HTTPReceiver({
    signingSecret: config.slack.signingSecret as string,
    endpoints: SLACK_EVENTS_PATH,
    logger: boltLogger(logger),
    customRoutes,
    processEventErrorHandler,
  });
  return new BoundaryReceiver(inner, { ...options, http: true });
}

export async function health(
  db: Db,
  redis: Redis,
): Promise<{ status: number; body: Record<string, string> }> {
  const [dbOk, redisOk] = await Promise.all([withTimeout(pingDatabase(db), 2_000), pingRedis(redis)]);
  const body = {
    status: dbOk && redisOk ? 'ok' : 'error',
    db: dbOk ? 'ok' : 'error',
    redis: redisOk ? 'ok' : 'error',
  };
  return { status: dbOk && redisOk ? 200 : 503, body };
}

async function pingRedis(redis: Redis): Promise<boolean> {
  try {
    return (await withTimeout(redis.ping(), 2_000)) === 'PONG';
  } catch {
    return false;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | false> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The bot token's identity from auth.test, asked once and kept; a failed call (Slack briefly away at start)
 * is asked again on the next request instead of failing every request after it, as Bolt's default would.
 */
function cachedAuthorize(config: Config): Authorize<boolean> {
  const client = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl });
  let identity: Promise<{ botId: string; botUserId: string }> | null = null;
  return async () => {
    identity ??= client.auth
      .test()
      .then((result) => ({ botId: String(result.bot_id ?? ''), botUserId: String(result.user_id ?? '') }))
      .catch((error: unknown) => {
        identity = null;
        throw error;
      });
    const { botId, botUserId } = await identity;
    return { botToken: config.slack.botToken, botId, botUserId };
  };
}

function createProducerConnection(url: string, logger: Logger): Redis {
  // Producers fail fast: a command while Redis is away errors at once instead of waiting in a queue.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ err: { message: error.message } }, 'redis connection error');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('redis connection restored');
    down = false;
  });
  return redis;
}

async function closeRedis(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}

async function closeAll(closers: Array<() => Promise<unknown>>, logger: Logger): Promise<void> {
  // Last opened, first closed: workers before queues before connections.
  for (const close of [...closers].reverse()) {
    await close().catch((error: unknown) => logger.warn({ err: errorFields(error) }, 'close failed'));
  }
}
