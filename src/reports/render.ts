/**
 * Draws a report's files in worker threads, so the bot's event loop keeps answering Slack within its 3 seconds
 * while charts, PDF and workbook are made. Workers are started for each report and ended when they answer.
 */

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { ReportModel } from '../domain/report-model.js';
import { REPORT_FORMATS, type ReportFile, type ReportFormat } from './files.js';
import type { RenderRequest } from './render-worker.js';

/** A worker that has not answered by then is stopped: a report is never worth a stuck thread. */
const TIMEOUT_MS = 120_000;
/** Enough for a five-year report; a worker past it dies alone instead of taking the bot with it. */
const MAX_HEAP_MB = 768;

export class RenderError extends Error {
  override readonly name = 'RenderError';
}

/**
 * The worker: from `dist/`, the compiled render-worker.js; from source (tsx, vitest), render-worker-source.mjs,
 * which loads render-worker.ts through tsx (Node 20 does not apply a worker's `--import tsx` hooks to its entry).
 */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './render-worker-source.mjs' : './render-worker.js', import.meta.url);
  return new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB } });
}

/**
 * The files in two workers side by side, one core each: charts and PDF in one, workbook and CSV in the other.
 * The first never reads the observations one by one, so its copy of the model goes without them.
 */
export async function renderInWorkers(
  model: ReportModel,
  formats: readonly ReportFormat[],
): Promise<ReportFile[]> {
  const drawn = formats.filter((f) => f === 'pdf' || f === 'png');
  const tabular = formats.filter((f) => f === 'xlsx' || f === 'csv');
  const drawing = drawn.length === 0 ? [] : renderInOneWorker({ ...model, observations: [] }, drawn);
  // Copying the model to a worker takes the event loop a while; the second copy waits for a turn of its own.
  await yieldToEventLoop();
  const groups = await Promise.all([drawing, tabular.length === 0 ? [] : renderInOneWorker(model, tabular)]);
  const order = (file: ReportFile) => REPORT_FORMATS.indexOf(file.format);
  return groups.flat().sort((a, b) => order(a) - order(b));
}

function renderInOneWorker(model: ReportModel, formats: readonly ReportFormat[]): Promise<ReportFile[]> {
  const worker = startWorker();
  return new Promise<ReportFile[]>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new RenderError(`report rendering timed out after ${TIMEOUT_MS} ms`))),
      TIMEOUT_MS,
    );
    worker.once('message', (answer: { ok: true; files: ReportFile[] } | { ok: false; error: string }) =>
      settle(() => (answer.ok ? resolve(answer.files) : reject(new RenderError(answer.error)))),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new RenderError(`report worker exited with code ${code} before answering`))),
    );
    worker.postMessage({ model, formats } satisfies RenderRequest);
  });
}
