// Which meeting a decision belongs to when an admin has moved meetings (`/samverkan flytta`): the binding counts
// the meeting at its moved times, as the calendar and the scheduler (which posts its summary) do.
import { describe, expect, it } from 'vitest';
import type { MeetingOverride } from '../../src/domain/calendar.js';
import { boundMeeting, decisionMeeting } from '../../src/domain/priority-meetings.js';
import type { MeetingWeek } from '../../src/domain/schedule.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const schedule = FRIDAY_SCHEDULE;

/** Overrides moving each week's meeting to a new start (UTC; Stockholm is UTC+1 in December). */
function moved(moves: Record<string, string>, extra: Partial<MeetingOverride> = {}) {
  return new Map<MeetingWeek, MeetingOverride>(
    Object.entries(moves).map(([week, startsAt]) => [
      week,
      { cancelled: null, reason: null, startsAt: new Date(startsAt), movedBy: 'U0ADMIN01', ...extra },
    ]),
  );
}

const at = (iso: string) => new Date(iso);

describe('a decision around a meeting moved earlier (week 50 from Friday 11 to Wednesday 9 December, 09:00)', () => {
  const overrides = moved({ '2026-W50': '2026-12-09T08:00:00Z' });

  it('belongs to the moved meeting while it is going on on Wednesday', () => {
    const meeting = decisionMeeting(at('2026-12-09T08:30:00Z'), schedule, overrides);
    expect([meeting.week, meeting.date]).toEqual(['2026-W50', '2026-12-09']);
  });

  it('belongs to it before it starts, and the agenda’s button binds to it then', () => {
    expect(decisionMeeting(at('2026-12-08T09:00:00Z'), schedule, overrides).week).toBe('2026-W50');
    expect(boundMeeting('2026-W50', at('2026-12-08T09:00:00Z'), schedule, overrides).week).toBe('2026-W50');
  });

  it('goes to the next meeting once the moved one is over, though the Friday it left is still ahead', () => {
    // Thursday 10 December: week 50's summary went out on Wednesday.
    const thursday = at('2026-12-10T09:00:00Z');
    expect(decisionMeeting(thursday, schedule, overrides).week).toBe('2026-W51');
    // The Wednesday agenda's button no longer binds to its meeting.
    expect(boundMeeting('2026-W50', thursday, schedule, overrides).week).toBe('2026-W51');
    // A minute after its end (10:00 local), not only a day later.
    expect(boundMeeting('2026-W50', at('2026-12-09T09:01:00Z'), schedule, overrides).week).toBe('2026-W51');
  });

  it('skips the moved meeting when it is also cancelled', () => {
    const cancelled = moved({ '2026-W50': '2026-12-09T08:00:00Z' }, { cancelled: true, reason: 'sjukdom' });
    expect(decisionMeeting(at('2026-12-09T08:30:00Z'), schedule, cancelled).week).toBe('2026-W51');
    expect(boundMeeting('2026-W50', at('2026-12-08T09:00:00Z'), schedule, cancelled).week).toBe('2026-W51');
  });
});

describe('a decision around a meeting moved later (week 50 from Friday 09:00 to Friday 14:00)', () => {
  const overrides = moved({ '2026-W50': '2026-12-11T13:00:00Z' });

  it('belongs to the moved meeting while it is going on, after the planned hour is over', () => {
    const during = at('2026-12-11T13:30:00Z');
    expect(decisionMeeting(during, schedule, overrides).week).toBe('2026-W50');
    expect(boundMeeting('2026-W50', during, schedule, overrides).week).toBe('2026-W50');
  });

  it('keeps the agenda’s button bound to it between the planned end and the moved start', () => {
    // 11:00 local: the planned meeting would be over, the moved one has not begun.
    expect(boundMeeting('2026-W50', at('2026-12-11T10:00:00Z'), schedule, overrides).week).toBe('2026-W50');
  });

  it('goes to the next meeting once it has ended at its moved time', () => {
    const after = at('2026-12-11T14:05:00Z');
    expect(decisionMeeting(after, schedule, overrides).week).toBe('2026-W51');
    expect(boundMeeting('2026-W50', after, schedule, overrides).week).toBe('2026-W51');
  });

  it('counts a meeting moved to Sunday as not over on Saturday or during it', () => {
    const sunday = moved({ '2026-W50': '2026-12-13T09:00:00Z' });
    expect(decisionMeeting(at('2026-12-12T12:00:00Z'), schedule, sunday).week).toBe('2026-W50');
    expect(decisionMeeting(at('2026-12-13T09:30:00Z'), schedule, sunday).week).toBe('2026-W50');
    expect(decisionMeeting(at('2026-12-13T10:30:00Z'), schedule, sunday).week).toBe('2026-W51');
  });
});

describe('a decision around a meeting moved off a holiday (week 52 from juldagen to Wednesday 23 December, 08:30)', () => {
  const overrides = moved({ '2026-W52': '2026-12-23T07:30:00Z' });

  it('belongs to the moved meeting, which is held, before it and while it goes on', () => {
    expect(decisionMeeting(at('2026-12-22T09:00:00Z'), schedule, overrides).week).toBe('2026-W52');
    const during = decisionMeeting(at('2026-12-23T08:00:00Z'), schedule, overrides);
    expect([during.week, during.date]).toEqual(['2026-W52', '2026-12-23']);
  });

  it('goes to the next held meeting after it, past nyårsdagen', () => {
    const thursday = at('2026-12-24T09:00:00Z');
    expect(decisionMeeting(thursday, schedule, overrides).week).toBe('2027-W01');
    expect(boundMeeting('2026-W52', thursday, schedule, overrides).week).toBe('2027-W01');
  });
});

describe('a decision and a lägesbild compiled early', () => {
  it('belongs to the meeting whose picture was compiled ahead of it: its summary is still to come', () => {
    const overrides = new Map<MeetingWeek, MeetingOverride>([
      ['2026-W50', { cancelled: null, reason: null, pictureLockedAt: at('2026-12-10T12:00:00Z') }],
    ]);
    const thursdayEvening = at('2026-12-10T17:00:00Z');
    expect(decisionMeeting(thursdayEvening, schedule, overrides).week).toBe('2026-W50');
    expect(boundMeeting('2026-W50', thursdayEvening, schedule, overrides).week).toBe('2026-W50');
  });
});
