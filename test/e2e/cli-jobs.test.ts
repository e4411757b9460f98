import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { getEffect, listEffects } from '../../src/db/effects.repository.js';
import { MEETING_CHANNEL, startTestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { drained, meeting, nothingToReport, plus, postsTo, seedMembers, textOf } from '../support/cycle.js';
import { freshDatabaseUrl, freshQueuePrefix } from '../support/db.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { startCli } from '../support/process.js';
import { TEST_SIGNING_SECRET } from '../support/signer.js';
import { SlackFake } from '../support/slack-fake.js';

/** `npm run cli -- jobs run …` as an operator runs it, from an empty directory with only this environment. */
describe('npm run cli -- jobs run', () => {
  let slack: SlackFake;
  let databaseUrl: string;
  let db: Db;
  // The app's queues and channel turns, which the CLI shares.
  const queuePrefix = freshQueuePrefix();

  /** Starts a run as an operator does, from an empty directory with only this environment. */
  const start = (...args: string[]) =>
    startCli(args, {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      MEETING_CHANNEL_ID: MEETING_CHANNEL,
      ADMIN_USER_IDS: 'U0ADMIN01',
      // Tuesday of week 49: the coming meeting is 2026-W49 whatever day the tests run.
      CLI_CLOCK_START: '2026-12-01T09:00:00Z',
    });
  const cli = (...args: string[]) => start(...args).exited;

  beforeAll(async () => {
    slack = await new SlackFake().start();
    slack.addChannel(MEETING_CHANNEL);
    databaseUrl = await freshDatabaseUrl();
    db = createDatabase(databaseUrl);
    await seedMembers(db, { polisen: ['U0POL1'], kommunen: ['U0KOM1'] });
    await nothingToReport(db, '2026-W49', 'regionen');
    await nothingToReport(db, '2026-W49', 'kustbevakningen');
  });
  afterAll(async () => {
    await db.destroy();
    await slack.stop();
  });

  it('posts the agenda once; a second run does nothing and says so; --force posts again', async () => {
    // Each run starts a process; the independent ones run side by side to keep the test short.
    const agendaRuns = (async () => {
      const first = await cli('jobs', 'run', 'agenda', '--week', '2026-W49');
      const second = await cli('jobs', 'run', 'agenda', '--week=v49');
      const afterSecond = postsTo(slack, MEETING_CHANNEL).length;
      const forced = await cli('jobs', 'run', 'agenda', '--week', '2026-W49', '--force');
      return { first, second, afterSecond, forced };
    })();
    const [{ first, second, afterSecond, forced }, call, bad] = await Promise.all([
      agendaRuns,
      cli('jobs', 'run', 'call', '--week', '2026-W49'),
      cli('jobs', 'run', 'agendan'),
    ]);

    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Möte 2026-W49, fredag 4 december kl. 09:00.');
    expect(first.stdout).toContain('Agendan: skickad.');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Agendan: var redan gjord; inget skickades igen. Använd --force');
    expect(afterSecond).toBe(1);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Agendan: skickad.');
    const agendas = postsTo(slack, MEETING_CHANNEL);
    expect(agendas).toHaveLength(2);
    expect(textOf(agendas[0]?.args ?? {})).toContain('Fredagsmötet v. 49');

    // The call: one direct message to each member of a party that has not submitted.
    expect(call.code).toBe(0);
    expect(call.stdout).toContain('Inbjudan att lämna lägesbild: 2 meddelanden skickade.');
    expect(postsTo(slack, 'U0POL1')).toHaveLength(1);
    expect(postsTo(slack, 'U0KOM1')).toHaveLength(1);

    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'Okänt steg: agendan. Välj ett av call, agenda, lastcall, compile, summary, followup.',
    );
    // Five processes, each loading the app through tsx: slow on a loaded two-core machine.
  }, 120_000);

  it('sends a second call to no one, and says so', async () => {
    const again = await cli('jobs', 'run', 'call', '--week', '2026-W49');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Inbjudan att lämna lägesbild: 2 var redan gjorda; inget skickades igen.');
    expect(postsTo(slack, 'U0POL1')).toHaveLength(1);
  });

  it('replies in the agenda’s thread with the last call and the compiled picture, once each, a second apart', async () => {
    const before = postsTo(slack, MEETING_CHANNEL).length;
    // The last call of the coming meeting and the picture of the one before it: two processes, one channel.
    const [lastcall, compile] = await Promise.all([
      cli('jobs', 'run', 'lastcall', '--week', '2026-W49'),
      cli('jobs', 'run', 'compile', '--week', '2026-W48'),
    ]);
    expect([lastcall.code, lastcall.stderr]).toEqual([0, '']);
    expect(lastcall.stdout).toContain('Sista påminnelsen: skickad.');
    expect([compile.code, compile.stderr]).toEqual([0, '']);
    expect(compile.stdout).toContain('Den sammanställda lägesbilden: skickad.');

    const [agenda] = await listEffects(db, '2026-W49', ['agenda']);
    const replies = postsTo(slack, MEETING_CHANNEL).slice(before);
    const texts = replies.map((c) => textOf(c.args));
    const last = replies.find((c) => textOf(c.args).includes('Sista chansen'));
    expect(last?.args.thread_ts).toBe(agenda?.messageTs);
    expect(textOf(last?.args ?? {})).toContain('*Västerviks kommun* – <@U0KOM1>');
    expect(texts.find((t) => t.includes('Lägesbild v. 48'))).toBeDefined();
    // Two processes, one channel: the shared turns in Redis keep them a second apart.
    expect(Math.abs((replies[1]?.at ?? 0) - (replies[0]?.at ?? 0))).toBeGreaterThanOrEqual(1_000);

    const [again, compiledAgain] = await Promise.all([
      cli('jobs', 'run', 'lastcall', '--week', '2026-W49'),
      cli('jobs', 'run', 'compile', '--week', '2026-W48'),
    ]);
    expect(again.stdout).toContain('Sista påminnelsen: var redan gjord; inget skickades igen.');
    expect(compiledAgain.stdout).toContain(
      'Den sammanställda lägesbilden: var redan gjord; inget skickades igen.',
    );
    expect(postsTo(slack, MEETING_CHANNEL).slice(before)).toHaveLength(2);

    // The coming meeting's picture before it starts: only with --force, in the agenda's thread, and it locks.
    const early = await cli('jobs', 'run', 'compile', '--week', '2026-W49', '--force');
    expect([early.code, early.stderr]).toEqual([0, '']);
    expect(early.stdout).toContain('Lägesbilden till mötet 2026-W49 är nu låst');
    const picture = postsTo(slack, MEETING_CHANNEL).at(-1);
    expect(picture?.args.thread_ts).toBe(agenda?.messageTs);
    expect(textOf(picture?.args ?? {})).toContain('Lägesbild v. 49');
  }, 90_000);

  it.each([
    ['was not posted', '2026-W51'],
    ['was posted but its answer was lost', '2027-W01'],
  ])(
    'lets the app finish an agenda the CLI left in doubt after a Slack 500 (it %s), once',
    async (what, week) => {
      const app = await startTestApp({
        clock: new ManualClock('2026-11-24T09:00:00Z'),
        slack,
        databaseUrl,
        queuePrefix,
      });
      try {
        await app.app.cycle.stopMinuteTick();
        const weekNumber = Number(week.slice(-2));
        const agendas = () =>
          postsTo(slack, MEETING_CHANNEL).filter(
            (c) => c.args.thread_ts === undefined && textOf(c.args).includes(`v. ${weekNumber}`),
          );
        if (what === 'was not posted') slack.refuseWithServerError('chat.postMessage', 500, 1);
        else slack.answerServerError('chat.postMessage', 500, 1);
        const run = await cli('jobs', 'run', 'agenda', '--week', week);
        expect(run.stdout).toContain('letar efter det inom tre minuter');
        expect(agendas()).toHaveLength(what === 'was not posted' ? 0 : 1);

        // Nobody runs anything again: the app's next tick, well outside the agenda's window, finishes it.
        await app.app.cycle.tick();
        await drained(app.app.cycle);
        expect(agendas()).toHaveLength(1);
        const effect = await getEffect(db, { meetingWeek: week, kind: 'agenda', target: MEETING_CHANNEL });
        expect(effect).toMatchObject({
          status: 'done',
          messageTs: agendas()[0]?.args.ts ?? effect?.messageTs,
        });
        await app.app.cycle.tick();
        await drained(app.app.cycle);
        expect(agendas()).toHaveLength(1);
      } finally {
        slack.clearFailures();
        await app.stop();
      }
    },
    90_000,
  );

  it('posts the agenda once when a run and the app’s tick go for it at the same moment', async () => {
    const week = '2026-W50';
    const clock = new ManualClock('2026-11-24T09:00:00Z');
    const app = await startTestApp({ clock, slack, databaseUrl, queuePrefix });
    try {
      await app.app.cycle.stopMinuteTick();
      const m = meeting(week, app.app.deps.config.schedule);
      for (const party of ['polisen', 'kommunen', 'regionen', 'kustbevakningen'])
        await nothingToReport(db, week, party);
      const agendas = () =>
        postsTo(slack, MEETING_CHANNEL).filter(
          (c) => c.args.thread_ts === undefined && textOf(c.args).includes('v. 50'),
        );
      // Slack takes long enough with the post for the two attempts to overlap.
      slack.slowDown('chat.postMessage', 2_000);
      const run = start('jobs', 'run', 'agenda', '--week', week);
      await slack.waitFor(() => run.stdout().includes('Möte 2026-W50'), 60_000, 'the run to start');
      clock.set(plus(m.agendaAt, 1));
      await app.app.cycle.tick();
      const result = await run.exited;
      await drained(app.app.cycle);
      slack.clearFailures();

      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Agendan: (skickad|var redan gjord)/);
      expect(agendas()).toHaveLength(1);
      const effect = await getEffect(db, { meetingWeek: week, kind: 'agenda', target: MEETING_CHANNEL });
      const stored = slack.messages
        .get(MEETING_CHANNEL)
        ?.filter((message) => message.metadata?.event_payload.key === `${week}/agenda/${MEETING_CHANNEL}`);
      expect(stored).toHaveLength(1);
      expect(effect).toMatchObject({ status: 'done', messageTs: stored?.[0]?.ts });
    } finally {
      await app.stop();
    }
  }, 90_000);
});
