import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** At least this long between two messages to one channel: Slack allows one a second, and requests jitter. */
export const CHANNEL_SPACING_MS = 1_050;
/** A turn not had within this long fails the job, which is retried (Redis in trouble, not a busy channel). */
const MAX_WAIT_MS = 30_000;

/** Thrown when a wait ends because the process is stopping. */
export class StoppingError extends Error {
  constructor() {
    super('stopping');
    this.name = 'StoppingError';
  }
}

/** Waits `ms`, or less when `signal` fires (then rejects with StoppingError). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new StoppingError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppingError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Turns to post in a channel, shared through Redis by every replica and CLI run: whoever sets the channel's key
 * (SET NX with a one-second expiry) may post now; everyone else waits for the key to expire. The queue's limiter
 * already spaces the jobs; this spaces the Slack calls themselves, which start after each job's own reads.
 * A wait ends at once when `signal` fires: a stopping process does not hold its workers for a turn.
 */
export function redisChannelTurns(
  redis: Redis,
  prefix: string,
  signal?: AbortSignal,
): (channelId: string) => Promise<void> {
  return async (channelId) => {
    const key = `${prefix}:channel-turn:${channelId}`;
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      if (signal?.aborted) throw new StoppingError();
      if ((await redis.set(key, '1', 'PX', CHANNEL_SPACING_MS, 'NX')) === 'OK') return;
      const ttl = await redis.pttl(key);
      if (ttl === -1) await redis.pexpire(key, CHANNEL_SPACING_MS); // never without expiry
      if (Date.now() > deadline) throw new Error(`no turn to post in ${channelId} within ${MAX_WAIT_MS} ms`);
      await sleep(Math.min(Math.max(ttl, 5), CHANNEL_SPACING_MS), signal);
    }
  };
}

/** Deletes a key only if it still holds the value this holder set (not a later holder's, after expiry). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Locks shared by every replica and CLI run (SET NX PX with a token of the holder's own). */
export function redisLocks(
  redis: Redis,
  prefix: string,
): (name: string, ttlMs: number) => Promise<(() => Promise<void>) | null> {
  return async (name, ttlMs) => {
    const key = `${prefix}:lock:${name}`;
    const token = randomUUID();
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
    return async () => {
      await redis.eval(RELEASE, 1, key, token).catch(() => {}); // it expires by itself anyway
    };
  };
}

/** The width of one bucket of the send counter. */
const SEND_BUCKET_MS = 100;

/**
 * Counts the direct messages every replica sent, in Redis, in buckets of a tenth of a second: after a 429 the
 * count over the second before it is the pace Slack let through, whichever replica sent them.
 */
export class SharedSendCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(bucket: number): string {
    return `${this.prefix}:dm-sends:${bucket}`;
  }

  /** Counts one message sent now. Best effort: a lost count only makes the learned pace a little slower. */
  record(at = Date.now()): void {
    const key = this.key(Math.floor(at / SEND_BUCKET_MS));
    void this.redis
      .multi()
      .incr(key)
      .pexpire(key, 10_000)
      .exec()
      .catch(() => {});
  }

  /** Messages sent by anyone from `from` to `to` (to the bucket). */
  async sentBetween(from: number, to: number): Promise<number> {
    const keys: string[] = [];
    for (let b = Math.floor(from / SEND_BUCKET_MS); b <= Math.floor(to / SEND_BUCKET_MS); b += 1) {
      keys.push(this.key(b));
    }
    const counts = await this.redis.mget(keys);
    return counts.reduce((sum, n) => sum + Number(n ?? 0), 0);
  }
}
