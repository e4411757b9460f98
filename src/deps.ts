/**
 * What listeners and jobs get from the composition root (src/app.ts): the configuration, the connections and the
 * app's services, each built once there and closed by it. Never module globals, so tests build their own.
 */

import type { Redis } from 'ioredis';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { ReportOrder } from './domain/report-schedule.js';
import type { AlertEnv } from './effects/alerts.js';
import type { EffectSlack } from './effects/client.js';
import type { Replies } from './effects/replies.js';
import type { Logger } from './logger.js';
import type { AfterAckQueue } from './services/after-ack.js';
import type { Meetings } from './services/meetings.js';
import type { Notify } from './services/notify.js';

export interface Deps {
  readonly config: Config;
  readonly db: Db;
  /** The producer connection: fails fast when Redis is away instead of queueing commands. */
  readonly redis: Redis;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Work after an ack (carrying out a request, answering), kept out of the way of other requests' acks. */
  readonly afterAck: AfterAckQueue;
  /** What a change sets off elsewhere: the live agenda, App Home. */
  readonly notify: Notify;
  /** Which meeting applies now, with the admins' cancellations and the holiday rule. */
  readonly meetings: Meetings;
  /** Replies recorded with the changes they confirm, sent after the commit, exactly once. */
  readonly replies: Replies;
  /** The Slack client effects are sent with. */
  readonly slack: EffectSlack;
  /** Telling the admins what Slack refused for good. */
  readonly alerts: AlertEnv;
  /** Reports made in the background: queues one someone asked for (its order is recorded with the request). */
  readonly reports: { order(order: ReportOrder): Promise<void> };
}
