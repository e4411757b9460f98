/**
 * The load generator, as its own process so its work never shares an event loop with the server it
 * measures. Gets a `LoadRequest` over IPC, fires every request at once, answers with each latency.
 */

import { performance } from 'node:perf_hooks';
import { slashCommand } from '../test/support/payloads.js';
import { signatureHeaders } from '../test/support/signer.js';

export interface LoadRequest {
  readonly url: string;
  readonly signingSecret: string;
  readonly responseUrlBase: string;
  /** Each request's slash command: `/lagesbild` unless given. */
  readonly requests: ReadonlyArray<{ userId: string; text: string; id: string; command?: string }>;
}

export interface LoadResult {
  readonly latenciesMs: number[];
  /** When each request was sent (epoch ms, the machine's clock), by its id: receipts are timed from it. */
  readonly sentAt: Record<string, number>;
  /** Requests that did not get HTTP 200, or failed outright, with the reason. */
  readonly errors: string[];
}

async function fire(job: LoadRequest): Promise<LoadResult> {
  // Sign everything first: the measurement is the server's, not the signing's.
  const prepared = job.requests.map((r) => {
    const request = slashCommand({
      command: r.command ?? '/lagesbild',
      text: r.text,
      userId: r.userId,
      responseUrl: `${job.responseUrlBase}${r.id}`,
      triggerId: r.id,
    });
    return {
      id: r.id,
      body: request.body,
      headers: {
        'content-type': request.contentType,
        ...signatureHeaders(request.body, { secret: job.signingSecret }),
      },
    };
  });
  const errors: string[] = [];
  const sentAt: Record<string, number> = {};
  const latenciesMs = await Promise.all(
    prepared.map(async ({ id, body, headers }) => {
      sentAt[id] = Date.now();
      const start = performance.now();
      try {
        const res = await fetch(job.url, { method: 'POST', headers, body });
        await res.arrayBuffer();
        if (res.status !== 200) errors.push(`HTTP ${res.status}`);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
      return performance.now() - start;
    }),
  );
  return { latenciesMs, sentAt, errors };
}

process.on('message', (message) => {
  void fire(message as LoadRequest).then((result) => process.send?.({ result }));
});
process.send?.({ ready: true });
