import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAgenda } from '../../jobs/agenda.js';
import { RetryLater } from '../../jobs/policy.js';
import { runEffect } from '../../jobs/run-effect.js';
import { type CycleContext, type CycleJob, SCHEDULED } from '../../jobs/types.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import { type EffectKey, getEffect } from '../../src/db/effects.repository.js';
import { bootstrapAdmins } from '../../src/db/members.repository.js';
import { meetingOfWeek } from '../../src/domain/schedule.js';
import type { Delivery, Posted } from '../../src/effects/delivery.js';
import { agendaKey } from '../../src/effects/keys.js';
import { StoppingError } from '../../src/effects/pace.js';
import { FAILED_RETRY_MINUTES } from '../../src/effects/state.js';
import { createMeetings } from '../../src/services/meetings.js';
import { ManualClock } from '../support/clock.js';
import { expireClaims } from '../support/cycle.js';
import { freshDatabase } from '../support/db.js';

const PLACE = { channelId: 'C0MEETING' };

/** A delivery that records what it was asked, as the Slack helpers of src/effects/delivery.ts would do it. */
class TestDelivery implements Delivery {
  place: Delivery['place'] = PLACE;
  sends = 0;
  readonly metadata: unknown[] = [];
  readonly lookups: Array<{ key: string; since: Date }> = [];
  constructor(
    private readonly post: () => Promise<Posted>,
    private readonly lookup: () => Promise<Posted | null> = async () => null,
  ) {}
  async send(metadata: unknown): Promise<Posted> {
    this.sends += 1;
    this.metadata.push(metadata);
    return this.post();
  }
  async find(key: string, since: Date): Promise<Posted | null> {
    this.lookups.push({ key, since });
    return this.lookup();
  }
}

/**
 * The exactly-once core on real Postgres: a short claim marks the effect `sending`, Slack is called outside any
 * transaction, and the outcome is recorded. Whoever finds it claimed backs off; an attempt whose answer was lost
 * is looked up in Slack (by the message's metadata) before anything is posted again.
 */
describe('runEffect', () => {
  let db: Db;
  const clock = new ManualClock('2026-12-04T06:30:00Z');
  const enqueued: CycleJob[] = [];
  const logged: Array<{ level: number; msg: string }> = [];
  let ctx: CycleContext;
  let counter = 0;

  const key = (kind = 'agenda'): EffectKey => {
    counter += 1;
    return { meetingWeek: '2026-W49', kind, target: `T${counter}` };
  };
  const posted = (ts: string) => async (): Promise<Posted> => ({ channelId: 'C0MEETING', messageTs: ts });
  const failing = (error: Error) => async (): Promise<Posted> => {
    throw error;
  };
  const platformError = (error: string) => new WebAPIPlatformError({ ok: false, error });
  const refused = () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    return new WebAPIRequestError(Object.assign(new TypeError('fetch failed'), { cause }));
  };

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
      logger: pino({ level: 'debug' }, { write: (line: string) => logged.push(JSON.parse(line)) }),
      slack: {
        web: new WebClient('xoxb-unused'),
        uploads: new WebClient('xoxb-unused'),
        botId: async () => null,
      },
      meetings: createMeetings({ config, clock, db }),
      extensions: {},
      enqueue: async (jobs) => {
        enqueued.push(...jobs);
      },
      channelTurn: (_channel, post) => post(),
      tryLock: async () => async () => {},
      stopping: new AbortController().signal,
    };
  });
  beforeEach(() => {
    logged.length = 0;
    enqueued.length = 0;
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('posts once when ten claimers race for it; the others back off and then find it done', async () => {
    const k = key();
    // Slack answers the winner only once the nine others have had their answer (or after 5 s, should two of
    // them post), however long their claims take to get through on a busy machine.
    let othersAnswered = () => {};
    const others = new Promise<void>((resolve) => {
      othersAnswered = resolve;
    });
    const delivery = new TestDelivery(async () => {
      await Promise.race([others, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      return { channelId: 'C0MEETING', messageTs: '1.1' };
    });
    let answered = 0;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        runEffect(ctx, k, SCHEDULED, delivery).finally(() => {
          answered += 1;
          if (answered === 9) othersAnswered();
        }),
      ),
    );
    expect(delivery.sends).toBe(1);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual([
      { status: 'done', channelId: 'C0MEETING', messageTs: '1.1' },
    ]);
    const rejected = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(rejected).toHaveLength(9);
    expect(rejected.every((reason) => reason instanceof RetryLater)).toBe(true);
    expect(await runEffect(ctx, k, SCHEDULED, delivery)).toEqual({ status: 'already' });
    expect(await getEffect(db, k)).toMatchObject({
      status: 'done',
      channelId: 'C0MEETING',
      messageTs: '1.1',
    });
  });

  it('sends the effect’s key as message metadata', async () => {
    const k = key();
    const delivery = new TestDelivery(posted('1.2'));
    await runEffect(ctx, k, SCHEDULED, delivery);
    expect(delivery.metadata).toEqual([
      { event_type: 'fredagsmotet_effect', event_payload: { key: `2026-W49/agenda/${k.target}` } },
    ]);
  });

  it('holds no transaction while Slack answers: the row says `sending` to everyone meanwhile', async () => {
    const k = key();
    let seen: string | undefined;
    await runEffect(
      ctx,
      k,
      SCHEDULED,
      new TestDelivery(async () => {
        seen = (await getEffect(db, k))?.status; // another connection, outside the claim
        return { channelId: 'C0MEETING', messageTs: '1.3' };
      }),
    );
    expect(seen).toBe('sending');
  });

  it.each([
    ['a 429', () => new WebAPIRateLimitedError(3)],
    ['an `ok: false` answer that passes', () => platformError('service_unavailable')],
    ['a refused connection', refused],
  ])('gives the claim back on %s, so the retry posts it', async (_what, error) => {
    const k = key();
    await expect(runEffect(ctx, k, SCHEDULED, new TestDelivery(failing(error())))).rejects.toThrow();
    expect(await getEffect(db, k)).toBeNull();
    const retry = new TestDelivery(posted('2.1'));
    expect(await runEffect(ctx, k, SCHEDULED, retry)).toMatchObject({ status: 'done', messageTs: '2.1' });
    expect(retry.lookups).toEqual([]); // nothing to look up: the first attempt surely posted nothing
  });

  it('gives back a retried failure’s claim as it was: still failed, with its error', async () => {
    const k = key();
    await runEffect(ctx, k, SCHEDULED, new TestDelivery(failing(platformError('not_in_channel'))));
    clock.advance(FAILED_RETRY_MINUTES * 60_000);
    try {
      await expect(
        runEffect(ctx, k, SCHEDULED, new TestDelivery(failing(new WebAPIRateLimitedError(1)))),
      ).rejects.toThrow();
      expect(await getEffect(db, k)).toMatchObject({ status: 'failed', error: 'not_in_channel' });
    } finally {
      clock.set('2026-12-04T06:30:00Z');
    }
  });

  it.each([
    // Slack answered: the attempt is over, though it may have posted ("some aspect of the operation succeeded").
    ['an HTTP 503', () => new WebAPIHTTPError(503, 'Service Unavailable', {})],
    ['an `ok: false` internal_error', () => platformError('internal_error')],
    ['an `ok: false` fatal_error', () => platformError('fatal_error')],
  ])(
    'keeps `sending` on %s, and the next attempt looks for the message before it posts',
    async (_what, error) => {
      const k = key();
      expect(await runEffect(ctx, k, SCHEDULED, new TestDelivery(failing(error())))).toEqual({
        status: 'in-doubt',
      });
      expect(await getEffect(db, k)).toMatchObject({ status: 'sending' });
      // It landed after all: found, recorded, not posted again.
      const found = new TestDelivery(posted('3.1'), async () => ({
        channelId: 'C0MEETING',
        messageTs: '2.9',
      }));
      expect(await runEffect(ctx, k, SCHEDULED, found)).toEqual({ status: 'already' });
      expect(found.sends).toBe(0);
      expect(found.lookups).toHaveLength(1);
      expect(await getEffect(db, k)).toMatchObject({ status: 'done', messageTs: '2.9' });
    },
  );

  it('posts at the next attempt after an answered 503 when the message is not there', async () => {
    const k = key();
    await runEffect(
      ctx,
      k,
      SCHEDULED,
      new TestDelivery(failing(new WebAPIHTTPError(503, 'Unavailable', {}))),
    );
    const retry = new TestDelivery(posted('3.2'));
    expect(await runEffect(ctx, k, SCHEDULED, retry)).toMatchObject({ status: 'done', messageTs: '3.2' });
    expect(retry.lookups).toHaveLength(1);
    expect(retry.sends).toBe(1);
  });

  it.each([
    [
      'a timeout',
      () => new WebAPIRequestError(new DOMException('The operation was aborted', 'TimeoutError')),
    ],
    [
      'a connection reset after the request was sent',
      () => new WebAPIRequestError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
    ],
  ])(
    'keeps `sending` on %s, and a retry within the lease backs off without posting',
    async (_what, error) => {
      const k = key();
      expect(await runEffect(ctx, k, SCHEDULED, new TestDelivery(failing(error())))).toEqual({
        status: 'in-doubt',
      });
      expect(await getEffect(db, k)).toMatchObject({ status: 'sending' });
      const retry = new TestDelivery(posted('3.1'));
      await expect(runEffect(ctx, k, SCHEDULED, retry)).rejects.toBeInstanceOf(RetryLater);
      expect(retry.sends).toBe(0);
    },
  );

  it('after the lease, records the message the lost attempt posted instead of posting it again', async () => {
    const k = key();
    await runEffect(
      ctx,
      k,
      SCHEDULED,
      new TestDelivery(failing(new WebAPIHTTPError(502, 'Bad Gateway', {}))),
    );
    const claimedAt = (await getEffect(db, k))?.claimedAt;
    await expireClaims(db);
    const retry = new TestDelivery(posted('4.2'), async () => ({ channelId: 'C0MEETING', messageTs: '4.1' }));
    expect(await runEffect(ctx, k, SCHEDULED, retry)).toEqual({ status: 'already' });
    expect(retry.sends).toBe(0);
    expect(retry.lookups).toEqual([
      { key: `2026-W49/agenda/${k.target}`, since: new Date((claimedAt?.getTime() ?? 0) - 3_600_000) },
    ]);
    expect(await getEffect(db, k)).toMatchObject({ status: 'done', messageTs: '4.1' });
  });

  it('after the lease, posts when the lost attempt’s message is not there', async () => {
    const k = key();
    await runEffect(ctx, k, SCHEDULED, new TestDelivery(failing(new WebAPIHTTPError(500, 'Error', {}))));
    await expireClaims(db);
    const retry = new TestDelivery(posted('5.1'), async () => null);
    expect(await runEffect(ctx, k, SCHEDULED, retry)).toMatchObject({ status: 'done', messageTs: '5.1' });
    expect([retry.lookups.length, retry.sends]).toEqual([1, 1]);
  });

  it('posts with a warning when the message cannot be looked up (missing_scope)', async () => {
    const k = key();
    await runEffect(ctx, k, SCHEDULED, new TestDelivery(failing(new WebAPIHTTPError(504, 'Timeout', {}))));
    await expireClaims(db);
    const retry = new TestDelivery(posted('6.1'), failing(platformError('missing_scope')));
    expect(await runEffect(ctx, k, SCHEDULED, retry)).toMatchObject({ status: 'done', messageTs: '6.1' });
    expect(logged.some((l) => l.level === 40 && l.msg.includes('could not look for the message'))).toBe(true);
  });

  it('tries the lookup again later when Slack cannot answer it now, posting nothing meanwhile', async () => {
    const k = key();
    await runEffect(ctx, k, SCHEDULED, new TestDelivery(failing(new WebAPIHTTPError(503, 'Busy', {}))));
    await expireClaims(db);
    const unreachable = new TestDelivery(posted('7.1'), failing(new WebAPIHTTPError(503, 'Busy', {})));
    await expect(runEffect(ctx, k, SCHEDULED, unreachable)).rejects.toThrow();
    expect(unreachable.sends).toBe(0);
    // The takeover was given back: the next attempt can look at once.
    const next = new TestDelivery(posted('7.2'), async () => ({ channelId: 'C0MEETING', messageTs: '7.0' }));
    expect(await runEffect(ctx, k, SCHEDULED, next)).toEqual({ status: 'already' });
  });

  it('claims nothing once the app is stopping', async () => {
    const k = key();
    const stopping = new AbortController();
    stopping.abort();
    await expect(
      runEffect({ ...ctx, stopping: stopping.signal }, k, SCHEDULED, new TestDelivery(posted('9.1'))),
    ).rejects.toBeInstanceOf(StoppingError);
    expect(await getEffect(db, k)).toBeNull();
  });

  it('records a permanent refusal as failed, alerts each admin, and tries a fixable one again only later', async () => {
    const k = key();
    const outcome = await runEffect(
      ctx,
      k,
      SCHEDULED,
      new TestDelivery(failing(platformError('not_in_channel'))),
    );
    expect(outcome).toEqual({ status: 'failed', code: 'not_in_channel' });
    expect(await getEffect(db, k)).toMatchObject({ status: 'failed', error: 'not_in_channel' });
    expect(enqueued.map((job) => (job.kind === 'alert' ? [job.adminId, job.problem.fix] : null))).toEqual([
      ['U0ADMIN01', 'invite-bot'],
      ['U0ADMIN02', 'invite-bot'],
    ]);

    // A re-delivered job sends nothing; it asks for the alerts again, which are exactly-once effects themselves.
    const again = new TestDelivery(posted('3.1'));
    expect(await runEffect(ctx, k, SCHEDULED, again)).toEqual({ status: 'failed', code: 'not_in_channel' });
    expect(again.sends).toBe(0);

    clock.advance(FAILED_RETRY_MINUTES * 60_000);
    try {
      expect(await runEffect(ctx, k, SCHEDULED, again)).toMatchObject({ status: 'done', messageTs: '3.1' });
      expect(again.sends).toBe(1);
    } finally {
      clock.set('2026-12-04T06:30:00Z');
    }
  });

  it('never tries again a message to a user Slack does not know', async () => {
    const k = key('call');
    const refusedDelivery = new TestDelivery(failing(platformError('user_not_found')));
    refusedDelivery.place = { userId: k.target };
    await runEffect(ctx, k, SCHEDULED, refusedDelivery);
    const alert = enqueued[0];
    expect(alert?.kind === 'alert' && alert.problem).toMatchObject({ fix: 'check-member', userId: k.target });
    clock.advance(24 * 60 * 60_000);
    try {
      const later = new TestDelivery(posted('4.1'));
      expect((await runEffect(ctx, k, SCHEDULED, later)).status).toBe('failed');
      expect(later.sends).toBe(0);
    } finally {
      clock.set('2026-12-04T06:30:00Z');
    }
  });

  it('sends no alert about an alert that failed', async () => {
    const outcome = await runEffect(
      ctx,
      key('alert'),
      SCHEDULED,
      new TestDelivery(failing(platformError('user_not_found'))),
    );
    expect(outcome.status).toBe('failed');
    expect(enqueued).toEqual([]);
  });

  it('does a done effect again when forced, recording where the new message went', async () => {
    const k = key();
    await runEffect(ctx, k, SCHEDULED, new TestDelivery(posted('5.1')));
    expect(await runEffect(ctx, k, SCHEDULED, new TestDelivery(posted('5.2')))).toEqual({
      status: 'already',
    });
    const forced = await runEffect(
      ctx,
      k,
      { force: true, ignoreWindow: true },
      new TestDelivery(posted('5.3')),
    );
    expect(forced).toMatchObject({ status: 'done', messageTs: '5.3' });
    expect((await getEffect(db, k))?.messageTs).toBe('5.3');
  });

  it('keeps the earlier message on record when a forced repeat is refused for good, and tells the admins', async () => {
    const k = key();
    await runEffect(ctx, k, SCHEDULED, new TestDelivery(posted('7.1')));
    const forced = await runEffect(
      ctx,
      k,
      { force: true, ignoreWindow: true },
      new TestDelivery(failing(platformError('is_archived'))),
    );
    expect(forced).toEqual({ status: 'failed', code: 'is_archived' });
    expect(await getEffect(db, k)).toMatchObject({ status: 'done', messageTs: '7.1', error: null });
    expect(enqueued.filter((job) => job.kind === 'alert')).toHaveLength(2);
  });

  it('posts no agenda whose channel turn comes after the meeting has started, and gives the claim back', async () => {
    const week = '2026-W51';
    const meeting = meetingOfWeek(week, ctx.config.schedule);
    const start = clock.now();
    clock.set(new Date(meeting.startsAt.getTime() - 20_000));
    try {
      // The turn comes thirty seconds later: the meeting has started, the agenda is stale.
      const late: CycleContext = {
        ...ctx,
        channelTurn: async (_channel, post) => {
          clock.set(new Date(meeting.startsAt.getTime() + 10_000));
          return post();
        },
      };
      expect(await runAgenda(late, week, SCHEDULED)).toEqual({ status: 'skipped', reason: 'not-due' });
      expect(await getEffect(db, agendaKey(week, 'C0MEETING'))).toBeNull();
      expect(enqueued).toEqual([]);
    } finally {
      clock.set(start);
    }
  });
});
