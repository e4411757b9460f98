import { describe, expect, it } from 'vitest';
import type { MeetingOverride } from '../../src/domain/calendar.js';
import { boundMeeting } from '../../src/domain/priority-meetings.js';
import type { MeetingWeek } from '../../src/domain/schedule.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

/**
 * The week a button or a form names is the client's word: a decision is bound to it only when it is a meeting
 * the server could have offered now (the coming one, or the next held one after it); otherwise to the coming one.
 * Tuesday 1 December 2026: the coming meeting is Friday 4 December, week 49.
 */
const TUESDAY = new Date('2026-12-01T09:00:00Z');
const none = new Map<MeetingWeek, MeetingOverride>();
const bound = (week: MeetingWeek | null, overrides = none) =>
  boundMeeting(week, TUESDAY, FRIDAY_SCHEDULE, overrides).week;

describe('the meeting a form or a button is bound to', () => {
  it('is the coming meeting, or the next held one after it, when the client names one of those', () => {
    expect(bound(null)).toBe('2026-W49');
    expect(bound('2026-W49')).toBe('2026-W49');
    expect(bound('2026-W50')).toBe('2026-W50');
  });

  it('is the coming meeting when the client names a week far ahead, however it is held', () => {
    expect(bound('2099-W01')).toBe('2026-W49');
    expect(bound('2026-W51')).toBe('2026-W49');
    expect(bound('2027-W10')).toBe('2026-W49');
  });

  it('skips a cancelled week when deciding which is the next held one', () => {
    const cancelled = new Map<MeetingWeek, MeetingOverride>([
      ['2026-W50', { cancelled: true, reason: 'utbildning' }],
    ]);
    expect(bound('2026-W50', cancelled)).toBe('2026-W49');
    expect(bound('2026-W51', cancelled)).toBe('2026-W51');
  });
});
