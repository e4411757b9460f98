/**
 * The work that follows an ack (storing, answering on response_url), kept out of the way of other requests'
 * acks. It exists because the submissions benchmark (bench/submissions.ts, 200 one-liners at once) showed the
 * follow-ups of early requests competing on the one event loop with the acks of the requests behind them:
 * acking first was not enough, and the app's p99 ack latency missed its target of 1.5× bare Bolt's.
 *
 * While requests keep arriving, follow-ups run one at a time; once acks have stopped for a moment, several at
 * once. Each is started from `setImmediate`, after Node has served the sockets that are ready, so a request
 * that has arrived is acked before the next follow-up begins. Slack's 3-second limit is on the ack; under a
 * burst, confirmations come a little later instead. Past `maxWaiting` waiting, a follow-up runs at once,
 * unthrottled: under load that never lets up, holding back would only grow the backlog (and the delay of
 * every confirmation) without end; nothing acked is ever dropped.
 */
export interface AfterAckQueue {
  /** Notes that a request was just acked: the app is busy, follow-ups hold back. */
  acked(): void;
  run<T>(task: () => Promise<T>): Promise<T>;
}

export interface AfterAckOptions {
  /** Follow-ups at once while requests are arriving. */
  readonly busyConcurrency: number;
  /** Follow-ups at once otherwise. */
  readonly idleConcurrency: number;
  /** How long after the last ack the app still counts as busy. */
  readonly busyWindowMs: number;
  /** Follow-ups held back at most; the ones after them run at once. */
  readonly maxWaiting: number;
}

export const DEFAULT_AFTER_ACK: AfterAckOptions = {
  busyConcurrency: 1,
  idleConcurrency: 8,
  busyWindowMs: 50,
  // A follow-up takes a few milliseconds: a thousand waiting is seconds of confirmations already late.
  maxWaiting: 1_000,
};

export function createAfterAckQueue(overrides: Partial<AfterAckOptions> = {}): AfterAckQueue {
  const options: AfterAckOptions = { ...DEFAULT_AFTER_ACK, ...overrides };
  let running = 0;
  let lastAck = Number.NEGATIVE_INFINITY;
  let recheck: NodeJS.Timeout | null = null;
  const waiting: Array<() => void> = [];

  const startNext = () => {
    const busyFor = lastAck + options.busyWindowMs - Date.now();
    const limit = busyFor > 0 ? options.busyConcurrency : options.idleConcurrency;
    while (running < limit && waiting.length > 0) {
      running += 1;
      setImmediate(waiting.shift() as () => void);
    }
    // Held back only because the app is busy: look again when the busy window has passed.
    if (waiting.length > 0 && busyFor > 0 && recheck === null) {
      recheck = setTimeout(() => {
        recheck = null;
        startNext();
      }, busyFor);
    }
  };

  return {
    acked() {
      lastAck = Date.now();
    },
    run<T>(task: () => Promise<T>) {
      if (waiting.length >= options.maxWaiting) return task();
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              startNext();
            });
        });
        startNext();
      });
    },
  };
}
