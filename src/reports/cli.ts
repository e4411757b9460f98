/**
 * `npm run cli -- rapport <period> [<part|område>] [--format pdf|xlsx|csv|png] [--out <file>] [--med-text]`:
 * the follow-up report without Slack, for the coordinator who writes the OBRÅ paper. The format follows
 * `--format`, else the `--out` file's extension, else PDF; `png` writes one file per chart, named after
 * `--out` (`rapport.png` → `rapport-omraden-per-vecka.png`, …). Output in Swedish; 1 on bad input.
 */

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { osUser } from '../cli-dataskydd.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { recordAccess } from '../db/access-log.repository.js';
import { createDatabase } from '../db/database.js';
import { cliActor } from '../domain/access-log.js';
import { rapport } from '../i18n/rapport.js';
import {
  generateReport,
  REPORT_FORMATS,
  type ReportFile,
  type ReportFormat,
  readReportRequest,
} from './generate.js';

const COMMAND = 'npm run cli -- rapport';
const out = (line: string) => process.stdout.write(`${line}\n`);

interface Options {
  readonly words: string[];
  readonly format: string | null;
  readonly out: string | null;
  readonly withText: boolean;
}

function readOptions(args: readonly string[]): Options | string {
  const words: string[] = [];
  let format: string | null = null;
  let out: string | null = null;
  let withText = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s, 2) as [string, string?]) : [arg];
    if (name === '--format' || name === '--out') {
      if (inline === undefined) i += 1;
      const value = inline ?? args[i] ?? '';
      if (name === '--format') format = value.toLowerCase();
      else out = value;
    } else if (name === '--med-text') withText = true;
    else if (arg.startsWith('--')) return rapport.cli.unknownOption(arg);
    else words.push(arg);
  }
  return { words, format, out, withText };
}

export async function rapportCommand(args: readonly string[]): Promise<number> {
  const options = readOptions(args);
  if (typeof options === 'string') {
    console.error(`${options}\n\n${rapport.cli.usage}`);
    return 1;
  }
  const format =
    options.format ??
    (path
      .extname(options.out ?? '')
      .slice(1)
      .toLowerCase() ||
      'pdf');
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    console.error(rapport.cli.badFormat(format));
    return 1;
  }
  const config = loadConfig(process.env);
  const db = createDatabase(config.databaseUrl, { poolSize: 2 });
  try {
    const now = systemClock.now();
    const read = await readReportRequest(db, options.words.join(' '), {
      now,
      schedule: config.schedule,
      command: COMMAND,
    });
    if (read.kind === 'help') {
      out(read.text);
      return 0;
    }
    if (read.kind === 'problem') {
      console.error(read.text);
      return 1;
    }
    const report = await generateReport(db, read.request, {
      formats: [format as ReportFormat],
      includeText: options.withText,
      now,
      schedule: config.schedule,
    });
    out(rapport.title(rapport.periodLabel(report.model.period)));
    if (report.files.length === 0) out(rapport.cli.noCharts);
    // An export, in the behörighetslogg before the files are written.
    await recordAccess(db, {
      actorUserId: cliActor(osUser()),
      action: 'export',
      resource: 'report',
      via: 'cli',
      period: rapport.periodSlug(read.request.period),
      format: format as ReportFormat,
      detail: { count: report.files.length, ...(options.withText ? { kind: 'med-text' } : {}) },
    });
    for (const file of report.files) {
      const target = outputPath(options.out, file);
      await writeFile(target, file.bytes);
      out(rapport.cli.written(target, Math.max(1, Math.round(file.bytes.byteLength / 1024))));
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

/** Where a file goes: `--out`, for a chart `--out` with the chart's name added, or the file's own name here. */
function outputPath(out: string | null, file: ReportFile): string {
  if (out === null) return path.resolve(file.filename);
  if (file.chart === undefined) return path.resolve(out);
  return path.resolve(`${out.replace(/\.png$/i, '')}-${rapport.files.chartSlugs[file.chart]}.png`);
}
