/**
 * `/samverkan flytta <vecka> <dag> [hh:mm]` (admins): the week's meeting is held on another day and time of its
 * week. Stored on the week's `meetings` row (a moved start); src/services/meetings.ts and the scheduler apply it,
 * so the call, agenda, last call, compiled picture, summary and the lock all follow. Stored before the ack.
 */

import { moveMeeting } from '../../src/db/meetings.repository.js';
import { type MoveRefusal, moveRefusal, parseMoveTarget } from '../../src/domain/meeting-move.js';
import { formatLocalDateTime, localDate, weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { requireAdmin } from '../../src/kit/guards.js';
import type { CommandContext, Subcommand } from '../../src/kit/kit.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { parseWeekAndReason } from './calendar.js';

const t = sv.samverkan.calendar.move;

async function move(ctx: CommandContext): Promise<void> {
  const attempt = { action: 'change', resource: 'meeting', detail: { command: 'flytta' } } as const;
  if (!(await requireAdmin(ctx, attempt, t.adminOnly))) return;
  const { deps } = ctx;
  const { schedule } = deps.config;
  const now = deps.clock.now();
  const parsed = ctx.text.trim() === '' ? null : parseWeekAndReason(ctx.text, now, deps);
  if (parsed === null) {
    const given = ctx.text.trim().split(/\s+/)[0] ?? '';
    return ctx.reply(
      given === ''
        ? sv.samverkan.calendar.needWeek(t.example)
        : sv.samverkan.calendar.badWeek(escapeMrkdwn(given)),
    );
  }
  const { week } = parsed;
  if (parsed.reason === null) return ctx.reply(t.needDay(t.example));
  const target = parseMoveTarget(parsed.reason, week, schedule);
  if (target.kind === 'badDay') return ctx.reply(t.badDay(escapeMrkdwn(target.text), t.example));
  if (target.kind === 'badTime') return ctx.reply(t.badTime(escapeMrkdwn(target.text)));

  const { meeting, override } = await deps.meetings.ofWeek(week, ctx.db);
  const refusal = moveRefusal({
    meeting,
    startsAt: target.startsAt,
    now,
    cancelledByAdmin: override?.cancelled === true,
    heldDespiteHoliday: override?.cancelled === false,
    schedule,
  });
  const when = (date: Date) => formatLocalDateTime(date, schedule.timezone, now);
  if (refusal !== null) {
    const day = (date: Date) => localDate(date, schedule.timezone);
    return ctx.reply(refusalText(refusal, week, { from: meeting.startsAt, to: target.startsAt, when, day }));
  }

  await moveMeeting(ctx.db, week, { startsAt: target.startsAt, movedBy: ctx.userId });
  ctx.log.info({ week }, 'meeting moved');
  await ctx.audit({
    action: 'change',
    resource: 'meeting',
    meetingWeek: week,
    detail: { status: 'flyttat' },
  });
  // An agenda already up shows the new time; Home and status read the move as they render.
  ctx.after(() => deps.notify.statusChanged(week));
  ctx.reply(t.moved(weekNumberOf(week), when(meeting.startsAt), when(target.startsAt)));
}

function refusalText(
  refusal: MoveRefusal,
  week: string,
  times: { from: Date; to: Date; when: (date: Date) => string; day: (date: Date) => string },
): string {
  const { from, to, when, day } = times;
  const number = weekNumberOf(week);
  switch (refusal.kind) {
    case 'started':
      return sv.samverkan.calendar.started(number);
    case 'past':
      return t.past(when(to));
    case 'otherWeek':
      return t.otherWeek(day(to), weekNumberOf(refusal.week), number);
    case 'cancelled':
      return t.cancelled(number);
    case 'holiday':
      return t.holiday(number, day(to), refusal.holiday);
    case 'unchanged':
      return t.unchanged(number, when(from));
  }
}

export const MOVE_MEETING: Subcommand = {
  names: [['flytta']],
  usage: sv.samverkan.calendar.subcommands.move,
  mode: 'write',
  run: move,
};
