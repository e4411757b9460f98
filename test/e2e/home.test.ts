import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { postsTo } from '../support/cycle.js';
import { appHomeOpened, blockAction, eventCallback, viewSubmission } from '../support/payloads.js';

const POLIS = 'U0POLIS01';
const NOBODY = 'U0NOBODY01';
// Tuesday 1 December 2026, 10:00 in Stockholm: the coming meeting is Friday 4 December, week 49.
const TUESDAY = '2026-12-01T09:00:00Z';

let t: TestApp;
const clock = new ManualClock(TUESDAY);
let rows: { id: number }[] = [];

beforeAll(async () => {
  t = await startTestApp({ clock, env: { MEETING_URL: 'https://meet.example.se/fredagsmotet' } });
  const { db } = t.app.deps;
  await addMember(db, { userId: POLIS, partyKey: 'polisen' }, ADMIN);
  for (let i = 0; i < 40; i += 1) {
    const party = ['polisen', 'kommunen', 'regionen', 'kustbevakningen'][i % 4] as string;
    await addMember(db, { userId: `U0MEMBER${String(i).padStart(2, '0')}`, partyKey: party }, ADMIN);
  }
  // 500 active priorities, every fourth the police's, half of them due at Friday's meeting.
  rows = await db
    .insertInto('joint_priorities')
    .values(
      Array.from({ length: 500 }, (_, i) => ({
        title: `Gemensam prioritering nummer ${i + 1}`,
        agreed_week: '2026-W45',
        follow_up_date: i % 2 === 0 ? '2026-12-04' : '2026-12-18',
        status: 'aktiv' as const,
        created_by: POLIS,
        idempotency_key: `home-${i}`,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('joint_priority_areas')
    .values(rows.map((r) => ({ priority_id: r.id, area_key: 'trafik' })))
    .execute();
  await db
    .insertInto('joint_priority_parties')
    .values(
      rows.map((r, i) => ({
        priority_id: r.id,
        party_key: ['polisen', 'kommunen', 'regionen', 'kustbevakningen'][i % 4] as string,
      })),
    )
    .execute();
  await db
    .insertInto('entries')
    .values({
      meeting_week: '2026-W49',
      party_key: 'polisen',
      area_key: 'trafik',
      text: 'Fler hastighetsöverträdelser på E22.',
      author_user_id: POLIS,
      source: 'kommando',
      idempotency_key: 'home-entry-1',
    })
    .execute();
});
afterAll(async () => {
  await t.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: views as the fake decoded them.
type View = Record<string, any>;

/** Opens the user's Home tab and returns the view `views.publish` received for them. */
async function openHome(userId: string): Promise<View> {
  const before = t.slack.succeeded('views.publish').filter((a) => a.user_id === userId).length;
  const res = await t.send(eventCallback(appHomeOpened(userId)));
  expect(res.status).toBe(200);
  await t.slack.waitFor(
    () => t.slack.succeeded('views.publish').filter((a) => a.user_id === userId).length > before,
    10_000,
    `views.publish for ${userId}`,
  );
  return t.slack
    .succeeded('views.publish')
    .filter((a) => a.user_id === userId)
    .at(-1)?.view as View;
}

const textOf = (view: View) => JSON.stringify(view.blocks);

describe('App Home', () => {
  it('publishes the coming meeting, the party status with its button and the priorities within 100 blocks', async () => {
    const view = await openHome(POLIS);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const all = textOf(view);
    expect(all).toContain('v. 49, fredag 4 december kl. 09:00');
    expect(all).toContain('<https://meet.example.se/fredagsmotet|Anslut till mötet>');
    const status = view.blocks.find((b: View) => b.block_id === 'home_status_polisen');
    expect(status.text.text).toContain('lämnad, 1 iakttagelse');
    expect(status.accessory).toMatchObject({ action_id: 'lagesbild_oppna', value: '2026-W49' });
    expect(all).toContain('Era gemensamma prioriteringar (125 aktiva)');
    expect(all).toContain('Övriga gemensamma prioriteringar (375 aktiva)');
    expect(all).toMatch(/och \d+ till\* – se `\/prioritet lista`/);
    // The police's due ones come first and are marked.
    const firstPriority = view.blocks.find((b: View) => String(b.block_id).startsWith('home_prioritet_'));
    expect(firstPriority.text.text).toContain('ska följas upp');
    expect(firstPriority.text.text).toContain('Polisen, lokalpolisområde Västervik');
    expect(firstPriority.accessory.action_id).toBe('prioritet_folj_upp');
    expect(all).not.toContain('Medlemmar per part');
  });

  it('shows an admin in no party the priorities to work on, and the members per party', async () => {
    const view = await openHome(ADMIN);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const all = textOf(view);
    expect(all).toContain('Du är administratör men inte medlem i någon part');
    expect(all).not.toContain('Du är inte medlem');
    expect(all).not.toContain('lagesbild_oppna');
    expect(all).toContain('Gemensamma prioriteringar (500 aktiva)');
    expect(all).toContain('"action_id":"prioritet_ny"');
    expect(all).toContain('"action_id":"prioritet_folj_upp"');
    expect(all).toContain('Medlemmar per part');
    expect(all).toContain('<@U0MEMBER00>');
    expect(all).toContain('<@U0MEMBER03>');
    expect(all).toMatch(/Polisen, lokalpolisområde Västervik\* \(11\)/);
  });

  it('tells someone who is no member which admins to ask', async () => {
    const all = textOf(await openHome(NOBODY));
    expect(all).toContain('Du är inte medlem i någon part ännu');
    expect(all).toContain(`<@${ADMIN}>`);
    expect(all).not.toContain('lagesbild_oppna');
    // The priorities are for party members and admins only.
    expect(all).not.toContain('Gemensam prioritering nummer');
    expect(all).not.toContain('prioritet_');
  });

  it('shows the meeting as cancelled by an admin, with the reason, or by a holiday', async () => {
    await t.app.deps.db
      .insertInto('meetings')
      .values({ week: '2026-W49', cancelled: true, reason: 'Krisövning <!here>', changed_by: ADMIN })
      .execute();
    try {
      const all = textOf(await openHome(POLIS));
      expect(all).toContain('Mötet är inställt*: Krisövning &lt;!here&gt;.');
      expect(all).not.toContain('Anslut till mötet');
    } finally {
      await t.app.deps.db.deleteFrom('meetings').where('week', '=', '2026-W49').execute();
    }
    // Tuesday 22 December: the coming Friday is juldagen.
    clock.set('2026-12-22T09:00:00Z');
    try {
      expect(textOf(await openHome(POLIS))).toContain('Mötet är inställt*: juldagen.');
    } finally {
      clock.set(TUESDAY);
    }
  });

  it('republishes once for a burst of changes, and again after a publish that failed', async () => {
    const user = 'U0BURST01';
    const publishes = () =>
      t.slack.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === user);
    // Five changes in one burst: one publish, once the burst is over.
    for (let i = 0; i < 5; i += 1) t.app.deps.notify.homeChanged(user);
    await t.slack.waitFor(() => publishes().length === 1, 10_000, 'a publish after the burst');

    t.slack.failWith('views.publish', 'internal_error', 1);
    t.app.deps.notify.homeChanged(user);
    await t.slack.waitFor(() => publishes().some((c) => c.outcome === 'internal_error'));
    t.app.deps.notify.homeChanged(user);
    await t.slack.waitFor(() => publishes().filter((c) => c.outcome === 'ok').length === 2);
    // The burst made one publish, not one per change: one then, one that failed, one after it.
    expect(publishes().map((c) => c.outcome)).toEqual(['ok', 'internal_error', 'ok']);
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    const before = t.slack.succeeded('views.publish').filter((a) => a.user_id === POLIS).length;
    await t.send(eventCallback({ ...appHomeOpened(POLIS), tab: 'messages' }));
    // A home opened after it is published; the messages tab before it must have published nothing.
    await openHome(ADMIN);
    expect(t.slack.succeeded('views.publish').filter((a) => a.user_id === POLIS)).toHaveLength(before);
  });

  it('answers a Home button by direct message, there being no message to answer below', async () => {
    const calls = t.slack.calls.length;
    // A Följ upp pressed on a Home published while the user was still a member.
    const res = await t.send(
      blockAction({
        userId: NOBODY,
        actionId: 'prioritet_folj_upp',
        value: String(rows[0]?.id),
        view: { id: `VHOME${NOBODY}`, type: 'home' },
      }),
    );
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => postsTo(t.slack, NOBODY).length > 0, 10_000, 'a direct message');
    const [answer] = postsTo(t.slack, NOBODY);
    expect(String(answer?.args.text)).toContain('Du är inte medlem i någon part');
    expect(String(answer?.args.text)).toContain(`<@${ADMIN}>`);
    expect(t.slack.calls.slice(calls).some((c) => c.method === 'views.open')).toBe(false);
  });

  it('publishes Home again after a follow-up made from it', async () => {
    const id = rows[0]?.id as number; // the police's, due at Friday's meeting
    const before = await openHome(POLIS);
    expect(textOf(before)).toContain('Era gemensamma prioriteringar (125 aktiva)');
    const trigger = t.slack.succeeded('views.open').length;
    await t.send(
      blockAction({
        userId: POLIS,
        actionId: 'prioritet_folj_upp',
        value: String(id),
        view: { id: `VHOME${POLIS}`, type: 'home' },
      }),
    );
    await t.slack.waitFor(
      () => t.slack.succeeded('views.open').length > trigger,
      10_000,
      'the follow-up modal',
    );
    const modal = t.slack.succeeded('views.open').at(-1)?.view as View;
    const published = t.slack.succeeded('views.publish').filter((a) => a.user_id === POLIS).length;
    const res = await t.send(
      viewSubmission({
        userId: POLIS,
        callbackId: 'prioritet_uppfoljning',
        privateMetadata: modal.private_metadata,
        values: {
          note: { value: { type: 'plain_text_input', value: 'Klart, skyltarna sitter uppe.' } },
          status: { value: { type: 'static_select', selected_option: { value: 'genomford' } } },
          followUpDate: { value: { type: 'datepicker', selected_date: null } },
        },
      }),
    );
    expect(res.status).toBe(200);
    await t.slack.waitFor(
      () => t.slack.succeeded('views.publish').filter((a) => a.user_id === POLIS).length > published,
      10_000,
      'Home published again',
    );
    const after = t.slack
      .succeeded('views.publish')
      .filter((a) => a.user_id === POLIS)
      .at(-1)?.view as View;
    expect(textOf(after)).toContain('Era gemensamma prioriteringar (124 aktiva)');
    expect(textOf(after)).not.toContain(`home_prioritet_${id}"`);
  });
});
