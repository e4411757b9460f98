/**
 * One effect of the weekly cycle, exactly once (src/effects/once.ts), with what the queue needs: the job is
 * stored with the effect (so the scheduler can heal an interrupted attempt, whoever started it), an effect another
 * attempt holds is tried again shortly (RetryLater), and the admins are told about a permanent refusal.
 */

import { forgetStaleClaim } from '../src/db/effect-claims.repository.js';
import type { EffectKey } from '../src/domain/effect.js';
import { problemOf, sendAlerts } from '../src/effects/alerts.js';
import { type Delivery, NotDue } from '../src/effects/delivery.js';
import { effectMetadataKey } from '../src/effects/metadata.js';
import { doEffectOnce } from '../src/effects/once.js';
import { IN_FLIGHT_RECHECK_MS, leaseOf } from '../src/effects/state.js';
import { RetryLater } from './policy.js';
import {
  alertEnvOf,
  type CycleContext,
  type Outcome,
  type RunOptions,
  type StoredJob,
  skipped,
} from './types.js';

export async function runEffect(
  ctx: CycleContext,
  key: EffectKey,
  options: RunOptions,
  delivery: Delivery,
): Promise<Outcome> {
  if (options.lookupOnly === true) return settleByLookup(ctx, key, delivery);
  const recipe: StoredJob | undefined =
    options.job === undefined ? undefined : { job: options.job, ignoreWindow: options.ignoreWindow };
  const result = await doEffectOnce(ctx, key, { force: options.force, job: recipe }, delivery);
  switch (result.kind) {
    case 'done':
      return { status: 'done', channelId: result.posted.channelId, messageTs: result.posted.messageTs };
    case 'already':
      return { status: 'already' };
    case 'in-doubt':
      return { status: 'in-doubt' };
    case 'not-due':
      return skipped('not-due');
    case 'in-flight':
      throw new RetryLater(
        `${effectMetadataKey(key)} is being sent by another attempt`,
        IN_FLIGHT_RECHECK_MS,
      );
    case 'failed': {
      // Alerts are effects of their own, so asking again (a re-run after the alerts could not be queued, or a
      // re-delivered job finding it failed) sends none twice.
      const problem = problemOf(key, delivery.place, result.code);
      if (problem !== null) await sendAlerts(alertEnvOf(ctx), key.meetingWeek, problem);
      return { status: 'failed', code: result.code };
    }
  }
}

/**
 * Settles an attempt in doubt that the clock started and whose moment may have passed, as a takeover would but
 * without ever posting: the message is looked for (once.ts) and recorded if it is there. If it is not, nothing
 * was posted, and the claim is forgotten: the effect is as if never tried, so it is done again only if it comes
 * due again (a moved meeting), never posted late. The stored job is left as it was.
 */
async function settleByLookup(ctx: CycleContext, key: EffectKey, delivery: Delivery): Promise<Outcome> {
  const lookup: Delivery = { ...delivery, send: () => Promise.reject(new NotDue()) };
  const result = await doEffectOnce(ctx, key, { force: false }, lookup);
  switch (result.kind) {
    case 'already':
      return { status: 'already' };
    case 'in-flight':
      throw new RetryLater(
        `${effectMetadataKey(key)} is being sent by another attempt`,
        IN_FLIGHT_RECHECK_MS,
      );
    case 'not-due':
      if (await forgetStaleClaim(ctx.db, key, leaseOf(key.kind))) {
        ctx.logger.info(
          { week: key.meetingWeek, kind: key.kind, target: key.target },
          'the message of an interrupted attempt is not there; its claim is forgotten',
        );
      }
      return skipped('not-due');
    case 'failed':
      // Refused for good by an attempt in the meantime (and the admins told then).
      return { status: 'failed', code: result.code };
    case 'done':
    case 'in-doubt':
      // A delivery that never posts cannot end so.
      return skipped('not-due');
  }
}
