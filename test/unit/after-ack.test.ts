import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAfterAckQueue } from '../../src/services/after-ack.js';

describe('the after-ack queue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** One millisecond on: immediates scheduled meanwhile run (fake timers do not run those at the same instant). */
  const step = () => vi.advanceTimersByTimeAsync(1);

  /** Tasks that stay running until released, recording how many ran at once. */
  function tasks(count: number) {
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const started: number[] = [];
    const make = (i: number) => () =>
      new Promise<number>((resolve) => {
        running += 1;
        most = Math.max(most, running);
        started.push(i);
        releases.push(() => {
          running -= 1;
          resolve(i);
        });
      });
    return { list: Array.from({ length: count }, (_, i) => make(i)), releases, started, most: () => most };
  }

  it('runs one follow-up at a time while requests are being acked, then several, in order', async () => {
    const queue = createAfterAckQueue({ busyConcurrency: 1, idleConcurrency: 3, busyWindowMs: 50 });
    const { list, releases, started, most } = tasks(6);
    queue.acked();
    const results = list.map((task) => queue.run(task));
    await step();
    expect(started).toEqual([0]);

    // Still busy: finishing the first starts only the next one.
    queue.acked();
    releases.shift()?.();
    await step();
    expect(started).toEqual([0, 1]);
    expect(most()).toBe(1);

    // Once no ack has come for the busy window, up to three run together.
    await vi.advanceTimersByTimeAsync(60);
    expect(started).toEqual([0, 1, 2, 3]);
    while (releases.length > 0) {
      releases.shift()?.();
      await step();
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most()).toBe(3);
  });

  it('runs a follow-up at once when too many are waiting, so every acked request is still handled', async () => {
    const queue = createAfterAckQueue({
      busyConcurrency: 1,
      idleConcurrency: 1,
      busyWindowMs: 50,
      maxWaiting: 2,
    });
    const { list, releases, started } = tasks(5);
    queue.acked();
    const results = list.map((task) => queue.run(task));
    await step();
    // One running and two waiting: the bound. The two after them were not held back.
    expect([...started].sort()).toEqual([0, 3, 4]);
    while (releases.length > 0) {
      releases.shift()?.();
      await step();
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect([...started].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('passes a task’s failure to its caller and carries on with the next', async () => {
    const queue = createAfterAckQueue({ busyConcurrency: 1, idleConcurrency: 1, busyWindowMs: 10 });
    const failing = queue
      .run(async () => {
        throw new Error('nej');
      })
      .then(
        () => 'lyckades',
        (error: Error) => error.message,
      );
    const next = queue.run(async () => 'ja');
    for (let i = 0; i < 3; i += 1) await step();
    expect(await failing).toBe('nej');
    expect(await next).toBe('ja');
  });
});
