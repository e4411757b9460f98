import { WebAPIPlatformError, WebClient } from '@slack/web-api';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runEffect } from '../../jobs/run-effect.js';
import { planDueJobs } from '../../jobs/scheduler.js';
import { type CycleContext, type CycleJob, SCHEDULED } from '../../jobs/types.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import { bootstrapAdmins } from '../../src/db/members.repository.js';
import { type MeetingWeek, meetingOfWeek } from '../../src/domain/schedule.js';
import { problemOf } from '../../src/effects/alerts.js';
import type { Delivery } from '../../src/effects/delivery.js';
import { agendaKey, alertKey, callKey } from '../../src/effects/keys.js';
import { createMeetings } from '../../src/services/meetings.js';
import { ManualClock } from '../support/clock.js';
import { plus, seedMembers } from '../support/cycle.js';
import { freshDatabase } from '../support/db.js';

const CHANNEL = 'C0MEETING';

/** A delivery that posts nothing and answers as given. */
const answering = (answer: () => Promise<{ channelId: string; messageTs: string }>): Delivery => ({
  place: { channelId: CHANNEL },
  send: answer,
  find: async () => null,
});

/** planDueJobs on real Postgres, with a context whose parts a test can make fail. */
describe('planDueJobs', () => {
  let db: Db;
  const clock = new ManualClock('2026-11-24T09:00:00Z');
  const logged: Array<{ level: number; msg: string; action?: string; week?: string }> = [];
  let ctx: CycleContext;
  let renderFails = false;

  const schedule = () => ctx.config.schedule;
  const kinds = (jobs: CycleJob[]) => jobs.map((job) => job.kind);
  const done = (key: Parameters<typeof runEffect>[1]) =>
    runEffect(
      ctx,
      key,
      SCHEDULED,
      answering(async () => ({ channelId: CHANNEL, messageTs: '1.1' })),
    );

  beforeAll(async () => {
    ({ db } = await freshDatabase());
    await bootstrapAdmins(db, ['U0ADMIN01', 'U0ADMIN02']);
    await seedMembers(db, { polisen: ['U0POL1'] });
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 's',
      MEETING_CHANNEL_ID: CHANNEL,
    });
    ctx = {
      config,
      db,
      clock,
      logger: pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) }),
      slack: {
        web: new WebClient('xoxb-unused'),
        uploads: new WebClient('xoxb-unused'),
        botId: async () => null,
      },
      meetings: createMeetings({ config, clock, db }),
      extensions: {
        followUp: async () => {
          if (renderFails) throw new Error('point 2 cannot be rendered');
          return [];
        },
      },
      // Alert jobs queued when a failure is recorded are lost here, as in a Redis that was flushed.
      enqueue: async () => {},
      channelTurn: (_channel, post) => post(),
      tryLock: async () => async () => {},
      stopping: new AbortController().signal,
    };
  });
  beforeEach(() => {
    logged.length = 0;
    renderFails = false;
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('plans the call and the last call even when rendering the posted agenda throws, and logs it', async () => {
    const week: MeetingWeek = '2026-W49';
    const m = meetingOfWeek(week, schedule());
    clock.set(m.agendaAt);
    await done(agendaKey(week, CHANNEL));
    renderFails = true;

    const jobs = await planDueJobs(ctx, plus(m.lastCallAt, 1));
    expect(kinds(jobs)).toEqual(['call', 'lastcall']);
    expect(jobs[0]).toEqual({ kind: 'call', week, userId: 'U0POL1' });
    expect(logged).toEqual([
      expect.objectContaining({
        level: 50,
        action: 'agenda-update',
        week,
        msg: expect.stringContaining('the rest'),
      }),
    ]);

    // Once rendering works again the outdated agenda is planned too.
    renderFails = false;
    expect(kinds(await planDueJobs(ctx, plus(m.lastCallAt, 2)))).toContain('agenda-update');
  });

  it('plans the alerts of a refusal whose alert jobs were lost, once per admin, until they are sent', async () => {
    const week: MeetingWeek = '2026-W50';
    const m = meetingOfWeek(week, schedule());
    clock.set(m.agendaAt);
    const agenda = agendaKey(week, CHANNEL);
    const refused = await runEffect(
      ctx,
      agenda,
      SCHEDULED,
      answering(async () => {
        throw new WebAPIPlatformError({ ok: false, error: 'not_in_channel' });
      }),
    );
    expect(refused).toEqual({ status: 'failed', code: 'not_in_channel' });

    const alerts = (jobs: CycleJob[]) => jobs.filter((job) => job.kind === 'alert');
    const planned = alerts(await planDueJobs(ctx, plus(m.agendaAt, 1)));
    const problem = problemOf(agenda, { channelId: 'C0MEETING' }, 'not_in_channel');
    expect(problem).toMatchObject({ action: 'agenda', fix: 'invite-bot', channelId: CHANNEL, userId: null });
    expect(planned).toEqual([
      { kind: 'alert', week, adminId: 'U0ADMIN01', problem },
      { kind: 'alert', week, adminId: 'U0ADMIN02', problem },
    ]);

    // One admin's alert went out: only the other's is planned, and then none.
    await done(alertKey(week, 'U0ADMIN01', problem as NonNullable<typeof problem>));
    expect(
      alerts(await planDueJobs(ctx, plus(m.agendaAt, 2))).map((j) => j.kind === 'alert' && j.adminId),
    ).toEqual(['U0ADMIN02']);
    await done(alertKey(week, 'U0ADMIN02', problem as NonNullable<typeof problem>));
    expect(alerts(await planDueJobs(ctx, plus(m.agendaAt, 3)))).toEqual([]);
  });

  it('plans no alert the admins could not be sent either: a refused token', async () => {
    const week: MeetingWeek = '2026-W51';
    const m = meetingOfWeek(week, schedule());
    clock.set(m.callAt);
    await runEffect(
      ctx,
      callKey(week, 'U0POL1'),
      SCHEDULED,
      answering(async () => {
        throw new WebAPIPlatformError({ ok: false, error: 'invalid_auth' });
      }),
    );
    const jobs = await planDueJobs(ctx, plus(m.callAt, 1));
    expect(jobs.filter((job) => job.kind === 'alert' && job.week === week)).toEqual([]);
  });
});
