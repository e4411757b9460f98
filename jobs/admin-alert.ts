/**
 * A direct message to one admin about something Slack refused for good, saying what to fix. Once per admin,
 * meeting, error and place, whatever number of jobs ran into the same problem.
 */

import type { Problem } from '../src/domain/problem.js';
import type { MeetingWeek } from '../src/domain/schedule.js';
import { sendDirect } from '../src/effects/delivery.js';
import { alertKey } from '../src/effects/keys.js';
import { renderAdminAlert } from '../src/slack/agenda.js';
import { runEffect } from './run-effect.js';
import type { CycleContext, Outcome, RunOptions } from './types.js';

export async function runAdminAlert(
  ctx: CycleContext,
  week: MeetingWeek,
  adminId: string,
  problem: Problem,
  options: RunOptions,
): Promise<Outcome> {
  const message = renderAdminAlert({ week, ...problem });
  return runEffect(ctx, alertKey(week, adminId, problem), options, sendDirect(ctx.slack, adminId, message));
}
