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
    const order: string[] = [];
    // The second replica's connection, watched: every SET NX it tries on the turn's key, and what Redis said.
    const tries: Array<'OK' | null> = [];
    const set = redis.set.bind(redis) as (...args: unknown[]) => Promise<'OK' | null>;
    const watched = new Proxy(redis, {
      get(target, property) {
        if (property === 'set') {
          return async (...args: unknown[]) => {
            const answer = await set(...args);
            if (args[0] === keyOf('C0PACE')) {
              tries.push(answer);
              if (answer !== 'OK') order.push('b refused');
            }
            return answer;
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const [a, b] = [redisChannelTurns(redis, prefix), redisChannelTurns(watched, prefix)];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = a('C0PACE', async () => {
      order.push('a starts');
      await held;
      order.push('a ends');
    });
    while (!order.includes('a starts')) await new Promise((resolve) => setImmediate(resolve));
    const second = b('C0PACE', async () => {
      order.push('b starts');
    });
    // The first post is held until the second has asked Redis for the turn and had its answer.
    const deadline = Date.now() + 5_000;
    while (tries.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(tries[0]).toBeNull();
    expect(order).toEqual(['a starts', 'b refused']);
    release();
    await Promise.all([first, second]);
    // It may be refused again while the turn is spaced after the first post; it starts only after that post.
    expect(order.filter((step) => step !== 'b refused')).toEqual(['a starts', 'a ends', 'b starts']);
    expect(tries.at(-1)).toBe('OK');
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
