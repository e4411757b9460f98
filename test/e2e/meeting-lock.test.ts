/**
 * The compiled picture locks its week (later submissions go to the next meeting), and `npm run cli -- jobs`.
 */

import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { createPriority } from '../../src/db/priority-changes.repository.js';
import { comingMeeting } from '../../src/domain/calendar.js';
import { shiftWeek, weekNumberOf } from '../../src/domain/schedule.js';
import { MEETING_CHANNEL, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { meeting, plus, postsTo, seedMembers, startCycleApps, textOf, tickAt } from '../support/cycle.js';
import { freshDatabaseUrl, freshQueuePrefix } from '../support/db.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { directMessage, eventCallback } from '../support/payloads.js';
import { runCli } from '../support/process.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';
import { TEST_SIGNING_SECRET } from '../support/signer.js';
import { SlackFake } from '../support/slack-fake.js';

const POLICE = 'U0POLIS01';
const MUNICIPALITY = 'U0KOMMUN1';

/** The picture of a meeting locks when it is compiled: by the clock at the start, or forced early from the CLI. */
describe('the compiled picture locks the week', () => {
  const clock = new ManualClock('2026-12-04T07:00:00Z');
  let cycle: Awaited<ReturnType<typeof startCycleApps>>;
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    cycle = await startCycleApps({ clock, members: { polisen: [POLICE], kommunen: [MUNICIPALITY] } });
    t = cycle.apps[0] as TestApp;
    db = createDatabase(t.databaseUrl);
  });
  afterAll(async () => {
    await db.destroy();
    await cycle.stop();
  });

  it('says where a submission made just after the start went: the week is locked, it went to the next meeting', async () => {
    const w49 = meeting('2026-W49', cycle.schedule);
    await tickAt([t], clock, plus(w49.startsAt, 1));
    const locked = await db
      .selectFrom('meetings')
      .selectAll()
      .where('week', '=', '2026-W49')
      .executeTakeFirst();
    expect(locked?.picture_locked_at).not.toBeNull();

    const answer = await t.command(POLICE, '/lagesbild', 'trafik: bilar på torget efter starten');
    expect(answer.body.text).toContain(
      'Mötet v. 49 har börjat och dess lägesbild är låst, så det här sparades till nästa möte, v. 50.',
    );
    expect(answer.body.text).toContain(
      '✅ Sparat för *Polisen, lokalpolisområde Västervik* till mötet fredag 11 december',
    );

    // The same in a direct message.
    const channel = t.slack.dmChannelOf(MUNICIPALITY);
    const ts = '1764838900.000100';
    const request = eventCallback(
      directMessage({ userId: MUNICIPALITY, channelId: channel, text: 'inget', ts }),
      { eventId: 'EvLOCK0001' },
    );
    expect((await t.send(request)).status).toBe(200);
    await t.slack.waitFor(() => postsTo(t.slack, channel).some((c) => c.args.thread_ts === ts));
    const reply = postsTo(t.slack, channel).find((c) => c.args.thread_ts === ts);
    expect(textOf(reply?.args ?? {})).toContain('Mötet v. 49 har börjat och dess lägesbild är låst');
    expect(textOf(reply?.args ?? {})).toContain('v. 50');
  });
});

/**
 * `npm run cli -- jobs …` as an operator runs it, on a Tuesday (CLI_CLOCK_START): every step defaults to the coming meeting,
 * and a step that makes no sense for it yet is refused in Swedish with exit code 1.
 */
describe('npm run cli -- jobs', () => {
  let slack: SlackFake;
  let databaseUrl: string;
  let db: Db;
  const queuePrefix = freshQueuePrefix();
  const now = new Date('2026-12-01T09:00:00Z');
  const coming = comingMeeting(now, FRIDAY_SCHEDULE);

  const cli = (env: Record<string, string>, ...args: string[]) =>
    runCli(args, {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      MEETING_CHANNEL_ID: MEETING_CHANNEL,
      ADMIN_USER_IDS: 'U0ADMIN01',
      CLI_CLOCK_START: now.toISOString(),
      ...env,
    });

  beforeAll(async () => {
    slack = await new SlackFake().start();
    slack.addChannel(MEETING_CHANNEL);
    databaseUrl = await freshDatabaseUrl();
    db = createDatabase(databaseUrl);
    await seedMembers(db, { polisen: [POLICE] });
  });
  afterAll(async () => {
    await db.destroy();
    await slack.stop();
  });

  it('refuses what cannot run with exit code 1: no step, compiling or summing up a meeting not yet begun', async () => {
    const [bare, compile, summary] = await Promise.all([
      cli({}, 'jobs'),
      cli({}, 'jobs', 'run', 'compile'),
      cli({}, 'jobs', 'run', 'summary'),
    ]);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('jobs run <call|agenda|lastcall|compile|summary|followup>');

    // Without --week: the coming meeting, never the previous one.
    expect(compile.stdout).toContain(`Möte ${coming.week},`);
    expect(summary.stdout).toContain(`Möte ${coming.week},`);
    expect(compile.code).toBe(1);
    expect(compile.stderr).toContain(`Mötet ${coming.week} har inte börjat än`);
    expect(compile.stderr).toContain('kör igen med --force');
    expect(summary.code).toBe(1);
    expect(summary.stderr).toContain(`Mötet ${coming.week} har inte hållits än`);
    expect(postsTo(slack, MEETING_CHANNEL)).toEqual([]);
  }, 60_000);

  it('compiles early with --force and locks the week: a later one-liner goes to the next meeting and says so', async () => {
    const forced = await cli({}, 'jobs', 'run', 'compile', '--week', coming.week, '--force');
    expect([forced.code, forced.stderr]).toEqual([0, '']);
    expect(forced.stdout).toContain('Den sammanställda lägesbilden: skickad.');
    expect(forced.stdout).toContain(
      `Lägesbilden till mötet ${coming.week} är nu låst: det som lämnas från och med nu går till nästa möte.`,
    );
    expect(textOf(postsTo(slack, MEETING_CHANNEL)[0]?.args ?? {})).toContain(
      `Lägesbild v. ${weekNumberOf(coming.week)}`,
    );

    const app = await startTestApp({ clock: new ManualClock(now), slack, databaseUrl, queuePrefix });
    try {
      await app.app.cycle.stopMinuteTick();
      const answer = await app.command(POLICE, '/lagesbild', 'trafik: efter sammanställningen');
      expect(answer.body.text).toContain(
        `Lägesbilden till mötet v. ${weekNumberOf(coming.week)} är redan sammanställd och låst`,
      );
      const next = shiftWeek(coming.week, 1, FRIDAY_SCHEDULE);
      const rows = await db.selectFrom('entries').select(['meeting_week', 'text']).execute();
      expect(rows).toEqual([{ meeting_week: next, text: 'efter sammanställningen' }]);
      // Nobody is asked to submit to a picture already posted.
      const call = await cli({}, 'jobs', 'run', 'call', '--week', coming.week, '--force');
      expect(call.code).toBe(1);
      expect(call.stderr).toContain('Inbjudan och sista påminnelsen skickas inte');
    } finally {
      await app.stop();
    }
  }, 90_000);

  it('sends the follow-up reminders of the coming meeting the day before it, and posts a past meeting’s summary', async () => {
    // A schedule whose meeting is tomorrow, so that today is the day before it.
    const tomorrow = DateTime.fromJSDate(now, { zone: 'Europe/Stockholm' }).plus({ days: 1 });
    const env = { MEETING_WEEKDAY: String(tomorrow.weekday) };
    await createPriority(
      db,
      {
        title: 'Trygg skolväg',
        description: null,
        areaKeys: ['trafik'],
        partyKeys: ['polisen'],
        contactUserId: null,
        followUpDate: tomorrow.toISODate() as string,
        effectShort: null,
        effectLong: null,
        citizenPromise: null,
        agreedWeek: shiftWeek(coming.week, -1, FRIDAY_SCHEDULE),
        idempotencyKey: 'cli-followup-1',
      },
      { actorUserId: POLICE, at: new Date(now.getTime() - 7 * 24 * 3600_000) },
    );
    const past = shiftWeek(coming.week, -2, FRIDAY_SCHEDULE);
    const [followup, summary] = await Promise.all([
      cli(env, 'jobs', 'run', 'followup'),
      cli({}, 'jobs', 'run', 'summary', '--week', past),
    ]);
    expect([followup.code, followup.stderr]).toEqual([0, '']);
    expect(followup.stdout).toContain('Påminnelserna om uppföljning: skickad.');
    expect(textOf(postsTo(slack, POLICE)[0]?.args ?? {})).toContain('Trygg skolväg');
    expect([summary.code, summary.stderr]).toEqual([0, '']);
    expect(summary.stdout).toContain('Beslut och uppföljning: skickad.');
    expect(
      postsTo(slack, MEETING_CHANNEL).some((c) =>
        textOf(c.args).includes(`Beslut och uppföljning v. ${weekNumberOf(past)}`),
      ),
    ).toBe(true);
  }, 90_000);
});
