import type { Redis } from 'ioredis';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { Logger } from './logger.js';

/** What listeners and jobs get from the composition root; never module globals, so tests build their own. */
export interface Deps {
  readonly config: Config;
  readonly db: Db;
  /** The producer connection: fails fast when Redis is away instead of queueing commands. */
  readonly redis: Redis;
  readonly clock: Clock;
  readonly logger: Logger;
}
