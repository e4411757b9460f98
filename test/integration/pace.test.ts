import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_SPACING_MS, redisChannelTurns } from '../../jobs/pace.js';
import { freshQueuePrefix } from '../support/db.js';
import { TEST_REDIS_URL } from '../support/env.js';

/** The channel's turns on real Redis, as two replicas (or CLI runs) share them. */
describe('redisChannelTurns', () => {
  let redis: Redis;
  const prefix = freshQueuePrefix();

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(() => {
    redis.disconnect();
  });

  it('starts the next post a spacing after the previous one ended, however long that one took', async () => {
    const [a, b] = [redisChannelTurns(redis, prefix), redisChannelTurns(redis, prefix)];
    const spans: Array<{ start: number; end: number }> = [];
    // A post slow to get out (the first of a fresh process, a large message): it may reach Slack only at its end.
    const post = (ms: number) => async () => {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, ms));
      spans.push({ start, end: Date.now() });
    };
    await Promise.all([a('C0PACE', post(400)), b('C0PACE', post(0))]);
    const [first, second] = spans;
    expect(second?.start ?? 0).toBeGreaterThanOrEqual((first?.end ?? 0) + CHANNEL_SPACING_MS - 5);
  });

  it('paces each channel on its own', async () => {
    const turn = redisChannelTurns(redis, prefix);
    const started = Date.now();
    await turn('C0EINS', async () => {});
    await turn('C0ZWEI', async () => {});
    expect(Date.now() - started).toBeLessThan(CHANNEL_SPACING_MS);
  });
});
