import { describe, expect, it } from 'vitest';
import {
  calendarEntry,
  comingMeeting,
  comingMeetings,
  dueActions,
  meetingState,
  meetingsInPlay,
  nextHeldMeeting,
  type Overrides,
  submissionMeeting,
} from '../../src/domain/calendar.js';
import { manualRunRefusal } from '../../src/domain/manual-run.js';
import { effectiveMeeting, type MeetingOverride, pictureLock } from '../../src/domain/meeting-override.js';
import { meetingOfWeek } from '../../src/domain/schedule.js';
import { FRIDAY_SCHEDULE as FRIDAY } from '../support/schedule.js';

/** 2026-W52: Friday 25 December (juldagen), moved to Wednesday 23 December 08:30 CET. */
const MOVED: MeetingOverride = {
  cancelled: null,
  reason: null,
  startsAt: new Date('2026-12-23T07:30:00Z'),
};
const moved: Overrides = new Map([['2026-W52', MOVED]]);

const dueAt = (iso: string, overrides: Overrides) =>
  dueActions(
    new Date(iso),
    FRIDAY,
    (m) => meetingState(m, overrides.get(m.week) ?? null, FRIDAY),
    overrides,
  ).map((d) => `${d.meeting.week}:${d.action}`);

describe('a moved meeting', () => {
  it('keeps its week and length, and moves the call, agenda and last call with its start', () => {
    const meeting = effectiveMeeting('2026-W52', FRIDAY, MOVED);
    expect(meeting).toMatchObject({
      week: '2026-W52',
      date: '2026-12-23',
      startsAt: new Date('2026-12-23T07:30:00Z'),
      endsAt: new Date('2026-12-23T08:30:00Z'),
      callAt: new Date('2026-12-22T12:00:00Z'), // Tuesday 13:00
      agendaAt: new Date('2026-12-23T06:00:00Z'), // 07:00, 90 minutes before as 07:30 is before 09:00
      lastCallAt: new Date('2026-12-23T07:00:00Z'), // 08:00
      movedFrom: meetingOfWeek('2026-W52', FRIDAY).startsAt,
    });
    expect(effectiveMeeting('2026-W52', FRIDAY, null)).toBe(meetingOfWeek('2026-W52', FRIDAY));
  });

  it('is held when moved off the holiday that cancelled it, and the calendar says it was moved', () => {
    const meeting = effectiveMeeting('2026-W52', FRIDAY, MOVED);
    expect(meetingState(meeting, MOVED, FRIDAY)).toEqual({ cancelled: false, reason: null });
    expect(calendarEntry(meeting, MOVED, FRIDAY)).toMatchObject({ cancelled: false, decision: 'schedule' });
    const planned = meetingOfWeek('2026-W52', FRIDAY);
    expect(meetingState(planned, null, FRIDAY)).toEqual({ cancelled: true, reason: 'juldagen' });
  });

  it('runs the whole cycle at the moved times', () => {
    expect(dueAt('2026-12-22T12:00:00Z', moved)).toEqual(['2026-W52:call']);
    expect(dueAt('2026-12-23T06:00:00Z', moved)).toEqual(['2026-W52:call', '2026-W52:agenda']);
    expect(dueAt('2026-12-23T07:00:00Z', moved)).toEqual([
      '2026-W52:call',
      '2026-W52:agenda',
      '2026-W52:lastcall',
    ]);
    expect(dueAt('2026-12-23T07:30:00Z', moved)).toEqual(['2026-W52:compile']);
    expect(dueAt('2026-12-23T08:30:00Z', moved)).toEqual(['2026-W52:summary']);
    // On the Friday itself nothing: the meeting was held on Wednesday.
    expect(dueAt('2026-12-25T06:30:00Z', moved)).toEqual([]);
    // Without the move, juldagen cancels it: only the notice.
    expect(dueAt('2026-12-25T06:30:00Z', new Map())).toEqual(['2026-W52:notice']);
  });

  it('is in play, coming and open for submissions by its new start, also when moved later in its week', () => {
    const sunday: Overrides = new Map([
      ['2026-W49', { cancelled: null, reason: null, startsAt: new Date('2026-12-06T09:00:00Z') }],
    ]);
    const saturday = new Date('2026-12-05T12:00:00Z'); // after the planned Friday, before the Sunday
    expect(meetingsInPlay(saturday, FRIDAY, sunday).map((m) => m.week)).toEqual(['2026-W49']);
    expect(meetingsInPlay(new Date('2026-12-06T12:00:00Z'), FRIDAY, sunday).map((m) => m.week)).toEqual([
      '2026-W49',
      '2026-W50',
    ]);
    expect(comingMeeting(saturday, FRIDAY, sunday).week).toBe('2026-W49');
    expect(submissionMeeting(saturday, FRIDAY, sunday).week).toBe('2026-W49');
    expect(comingMeetings(saturday, FRIDAY, 2, sunday).map((m) => m.date)).toEqual([
      '2026-12-06',
      '2026-12-11',
    ]);
    expect(nextHeldMeeting('2026-W51', FRIDAY, moved)?.date).toBe('2026-12-23');
  });
});

describe('the picture’s lock', () => {
  const meeting = meetingOfWeek('2026-W49', FRIDAY);
  const compiledEarly: MeetingOverride = {
    cancelled: null,
    reason: null,
    pictureLockedAt: new Date('2026-12-02T10:00:00Z'),
  };

  it('locks at the start, or from an early compile', () => {
    expect(pictureLock(meeting, null, new Date('2026-12-04T07:59:00Z'))).toBeNull();
    expect(pictureLock(meeting, null, meeting.startsAt)).toEqual({ kind: 'started', at: meeting.startsAt });
    expect(pictureLock(meeting, compiledEarly, new Date('2026-12-02T11:00:00Z'))).toEqual({
      kind: 'compiled',
      at: new Date('2026-12-02T10:00:00Z'),
    });
  });

  it('sends submissions after an early compile to the next held meeting, and asks for no more lägesbild', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const locked: Overrides = new Map([['2026-W49', compiledEarly]]);
    expect(submissionMeeting(now, FRIDAY, locked).week).toBe('2026-W50');
    expect(submissionMeeting(now, FRIDAY, new Map()).week).toBe('2026-W49');
    const due = (o: Overrides) =>
      dueActions(new Date('2026-12-04T07:45:00Z'), FRIDAY, () => ({ cancelled: false }), o).map(
        (d) => d.action,
      );
    expect(due(new Map())).toEqual(['call', 'agenda', 'lastcall']);
    expect(due(locked)).toEqual(['agenda']);
  });
});

describe('what an operator may run by hand', () => {
  const meeting = meetingOfWeek('2026-W49', FRIDAY);
  const before = new Date('2026-12-02T22:00:00Z');
  const during = new Date('2026-12-04T08:30:00Z');
  const after = new Date('2026-12-04T12:00:00Z');
  const refusal = (step: Parameters<typeof manualRunRefusal>[0]['step'], now: Date, force = false) =>
    manualRunRefusal({
      step,
      meeting,
      lock: pictureLock(meeting, null, now),
      now,
      force,
      schedule: FRIDAY,
    })?.kind ?? null;

  it('compiles a meeting that has not started only with --force', () => {
    expect(refusal('compile', before)).toBe('compileEarly');
    expect(refusal('compile', before, true)).toBeNull();
    expect(refusal('compile', during)).toBeNull();
  });

  it('posts the summary after the meeting, during it with --force, never before it', () => {
    expect(refusal('summary', before, true)).toBe('summaryNotHeld');
    expect(refusal('summary', during)).toBe('summaryUnderway');
    expect(refusal('summary', during, true)).toBeNull();
    expect(refusal('summary', after)).toBeNull();
  });

  it('asks for lägesbild until the start (after it only with --force), never after an early compile', () => {
    expect(refusal('call', before)).toBeNull();
    expect(refusal('lastcall', during)).toBe('pictureLocked');
    expect(refusal('lastcall', during, true)).toBeNull();
    const early = manualRunRefusal({
      step: 'call',
      meeting,
      lock: { kind: 'compiled', at: before },
      now: before,
      force: true,
      schedule: FRIDAY,
    });
    expect(early?.kind).toBe('pictureLocked');
  });

  it('sends follow-up reminders only the day before the meeting', () => {
    expect(refusal('followup', before)).toBe('followUpNotTomorrow');
    expect(refusal('followup', new Date('2026-12-03T09:00:00Z'))).toBeNull();
    expect(refusal('followup', during)).toBe('followUpNotTomorrow');
  });
});
