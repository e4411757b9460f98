// Gallring's settings and cut-offs, without I/O.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { purgeReasonProblem, retentionCutoffs, retentionDueDay } from '../../src/domain/retention.js';
import {
  latestStartedMeeting,
  meetingOfWeek,
  shiftWeek,
  upcomingMeeting,
} from '../../src/domain/schedule.js';

const MINIMAL = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'secret' };
const schedule = loadConfig(MINIMAL).schedule;

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...MINIMAL, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('retention settings', () => {
  it('keeps everything when the variables are unset or empty', () => {
    expect(loadConfig(MINIMAL).retention).toEqual({ observationMonths: null, accessLogMonths: null });
    expect(
      loadConfig({ ...MINIMAL, GALLRING_IAKTTAGELSER_MANADER: '', GALLRING_LOGG_MANADER: '  ' }).retention,
    ).toEqual({ observationMonths: null, accessLogMonths: null });
  });

  it('reads whole months', () => {
    expect(
      loadConfig({ ...MINIMAL, GALLRING_IAKTTAGELSER_MANADER: '24', GALLRING_LOGG_MANADER: ' 36 ' })
        .retention,
    ).toEqual({ observationMonths: 24, accessLogMonths: 36 });
  });

  it('stops at start with one line naming the variable for anything but a whole number of months ≥ 1', () => {
    for (const value of ['0', '-1', '1.5', '12 månader', 'sex', '1e2']) {
      expect(problemsOf({ GALLRING_IAKTTAGELSER_MANADER: value }), value).toEqual([
        expect.stringMatching(/^GALLRING_IAKTTAGELSER_MANADER: ska vara ett helt antal månader/),
      ]);
    }
    expect(problemsOf({ GALLRING_IAKTTAGELSER_MANADER: '0', GALLRING_LOGG_MANADER: 'x' })).toEqual([
      expect.stringMatching(/^GALLRING_IAKTTAGELSER_MANADER: /),
      expect.stringMatching(/^GALLRING_LOGG_MANADER: /),
    ]);
  });
});

describe('retentionCutoffs', () => {
  const settings = (observationMonths: number | null, accessLogMonths: number | null = null) => ({
    observationMonths,
    accessLogMonths,
  });

  it('purges nothing while unset', () => {
    expect(retentionCutoffs(new Date('2026-12-02T12:00:00Z'), settings(null), schedule)).toEqual({
      observationsBeforeWeek: null,
      accessLogBefore: null,
    });
  });

  it('keeps every meeting that started within the months, and purges only ones that started before', () => {
    // Every hour over a stretch of two weeks across a month end and a daylight-saving change, several settings.
    for (const months of [1, 2, 6, 12, 25]) {
      for (let hour = 0; hour < 14 * 24; hour += 5) {
        const now = new Date(Date.parse('2026-10-20T00:00:00Z') + hour * 3_600_000);
        const limit = DateTime.fromJSDate(now, { zone: schedule.timezone }).minus({ months }).toJSDate();
        const { observationsBeforeWeek: before } = retentionCutoffs(now, settings(months), schedule);
        if (before === null) throw new Error('expected a cut-off');
        const lastPurged = meetingOfWeek(shiftWeek(before, -1, schedule), schedule);
        expect(lastPurged.startsAt.getTime(), `${months} ${now.toISOString()}`).toBeLessThan(limit.getTime());
        expect(meetingOfWeek(before, schedule).startsAt.getTime()).toBeGreaterThanOrEqual(limit.getTime());
      }
    }
  });

  it('never reaches the meeting under way, the one just held or the coming one, whatever the setting', () => {
    // 0 months never passes the config; the cut-off holds even so.
    for (const months of [0, 1]) {
      for (const now of ['2026-12-04T07:30:00Z', '2026-12-04T08:30:00Z', '2026-12-06T12:00:00Z']) {
        const at = new Date(now);
        const before = retentionCutoffs(at, settings(months), schedule).observationsBeforeWeek ?? '';
        expect(before <= latestStartedMeeting(at, schedule).week, `${months} ${now}`).toBe(true);
        expect(before < upcomingMeeting(at, schedule).week).toBe(true);
      }
    }
    // Friday 4 December 08:30 UTC, the meeting of v49 under way: v48 and earlier may go, never v49.
    expect(
      retentionCutoffs(new Date('2026-12-04T08:30:00Z'), settings(0), schedule).observationsBeforeWeek,
    ).toBe('2026-W49');
  });

  it('purges the access log older than its own months, by the local calendar', () => {
    const { accessLogBefore } = retentionCutoffs(
      new Date('2026-03-31T10:00:00Z'),
      settings(null, 1),
      schedule,
    );
    // 31 March 12:00 summer time minus a month is the last of February, 12:00 winter time.
    expect(accessLogBefore?.toISOString()).toBe('2026-02-28T11:00:00.000Z');
  });
});

describe('retentionDueDay', () => {
  it('is the local date from 03:00 local time, and nothing before', () => {
    expect(retentionDueDay(new Date('2026-12-02T01:30:00Z'), 'Europe/Stockholm')).toBeNull();
    expect(retentionDueDay(new Date('2026-12-02T02:00:00Z'), 'Europe/Stockholm')).toBe('2026-12-02');
    expect(retentionDueDay(new Date('2026-12-02T23:30:00Z'), 'Europe/Stockholm')).toBeNull();
    expect(retentionDueDay(new Date('2026-12-03T02:30:00Z'), 'Europe/Stockholm')).toBe('2026-12-03');
  });
});

describe('purgeReasonProblem', () => {
  it('needs a reason, at most 300 characters, without a personal identity number', () => {
    expect(purgeReasonProblem('  ')).toBe('missing');
    expect(purgeReasonProblem('x'.repeat(301))).toBe('tooLong');
    expect(purgeReasonProblem('innehöll 19811228-9874')).toBe('identifies');
    expect(purgeReasonProblem('innehöll namn på en enskild')).toBeNull();
  });
});
