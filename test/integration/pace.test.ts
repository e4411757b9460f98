import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_SPACING_MS, redisChannelTurns } from '../../src/effects/pace.js';
import { freshQueuePrefix } from '../support/db.js';
import { TEST_REDIS_URL } from '../support/env.js';

/** The channel's turns on real Redis, as two replicas (or CLI runs) share them. */
describe('redisChannelTurns', () => {
  let redis: Redis;
  const prefix = freshQueuePrefix();
  const keyOf = (channel: string) => `${prefix}:channel-turn:${channel}`;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('holds the channel while a post is on its way, however long it takes, and lets the next one wait', async () => {
    const [a, b] = [redisChannelTurns(redis, prefix), redisChannelTurns(redis, prefix)];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const first = a('C0PACE', async () => {
      order.push('a starts');
      await held;
      order.push('a ends');
    });
    while (!order.includes('a starts')) await new Promise((resolve) => setImmediate(resolve));
    const second = b('C0PACE', async () => {
      order.push('b starts');
    });
    // However long the first post is held, the second does not start meanwhile.
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a starts']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('keeps the turn for a spacing after a post has ended, so the next starts no sooner', async () => {
    const turn = redisChannelTurns(redis, prefix);
    await turn('C0SPACE', async () => {});
    // Redis holds the key for the spacing from the end of the post: the next turn cannot be had before that.
    const ttl = await redis.pttl(keyOf('C0SPACE'));
    expect(ttl).toBeGreaterThan(CHANNEL_SPACING_MS - 200);
    expect(ttl).toBeLessThanOrEqual(CHANNEL_SPACING_MS);
  });

  it('paces each channel on its own', async () => {
    const turn = redisChannelTurns(redis, prefix);
    await turn('C0EINS', async () => {});
    // Another channel's post starts while the first channel's turn is still held.
    let firstHeldMeanwhile = false;
    await turn('C0ZWEI', async () => {
      firstHeldMeanwhile = (await redis.exists(keyOf('C0EINS'))) === 1;
    });
    expect(firstHeldMeanwhile).toBe(true);
  });
});
