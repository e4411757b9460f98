/** Pacing Slack posts across replicas and CLI runs (channel turns in Redis), shared locks, and stop-aware sleep. */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * At least this long from the end of one post to a channel to the start of the next: Slack allows one a second,
 * and counts them as they reach it.
 */
export const CHANNEL_SPACING_MS = 1_050;
/**
 * How long a turn is held at most while its post is on its way: longer than a Slack call of a job may take (the
 * job client gives up after 4 s), so a holder that died frees the channel after this.
 */
const TURN_HOLD_MS = 10_000;
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
 * (SET NX, with a token of its own) posts; everyone else waits for the key to go. The holder keeps the key while
 * its post is on its way and then lets it expire a spacing later, so the next post starts a second after this
 * one ended, however long either took to reach Slack. (Spacing the starts instead let a post that was slow to
 * get out, the first of a fresh CLI process, arrive less than a second before the next one.) The queue's
 * limiter already spaces the jobs; this spaces the Slack calls themselves, which start after each job's reads.
 * A wait ends at once when `signal` fires: a stopping process does not hold its workers for a turn.
 */
export function redisChannelTurns(
  redis: Redis,
  prefix: string,
  signal?: AbortSignal,
): <T>(channelId: string, post: () => Promise<T>) => Promise<T> {
  return async (channelId, post) => {
    const key = `${prefix}:channel-turn:${channelId}`;
    const token = randomUUID();
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      if (signal?.aborted) throw new StoppingError();
      if ((await redis.set(key, token, 'PX', TURN_HOLD_MS, 'NX')) === 'OK') break;
      const ttl = await redis.pttl(key);
      if (ttl === -1) await redis.pexpire(key, CHANNEL_SPACING_MS); // never without expiry
      if (Date.now() > deadline) throw new Error(`no turn to post in ${channelId} within ${MAX_WAIT_MS} ms`);
      await sleep(Math.min(Math.max(ttl, 5), CHANNEL_SPACING_MS), signal);
    }
    try {
      return await post();
    } finally {
      // Failing this (Redis away), the key still expires TURN_HOLD_MS after it was set: later, never sooner.
      await redis.eval(SPACE_FROM_NOW, 1, key, token, CHANNEL_SPACING_MS).catch(() => {});
    }
  };
}

/** Lets a turn's key expire a spacing from now, if it is still the holder's. */
const SPACE_FROM_NOW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

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
