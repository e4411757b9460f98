/**
 * A cancelled meeting's entries moved to the next held meeting, by their party (`/lagesbild flytta v51`) or by an
 * admin for every party (`/samverkan överför v51`). Refused for a meeting that is held, or when the next held
 * meeting's picture is locked; what is still on the cancelled week moves, so a repeat moves nothing. Recorded in
 * the access log per party, and the live agenda follows.
 */

import { moveEntries } from '../db/entry-moves.repository.js';
import type { Meeting, MeetingWeek } from '../domain/schedule.js';
import type { RequestContext } from '../kit/context.js';

export type MoveOutcome =
  | { readonly kind: 'notCancelled'; readonly week: MeetingWeek }
  | { readonly kind: 'noNextMeeting'; readonly week: MeetingWeek }
  | { readonly kind: 'targetLocked'; readonly week: MeetingWeek; readonly target: Meeting; readonly at: Date }
  | {
      readonly kind: 'moved';
      readonly week: MeetingWeek;
      readonly target: Meeting;
      /** The parties asked about; `moved` has those that had entries, empty when none had. */
      readonly partyKeys: readonly string[];
      readonly moved: ReadonlyArray<{ readonly partyKey: string; readonly entryIds: readonly number[] }>;
    };

export async function moveCancelledEntries(
  ctx: RequestContext,
  week: MeetingWeek,
  partyKeys: readonly string[],
): Promise<MoveOutcome> {
  const { meetings } = ctx.deps;
  const source = await meetings.ofWeek(week, ctx.db);
  if (!source.state.cancelled) return { kind: 'notCancelled', week };
  const next = await meetings.nextHeldAfter(week, ctx.db);
  if (next === null) return { kind: 'noNextMeeting', week };
  // As a submission does: holds the coming meeting's picture open until this commits, so a compile waits.
  await meetings.open(ctx.db);
  const { meeting: target, lock } = await meetings.ofWeek(next.week, ctx.db);
  if (lock !== null) return { kind: 'targetLocked', week, target, at: lock.at };

  const moved = await moveEntries(ctx.db, { from: week, to: target.week, partyKeys, userId: ctx.userId });
  for (const { partyKey, entryIds } of moved) {
    ctx.log.info({ from: week, to: target.week, party: partyKey, count: entryIds.length }, 'entries moved');
    await ctx.audit({
      action: 'change',
      resource: 'entry',
      meetingWeek: target.week,
      partyKey,
      entryIds: [...entryIds],
      detail: { kind: 'flyttad', weeks: [week, target.week] },
    });
  }
  if (moved.length > 0) {
    ctx.after(() => ctx.deps.notify.statusChanged(target.week));
    ctx.after(() => ctx.deps.notify.homeChanged(ctx.userId));
  }
  return { kind: 'moved', week, target, partyKeys, moved };
}
