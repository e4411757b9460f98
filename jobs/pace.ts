import type { Redis } from 'ioredis';

/** At least this long between two messages to one channel: Slack allows one a second, and requests jitter. */
export const CHANNEL_SPACING_MS = 1_050;
/** A turn not had within this long fails the job, which is retried (Redis in trouble, not a busy channel). */
const MAX_WAIT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Turns to post in a channel, shared through Redis by every replica: whoever sets the channel's key (SET NX
 * with a one-second expiry) may post now; everyone else waits for the key to expire. The queue's limiter
 * already spaces the jobs; this spaces the Slack calls themselves, which start after each job's own reads.
 */
export function redisChannelTurns(redis: Redis, prefix: string): (channelId: string) => Promise<void> {
  return async (channelId) => {
    const key = `${prefix}:channel-turn:${channelId}`;
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      if ((await redis.set(key, '1', 'PX', CHANNEL_SPACING_MS, 'NX')) === 'OK') return;
      const ttl = await redis.pttl(key);
      if (ttl === -1) await redis.pexpire(key, CHANNEL_SPACING_MS); // never without expiry
      if (Date.now() > deadline) throw new Error(`no turn to post in ${channelId} within ${MAX_WAIT_MS} ms`);
      await sleep(Math.max(ttl, 5));
    }
  };
}

/** The same for one process on its own (the CLI). */
export function localChannelTurns(): (channelId: string) => Promise<void> {
  const last = new Map<string, number>();
  return async (channelId) => {
    const wait = (last.get(channelId) ?? 0) + CHANNEL_SPACING_MS - Date.now();
    if (wait > 0) await sleep(wait);
    last.set(channelId, Date.now());
  };
}
