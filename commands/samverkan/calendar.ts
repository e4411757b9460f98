import { listPartyStatuses } from '../../src/db/entries.repository.js';
import {
  getMeetingOverride,
  listMeetingOverrides,
  setMeetingOverride,
} from '../../src/db/meetings.repository.js';
import { isAdmin, listAdmins } from '../../src/db/members.repository.js';
import { listPriorityActivityForWeek } from '../../src/db/priorities.repository.js';
import type { Deps } from '../../src/deps.js';
import {
  type CalendarEntry,
  calendarEntry,
  comingMeetings,
  meetingState,
} from '../../src/domain/calendar.js';
import { holidayOn } from '../../src/domain/holidays.js';
import { findPersonalIdentityNumber } from '../../src/domain/personnummer.js';
import {
  formatLocalDate,
  formatLocalDateTime,
  formatLocalTime,
  type Meeting,
  type MeetingWeek,
  meetingOfWeek,
  parseMeetingWeek,
  weekNumberOf,
} from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { context, packLines } from '../../src/slack/blocks.js';
import { escapeMrkdwn, mention } from '../../src/slack/mrkdwn.js';
import type { Subcommand, SubcommandContext } from '../../src/slack/subcommands.js';

const t = sv.samverkan.calendar;

/** The `meetings.reason` column's limit. */
export const REASON_MAX_LENGTH = 300;
const CALENDAR_WEEKS = 8;

async function reply(ctx: SubcommandContext, text: string): Promise<void> {
  await ctx.respond({ response_type: 'ephemeral', text });
}

/** True for admins; everyone else is told who the admins are. */
async function requireAdmin(ctx: SubcommandContext): Promise<boolean> {
  if (await isAdmin(ctx.deps.db, ctx.command.user_id)) return true;
  const admins = await listAdmins(ctx.deps.db);
  await reply(ctx, t.adminOnly(admins.map(mention).join(', ')));
  return false;
}

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

/** The week's meeting if it can still be changed; otherwise the user has been told why not. */
async function changeableMeeting(ctx: SubcommandContext, week: MeetingWeek): Promise<Meeting | null> {
  const meeting = meetingOfWeek(week, ctx.deps.config.schedule);
  if (meeting.startsAt.getTime() <= ctx.deps.clock.now().getTime()) {
    await reply(ctx, t.started(weekNumberOf(week)));
    return null;
  }
  return meeting;
}

async function cancel(ctx: SubcommandContext): Promise<void> {
  if (!(await requireAdmin(ctx))) return;
  const { deps } = ctx;
  const schedule = deps.config.schedule;
  if (ctx.restPlain.trim() === '') {
    await reply(ctx, t.needWeek('/samverkan ställ in v49 julledighet'));
    return;
  }
  const parsed = parseWeekAndReason(ctx.restPlain, deps.clock.now(), deps);
  if (parsed === null) {
    await reply(ctx, t.badWeek(escapeMrkdwn(ctx.restPlain.trim().split(/\s+/)[0] ?? '')));
    return;
  }
  const { week, reason } = parsed;
  if (reason !== null && reason.length > REASON_MAX_LENGTH) {
    await reply(ctx, t.reasonTooLong(REASON_MAX_LENGTH, reason.length));
    return;
  }
  if (reason !== null && findPersonalIdentityNumber(reason) !== null) {
    await reply(ctx, t.reasonIdentifies);
    return;
  }
  const meeting = await changeableMeeting(ctx, week);
  if (meeting === null) return;

  const override = await getMeetingOverride(deps.db, week);
  const state = meetingState(meeting, override, schedule);
  // An admin's cancellation stands as it is; a holiday's may still be given a reason of the admin's own.
  if (override?.cancelled === true || (state.cancelled && reason === null)) {
    const why = state.reason === null ? '' : t.because(escapeMrkdwn(state.reason));
    await reply(ctx, t.alreadyCancelled(weekNumberOf(week), why));
    return;
  }
  await setMeetingOverride(deps.db, week, { cancelled: true, reason, changedBy: ctx.command.user_id });
  deps.logger.info({ week, user: ctx.command.user_id }, 'meeting cancelled');
  // An agenda already up (an admin cancelling on the day) is changed to say so.
  await deps.hooks.statusChanged(week);
  const [statuses, decisions] = await Promise.all([
    listPartyStatuses(deps.db, week),
    listPriorityActivityForWeek(deps.db, week),
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
  await reply(ctx, lines.join('\n'));
}

async function resume(ctx: SubcommandContext): Promise<void> {
  if (!(await requireAdmin(ctx))) return;
  const { deps } = ctx;
  const schedule = deps.config.schedule;
  const text = ctx.restPlain.trim();
  if (text === '') {
    await reply(ctx, t.needWeek('/samverkan återuppta v49'));
    return;
  }
  const week = parseMeetingWeek(text, deps.clock.now(), schedule);
  if (week === null) {
    await reply(ctx, t.badWeek(escapeMrkdwn(text)));
    return;
  }
  const meeting = await changeableMeeting(ctx, week);
  if (meeting === null) return;
  const state = meetingState(meeting, await getMeetingOverride(deps.db, week), schedule);
  if (!state.cancelled) {
    await reply(ctx, t.notCancelled(weekNumberOf(week)));
    return;
  }
  // Stored as "held" rather than deleted, so a holiday that would cancel it by default does not.
  await setMeetingOverride(deps.db, week, { cancelled: false, reason: null, changedBy: ctx.command.user_id });
  deps.logger.info({ week, user: ctx.command.user_id }, 'meeting resumed');
  await deps.hooks.statusChanged(week);
  const dateTime = formatLocalDateTime(meeting.startsAt, schedule.timezone);
  const holiday = schedule.skipHolidays ? holidayOn(meeting.date) : null;
  await reply(
    ctx,
    holiday === null
      ? t.resumed(weekNumberOf(week), dateTime)
      : t.resumedDespiteHoliday(weekNumberOf(week), holiday, dateTime),
  );
}

function calendarLine(entry: CalendarEntry, timezone: string): string {
  const { meeting } = entry;
  const week = weekNumberOf(meeting.week);
  const dateTime = formatLocalDateTime(meeting.startsAt, timezone);
  const date = formatLocalDate(meeting.startsAt, timezone);
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

async function showCalendar(ctx: SubcommandContext): Promise<void> {
  const { deps } = ctx;
  const schedule = deps.config.schedule;
  const meetings = comingMeetings(deps.clock.now(), schedule, CALENDAR_WEEKS);
  const overrides = await listMeetingOverrides(
    deps.db,
    meetings.map((meeting) => meeting.week),
  );
  const lines = meetings.map((meeting) =>
    calendarLine(calendarEntry(meeting, overrides.get(meeting.week) ?? null, schedule), schedule.timezone),
  );
  await ctx.respond({
    response_type: 'ephemeral',
    text: t.listFallback,
    blocks: [...packLines([t.listTitle, ...lines]), context(t.listFooter)],
  });
}

/** `/samverkan ställ in`, `återuppta` and `kalender`: the meeting calendar. Changes are for admins. */
export const CALENDAR_SUBCOMMANDS: readonly Subcommand[] = [
  { names: [['ställ', 'in'], ['ställin'], ['ställa', 'in']], usage: t.subcommands.cancel, run: cancel },
  { names: [['återuppta'], ['återupta']], usage: t.subcommands.resume, run: resume },
  { names: [['kalender'], ['kalendern'], ['möten']], usage: t.subcommands.list, run: showCalendar },
];
