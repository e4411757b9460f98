import { type Effect, getEffect } from '../src/db/effects.repository.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { foundInChannel } from './deliver.js';
import { doEffectOnce, IN_FLIGHT_RECHECK_MS } from './effect.js';
import { agendaKey } from './meeting.js';
import { type CycleContext, RetryLater } from './types.js';

/**
 * The agenda a reply goes under (the last call, the compiled picture, the summary), settled if its post is in
 * doubt: Slack gave no clear answer (a timeout) and the row is still `sending`. Within the attempt's lease the
 * reply waits (RetryLater); after it, the agenda is looked up by its metadata and recorded if it is there, never
 * posted again, whether or not the agenda's own window is still open. Null when there is no agenda.
 */
export async function settledAgenda(
  ctx: CycleContext,
  week: MeetingWeek,
  channel: string,
): Promise<Effect | null> {
  const key = agendaKey(week, channel);
  const agenda = await getEffect(ctx.db, key);
  if (agenda?.status !== 'sending') return agenda;
  const settled = await doEffectOnce(ctx, key, { force: false }, foundInChannel(ctx, channel));
  if (settled.kind === 'in-flight') {
    throw new RetryLater(`the agenda ${week} is being posted, or its post is in doubt`, IN_FLIGHT_RECHECK_MS);
  }
  return getEffect(ctx.db, key);
}
