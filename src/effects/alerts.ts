/** Telling the admins, once each, what Slack refused for good and what to fix. */

import type { Db } from '../db/database.js';
import type { Effect } from '../db/effects.repository.js';
import { listAdmins } from '../db/members.repository.js';
import { channelOf, type EffectKey, type Place, userOf } from '../domain/effect.js';
import type { Problem } from '../domain/problem.js';
import type { MeetingWeek } from '../domain/schedule.js';
import type { Logger } from '../logger.js';
import { classifySlackCode, FIXABLE_BY_ADMIN, TOKEN_FIXES } from '../slack/errors.js';
import { FAILED_RETRY_MINUTES } from './state.js';

/** One alert to send: to an admin, about a problem of a meeting week. */
export interface AlertRequest {
  readonly week: MeetingWeek;
  readonly adminId: string;
  readonly problem: Problem;
}

export interface AlertEnv {
  readonly db: Db;
  readonly logger: Logger;
  /** Queues the alerts (each an effect of its own, sent as a direct message by the cycle's workers). */
  enqueueAlerts(alerts: readonly AlertRequest[]): Promise<void>;
}

/** The problem the admins are told about when Slack refuses an effect for good; null if retrying may help. */
export function problemOf(key: Pick<EffectKey, 'kind'>, place: Place | null, code: string): Problem | null {
  const failure = classifySlackCode(code);
  if (failure.kind !== 'permanent') return null;
  return {
    action: key.kind,
    code,
    fix: failure.fix,
    channelId: channelOf(place),
    userId: userOf(place),
    retryInMinutes: FIXABLE_BY_ADMIN.has(failure.fix) ? FAILED_RETRY_MINUTES : null,
  };
}

/** The problem of an effect recorded as failed. */
export function problemOfEffect(effect: Effect): Problem | null {
  return problemOf(effect, effect.place, effect.error ?? 'unknown_error');
}

/**
 * Tells every admin once about `problem` (an alert per admin is an effect of its own, keyed by week, code and
 * place); a broken token, which no direct message could get past, is only logged. An alert that failed gets no
 * alert of its own.
 */
export async function sendAlerts(env: AlertEnv, week: MeetingWeek, problem: Problem): Promise<void> {
  if (problem.action === 'alert') return;
  if (TOKEN_FIXES.has(problem.fix)) {
    env.logger.error(
      { slackError: problem.code },
      'the bot token is refused; reinstall the app or replace SLACK_BOT_TOKEN',
    );
    return;
  }
  const admins = await listAdmins(env.db);
  if (admins.length === 0) {
    env.logger.error({ week, kind: problem.action }, 'no admin to alert; add one with ADMIN_USER_IDS');
    return;
  }
  // If these jobs are lost (Redis flushed), the scheduler plans them again from a failed effect.
  await env.enqueueAlerts(admins.map((adminId) => ({ week, adminId, problem })));
}
