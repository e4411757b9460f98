import { describe, expect, it } from 'vitest';
import { moveRefusal, parseMoveTarget, parseTimeOfDay } from '../../src/domain/meeting-move.js';
import { effectiveMeeting } from '../../src/domain/meeting-override.js';
import { meetingOfWeek } from '../../src/domain/schedule.js';
import { FRIDAY_SCHEDULE as FRIDAY } from '../support/schedule.js';

describe('where an admin moves a meeting', () => {
  it.each([
    ['torsdag 08:30', '2026-12-24T07:30:00.000Z'],
    ['Onsdag 8.30', '2026-12-23T07:30:00.000Z'],
    ['ons', '2026-12-23T08:00:00.000Z'], // the meeting's own time of day
    ['2026-12-22 1300', '2026-12-22T12:00:00.000Z'],
    ['22/12 kl. 13', '2026-12-22T12:00:00.000Z'],
  ])('reads %s in week 52', (words, iso) => {
    expect(parseMoveTarget(words, '2026-W52', FRIDAY)).toEqual({ kind: 'ok', startsAt: new Date(iso) });
  });

  it('finds a day and month in the week’s own year across New Year', () => {
    expect(parseMoveTarget('31/12 10:00', '2026-W53', FRIDAY)).toEqual({
      kind: 'ok',
      startsAt: new Date('2026-12-31T09:00:00.000Z'),
    });
  });

  it('says what it could not read', () => {
    expect(parseMoveTarget('imorgon 08:30', '2026-W52', FRIDAY)).toEqual({ kind: 'badDay', text: 'imorgon' });
    expect(parseMoveTarget('torsdag 25:00', '2026-W52', FRIDAY)).toEqual({ kind: 'badTime', text: '25:00' });
    expect(parseTimeOfDay('8')).toBe(480);
  });
});

describe('whether a meeting may move there', () => {
  const now = new Date('2026-12-01T09:00:00Z');
  const refusal = (week: string, iso: string, over: Partial<Parameters<typeof moveRefusal>[0]> = {}) =>
    moveRefusal({
      meeting: meetingOfWeek(week, FRIDAY),
      startsAt: new Date(iso),
      now,
      cancelledByAdmin: false,
      heldDespiteHoliday: false,
      schedule: FRIDAY,
      ...over,
    })?.kind ?? null;

  it('moves a coming meeting within its week, also off the holiday that cancelled it', () => {
    expect(refusal('2026-W52', '2026-12-23T07:30:00Z')).toBeNull();
  });

  it('refuses the past, a started meeting, another week, an admin’s cancellation, a holiday, no change', () => {
    expect(refusal('2026-W49', '2026-12-01T07:00:00Z')).toBe('past');
    expect(refusal('2026-W48', '2026-12-03T07:00:00Z')).toBe('started');
    expect(refusal('2026-W50', '2026-12-15T08:00:00Z')).toBe('otherWeek');
    expect(refusal('2026-W50', '2026-12-10T08:00:00Z', { cancelledByAdmin: true })).toBe('cancelled');
    expect(refusal('2026-W52', '2026-12-24T07:30:00Z')).toBe('holiday');
    expect(refusal('2026-W52', '2026-12-24T07:30:00Z', { heldDespiteHoliday: true })).toBeNull();
    expect(refusal('2026-W50', '2026-12-11T08:00:00Z')).toBe('unchanged');
  });

  it('counts a meeting moved earlier as started from its new start', () => {
    const moved = effectiveMeeting('2026-W49', FRIDAY, {
      cancelled: null,
      reason: null,
      startsAt: new Date('2026-11-30T08:00:00Z'),
    });
    expect(
      moveRefusal({
        meeting: moved,
        startsAt: new Date('2026-12-04T08:00:00Z'),
        now,
        cancelledByAdmin: false,
        heldDespiteHoliday: false,
        schedule: FRIDAY,
      })?.kind,
    ).toBe('started');
  });
});
