/**
 * The servers and the load the request benchmarks share: a server under benchmark in a process of its own
 * (bench/server.ts), the load generator in another (bench/load.ts), and what they tell about Slack's side.
 */

import type { ChildProcess } from 'node:child_process';
import type { SlackFake } from '../test/support/slack-fake.js';
import type { LoadRequest, LoadResult } from './load.js';
import { forkTs, nextMessage } from './support.js';

const AREAS = ['trafik', 'narkotika', 'unga', 'plats', 'gäng', 'välfärd', 'olyckor', 'övrigt'];

/** The response_url answers to these requests, once all have come or after `timeoutMs`. */
export async function confirmations(
  slack: SlackFake,
  requests: ReadonlyArray<{ id: string }>,
  timeoutMs: number,
) {
  const ids = new Set(requests.map((r) => r.id));
  const answered = () => slack.responses.filter((r) => ids.has(r.id));
  await slack.waitFor(() => answered().length >= ids.size, timeoutMs).catch(() => {});
  return answered();
}

/** Waits until the fake has seen no call for a while: the previous round's follow-up work is over. */
export async function quiet(slack: SlackFake, quietMs = 300, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (Date.now() < deadline) {
    const now = slack.calls.length + slack.responses.length;
    if (now === seen) return;
    seen = now;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

export interface Server {
  readonly url: string;
  /** CPU milliseconds (user + system) the server process has used so far. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export async function startServer(
  mode: 'app' | 'bare' | 'insert',
  env: Record<string, string>,
): Promise<Server> {
  const child = forkTs('./server.ts', [mode], env);
  const { port } = await nextMessage(
    child,
    (m): m is { port: number } => typeof (m as { port?: unknown })?.port === 'number',
  );
  let stopped: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async cpuMs() {
      const answer = nextMessage(
        child,
        (m): m is { cpu: NodeJS.CpuUsage } => (m as { cpu?: unknown })?.cpu !== undefined,
      );
      child.send('cpu');
      const { cpu } = await answer;
      return (cpu.user + cpu.system) / 1000;
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('stop');
      });
      return stopped;
    },
  };
}

export async function startLoadGenerator(): Promise<{
  run(job: LoadRequest): Promise<LoadResult>;
  stop(): void;
}> {
  const child: ChildProcess = forkTs('./load.ts', []);
  await nextMessage(child, (m): m is { ready: true } => (m as { ready?: unknown })?.ready === true);
  return {
    async run(job) {
      const answer = nextMessage(
        child,
        (m): m is { result: LoadResult } => (m as { result?: unknown })?.result !== undefined,
      );
      child.send(job);
      return (await answer).result;
    },
    stop() {
      child.kill();
    },
  };
}

export function oneLiners(prefix: string, count: number, users: readonly string[]) {
  return Array.from({ length: count }, (_, i) => ({
    userId: users[i % users.length] as string,
    text: `${AREAS[i % AREAS.length]}: iakttagelse ${i + 1} från benchmarken, E22 vid Gamleby`,
    id: `${prefix}-${i}`,
  }));
}
