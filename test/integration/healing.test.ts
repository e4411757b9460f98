/**
 * The scheduler's healing of interrupted attempts on real Postgres: what an operator ran or someone asked for is
 * run again whatever the clock's own attempts in doubt, and those are settled by a lookup, never posted late.
 */

import { WebAPIHTTPError, WebClient } from '@slack/web-api';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runEffect } from '../../jobs/run-effect.js';
import { planDueJobs } from '../../jobs/scheduler.js';
import type { CycleContext, CycleJob, QueuedJob, StoredJob } from '../../jobs/types.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import { type EffectKey, getEffect } from '../../src/db/effects.repository.js';
import type { Delivery, Posted } from '../../src/effects/delivery.js';
import { createMeetings } from '../../src/services/meetings.js';
import { ManualClock } from '../support/clock.js';
import { freshDatabase } from '../support/db.js';

const CHANNEL = 'C0MEETING';

describe('healing interrupted attempts', () => {
  let db: Db;
  // A Wednesday morning, when nothing of the clock's own is due for the weeks these tests use.
  const clock = new ManualClock('2026-11-25T09:00:00Z');
  let ctx: CycleContext;

  /** An effect row as an attempt left it: `sending` with a claim `claimedAgo` old, and the job that did it. */
  async function interrupted(
    key: EffectKey,
    job: CycleJob,
    options: { ignoreWindow: boolean; claimedAgo: string; status?: 'sending' | 'pending' },
  ): Promise<void> {
    const pending = options.status === 'pending';
    await db
      .insertInto('effects')
      .values({
        meeting_week: key.meetingWeek,
        kind: key.kind,
        target: key.target,
        status: options.status ?? 'sending',
        claimed_at: pending ? null : sql<Date>`now() - ${options.claimedAgo}::interval`,
        created_at: sql<Date>`now() - ${options.claimedAgo}::interval`,
        place_channel_id: CHANNEL,
        job: JSON.stringify({ job, ignoreWindow: options.ignoreWindow } satisfies StoredJob),
      })
      .execute();
  }

  /** A delivery that counts its posts and finds what `found` says. */
  const delivery = (found: Posted | null, post: () => Promise<Posted> = async () => posted('2.2')) => {
    const calls = { sends: 0, lookups: 0 };
    const value: Delivery = {
      place: { channelId: CHANNEL },
      send: async () => {
        calls.sends += 1;
        return post();
      },
      find: async () => {
        calls.lookups += 1;
        return found;
      },
    };
    return { delivery: value, calls };
  };
  const posted = (ts: string): Posted => ({ channelId: CHANNEL, messageTs: ts });
  const agenda = (week: string): EffectKey => ({ meetingWeek: week, kind: 'agenda', target: CHANNEL });

  beforeAll(async () => {
    ({ db } = await freshDatabase());
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 's',
      MEETING_CHANNEL_ID: CHANNEL,
    });
    ctx = {
      config,
      db,
      clock,
      logger: pino({ level: 'silent' }),
      slack: {
        web: new WebClient('xoxb-unused'),
        uploads: new WebClient('xoxb-unused'),
        botId: async () => null,
      },
      meetings: createMeetings({ config, clock, db }),
      extensions: {},
      enqueue: async () => {},
      channelTurn: (_channel, post) => post(),
      tryLock: async () => async () => {},
      stopping: new AbortController().signal,
    };
  });
  beforeEach(async () => {
    await db.deleteFrom('effects').execute();
  });
  afterAll(async () => {
    await db.destroy();
  });

  const ofWeek = (jobs: QueuedJob[], week: string) =>
    jobs.filter((job) => 'week' in job && job.week === week);

  it('runs again an operator’s run and an asked report, however many of the clock’s attempts are in doubt', async () => {
    for (let i = 0; i < 250; i += 1) {
      const userId = `U0CALL${String(i).padStart(3, '0')}`;
      await interrupted(
        { meetingWeek: '2026-W40', kind: 'call', target: userId },
        { kind: 'call', week: '2026-W40', userId },
        { ignoreWindow: false, claimedAgo: '10 minutes' },
      );
    }
    await interrupted(
      agenda('2026-W41'),
      { kind: 'agenda', week: '2026-W41' },
      {
        ignoreWindow: true,
        claimedAgo: '10 minutes',
      },
    );
    const order = {
      kind: 'report' as const,
      week: '2026-W48',
      target: 'U0ANNA/2026/-/kommando:T1',
      userId: 'U0ANNA',
      request: { period: { year: 2026 }, filter: null },
    } as unknown as CycleJob;
    await interrupted(
      { meetingWeek: '2026-W48', kind: 'rapport', target: 'U0ANNA/2026/-/kommando:T1' },
      order,
      {
        ignoreWindow: true,
        claimedAgo: '1 minute',
        status: 'pending',
      },
    );

    const jobs = await planDueJobs(ctx, clock.now());
    expect(ofWeek(jobs, '2026-W41')).toEqual([{ kind: 'agenda', week: '2026-W41', ignoreWindow: true }]);
    expect(ofWeek(jobs, '2026-W48')).toEqual([{ ...order, ignoreWindow: true }]);
    // The clock's attempts are only looked up, never run outside their window.
    const calls = ofWeek(jobs, '2026-W40');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((job) => job.lookupOnly === true && job.ignoreWindow === undefined)).toBe(true);
  });

  it('leaves alone a clock’s attempt in doubt for more than a day, and one whose claim still holds', async () => {
    await interrupted(
      agenda('2026-W38'),
      { kind: 'agenda', week: '2026-W38' },
      {
        ignoreWindow: false,
        claimedAgo: '25 hours',
      },
    );
    await interrupted(
      agenda('2026-W39'),
      { kind: 'agenda', week: '2026-W39' },
      {
        ignoreWindow: false,
        claimedAgo: '10 seconds',
      },
    );
    await interrupted(
      agenda('2026-W40'),
      { kind: 'agenda', week: '2026-W40' },
      {
        ignoreWindow: false,
        claimedAgo: '10 minutes',
      },
    );
    const jobs = await planDueJobs(ctx, clock.now());
    expect(jobs.filter((job) => job.kind === 'agenda')).toEqual([
      { kind: 'agenda', week: '2026-W40', lookupOnly: true },
    ]);
  });

  it('records a looked-up message that is there, and forgets an attempt whose message is not, posting neither', async () => {
    const lookup = { force: false, ignoreWindow: true, lookupOnly: true };
    await interrupted(
      agenda('2026-W40'),
      { kind: 'agenda', week: '2026-W40' },
      {
        ignoreWindow: false,
        claimedAgo: '10 minutes',
      },
    );
    const there = delivery(posted('1.1'));
    expect(await runEffect(ctx, agenda('2026-W40'), lookup, there.delivery)).toEqual({ status: 'already' });
    expect(await getEffect(db, agenda('2026-W40'))).toMatchObject({ status: 'done', messageTs: '1.1' });

    await interrupted(
      agenda('2026-W41'),
      { kind: 'agenda', week: '2026-W41' },
      {
        ignoreWindow: false,
        claimedAgo: '10 minutes',
      },
    );
    const missing = delivery(null);
    expect(await runEffect(ctx, agenda('2026-W41'), lookup, missing.delivery)).toEqual({
      status: 'skipped',
      reason: 'not-due',
    });
    expect(await getEffect(db, agenda('2026-W41'))).toBeNull();
    expect([there.calls, missing.calls]).toEqual([
      { sends: 0, lookups: 1 },
      { sends: 0, lookups: 1 },
    ]);
    // Nothing left to heal.
    expect(ofWeek(await planDueJobs(ctx, clock.now()), '2026-W41')).toEqual([]);
  });

  it('heals as the operator’s an attempt of theirs that took over the clock’s and was left in doubt', async () => {
    await interrupted(
      agenda('2026-W42'),
      { kind: 'agenda', week: '2026-W42' },
      {
        ignoreWindow: false,
        claimedAgo: '10 minutes',
      },
    );
    const unavailable = delivery(null, async () => {
      throw new WebAPIHTTPError(503, 'Service Unavailable', {});
    });
    const operator = {
      force: false,
      ignoreWindow: true,
      job: { kind: 'agenda', week: '2026-W42' } as CycleJob,
    };
    expect(await runEffect(ctx, agenda('2026-W42'), operator, unavailable.delivery)).toEqual({
      status: 'in-doubt',
    });
    expect(unavailable.calls).toEqual({ sends: 1, lookups: 1 });
    expect(ofWeek(await planDueJobs(ctx, clock.now()), '2026-W42')).toEqual([
      { kind: 'agenda', week: '2026-W42', ignoreWindow: true },
    ]);
  });
});
