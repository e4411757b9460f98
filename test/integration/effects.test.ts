import { WebAPIPlatformError, WebAPIRequestError, WebClient } from '@slack/web-api';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_RETRY_MINUTES, runEffect } from '../../jobs/effect.js';
import { type CycleContext, type CycleJob, SCHEDULED } from '../../jobs/types.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import { type EffectKey, getEffect } from '../../src/db/effects.repository.js';
import { bootstrapAdmins } from '../../src/db/members.repository.js';
import { ManualClock } from '../support/clock.js';
import { freshDatabase } from '../support/db.js';

const PLACE = { channelId: 'C0MEETING' };

/**
 * The exactly-once core on real Postgres: whoever claims an effect's row first does it, everyone else (another
 * replica, a CLI run, a re-delivered job) waits on the row and then finds it done.
 */
describe('runEffect', () => {
  let db: Db;
  const clock = new ManualClock('2026-12-04T06:30:00Z');
  const enqueued: CycleJob[] = [];
  let ctx: CycleContext;
  let counter = 0;

  const key = (kind = 'agenda'): EffectKey => {
    counter += 1;
    return { meetingWeek: '2026-W49', kind, target: `T${counter}` };
  };
  const post =
    (ts: string, delayMs = 0) =>
    async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { channelId: 'C0MEETING', messageTs: ts };
    };
  const platformError = (error: string) => new WebAPIPlatformError({ ok: false, error });

  beforeAll(async () => {
    ({ db } = await freshDatabase());
    await bootstrapAdmins(db, ['U0ADMIN01', 'U0ADMIN02']);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      MEETING_CHANNEL_ID: 'C0MEETING',
    });
    ctx = {
      config,
      db,
      clock,
      logger: pino({ level: 'silent' }),
      slack: new WebClient('xoxb-unused'),
      extensions: {},
      enqueue: async (jobs) => {
        enqueued.push(...jobs);
      },
      channelTurn: async () => {},
    };
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('does an effect once when ten claimers race for it', async () => {
    const k = key();
    let sends = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runEffect(ctx, k, SCHEDULED, PLACE, async () => {
          sends += 1;
          return post(`1.${i}`, 50)();
        }),
      ),
    );
    expect(sends).toBe(1);
    expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'already')).toHaveLength(9);
    const effect = await getEffect(db, k);
    expect(effect).toMatchObject({ status: 'done', channelId: 'C0MEETING' });
  });

  it('rolls the claim back on a passing failure, so the next claimer (waiting on it) does the effect', async () => {
    const k = key();
    const failing = runEffect(ctx, k, SCHEDULED, PLACE, async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new WebAPIRequestError(new Error('socket hang up'));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = runEffect(ctx, k, SCHEDULED, PLACE, post('2.1'));
    await expect(failing).rejects.toThrow();
    expect(await second).toEqual({ status: 'done', channelId: 'C0MEETING', messageTs: '2.1' });
    expect(await runEffect(ctx, k, SCHEDULED, PLACE, post('2.2'))).toEqual({ status: 'already' });
  });

  it('records a permanent refusal as failed, alerts each admin, and tries a fixable one again only later', async () => {
    const k = key();
    enqueued.length = 0;
    const outcome = await runEffect(ctx, k, SCHEDULED, PLACE, async () => {
      throw platformError('not_in_channel');
    });
    expect(outcome).toEqual({ status: 'failed', code: 'not_in_channel' });
    expect(await getEffect(db, k)).toMatchObject({ status: 'failed', error: 'not_in_channel' });
    expect(enqueued.map((job) => (job.kind === 'alert' ? [job.adminId, job.problem.fix] : null))).toEqual([
      ['U0ADMIN01', 'invite-bot'],
      ['U0ADMIN02', 'invite-bot'],
    ]);

    // A re-delivered job sends nothing; it asks for the alerts again, which are exactly-once effects themselves.
    let sends = 0;
    const count = async () => {
      sends += 1;
      return { channelId: 'C0MEETING', messageTs: '3.1' };
    };
    expect(await runEffect(ctx, k, SCHEDULED, PLACE, count)).toEqual({
      status: 'failed',
      code: 'not_in_channel',
    });
    expect(sends).toBe(0);

    clock.set(new Date(clock.now().getTime() + FAILED_RETRY_MINUTES * 60_000));
    expect(await runEffect(ctx, k, SCHEDULED, PLACE, count)).toMatchObject({
      status: 'done',
      messageTs: '3.1',
    });
    expect(sends).toBe(1);
    clock.set('2026-12-04T06:30:00Z');
  });

  it('never tries again a message to a user Slack does not know', async () => {
    const k = key('call');
    enqueued.length = 0;
    await runEffect(ctx, k, SCHEDULED, { userId: k.target }, async () => {
      throw platformError('user_not_found');
    });
    const alert = enqueued[0];
    expect(alert?.kind === 'alert' && alert.problem).toMatchObject({ fix: 'check-member', userId: k.target });
    clock.set(new Date(clock.now().getTime() + 24 * 60 * 60_000));
    let sends = 0;
    const outcome = await runEffect(ctx, k, SCHEDULED, PLACE, async () => {
      sends += 1;
      return { channelId: 'D1', messageTs: '4.1' };
    });
    expect(outcome.status).toBe('failed');
    expect(sends).toBe(0);
    clock.set('2026-12-04T06:30:00Z');
  });

  it('sends no alert about an alert that failed', async () => {
    enqueued.length = 0;
    const outcome = await runEffect(ctx, key('alert'), SCHEDULED, PLACE, async () => {
      throw platformError('user_not_found');
    });
    expect(outcome.status).toBe('failed');
    expect(enqueued).toEqual([]);
  });

  it('does a done effect again when forced, recording where the new message went', async () => {
    const k = key();
    await runEffect(ctx, k, SCHEDULED, PLACE, post('5.1'));
    expect(await runEffect(ctx, k, SCHEDULED, PLACE, post('5.2'))).toEqual({ status: 'already' });
    expect(await runEffect(ctx, k, { force: true, ignoreWindow: true }, PLACE, post('5.3'))).toMatchObject({
      status: 'done',
      messageTs: '5.3',
    });
    expect((await getEffect(db, k))?.messageTs).toBe('5.3');
  });
});
