/**
 * The rendering worker thread (see render.ts): gets a report model and the formats, draws the files and hands
 * their bytes back (transferred, not copied). Charts, PDF and workbook take hundreds of milliseconds of CPU;
 * here they never hold up the bot's event loop.
 */

import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { ReportModel } from '../domain/report-model.js';
import { type ReportFormat, renderFiles } from './files.js';

const WORKER_NICENESS = 19;

export interface RenderRequest {
  readonly model: ReportModel;
  readonly formats: readonly ReportFormat[];
}

/**
 * The worker yields the CPU to the bot: on Linux a thread's niceness is its own, so this lowers only this
 * thread's priority, and the main thread keeps answering Slack while two workers keep both cores busy.
 * (Elsewhere the call would lower the whole process, so it is left out there.)
 */
if (process.platform === 'linux') os.setPriority(WORKER_NICENESS);

parentPort?.once('message', (request: RenderRequest) => {
  renderFiles(request.model, request.formats).then(
    (files) => {
      const buffers = [...new Set(files.map((f) => f.bytes.buffer as ArrayBuffer))];
      parentPort?.postMessage({ ok: true, files }, buffers);
    },
    (error: unknown) => {
      parentPort?.postMessage({
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    },
  );
});
