import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_SLACK_API_URL,
  loadCliClockStart,
  loadConfig,
  loadDatabaseUrl,
  REQUIRED_VARIABLES,
} from '../../src/config.js';

const MINIMAL = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'secret' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('fills every default from the README when only the two required variables are set', () => {
    const config = loadConfig(MINIMAL);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('postgres://127.0.0.1:5432/fredagsmotet');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.slack.apiUrl).toBe(DEFAULT_SLACK_API_URL);
    expect(config.slack.appToken).toBeNull();
    expect(config.logLevel).toBe('info');
    expect(config.adminUserIds).toEqual([]);
    expect(config.meetingChannelId).toBeNull();
    expect(config.schedule).toEqual({
      timezone: 'Europe/Stockholm',
      weekday: 5,
      meetingMinute: 9 * 60,
      lengthMinutes: 60,
      callDaysBefore: 1,
      callMinute: 13 * 60,
      agendaMinute: 7 * 60 + 30,
      lastCallMinute: 8 * 60 + 30,
      skipHolidays: true,
    });
  });

  it('returns a frozen config', () => {
    const config = loadConfig(MINIMAL);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.schedule)).toBe(true);
  });

  it('reads lists, times and weekday names', () => {
    const config = loadConfig({
      ...MINIMAL,
      ADMIN_USER_IDS: 'U01ABC, U02DEF ,',
      MEETING_WEEKDAY: 'torsdag',
      MEETING_TIME: '10:15',
      SKIP_HOLIDAYS: 'false',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
    });
    expect(config.adminUserIds).toEqual(['U01ABC', 'U02DEF']);
    expect(config.schedule.weekday).toBe(4);
    expect(config.schedule.meetingMinute).toBe(615);
    expect(config.schedule.skipHolidays).toBe(false);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it('names a missing bot token in one line', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: 'secret' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: saknas/),
    ]);
  });

  it('calls a token left empty, or left as the bare xoxb- of .env.example, missing', () => {
    for (const token of ['', '  ', 'xoxb-']) {
      expect(problemsOf({ SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: 'secret' }), token).toEqual([
        expect.stringMatching(/^SLACK_BOT_TOKEN: saknas/),
      ]);
    }
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xapp-1-abc', SLACK_SIGNING_SECRET: 'secret' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: ska vara botens token/),
    ]);
  });

  it('requires exactly the variables REQUIRED_VARIABLES names (the compose check relies on the list)', () => {
    const named = problemsOf({}).map((problem) => problem.split(':')[0]);
    expect(named.sort()).toEqual([...REQUIRED_VARIABLES].sort());
  });

  it('names a time it cannot read once, without a misleading line about the order of the times', () => {
    expect(problemsOf({ ...MINIMAL, MEETING_TIME: '9' })).toEqual([
      expect.stringMatching(/^MEETING_TIME: ska vara en tid som HH:MM/),
    ]);
  });

  it('needs the signing secret in HTTP mode but not in Socket Mode', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: saknas/),
    ]);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' })).toEqual([]);
  });

  it('names every malformed variable, one line each', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_SIGNING_SECRET: 'secret',
      PORT: 'http',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'localhost:6379',
      MEETING_CHANNEL_ID: '#fredagsmotet',
      ADMIN_USER_IDS: 'anna',
      TIMEZONE: 'Europe/Västervik',
      LOG_LEVEL: 'verbose',
      MEETING_TIME: '25:00',
      SKIP_HOLIDAYS: 'kanske',
    });
    const named = problems.map((p) => p.split(':')[0]);
    expect(named).toEqual([
      'SLACK_BOT_TOKEN',
      'PORT',
      'DATABASE_URL',
      'REDIS_URL',
      'MEETING_CHANNEL_ID',
      'ADMIN_USER_IDS',
      'TIMEZONE',
      'LOG_LEVEL',
      'MEETING_TIME',
      'SKIP_HOLIDAYS',
    ]);
    expect(problems.every((p) => !p.includes('\n'))).toBe(true);
  });

  it('refuses a day whose steps come in the wrong order', () => {
    expect(problemsOf({ ...MINIMAL, AGENDA_TIME: '09:30', MEETING_TIME: '09:00' })).toEqual([
      expect.stringMatching(/^LAST_CALL_TIME: AGENDA_TIME ≤ LAST_CALL_TIME ≤ MEETING_TIME/),
    ]);
  });
});

describe('loadDatabaseUrl', () => {
  it('needs nothing but the database address, with the same default as the app', () => {
    expect(loadDatabaseUrl({})).toBe('postgres://127.0.0.1:5432/fredagsmotet');
    expect(loadDatabaseUrl({ DATABASE_URL: 'postgres://db:5432/x' })).toBe('postgres://db:5432/x');
    expect(() => loadDatabaseUrl({ DATABASE_URL: 'mysql://db/x' })).toThrow(ConfigError);
  });
});

describe('loadCliClockStart', () => {
  it('is null when unset or blank, the time when set, and refuses what is no time with its offset', () => {
    expect(loadCliClockStart({})).toBeNull();
    expect(loadCliClockStart({ CLI_CLOCK_START: ' ' })).toBeNull();
    expect(loadCliClockStart({ CLI_CLOCK_START: '2026-12-01T09:00:00+01:00' })?.toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    for (const bad of ['2026-12-01', 'tisdag', '2026-12-01T09:00:00']) {
      expect(() => loadCliClockStart({ CLI_CLOCK_START: bad })).toThrow(
        'CLI_CLOCK_START: är ingen tidpunkt; skriv t.ex. 2026-12-01T09:00:00+01:00',
      );
    }
  });
});
