import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Running the app as `npm start` does, and the CLI as `npm run cli` does, in child processes a test can signal and kill. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'src/main.ts');
const CLI = path.join(ROOT, 'src/cli.ts');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

export interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * A TypeScript entry point run as npm runs it, from `cwd` (by default a fresh empty directory, so no developer's
 * `.env` leaks in), with only the environment given here.
 */
function spawnEntry(script: string, args: readonly string[], env: Record<string, string>, cwd?: string): Run {
  const child = spawn(process.execPath, ['--import', `file://${TSX}`, script, ...args], {
    cwd: cwd ?? mkdtempSync(path.join(tmpdir(), 'fredagsmotet-')),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    run.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    run.stderr += chunk.toString();
  });
  return run;
}

/** The process `npm start` runs (src/main.ts). */
export function startProcess(env: Record<string, string>): Run {
  return spawnEntry(MAIN, [], env);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- …args` as an operator runs it; `stdout()` is what it has printed so far, `exited` its end. */
export function startCli(
  args: readonly string[],
  env: Record<string, string>,
  cwd?: string,
): { stdout(): string; exited: Promise<CliResult> } {
  const run = spawnEntry(CLI, args, env, cwd);
  // 'close', not 'exit': by then all it printed has been read.
  const exited = new Promise<CliResult>((resolve) =>
    run.child.on('close', (code) => resolve({ code, stdout: run.stdout, stderr: run.stderr })),
  );
  return { stdout: () => run.stdout, exited };
}

/** A CLI run to its end. */
export function runCli(
  args: readonly string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<CliResult> {
  return startCli(args, env, cwd).exited;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitForHealth(url: string, run: Run, timeoutMs = 20_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`the app exited early:\n${run.stderr}\n${run.stdout}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${run.stderr}`);
}
