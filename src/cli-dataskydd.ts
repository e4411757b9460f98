/**
 * The data protection commands of `npm run cli`: `logg` (the access log for the data protection officer),
 * `gallra` (the retention now, or what it would do) and `registerutdrag` (GDPR art. 15). Each is itself
 * logged. Output is Swedish; an unusable invocation exits 1 before anything is read.
 */

import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import { systemClock } from './clock.js';
import { type Config, loadConfig } from './config.js';
import { exportAccess, recordAccess } from './db/access-log.repository.js';
import { createDatabase, type Db } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { type AccessLogEntry, cliActor } from './domain/access-log.js';
import { dayRange } from './domain/access-log-query.js';
import { isIsoDate } from './domain/schedule.js';
import { sv } from './i18n/sv.js';
import { extractJson, extractSummary, makeRegisterExtract } from './services/register-extract.js';
import { runRetention } from './services/retention.js';
import { describeAccess } from './slack/access-log.js';

const t = sv.dataskydd.cli;
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** `--name value` and `--name=value`; flags without value; anything else is an error. */
function parseOptions(
  args: readonly string[],
  spec: Readonly<Record<string, { readonly aliases: readonly string[]; readonly flag?: boolean }>>,
): { options: Map<string, string>; positional: string[] } | { error: string } {
  const options = new Map<string, string>();
  const positional: string[] = [];
  const nameOf = (option: string) =>
    Object.entries(spec).find(([, s]) => s.aliases.includes(option))?.[0] ?? null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [option = '', inline] = arg.split(/=(.*)/s, 2);
    const name = nameOf(option);
    if (name === null) return { error: t.unknownOption(option) };
    if (spec[name]?.flag) {
      options.set(name, 'true');
      continue;
    }
    let value = inline;
    if (value === undefined) {
      i += 1;
      value = args[i];
    }
    if (value === undefined || value === '') return { error: t.missingValue(option) };
    options.set(name, value);
  }
  return { options, positional };
}

/** The operating-system user running the CLI: the actor of its rows in the behörighetslogg. */
export function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? '';
  }
}

/** Opens the database as the app does, migrated (a no-op beside a running app), and closes it after `work`. */
async function withDatabase<T>(config: Config, work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** `logg --från <datum> --till <datum> [--användare U…] [--format csv|text] [--out fil]`. */
export async function logCommand(args: readonly string[]): Promise<number> {
  const parsed = parseOptions(args, {
    from: { aliases: ['--från', '--fran'] },
    to: { aliases: ['--till'] },
    user: { aliases: ['--användare', '--anvandare'] },
    format: { aliases: ['--format'] },
    out: { aliases: ['--out'] },
  });
  if ('error' in parsed) return fail(parsed.error);
  if (parsed.positional.length > 0) return fail(t.unknownOption(parsed.positional[0] ?? ''));
  const { options } = parsed;
  const fromDate = options.get('from');
  const toDate = options.get('to');
  if (fromDate === undefined || toDate === undefined) return fail(t.needDates);
  if (!isIsoDate(fromDate)) return fail(t.badDate('--från', fromDate));
  if (!isIsoDate(toDate)) return fail(t.badDate('--till', toDate));
  if (toDate < fromDate) return fail(t.reversed);
  const userId = options.get('user');
  if (userId !== undefined && !USER_ID.test(userId)) return fail(t.badUser(userId));
  const format = options.get('format') ?? 'text';
  if (format !== 'csv' && format !== 'text') return fail(t.badFormat(format));
  const file = options.get('out');

  const config = loadConfig(process.env);
  const timezone = config.schedule.timezone;
  const { from, to } = dayRange(fromDate, toDate, timezone);
  return withDatabase(config, async (db) => {
    // Logged before anything is shown or written.
    await recordAccess(db, {
      actorUserId: cliActor(osUser()),
      action: 'export',
      resource: 'access_log',
      via: 'cli',
      period: `${fromDate}..${toDate}`,
      format,
      subjectUserId: userId ?? null,
    });
    let count = 0;
    const rows = async function* () {
      for await (const row of exportAccess(
        db,
        from,
        to,
        userId === undefined ? {} : { actorUserId: userId },
      )) {
        count += 1;
        yield row;
      }
    };
    const destination = file === undefined ? null : createWriteStream(file, { mode: 0o600 });
    const sink = destination ?? process.stdout;
    if (format === 'csv') {
      const csv = stringify({
        delimiter: ';',
        bom: true,
        record_delimiter: 'windows',
        header: true,
        columns: sv.dataskydd.csv.header(timezone),
      });
      await pipeline(
        Readable.from(rows()).map((row: AccessLogEntry) => csvRecord(row, timezone)),
        csv,
        sink,
        { end: destination !== null },
      );
    } else {
      const lines = async function* () {
        for await (const row of rows()) yield `${describeAccess(row, timezone, (id) => id)}\n`;
      };
      await pipeline(Readable.from(lines()), sink, { end: destination !== null });
    }
    if (file !== undefined) {
      out(count === 0 ? t.logEmpty : t.logWritten(count, path.resolve(file)));
      out(t.logExported);
    }
    return 0;
  });
}

function csvRecord(row: AccessLogEntry, timezone: string): string[] {
  const labels = sv.dataskydd.log;
  return [
    DateTime.fromJSDate(row.at, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm:ss'),
    row.actorUserId,
    labels.actionLabel[row.action],
    row.outcome === 'ok' ? sv.dataskydd.csv.ok : sv.dataskydd.csv.refused,
    labels.resourceLabel[row.resource],
    row.meetingWeek ?? '',
    row.partyKey ?? '',
    row.entryIds.join(','),
    row.priorityId === null ? '' : String(row.priorityId),
    row.subjectUserId ?? '',
    row.period ?? '',
    row.format ?? '',
    labels.viaLabel[row.via],
    Object.keys(row.detail).length === 0 ? '' : JSON.stringify(row.detail),
  ];
}

/** `gallra [--dry-run]`. */
export async function retentionCommand(args: readonly string[]): Promise<number> {
  const parsed = parseOptions(args, { dryRun: { aliases: ['--dry-run'], flag: true } });
  if ('error' in parsed) return fail(parsed.error);
  if (parsed.positional.length > 0) return fail(t.unknownOption(parsed.positional[0] ?? ''));
  const dryRun = parsed.options.has('dryRun');
  const config = loadConfig(process.env);
  const r = sv.dataskydd.retention;
  if (config.retention.observationMonths === null && config.retention.accessLogMonths === null) {
    out(r.notConfigured);
    return 0;
  }
  return withDatabase(config, async (db) => {
    const report = await runRetention(db, config, systemClock.now(), {
      dryRun,
      actorUserId: cliActor(osUser()),
      via: 'cli',
    });
    const timezone = config.schedule.timezone;
    if (dryRun) out(r.dryRunTitle);
    out(
      report.observations === null
        ? r.observationsKept
        : r.observations(
            dryRun,
            report.observations.entries,
            report.observations.beforeWeek,
            report.observations.weeks,
          ),
    );
    out(
      report.accessLog === null
        ? r.logKept
        : r.log(
            dryRun,
            report.accessLog.rows,
            DateTime.fromJSDate(report.accessLog.before, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm'),
          ),
    );
    const purged = (report.observations?.entries ?? 0) + (report.accessLog?.rows ?? 0);
    if (!dryRun && purged > 0) out(r.logged);
    return 0;
  });
}

/** `registerutdrag <Slack-id> --out <fil>`: the JSON in the file, the summary beside it (`.txt`). */
export async function registerExtractCommand(args: readonly string[]): Promise<number> {
  const parsed = parseOptions(args, { out: { aliases: ['--out'] } });
  if ('error' in parsed) return fail(parsed.error);
  const [userId, ...rest] = parsed.positional;
  if (userId === undefined) return fail(t.needUserId);
  if (!USER_ID.test(userId)) return fail(t.badUser(userId));
  if (rest.length > 0) return fail(t.unknownOption(rest[0] ?? ''));
  const file = parsed.options.get('out');
  if (file === undefined) return fail(t.needOut);
  const jsonPath = path.resolve(file);
  const summaryPath = `${jsonPath.replace(/\.json$/i, '')}.txt`;

  const config = loadConfig(process.env);
  return withDatabase(config, async (db) => {
    const extract = await makeRegisterExtract(db, userId, systemClock.now(), {
      actorUserId: cliActor(osUser()),
      via: 'cli',
    });
    // Personal data: readable by the operator only.
    await writeFile(jsonPath, extractJson(extract), { mode: 0o600 });
    await writeFile(summaryPath, extractSummary(extract, config.schedule.timezone), { mode: 0o600 });
    out(sv.dataskydd.extract.cliWritten(jsonPath, summaryPath));
    return 0;
  });
}

function fail(message: string): number {
  err(`${message}\n\n${sv.dataskydd.cli.usage}`);
  return 1;
}
