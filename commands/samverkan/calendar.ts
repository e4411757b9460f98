/**
 * `/samverkan ställ in`, `återuppta` and `kalender`: admins cancel or resume a week's meeting with a reason,
 * and the coming meeting weeks are listed with their changes.
 * Why its own module: the week-and-reason reading is shared with `/samverkan flytta` (./move.ts).
 */

import {
  getMeetingOverride,
  listMeetingOverrides,
  setMeetingOverride,
} from '../../src/db/meetings.repository.js';
import { listPartyStatuses } from '../../src/db/party-reports.repository.js';
import { listPriorityActivityForWeek } from '../../src/db/priority-meetings.repository.js';
import type { Deps } from '../../src/deps.js';
import {
  type CalendarEntry,
  calendarEntry,
  comingMeetings,
  comingWeeks,
  meetingState,
} from '../../src/domain/calendar.js';
import { holidayOn } from '../../src/domain/holidays.js';
import { findPersonalIdentityNumber } from '../../src/domain/personnummer.js';
import {
  formatLocalDate,
  formatLocalDateTime,
  formatLocalDay,
  formatLocalTime,
  type Meeting,
  type MeetingWeek,
  parseMeetingWeek,
  weekNumberOf,
} from '../../src/domain/schedule.js';
import { characterCount } from '../../src/domain/text.js';
import { sv } from '../../src/i18n/sv.js';
import { requireAdmin } from '../../src/kit/guards.js';
import type { CommandContext, Subcommand } from '../../src/kit/kit.js';
import { context, packLines } from '../../src/slack/blocks.js';
import { escapeMrkdwn, mention } from '../../src/slack/mrkdwn.js';

const t = sv.samverkan.calendar;

/** The `meetings.reason` column's limit. */
export const REASON_MAX_LENGTH = 300;
const CALENDAR_WEEKS = 8;

/**
 * Reads `<vecka> [orsak]`: the week as one or two words (`v49`, `vecka 49`, `2026 v49`), the rest as the reason
 * with the user's own spacing. Null when the text does not start with a week.
 */
export function parseWeekAndReason(
  text: string,
  now: Date,
  deps: Pick<Deps, 'config'>,
): { week: MeetingWeek; reason: string | null } | null {
  const trimmed = text.trim();
  for (const words of [2, 1]) {
    const match = new RegExp(`^((?:\\S+\\s+){${words - 1}}\\S+)(?:\\s+([\\s\\S]*))?$`).exec(trimmed);
    if (match === null) continue;
    const week = parseMeetingWeek(match[1] ?? '', now, deps.config.schedule);
    if (week === null) continue;
    const reason = (match[2] ?? '').trim();
    return { week, reason: reason === '' ? null : reason };
  }
  return null;
}

/** The week's meeting (moved, if it was) if it can still be changed; otherwise the user has been told why not. */
async function changeableMeeting(ctx: CommandContext, week: MeetingWeek): Promise<Meeting | null> {
  const { meeting } = await ctx.deps.meetings.ofWeek(week, ctx.db);
  if (meeting.startsAt.getTime() <= ctx.deps.clock.now().getTime()) {
    ctx.reply(t.started(weekNumberOf(week)));
    return null;
  }
  return meeting;
}

async function cancel(ctx: CommandContext): Promise<void> {
  if (
    !(await requireAdmin(
      ctx,
      { action: 'change', resource: 'meeting', detail: { command: 'stall-in' } },
      t.adminOnly,
    ))
  )
    return;
  const { deps } = ctx;
  const schedule = deps.config.schedule;
  if (ctx.text.trim() === '') {
    ctx.reply(t.needWeek('/samverkan ställ in v49 julledighet'));
    return;
  }
  const parsed = parseWeekAndReason(ctx.text, deps.clock.now(), deps);
  if (parsed === null) {
    ctx.reply(t.badWeek(escapeMrkdwn(ctx.text.trim().split(/\s+/)[0] ?? '')));
    return;
  }
  const { week, reason } = parsed;
  // Counted as users see characters (an emoji is one), as the database counts them.
  if (reason !== null && characterCount(reason) > REASON_MAX_LENGTH) {
    ctx.reply(t.reasonTooLong(REASON_MAX_LENGTH, characterCount(reason)));
    return;
  }
  if (reason !== null && findPersonalIdentityNumber(reason) !== null) {
    ctx.reply(t.reasonIdentifies);
    return;
  }
  const meeting = await changeableMeeting(ctx, week);
  if (meeting === null) return;

  const override = await getMeetingOverride(ctx.db, week);
  const state = meetingState(meeting, override, schedule);
  // An admin's cancellation stands as it is; a holiday's may still be given a reason of the admin's own.
  if (override?.cancelled === true || (state.cancelled && reason === null)) {
    const why = state.reason === null ? '' : t.because(escapeMrkdwn(state.reason));
    ctx.reply(t.alreadyCancelled(weekNumberOf(week), why));
    return;
  }
  await setMeetingOverride(ctx.db, week, { cancelled: true, reason, changedBy: ctx.userId });
  ctx.log.info({ week }, 'meeting cancelled');
  await ctx.audit({
    action: 'change',
    resource: 'meeting',
    meetingWeek: week,
    detail: { status: 'installt' },
  });
  // An agenda already up (an admin cancelling on the day) is changed to say so.
  ctx.after(() => deps.notify.statusChanged(week));
  const [statuses, decisions] = await Promise.all([
    listPartyStatuses(ctx.db, week),
    listPriorityActivityForWeek(ctx.db, week),
  ]);
  const submitted = statuses
    .filter((status) => status.submitted)
    .map((status) => escapeMrkdwn(status.partyName));
  const lines = [
    t.cancelled(
      weekNumberOf(week),
      formatLocalDate(meeting.startsAt, schedule.timezone),
      formatLocalTime(meeting.agendaAt, schedule.timezone),
    ),
  ];
  // What was already given to it stays where it was given, for the yearly follow-up; the admin is told so.
  if (submitted.length > 0) lines.push(t.submittedStays(weekNumberOf(week), submitted));
  if (decisions.events.length > 0) lines.push(t.decisionsCarried);
  ctx.reply(lines.join('\n'));
}

async function resume(ctx: CommandContext): Promise<void> {
  if (
    !(await requireAdmin(
      ctx,
      { action: 'change', resource: 'meeting', detail: { command: 'ateruppta' } },
      t.adminOnly,
    ))
  )
    return;
  const { deps } = ctx;
  const schedule = deps.config.schedule;
  const text = ctx.text.trim();
  if (text === '') {
    ctx.reply(t.needWeek('/samverkan återuppta v49'));
    return;
  }
  const week = parseMeetingWeek(text, deps.clock.now(), schedule);
  if (week === null) {
    ctx.reply(t.badWeek(escapeMrkdwn(text)));
    return;
  }
  const meeting = await changeableMeeting(ctx, week);
  if (meeting === null) return;
  const state = meetingState(meeting, await getMeetingOverride(ctx.db, week), schedule);
  if (!state.cancelled) {
    ctx.reply(t.notCancelled(weekNumberOf(week)));
    return;
  }
  // Stored as "held" rather than deleted, so a holiday that would cancel it by default does not.
  await setMeetingOverride(ctx.db, week, { cancelled: false, reason: null, changedBy: ctx.userId });
  ctx.log.info({ week }, 'meeting resumed');
  await ctx.audit({ action: 'change', resource: 'meeting', meetingWeek: week, detail: { status: 'halls' } });
  ctx.after(() => deps.notify.statusChanged(week));
  const dateTime = formatLocalDateTime(meeting.startsAt, schedule.timezone, deps.clock.now());
  const holiday = schedule.skipHolidays ? holidayOn(meeting.date) : null;
  ctx.reply(
    holiday === null
      ? t.resumed(weekNumberOf(week), dateTime)
      : t.resumedDespiteHoliday(weekNumberOf(week), holiday, dateTime),
  );
}

function calendarLine(entry: CalendarEntry, timezone: string, now: Date): string {
  const { meeting } = entry;
  const week = weekNumberOf(meeting.week);
  // With the year for a meeting past New Year; the struck-out date of a cancelled one always has it.
  const dateTime = formatLocalDateTime(meeting.startsAt, timezone, now);
  const date = formatLocalDate(meeting.startsAt, timezone);
  // Moved by an admin (src/domain/meeting-override.ts): held at its new time, and from where is said.
  if (!entry.cancelled && meeting.movedFrom !== undefined)
    return t.listMoved(week, dateTime, formatLocalDay(meeting.movedFrom, timezone));
  switch (entry.decision) {
    case 'admin-cancelled':
      return t.listCancelledByAdmin(
        week,
        date,
        entry.reason === null ? '' : t.because(escapeMrkdwn(entry.reason)),
        entry.changedBy === null ? '' : mention(entry.changedBy),
      );
    case 'holiday':
      return t.listCancelledByHoliday(week, date, entry.holiday ?? '');
    case 'admin-resumed':
      return entry.holiday === null
        ? t.listHeld(week, dateTime)
        : t.listHeldDespiteHoliday(week, dateTime, entry.holiday);
    case 'schedule':
      return entry.holiday === null
        ? t.listHeld(week, dateTime)
        : t.listHeldOnHoliday(week, dateTime, entry.holiday);
  }
}

async function showCalendar(ctx: CommandContext): Promise<void> {
  const { deps } = ctx;
  const schedule = deps.config.schedule;
  const now = deps.clock.now();
  const overrides = await listMeetingOverrides(ctx.db, comingWeeks(now, schedule, CALENDAR_WEEKS));
  const meetings = comingMeetings(now, schedule, CALENDAR_WEEKS, overrides);
  const lines = meetings.map((meeting) =>
    calendarLine(
      calendarEntry(meeting, overrides.get(meeting.week) ?? null, schedule),
      schedule.timezone,
      now,
    ),
  );
  ctx.reply({ text: t.listFallback, blocks: [...packLines([t.listTitle, ...lines]), context(t.listFooter)] });
}

/** `/samverkan ställ in`, `återuppta` and `kalender`: the meeting calendar. Changes are for admins. */
export const CALENDAR_SUBCOMMANDS: readonly Subcommand[] = [
  {
    names: [['ställ', 'in'], ['ställin'], ['ställa', 'in']],
    usage: t.subcommands.cancel,
    mode: 'write',
    run: cancel,
  },
  { names: [['återuppta'], ['återupta']], usage: t.subcommands.resume, mode: 'write', run: resume },
  {
    names: [['kalender'], ['kalendern'], ['möten']],
    usage: t.subcommands.list,
    mode: 'read',
    run: showCalendar,
  },
];
