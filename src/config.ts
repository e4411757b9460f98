/**
 * The bot's configuration: the environment read once at start, validated with zod into one frozen, typed
 * Config, every problem named in one message.
 */

import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { RetentionSettings } from './domain/retention.js';
import type { MeetingSchedule } from './domain/schedule.js';

/**
 * Every setting of the bot, read once from the environment at start and frozen.
 * The README's "Miljövariabler" lists each of them with its default; keep the two in step.
 */
export interface Config {
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string | null;
    /** When set the bot runs in Socket Mode and opens no HTTP endpoint for Slack. */
    readonly appToken: string | null;
    /** Web API base URL, always ending in `/`. */
    readonly apiUrl: string;
  };
  readonly port: number;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly meetingChannelId: string | null;
  readonly meetingUrl: string | null;
  readonly adminUserIds: readonly string[];
  readonly logLevel: LogLevel;
  readonly schedule: MeetingSchedule;
  /** Gallring as the archive authority decided it; null months keep everything (the default). */
  readonly retention: RetentionSettings;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/** Thrown by loadConfig; `problems` holds one plain line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** A local time `HH:MM`, as minutes after midnight. */
const clockTime = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (v) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(v.trim()),
      'ska vara en tid som HH:MM, till exempel 09:00',
    )
    .transform((v) => {
      const [hours, minutes] = v.trim().split(':').map(Number) as [number, number];
      return hours * 60 + minutes;
    });

const integer = (fallback: string, min: number, max: number) =>
  z
    .string()
    .default(fallback)
    .refine(
      (v) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max,
      `ska vara ett heltal ${min}–${max}`,
    )
    .transform(Number);

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()));

/** Whole months to keep, ≥ 1; unset or empty keeps everything (null): nothing is purged without a decision. */
const retentionMonths = optionalText
  .refine(
    (v) => v === null || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1200),
    'ska vara ett helt antal månader, 1 eller fler (eller tomt för att behålla allt)',
  )
  .transform((v) => (v === null ? null : Number(v)));

const WEEKDAYS: Record<string, number> = {
  måndag: 1,
  tisdag: 2,
  onsdag: 3,
  torsdag: 4,
  fredag: 5,
  lördag: 6,
  söndag: 7,
};

const variables = z.object({
  SLACK_BOT_TOKEN: z.preprocess(
    // An empty value, or the bare prefix left from .env.example, is a token not yet filled in.
    (v) => (typeof v === 'string' && ['', 'xoxb-'].includes(v.trim()) ? undefined : v),
    z
      .string({ error: 'saknas; botens token (xoxb-…) från appens sida "OAuth & Permissions"' })
      .regex(/^xoxb-\S+$/, 'ska vara botens token: xoxb- följt av resten av token'),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === null || /^xapp-\S+$/.test(v), 'ska börja med xapp-'),
  SLACK_API_URL: optionalText
    .refine(
      (v) => v === null || isHttpUrl(v),
      'ska vara en http(s)-adress, till exempel https://slack.com/api/',
    )
    .transform((v) => (v === null ? DEFAULT_SLACK_API_URL : v.endsWith('/') ? v : `${v}/`)),
  PORT: integer('3000', 1, 65535),
  DATABASE_URL: z
    .string()
    .default('postgres://127.0.0.1:5432/fredagsmotet')
    .refine((v) => /^postgres(ql)?:\/\/\S+$/.test(v), 'ska vara en postgres://-adress'),
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .refine((v) => /^rediss?:\/\/\S+$/.test(v), 'ska vara en redis://-adress'),
  QUEUE_PREFIX: z
    .string()
    .default('fredagsmotet')
    .refine((v) => /^[A-Za-z0-9_-]+$/.test(v), 'får bara innehålla bokstäver a–z, siffror, - och _'),
  MEETING_CHANNEL_ID: optionalText.refine(
    (v) => v === null || /^[CG][A-Z0-9]{2,}$/.test(v),
    'ska vara ett kanal-id som C0123ABCD (inte kanalens namn)',
  ),
  MEETING_URL: optionalText.refine((v) => v === null || isHttpUrl(v), 'ska vara en http(s)-adress'),
  ADMIN_USER_IDS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    )
    .refine(
      (ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)),
      'ska vara Slack-användar-id som U0123ABCD, åtskilda med komma',
    ),
  TIMEZONE: z
    .string()
    .default('Europe/Stockholm')
    .refine((v) => IANAZone.isValidZone(v), 'ska vara en IANA-tidszon, till exempel Europe/Stockholm'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'ska vara en av fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  MEETING_WEEKDAY: z
    .string()
    .default('5')
    .transform((v) => WEEKDAYS[v.trim().toLowerCase()] ?? Number(v))
    .refine(
      (v) => Number.isInteger(v) && v >= 1 && v <= 7,
      'ska vara 1–7 (1 = måndag, 5 = fredag) eller veckodagens namn',
    ),
  MEETING_TIME: clockTime('09:00'),
  MEETING_LENGTH_MINUTES: integer('60', 5, 600),
  CALL_FOR_INPUT_DAYS_BEFORE: integer('1', 0, 6),
  CALL_FOR_INPUT_TIME: clockTime('13:00'),
  AGENDA_TIME: clockTime('07:30'),
  LAST_CALL_TIME: clockTime('08:30'),
  SKIP_HOLIDAYS: z
    .string()
    .default('true')
    .refine((v) => ['true', 'false', '1', '0'].includes(v.trim().toLowerCase()), 'ska vara true eller false')
    .transform((v) => ['true', '1'].includes(v.trim().toLowerCase())),
  GALLRING_IAKTTAGELSER_MANADER: retentionMonths,
  GALLRING_LOGG_MANADER: retentionMonths,
});

/** Every environment variable the bot reads; the README and .env.example must list each (a test checks). */
export const CONFIG_VARIABLES = Object.keys(variables.shape);

const schema = variables
  .superRefine(
    (env, ctx) => {
      if (env.SLACK_APP_TOKEN === null && env.SLACK_SIGNING_SECRET === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_SIGNING_SECRET'],
          message: 'saknas; krävs utom i Socket Mode (appens sida "Basic Information" → Signing Secret)',
        });
      }
    },
    // Checked even when other variables are wrong, so one start names every missing variable at once.
    { when: () => true },
  )
  .superRefine((env, ctx) => {
    // A time that could not be read has its own line; comparing it would only add a misleading one.
    const times = [env.AGENDA_TIME, env.LAST_CALL_TIME, env.MEETING_TIME, env.CALL_FOR_INPUT_TIME];
    if (!times.every((time) => typeof time === 'number')) return;
    if (!(env.AGENDA_TIME <= env.LAST_CALL_TIME && env.LAST_CALL_TIME <= env.MEETING_TIME)) {
      ctx.addIssue({
        code: 'custom',
        path: ['LAST_CALL_TIME'],
        message: 'AGENDA_TIME ≤ LAST_CALL_TIME ≤ MEETING_TIME måste gälla',
      });
    }
    if (env.CALL_FOR_INPUT_DAYS_BEFORE === 0 && env.CALL_FOR_INPUT_TIME >= env.AGENDA_TIME) {
      ctx.addIssue({
        code: 'custom',
        path: ['CALL_FOR_INPUT_TIME'],
        message: 'ska ligga före AGENDA_TIME när CALL_FOR_INPUT_DAYS_BEFORE är 0',
      });
    }
  });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Reads the environment into a frozen Config, or throws ConfigError naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  const e = parsed.data;
  return deepFreeze({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    },
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    meetingChannelId: e.MEETING_CHANNEL_ID,
    meetingUrl: e.MEETING_URL,
    adminUserIds: e.ADMIN_USER_IDS,
    logLevel: e.LOG_LEVEL,
    schedule: {
      timezone: e.TIMEZONE,
      weekday: e.MEETING_WEEKDAY,
      meetingMinute: e.MEETING_TIME,
      lengthMinutes: e.MEETING_LENGTH_MINUTES,
      callDaysBefore: e.CALL_FOR_INPUT_DAYS_BEFORE,
      callMinute: e.CALL_FOR_INPUT_TIME,
      agendaMinute: e.AGENDA_TIME,
      lastCallMinute: e.LAST_CALL_TIME,
      skipHolidays: e.SKIP_HOLIDAYS,
    },
    retention: {
      observationMonths: e.GALLRING_IAKTTAGELSER_MANADER,
      accessLogMonths: e.GALLRING_LOGG_MANADER,
    },
  });
}

/** The variables that have no default and must be set for the app to start in HTTP mode (a test checks). */
export const REQUIRED_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] as const;

const databaseVariables = variables.pick({ DATABASE_URL: true });

/** Only what a migration needs: the database address. `npm run migrate` must not require Slack's secrets. */
export function loadDatabaseUrl(env: NodeJS.ProcessEnv): string {
  const parsed = databaseVariables.safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  return parsed.data.DATABASE_URL;
}

const cliClockVariable = z.object({
  CLI_CLOCK_START: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || z.iso.datetime({ offset: true }).safeParse(value).success, {
      message: 'är ingen tidpunkt; skriv t.ex. 2026-12-01T09:00:00+01:00',
    }),
});

/** When `npm run cli -- jobs` is to act as if it were (CLI_CLOCK_START), or null for now. */
export function loadCliClockStart(env: NodeJS.ProcessEnv): Date | null {
  const parsed = cliClockVariable.safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  return parsed.data.CLI_CLOCK_START === undefined ? null : new Date(parsed.data.CLI_CLOCK_START);
}

function problemsOf(error: z.ZodError): string[] {
  const problems = error.issues.map((issue) => `${String(issue.path[0] ?? 'miljön')}: ${issue.message}`);
  return [...new Set(problems)];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
