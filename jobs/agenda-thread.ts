/**
 * The agenda a reply goes under (the last call, the compiled picture, the summary), settled if its post is in
 * doubt: Slack gave no clear answer (a timeout) and the row is still `sending`. Within the attempt's lease the
 * reply waits (RetryLater); after it, the agenda is looked up by its metadata and recorded if it is there, never
 * posted again, whether or not the agenda's own window is still open. Null when there is no agenda.
 */

import { type Effect, getEffect } from '../src/db/effects.repository.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { foundInChannel } from '../src/effects/delivery.js';
import { agendaKey } from '../src/effects/keys.js';
import { doEffectOnce } from '../src/effects/once.js';
import { IN_FLIGHT_RECHECK_MS } from '../src/effects/state.js';
import { RetryLater } from './policy.js';
import type { CycleContext } from './types.js';

export async function settledAgenda(
  ctx: CycleContext,
  week: MeetingWeek,
  channel: string,
): Promise<Effect | null> {
  const key = agendaKey(week, channel);
  const agenda = await getEffect(ctx.db, key);
  if (agenda?.status !== 'sending') return agenda;
  const settled = await doEffectOnce(ctx, key, { force: false }, foundInChannel(ctx.slack, channel));
  if (settled.kind === 'in-flight') {
    throw new RetryLater(`the agenda ${week} is being posted, or its post is in doubt`, IN_FLIGHT_RECHECK_MS);
  }
  return getEffect(ctx.db, key);
}
