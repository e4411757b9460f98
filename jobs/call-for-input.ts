/**
 * The call for lägesbild: who gets it (the members of parties that have not submitted for the meeting week)
 * and the direct message to each.
 */

import { listMembers, partiesOfUser } from '../src/db/members.repository.js';
import { listPartyStatuses } from '../src/db/party-reports.repository.js';
import { isWithinWindow } from '../src/domain/calendar.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { sendDirect } from '../src/effects/delivery.js';
import { callKey } from '../src/effects/keys.js';
import { renderCallForInput } from '../src/slack/agenda.js';
import { runEffect } from './run-effect.js';
import { type CycleContext, type Outcome, type RunOptions, skipped } from './types.js';

/**
 * The members who should get the call for input: everyone in a party that has not submitted, once each
 * (a member of two such parties gets one message naming both).
 */
export async function callRecipients(ctx: Pick<CycleContext, 'db'>, week: MeetingWeek): Promise<string[]> {
  const statuses = await listPartyStatuses(ctx.db, week);
  const missing = statuses.filter((status) => !status.submitted).map((status) => status.partyKey);
  const members = await listMembers(ctx.db, missing);
  return [...new Set(members.map((member) => member.userId))];
}

/**
 * The call for input to one member: a direct message naming their parties that have not submitted, with a
 * button to the /lagesbild modal and an invitation to answer in the thread. Checked again when it runs: a party
 * that has submitted in the meantime gets no pointless reminder, and none goes out once the meeting has started.
 */
export async function runCallForInput(
  ctx: CycleContext,
  week: MeetingWeek,
  userId: string,
  options: RunOptions,
): Promise<Outcome> {
  // Three reads at once: hundreds of these run back to back, and their time is the call's pace.
  const [{ meeting, state }, statuses, userParties] = await Promise.all([
    ctx.meetings.ofWeek(week, ctx.db),
    listPartyStatuses(ctx.db, week),
    partiesOfUser(ctx.db, userId),
  ]);
  if (state.cancelled) return skipped('cancelled');
  if (!options.ignoreWindow && !isWithinWindow('call', meeting, ctx.clock.now())) return skipped('not-due');

  const missing = statuses.filter((status) => !status.submitted && userParties.includes(status.partyKey));
  if (missing.length === 0) return skipped('nothing-missing');

  const message = renderCallForInput({
    meeting,
    timezone: ctx.config.schedule.timezone,
    partyNames: missing.map((status) => status.partyName),
  });
  return runEffect(ctx, callKey(week, userId), options, sendDirect(ctx.slack, userId, message));
}
