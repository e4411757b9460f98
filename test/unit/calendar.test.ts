import { describe, expect, it } from 'vitest';
import {
  actionWindow,
  type CycleAction,
  calendarEntry,
  comingMeeting,
  comingMeetings,
  dueActions,
  followUpRemindersDueFor,
  isActionDue,
  type MeetingOverride,
  meetingState,
  meetingsInPlay,
  nextHeldMeeting,
  postsInChannel,
  submissionMeeting,
} from '../../src/domain/calendar.js';
import { type Meeting, type MeetingSchedule, meetingOfWeek } from '../../src/domain/schedule.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const FRIDAY = FRIDAY_SCHEDULE;

const held = () => ({ cancelled: false });

/** What is due at an instant, as `week:action` strings. */
function dueAt(
  iso: string,
  schedule: MeetingSchedule = FRIDAY,
  stateOf: (meeting: Meeting) => { cancelled: boolean } = held,
): string[] {
  return dueActions(new Date(iso), schedule, stateOf).map((d) => `${d.meeting.week}:${d.action}`);
}

describe('what is due when', () => {
  // 2026-W49: Friday 4 December, CET (UTC+1).
  it.each([
    ['2026-12-03T11:59:59Z', []],
    ['2026-12-03T12:00:00Z', ['2026-W49:call']],
    ['2026-12-04T06:29:59Z', ['2026-W49:call']],
    ['2026-12-04T06:30:00Z', ['2026-W49:call', '2026-W49:agenda']],
    ['2026-12-04T07:30:00Z', ['2026-W49:call', '2026-W49:agenda', '2026-W49:lastcall']],
    ['2026-12-04T07:59:59Z', ['2026-W49:call', '2026-W49:agenda', '2026-W49:lastcall']],
    ['2026-12-04T08:00:00Z', ['2026-W49:compile']],
    ['2026-12-04T08:59:59Z', ['2026-W49:compile']],
    ['2026-12-04T09:00:00Z', ['2026-W49:summary']],
    ['2026-12-04T20:59:59Z', ['2026-W49:summary']],
    ['2026-12-04T21:00:00Z', []],
    ['2026-12-08T10:00:00Z', []],
  ] as const)('at %s: %j', (at, expected) => {
    expect(dueAt(at)).toEqual(expected);
  });

  it('catches up until the meeting starts: a late call and agenda, never one after the start', () => {
    const meeting = meetingOfWeek('2026-W49', FRIDAY);
    const late = new Date(meeting.startsAt.getTime() - 60_000);
    const started = meeting.startsAt;
    for (const action of ['call', 'agenda', 'lastcall'] as CycleAction[]) {
      expect(isActionDue(action, meeting, held(), late)).toBe(true);
      expect(isActionDue(action, meeting, held(), started)).toBe(false);
    }
    // The compiled picture is of use until the meeting ends.
    expect(actionWindow('compile', meeting)).toEqual({ opensAt: meeting.startsAt, closesAt: meeting.endsAt });
  });

  it('considers the meeting in progress or just over and the upcoming one, then only the upcoming one', () => {
    expect(meetingsInPlay(new Date('2026-12-04T08:30:00Z'), FRIDAY).map((m) => m.week)).toEqual([
      '2026-W49',
      '2026-W50',
    ]);
    expect(meetingsInPlay(new Date('2026-12-04T15:00:00Z'), FRIDAY).map((m) => m.week)).toEqual([
      '2026-W49',
      '2026-W50',
    ]);
    expect(meetingsInPlay(new Date('2026-12-04T21:00:00Z'), FRIDAY).map((m) => m.week)).toEqual(['2026-W50']);
  });

  it('reminds of tomorrow’s follow-ups from the call-for-input time until midnight', () => {
    expect(followUpRemindersDueFor(new Date('2026-12-03T11:59:00Z'), FRIDAY)).toBeNull();
    expect(followUpRemindersDueFor(new Date('2026-12-03T12:00:00Z'), FRIDAY)).toBe('2026-12-04');
    expect(followUpRemindersDueFor(new Date('2026-12-03T22:59:00Z'), FRIDAY)).toBe('2026-12-04');
    expect(followUpRemindersDueFor(new Date('2026-12-03T23:00:00Z'), FRIDAY)).toBeNull(); // 00:00 on the 4th
  });

  it('gives a cancelled meeting only its notice, at agenda time until the start', () => {
    const cancelled = () => ({ cancelled: true });
    expect(dueAt('2026-12-03T12:30:00Z', FRIDAY, cancelled)).toEqual([]);
    expect(dueAt('2026-12-04T06:30:00Z', FRIDAY, cancelled)).toEqual(['2026-W49:notice']);
    expect(dueAt('2026-12-04T07:45:00Z', FRIDAY, cancelled)).toEqual(['2026-W49:notice']);
    expect(dueAt('2026-12-04T08:00:00Z', FRIDAY, cancelled)).toEqual([]);
  });

  it('posts everything but the call for input in the meeting channel (skipped without MEETING_CHANNEL_ID)', () => {
    const actions: CycleAction[] = ['call', 'agenda', 'lastcall', 'compile', 'summary', 'notice'];
    expect(actions.filter(postsInChannel)).toEqual(['agenda', 'lastcall', 'compile', 'summary', 'notice']);
  });

  it('names the meeting an operator means for every step: the one under way, else the next', () => {
    expect(comingMeeting(new Date('2026-12-02T22:00:00Z'), FRIDAY).week).toBe('2026-W49');
    expect(comingMeeting(new Date('2026-12-04T08:30:00Z'), FRIDAY).week).toBe('2026-W49');
    expect(comingMeeting(new Date('2026-12-04T11:00:00Z'), FRIDAY).week).toBe('2026-W50');
  });
});

describe('daylight saving time', () => {
  // Monday meetings, with the call two days before on Saturday: the last Sunday of March or October lies between.
  const MONDAY: MeetingSchedule = { ...FRIDAY, weekday: 1, callDaysBefore: 2 };

  it('keeps local wall-clock times across the spring change (last Sunday of March)', () => {
    const meeting = meetingOfWeek('2026-W14', MONDAY); // Monday 30 March; clocks went forward on the 29th
    expect(meeting.callAt.toISOString()).toBe('2026-03-28T12:00:00.000Z'); // Saturday 13:00 CET
    expect(meeting.agendaAt.toISOString()).toBe('2026-03-30T05:30:00.000Z'); // Monday 07:30 CEST
    expect(meeting.startsAt.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(dueAt('2026-03-28T11:59:00Z', MONDAY)).toEqual([]);
    expect(dueAt('2026-03-28T12:00:00Z', MONDAY)).toEqual(['2026-W14:call']);
    expect(dueAt('2026-03-30T05:30:00Z', MONDAY)).toEqual(['2026-W14:call', '2026-W14:agenda']);
    expect(dueAt('2026-03-30T07:00:00Z', MONDAY)).toEqual(['2026-W14:compile']);
  });

  it('keeps local wall-clock times across the autumn change (last Sunday of October)', () => {
    const meeting = meetingOfWeek('2026-W44', MONDAY); // Monday 26 October; clocks went back on the 25th
    expect(meeting.callAt.toISOString()).toBe('2026-10-24T11:00:00.000Z'); // Saturday 13:00 CEST
    expect(meeting.startsAt.toISOString()).toBe('2026-10-26T08:00:00.000Z'); // Monday 09:00 CET
    expect(dueAt('2026-10-26T06:30:00Z', MONDAY)).toEqual(['2026-W44:call', '2026-W44:agenda']);
    expect(dueAt('2026-10-26T07:30:00Z', MONDAY)).toEqual([
      '2026-W44:call',
      '2026-W44:agenda',
      '2026-W44:lastcall',
    ]);
    expect(dueAt('2026-10-26T08:00:00Z', MONDAY)).toEqual(['2026-W44:compile']);
  });

  it('runs a meeting set in the hour the spring change skips when the clock reaches it, in order', () => {
    // Sunday 29 March 2026 at 02:30 does not exist in Stockholm; 02:00 jumps to 03:00.
    const night: MeetingSchedule = {
      ...FRIDAY,
      weekday: 7,
      meetingMinute: 2 * 60 + 30,
      agendaMinute: 60,
      lastCallMinute: 2 * 60 + 15,
      callDaysBefore: 1,
      skipHolidays: false,
    };
    const meeting = meetingOfWeek('2026-W13', night);
    expect(meeting.agendaAt.toISOString()).toBe('2026-03-29T00:00:00.000Z'); // 01:00 CET
    expect(meeting.startsAt.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // moved to 03:30 CEST
    expect(meeting.lastCallAt.getTime()).toBeLessThanOrEqual(meeting.startsAt.getTime());
    expect(dueAt('2026-03-29T01:20:00Z', night)).toEqual([
      '2026-W13:call',
      '2026-W13:agenda',
      '2026-W13:lastcall',
    ]);
    expect(dueAt('2026-03-29T01:30:00Z', night)).toEqual(['2026-W13:compile']);
  });

  it('runs a meeting set in the hour the autumn change repeats at its first occurrence, once', () => {
    const night: MeetingSchedule = {
      ...FRIDAY,
      weekday: 7,
      meetingMinute: 2 * 60 + 30,
      agendaMinute: 60,
      lastCallMinute: 2 * 60,
      skipHolidays: false,
    };
    const meeting = meetingOfWeek('2026-W43', night); // Sunday 25 October 2026
    expect(meeting.startsAt.toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST, the first one
    expect(meeting.endsAt.toISOString()).toBe('2026-10-25T01:30:00.000Z'); // sixty real minutes later
    expect(dueAt('2026-10-25T01:00:00Z', night)).toEqual(['2026-W43:compile']);
    expect(dueAt('2026-10-25T01:30:00Z', night)).toEqual(['2026-W43:summary']);
  });
});

describe('holidays and cancellations', () => {
  const state = (date: string, schedule: MeetingSchedule = FRIDAY, override: MeetingOverride | null = null) =>
    meetingState({ date }, override, schedule);

  it.each([
    ['2026-04-03', 'långfredagen'],
    ['2026-06-19', 'midsommarafton'],
    ['2026-12-25', 'juldagen'],
    ['2027-12-24', 'julafton'],
    ['2027-12-31', 'nyårsafton'],
    ['2027-01-01', 'nyårsdagen'],
  ])('cancels the Friday meeting on %s (%s)', (date, holiday) => {
    expect(state(date)).toEqual({ cancelled: true, reason: holiday });
  });

  it('cancels a Thursday meeting on julafton and nyårsafton 2026, the de-facto holidays', () => {
    const thursday = { ...FRIDAY, weekday: 4, callDaysBefore: 2 };
    expect(meetingState(meetingOfWeek('2026-W52', thursday), null, thursday)).toEqual({
      cancelled: true,
      reason: 'julafton',
    });
    expect(meetingState(meetingOfWeek('2026-W53', thursday), null, thursday)).toEqual({
      cancelled: true,
      reason: 'nyårsafton',
    });
  });

  it('holds an ordinary Friday and, with SKIP_HOLIDAYS=false, a holiday too', () => {
    expect(state('2026-12-04')).toEqual({ cancelled: false, reason: null });
    expect(state('2026-04-03', { ...FRIDAY, skipHolidays: false })).toEqual({
      cancelled: false,
      reason: null,
    });
  });

  it('lets an admin cancel an ordinary meeting and hold one a holiday would cancel', () => {
    expect(state('2026-12-04', FRIDAY, { cancelled: true, reason: 'Julbord' })).toEqual({
      cancelled: true,
      reason: 'Julbord',
    });
    expect(state('2026-04-03', FRIDAY, { cancelled: false, reason: null })).toEqual({
      cancelled: false,
      reason: null,
    });
  });

  it('gives a resumed holiday meeting its whole week again', () => {
    const byRule = (m: { date: string }) => meetingState(m, null, FRIDAY);
    const resumed = (m: { week: string; date: string }) =>
      meetingState(m, m.week === '2026-W14' ? { cancelled: false, reason: null } : null, FRIDAY);
    // Thursday 2 April 13:00 CEST: no call for långfredagen's meeting, unless an admin resumed it.
    expect(dueAt('2026-04-02T11:00:00Z', FRIDAY, byRule)).toEqual([]);
    expect(dueAt('2026-04-03T05:30:00Z', FRIDAY, byRule)).toEqual(['2026-W14:notice']);
    expect(dueAt('2026-04-02T11:00:00Z', FRIDAY, resumed)).toEqual(['2026-W14:call']);
    expect(dueAt('2026-04-03T05:30:00Z', FRIDAY, resumed)).toEqual(['2026-W14:call', '2026-W14:agenda']);
  });

  it('describes each coming meeting for the calendar, across the year boundary and week 53', () => {
    const overrides = new Map<string, MeetingOverride>([
      ['2027-W02', { cancelled: true, reason: 'Utbildningsdag', changedBy: 'U0ADMIN01' }],
      ['2027-W01', { cancelled: false, reason: null, changedBy: 'U0ADMIN01' }],
    ]);
    const meetings = comingMeetings(new Date('2026-12-20T12:00:00Z'), FRIDAY, 8);
    expect(meetings.map((m) => m.week)).toEqual([
      '2026-W52',
      '2026-W53',
      '2027-W01',
      '2027-W02',
      '2027-W03',
      '2027-W04',
      '2027-W05',
      '2027-W06',
    ]);
    const entries = meetings.slice(0, 4).map((m) => calendarEntry(m, overrides.get(m.week) ?? null, FRIDAY));
    expect(entries.map((e) => [e.meeting.date, e.cancelled, e.decision, e.reason ?? e.holiday])).toEqual([
      ['2026-12-25', true, 'holiday', 'juldagen'],
      ['2027-01-01', true, 'holiday', 'nyårsdagen'],
      ['2027-01-08', false, 'admin-resumed', null],
      ['2027-01-15', true, 'admin-cancelled', 'Utbildningsdag'],
    ]);
    expect(entries[3]?.changedBy).toBe('U0ADMIN01');
    expect(nextHeldMeeting('2026-W52', FRIDAY, overrides)?.week).toBe('2027-W01');
    expect(nextHeldMeeting('2027-W01', FRIDAY, overrides)?.week).toBe('2027-W03');
  });
});

describe('submissionMeeting', () => {
  it('is the upcoming meeting when it is held', () => {
    expect(submissionMeeting(new Date('2026-12-01T09:00:00Z'), FRIDAY, new Map()).week).toBe('2026-W49');
  });

  it('skips meetings an admin cancelled', () => {
    const overrides = new Map<string, MeetingOverride>([['2026-W49', { cancelled: true, reason: null }]]);
    expect(submissionMeeting(new Date('2026-12-01T09:00:00Z'), FRIDAY, overrides).week).toBe('2026-W50');
  });

  it('skips juldagen and nyårsdagen, both Fridays in 2026–27, to the first meeting of January', () => {
    expect(submissionMeeting(new Date('2026-12-21T09:00:00Z'), FRIDAY, new Map()).week).toBe('2027-W01');
  });

  it('keeps a holiday meeting an admin decided to hold', () => {
    const overrides = new Map<string, MeetingOverride>([['2026-W52', { cancelled: false, reason: null }]]);
    expect(submissionMeeting(new Date('2026-12-21T09:00:00Z'), FRIDAY, overrides).week).toBe('2026-W52');
  });
});
