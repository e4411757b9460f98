import { describe, expect, it } from 'vitest';
import type { MeetingOverride } from '../../src/domain/calendar.js';
import {
  checkFollowUpDate,
  chosenFollowUpDate,
  heldMeetingsAfter,
  OTHER_DATE,
  weekOfLocalDate,
} from '../../src/domain/follow-up-dates.js';
import { followUpDateWarning } from '../../src/slack/follow-up-date-field.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const NONE = new Map<string, MeetingOverride>();
const cancelled = (reason: string | null): MeetingOverride => ({ cancelled: true, reason });

describe('follow-up dates against the meetings’ calendar', () => {
  it('offers the held meetings after a week, skipping juldagen and nyårsdagen', () => {
    const dates = heldMeetingsAfter('2026-W51', FRIDAY_SCHEDULE, NONE, 3).map((m) => m.date);
    expect(dates).toEqual(['2027-01-08', '2027-01-15', '2027-01-22']);
  });

  it('offers the week’s own meeting too when asked, and skips one an admin cancelled', () => {
    const overrides = new Map([['2026-W50', cancelled('Krisövning')]]);
    const dates = heldMeetingsAfter('2026-W49', FRIDAY_SCHEDULE, overrides, 2, true).map((m) => m.date);
    expect(dates).toEqual(['2026-12-04', '2026-12-18']);
  });

  it('knows a held meeting’s date, a cancelled one with its reason, and a day without a meeting', () => {
    expect(checkFollowUpDate('2026-12-11', FRIDAY_SCHEDULE, NONE)).toEqual({ kind: 'meeting' });
    const holiday = checkFollowUpDate('2026-12-25', FRIDAY_SCHEDULE, NONE);
    expect(holiday.kind === 'cancelled' && [holiday.reason, holiday.next?.date]).toEqual([
      'juldagen',
      '2027-01-08',
    ]);
    const admin = checkFollowUpDate('2026-12-11', FRIDAY_SCHEDULE, new Map([['2026-W50', cancelled(null)]]));
    expect(admin.kind === 'cancelled' && [admin.reason, admin.next?.date]).toEqual([null, '2026-12-18']);
    // A Tuesday: the same week's Friday is the next meeting; a Saturday: the next week's.
    const tuesday = checkFollowUpDate('2026-12-08', FRIDAY_SCHEDULE, NONE);
    expect(tuesday.kind === 'noMeeting' && tuesday.next?.date).toBe('2026-12-11');
    const saturday = checkFollowUpDate('2026-12-12', FRIDAY_SCHEDULE, NONE);
    expect(saturday.kind === 'noMeeting' && saturday.next?.date).toBe('2026-12-18');
  });

  it('takes the ISO week of a date across the turn of the year', () => {
    expect(weekOfLocalDate('2027-01-01')).toBe('2026-W53');
    expect(weekOfLocalDate('2027-01-04')).toBe('2027-W01');
  });

  it('reads the list before the date picker, and the picker with "annat datum" or nothing chosen', () => {
    expect(chosenFollowUpDate({ meeting: '2026-12-11', other: '2026-12-09' })).toBe('2026-12-11');
    expect(chosenFollowUpDate({ meeting: OTHER_DATE, other: '2026-12-09' })).toBe('2026-12-09');
    expect(chosenFollowUpDate({ meeting: null, other: '2026-12-09' })).toBe('2026-12-09');
    expect(chosenFollowUpDate({ meeting: OTHER_DATE, other: null })).toBe('missing');
    expect(chosenFollowUpDate({ meeting: null, other: null })).toBeNull();
  });

  it('words the warning with the reason and the next held meeting, escaping an admin’s reason', () => {
    const check = checkFollowUpDate(
      '2026-12-11',
      FRIDAY_SCHEDULE,
      new Map([['2026-W50', cancelled('Övning <hemlig>')]]),
    );
    expect(followUpDateWarning('2026-12-11', check)).toBe(
      '⚠️ Mötet fredag 11 december 2026 är inställt (Övning &lt;hemlig&gt;). Nästa möte som hålls är fredag 18 december 2026. Välj ett möte i listan, eller spara igen för att ändå följa upp fredag 11 december 2026.',
    );
    expect(followUpDateWarning('2026-12-11', { kind: 'meeting' })).toBeNull();
  });
});
