import { describe, expect, it } from 'vitest';
import {
  isMeetingWeek,
  isOpenForChanges,
  latestStartedMeeting,
  meetingOfWeek,
  parseMeetingWeek,
  shiftWeek,
  upcomingMeeting,
  weeksInYear,
} from '../../src/domain/schedule.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const schedule = FRIDAY_SCHEDULE;

const upcoming = (iso: string) => upcomingMeeting(new Date(iso), schedule);

describe('the meeting a submission belongs to', () => {
  it('is this week’s Friday until the meeting starts, then next week’s', () => {
    expect(upcoming('2026-12-01T09:00:00Z').week).toBe('2026-W49');
    expect(upcoming('2026-12-04T07:59:59Z').week).toBe('2026-W49'); // 08:59:59 in Stockholm
    expect(upcoming('2026-12-04T08:00:00Z').week).toBe('2026-W50'); // 09:00 sharp: started
    expect(upcoming('2026-12-05T10:00:00Z').week).toBe('2026-W50');
    expect(upcoming('2026-12-06T22:59:59Z').week).toBe('2026-W50'); // Sunday 23:59 local
  });

  it('starts at 09:00 local time on both sides of a daylight-saving change', () => {
    // Summer time ends Sunday 25 October 2026: 09:00 is 07:00Z before, 08:00Z after.
    expect(meetingOfWeek('2026-W43', schedule).startsAt.toISOString()).toBe('2026-10-23T07:00:00.000Z');
    expect(meetingOfWeek('2026-W44', schedule).startsAt.toISOString()).toBe('2026-10-30T08:00:00.000Z');
    // Summer time starts Sunday 29 March 2026.
    expect(meetingOfWeek('2026-W13', schedule).startsAt.toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(meetingOfWeek('2026-W14', schedule).startsAt.toISOString()).toBe('2026-04-03T07:00:00.000Z');
    // Friday after the autumn change, 08:30 local (07:30Z) is still before the meeting.
    expect(upcoming('2026-10-30T07:30:00Z').week).toBe('2026-W44');
    expect(upcoming('2026-10-30T07:59:00Z').week).toBe('2026-W44');
  });

  it('handles week 53: 2026 has 53 ISO weeks and Friday 1 January 2027 belongs to 2026-W53', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2027)).toBe(52);
    expect(isMeetingWeek('2026-W53')).toBe(true);
    expect(isMeetingWeek('2027-W53')).toBe(false);
    expect(meetingOfWeek('2026-W53', schedule).date).toBe('2027-01-01');
    expect(upcoming('2026-12-28T12:00:00Z').week).toBe('2026-W53');
    expect(upcoming('2027-01-01T07:59:00Z').week).toBe('2026-W53');
    expect(upcoming('2027-01-01T08:00:00Z').week).toBe('2027-W01');
    expect(meetingOfWeek('2027-W01', schedule).date).toBe('2027-01-08');
  });

  it('crosses the year boundary when week 1 starts in December', () => {
    // ISO week 2025-W01 starts Monday 30 December 2024; its Friday is 3 January 2025.
    expect(meetingOfWeek('2025-W01', schedule).date).toBe('2025-01-03');
    expect(upcoming('2024-12-30T10:00:00Z').week).toBe('2025-W01');
    expect(upcoming('2024-12-27T09:00:00Z').week).toBe('2025-W01'); // after Friday 27 Dec's meeting
    expect(shiftWeek('2024-W52', 1, schedule)).toBe('2025-W01');
    expect(shiftWeek('2026-W53', 1, schedule)).toBe('2027-W01');
    expect(shiftWeek('2027-W01', -1, schedule)).toBe('2026-W53');
  });

  it('locks a meeting’s entries from its start', () => {
    const start = meetingOfWeek('2026-W49', schedule).startsAt;
    expect(isOpenForChanges('2026-W49', new Date(start.getTime() - 1), schedule)).toBe(true);
    expect(isOpenForChanges('2026-W49', start, schedule)).toBe(false);
    expect(latestStartedMeeting(start, schedule).week).toBe('2026-W49');
  });
});

describe('parseMeetingWeek', () => {
  const now = new Date('2026-12-01T09:00:00Z');

  it('reads the forms people type', () => {
    for (const text of [
      'v49',
      'V49',
      'v.49',
      'v 49',
      'vecka 49',
      '49',
      '2026-W49',
      '2026w49',
      '2026 v49',
      ' 2026-w49 ',
    ]) {
      expect(parseMeetingWeek(text, now, schedule), text).toBe('2026-W49');
    }
    expect(parseMeetingWeek('v1', now, schedule)).toBe('2027-W01');
    expect(parseMeetingWeek('v53', now, schedule)).toBe('2026-W53');
  });

  it('refuses what is not a week of that year', () => {
    for (const text of ['v0', 'v54', '2027-W53', 'W', 'nästa vecka', '49a', '']) {
      expect(parseMeetingWeek(text, now, schedule), text).toBeNull();
    }
  });
});

describe('upcomingMeeting, remembered per schedule', () => {
  it('gives the same meeting as a fresh computation at every instant, also when the clock goes backwards', () => {
    const instants: number[] = [];
    // Every 7 hours over three months around the year boundary and a DST change, then the same backwards.
    for (
      let t = Date.parse('2026-10-20T00:00:00Z');
      t < Date.parse('2027-01-20T00:00:00Z');
      t += 7 * 3_600_000
    ) {
      instants.push(t);
    }
    const starts = ['2026-12-04T08:00:00Z', '2026-12-04T07:59:59.999Z', '2027-01-01T08:00:00Z'].map(
      Date.parse,
    );
    for (const t of [...instants, ...instants.reverse(), ...starts]) {
      const now = new Date(t);
      // A copy of the schedule has no remembered answers: it computes from scratch.
      expect(upcomingMeeting(now, schedule)).toEqual(upcomingMeeting(now, { ...schedule }));
    }
  });
});
