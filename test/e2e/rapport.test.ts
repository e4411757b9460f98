import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { listEffects } from '../../src/db/effects.repository.js';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, MEETING_CHANNEL, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { drained, meeting, plus, startCycleApps, submitEntries, tickAt } from '../support/cycle.js';

/**
 * `/rapport` as people use it: a member asks and gets the report in a direct message, with its files in the
 * message's thread; someone else is refused and nothing is made; asking again while it is made gets one answer.
 * And the quarter's report the bot posts by itself after the quarter's last meeting: once, with two instances.
 */

const POLICE = 'U0POLIS01';
const OUTSIDER = 'U0UTANFOR';

describe('/rapport', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock('2026-12-01T09:00:00Z') });
    await t.app.cycle.stopMinuteTick();
    db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: POLICE, partyKey: 'polisen' }, ADMIN);
    await submitEntries(db, '2026-W45', 'polisen', 3);
    await submitEntries(db, '2026-W46', 'polisen', 2);
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  const directMessages = (userId: string) =>
    t.slack.succeeded('chat.postMessage').filter((args) => args.channel === userId);

  it('makes the report in the background and sends it with its files to the member’s direct messages', async () => {
    const answer = await t.command(POLICE, '/rapport', '2026');
    expect(answer.body.text).toContain('Rapporten för');
    expect(answer.body.text).toContain('tas fram');
    await t.slack.waitFor(() => t.slack.uploads.length > 0, 60_000, 'the report’s files');
    const [message] = directMessages(POLICE);
    expect(message?.text).toContain('2026');
    const dm = t.slack.dmChannelOf(POLICE);
    const posted = t.slack.messages.get(dm)?.find((m) => m.metadata !== undefined);
    const [upload] = t.slack.uploads;
    expect(upload).toMatchObject({ channel: dm, threadTs: posted?.ts });
    expect(upload?.files.map((f) => f.filename.split('.').pop()).sort()).toEqual(
      expect.arrayContaining(['csv', 'pdf', 'png', 'xlsx']),
    );
    expect(
      upload?.files
        .find((f) => f.filename.endsWith('.pdf'))
        ?.bytes.subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await drained(t.app.cycle, 60_000);
    const log = await db
      .selectFrom('access_log')
      .selectAll()
      .where('actor_user_id', '=', POLICE)
      .where('resource', '=', 'report')
      .execute();
    expect(log).toEqual([expect.objectContaining({ action: 'export', via: 'rapport', period: '2026' })]);
  }, 90_000);

  it('refuses someone who is no member of a party, and makes nothing', async () => {
    const before = t.slack.uploads.length;
    const answer = await t.command(OUTSIDER, '/rapport', '2026');
    expect(answer.body.text).toContain('bara för parternas medlemmar och administratörer');
    await drained(t.app.cycle);
    const orders = await db.selectFrom('effects').select('target').where('kind', '=', 'rapport').execute();
    expect(orders.filter((o) => o.target.startsWith(OUTSIDER))).toEqual([]);
    expect(t.slack.uploads).toHaveLength(before);
  });

  it('answers a bad period with examples, and asking twice at once with one report', async () => {
    const bad = await t.command(POLICE, '/rapport', '2031');
    expect(bad.body.text).toContain('/rapport');
    const before = directMessages(POLICE).length;
    const [first, second] = await Promise.all([
      t.command(POLICE, '/rapport', 'v45-v46'),
      t.command(POLICE, '/rapport', 'v45-v46'),
    ]);
    expect(
      [first.body.text, second.body.text].filter((text) => text.includes('tas redan fram')),
    ).toHaveLength(1);
    await drained(t.app.cycle, 60_000);
    expect(directMessages(POLICE).length - before).toBe(1);
  }, 90_000);

  it('sends the files after all when Slack failed their share with a 500: the next tick heals the order', async () => {
    const shares = () => t.slack.calls.filter((call) => call.method === 'files.completeUploadExternal');
    const before = { uploads: t.slack.uploads.length, shares: shares().length };
    t.slack.refuseWithServerError('files.completeUploadExternal', 500, 1);
    await t.command(POLICE, '/rapport', 'v46');
    await t.slack.waitFor(() => shares().length > before.shares, 60_000, 'the files’ share');
    await drained(t.app.cycle, 60_000);
    expect(t.slack.uploads).toHaveLength(before.uploads);
    // A 500 ends the attempt at once: the next tick finds the order's files in doubt and runs it again.
    await t.app.cycle.tick();
    await drained(t.app.cycle, 60_000);
    expect(t.slack.uploads).toHaveLength(before.uploads + 1);
    expect(t.slack.uploads.at(-1)?.channel).toBe(t.slack.dmChannelOf(POLICE));
  }, 120_000);
});

describe('the quarter’s report, posted by the bot', () => {
  const clock = new ManualClock('2026-09-22T09:00:00Z');
  let cycle: Awaited<ReturnType<typeof startCycleApps>>;

  beforeAll(async () => {
    cycle = await startCycleApps({ clock, replicas: 2, members: { polisen: [POLICE] } });
    const [first] = cycle.apps as [TestApp];
    await submitEntries(first.app.deps.db, '2026-W38', 'polisen', 4);
    await submitEntries(first.app.deps.db, '2026-W39', 'polisen', 2);
  });
  afterAll(async () => {
    await cycle.stop();
  });

  it('posts it once after the quarter’s last meeting, in the meeting’s thread, with two instances running', async () => {
    const last = meeting('2026-W39', cycle.schedule); // Friday 25 September; the next is in October
    await tickAt(cycle.apps, clock, plus(last.endsAt, 90), { ticksEach: 2, timeoutMs: 60_000 });
    await tickAt(cycle.apps, clock, plus(last.endsAt, 91), { ticksEach: 2, timeoutMs: 60_000 });
    const reports = cycle.slack
      .succeeded('chat.postMessage')
      .filter((args) => args.channel === MEETING_CHANNEL && String(args.text).includes('kvartal 3'));
    expect(reports).toHaveLength(1);
    expect(cycle.slack.uploads.filter((u) => u.channel === MEETING_CHANNEL)).toHaveLength(1);
    const [first] = cycle.apps as [TestApp];
    const effects = await listEffects(first.app.deps.db, '2026-W39', [
      'rapport-kvartal',
      'rapport-kvartal-filer',
    ]);
    expect(effects.map((e) => [e.kind, e.status])).toEqual([
      ['rapport-kvartal', 'done'],
      ['rapport-kvartal-filer', 'done'],
    ]);
    // The meeting before it was not the quarter's last: nothing for it.
    expect(await listEffects(first.app.deps.db, '2026-W38', ['rapport-kvartal'])).toEqual([]);
  }, 120_000);
});
