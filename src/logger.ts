/**
 * The pino logger: JSON lines (pretty on a terminal) with tokens and anything users typed redacted, and the
 * adapter Bolt logs through.
 */

import { type Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/**
 * Field names that never reach a log line: tokens and secrets, and anything users typed.
 * Code logs ids and counts, never text; this is the net under that rule.
 */
const REDACT = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'text',
  'place',
  'when',
  'note',
  'title',
  'description',
  'body',
  'headers.authorization',
  '*.token',
  '*.text',
  '*.body',
];

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'fredagsmotet' },
    redact: { paths: REDACT, censor: '[dolt]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  if (process.stdout.isTTY) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino(options);
}

/**
 * Bolt's and the Web API client's logger, routed through pino. Their debug lines carry request and
 * response bodies (users' text), so debug is dropped here whatever LOG_LEVEL says.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  const format = (messages: unknown[]) =>
    messages
      .map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m)))
      .join(' ');
  return {
    debug: () => {},
    info: (...messages) => child.info(format(messages)),
    warn: (...messages) => child.warn(format(messages)),
    error: (...messages) => child.error(format(messages)),
    setLevel: () => {},
    getLevel: () => BoltLogLevel.INFO,
    setName: () => {},
  };
}

/**
 * An error as fields for a log line, never with a value users typed: a Postgres error (five-character SQLSTATE)
 * by its code and the names of the constraint, table and column, since its message and detail can quote the
 * values; anything else by name, message and codes (Slack's error code included).
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: 'non-error thrown' };
  const { code, constraint, table, column, data } = error as Error & Record<string, unknown>;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return { name: error.name, code, constraint, table, column };
  }
  const slackError = (data as { error?: unknown } | undefined)?.error;
  return { name: error.name, message: error.message, code, slackError };
}
