import type { MeetingSchedule } from '../../src/domain/schedule.js';

/** The defaults of src/config.ts: Friday 09:00 for 60 minutes, call Thursday 13:00, agenda 07:30, last call 08:30. */
export const FRIDAY_SCHEDULE: MeetingSchedule = Object.freeze({
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
