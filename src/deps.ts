import type { Redis } from 'ioredis';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { MeetingWeek } from './domain/schedule.js';
import type { Logger } from './logger.js';

/**
 * What a change made by a listener sets off elsewhere, without the listener knowing who listens:
 * the live agenda follows party status, the App Home follows the user's own changes.
 * Each hook is quick (it enqueues at most) and never throws into the listener.
 */
export interface Hooks {
  /** A party's status for a meeting changed: an entry stored, changed or removed, or "inget att rapportera". */
  statusChanged(week: MeetingWeek): Promise<void>;
  /** The user changed something their App Home shows; publish it again. */
  homeChanged(userId: string): Promise<void>;
}

/** What listeners and jobs get from the composition root; never module globals, so tests build their own. */
export interface Deps {
  readonly config: Config;
  readonly db: Db;
  /** The producer connection: fails fast when Redis is away instead of queueing commands. */
  readonly redis: Redis;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly hooks: Hooks;
}
