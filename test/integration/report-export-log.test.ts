/**
 * A report asked for with /rapport and the behörighetslogg, with the job run directly against the Slack fake: the
 * export is recorded before the files go out, exactly once, also when the upload's answer is lost and the files
 * are found later; and someone who is no longer a member when the report is made gets none, only a word why.
 */

import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAskedReport } from '../../jobs/report.js';
import type { CycleContext, Outcome } from '../../jobs/types.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import { addMember, bootstrapAdmins, removeMember } from '../../src/db/members.repository.js';
import { wholePeriodRequest } from '../../src/domain/report-period.js';
import type { ReportOrder } from '../../src/domain/report-schedule.js';
import { createEffectSlack } from '../../src/effects/client.js';
import { createMeetings } from '../../src/services/meetings.js';
import { ManualClock } from '../support/clock.js';
import { expireClaims, submitEntries } from '../support/cycle.js';
import { freshDatabase } from '../support/db.js';
import { SlackFake } from '../support/slack-fake.js';

const ADMIN = 'U0ADMIN01';
const ASKS = { force: false, ignoreWindow: true } as const;

describe('an asked-for report and the access log', () => {
  let db: Db;
  let slack: SlackFake;
  let ctx: CycleContext;
  let counter = 0;

  beforeAll(async () => {
    ({ db } = await freshDatabase());
    await bootstrapAdmins(db, [ADMIN]);
    await submitEntries(db, '2026-W45', 'polisen', 3);
    slack = await new SlackFake().start();
    const config = loadConfig({
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: slack.apiUrl,
    });
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    const logger = pino({ level: 'silent' });
    ctx = {
      config,
      db,
      clock,
      logger,
      slack: createEffectSlack(config, logger),
      meetings: createMeetings({ config, clock, db }),
      extensions: {},
      enqueue: async () => {},
      channelTurn: (_channel, post) => post(),
      tryLock: async () => async () => {},
      stopping: new AbortController().signal,
    };
  });
  afterAll(async () => {
    await db.destroy();
    await slack.stop();
  });
  beforeEach(() => {
    slack.clearFailures();
  });

  /** A new member who asks for the year's report. */
  async function asked(): Promise<ReportOrder> {
    counter += 1;
    const userId = `U0MEMBER${counter}`;
    slack.addUser({ id: userId, name: `medlem${counter}` });
    await addMember(db, { userId, partyKey: 'polisen' }, ADMIN);
    return {
      week: '2026-W49',
      target: `${userId}/2026/-/kommando:${counter}`,
      userId,
      request: wholePeriodRequest({ year: 2026 }),
    };
  }

  const exportsOf = (userId: string) =>
    db
      .selectFrom('access_log')
      .select(['action', 'outcome', 'resource', 'via', 'period', 'detail'])
      .where('actor_user_id', '=', userId)
      .execute();
  const uploadsTo = (userId: string) => slack.uploads.filter((u) => u.channel === slack.dmChannelOf(userId));
  const dmsTo = (userId: string) =>
    slack.succeeded('chat.postMessage').filter((args) => args.channel === userId);

  it('records the export before the files go out, once, when the upload’s answer is lost and the files are found', async () => {
    const order = await asked();
    // Slack shares the files but the answer is a 503: the attempt ends in doubt.
    slack.answerServerError('files.completeUploadExternal', 503, 1);
    expect((await runAskedReport(ctx, order, ASKS)).status).toBe('in-doubt');
    expect(uploadsTo(order.userId)).toHaveLength(1);
    expect(await exportsOf(order.userId)).toEqual([
      {
        action: 'export',
        outcome: 'ok',
        resource: 'report',
        via: 'rapport',
        period: '2026',
        detail: expect.objectContaining({
          effect: expect.any(Number),
          fields: expect.arrayContaining(['xlsx', 'csv']),
        }),
      },
    ]);
    // The next attempt finds the files in the thread and records them as sent: no second upload, no second row.
    await expireClaims(db);
    const again: Outcome = await runAskedReport(ctx, order, ASKS);
    expect(again.status).toBe('already');
    expect(uploadsTo(order.userId)).toHaveLength(1);
    expect(await exportsOf(order.userId)).toHaveLength(1);
  }, 60_000);

  it('records one export when the upload failed before anything was sent and was tried again', async () => {
    const order = await asked();
    slack.rateLimit('files.getUploadURLExternal', 1, 1);
    await expect(runAskedReport(ctx, order, ASKS)).rejects.toThrow();
    expect(uploadsTo(order.userId)).toHaveLength(0);
    expect((await runAskedReport(ctx, order, ASKS)).status).toBe('done');
    expect(uploadsTo(order.userId)).toHaveLength(1);
    expect((await exportsOf(order.userId)).map((row) => row.outcome)).toEqual(['ok']);
  }, 60_000);

  it('makes no report for someone removed since they asked, tells them why once, and logs the refusal', async () => {
    const order = await asked();
    await removeMember(db, order.userId, null);
    expect((await runAskedReport(ctx, order, ASKS)).status).toBe('done');
    expect((await runAskedReport(ctx, order, ASKS)).status).toBe('already');
    expect(uploadsTo(order.userId)).toEqual([]);
    const told = dmsTo(order.userId);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('Rapporten för 2026 togs inte fram');
    expect(told[0]?.text).toContain(`<@${ADMIN}>`);
    expect(await exportsOf(order.userId)).toEqual([
      expect.objectContaining({
        action: 'export',
        outcome: 'refused',
        detail: expect.objectContaining({ reason: 'ej-deltagare' }),
      }),
    ]);
  }, 60_000);

  it('withholds the files, with the observations’ text, from someone removed after the message went out', async () => {
    const order = await asked();
    slack.rateLimit('files.getUploadURLExternal', 1, 1);
    await expect(runAskedReport(ctx, order, ASKS)).rejects.toThrow();
    expect(dmsTo(order.userId)).toHaveLength(1);
    await removeMember(db, order.userId, null);
    expect((await runAskedReport(ctx, order, ASKS)).status).toBe('done');
    expect(uploadsTo(order.userId)).toEqual([]);
    const told = dmsTo(order.userId);
    expect(told).toHaveLength(2);
    expect(told[1]?.text).toContain('togs inte fram');
    expect((await exportsOf(order.userId)).map((row) => row.outcome).sort()).toEqual(['ok', 'refused']);
  }, 60_000);
});
