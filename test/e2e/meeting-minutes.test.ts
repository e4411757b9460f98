/**
 * The meeting's minutes: proposals on the agenda, decisions, notes and attendance during the meeting, closing
 * results, and the minutes posted after it.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPriority } from '../../src/db/priority-changes.repository.js';
import type { MeetingSchedule } from '../../src/domain/schedule.js';
import { ADMIN, MEETING_CHANNEL, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { buttonsOf, meeting, plus, postsTo, startCycleApps, textOf, tickAt } from '../support/cycle.js';
import {
  appHomeOpened,
  blockAction,
  eventCallback,
  slashCommand,
  triggerId,
  type ViewState,
  viewSubmission,
} from '../support/payloads.js';
import type { SlackFake } from '../support/slack-fake.js';
import { checkedAck } from '../support/view-acks.js';

/**
 * The meeting's minutes, as people use them through Slack over one week: a priority proposed with `/prioritet`
 * shows on the agenda's point 3 with its proposer's name and its responsible parties are told; during the
 * meeting `/protokoll` and the agenda's buttons record decisions, notes and attendance; Klarmarkera asks for
 * the result; after the meeting "Beslut och uppföljning" carries it all, naming people without pinging them.
 *
 * Monday 30 November 2026; the meeting is Friday 4 December (v. 49) at 09:00.
 */
describe('the meeting’s minutes', () => {
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const POL = 'U0MPOL1';
  const KOM = 'U0MKOM1';
  const REG = 'U0MREG1';
  const NOBODY = 'U0MNOBODY';
  const WEEK = '2026-W49';
  let t: TestApp;
  let slack: SlackFake;
  let schedule: MeetingSchedule;
  let stop: () => Promise<void>;
  let proposed = 0;
  let due = 0;

  beforeAll(async () => {
    const started = await startCycleApps({
      clock,
      members: { polisen: [POL], kommunen: [KOM], regionen: [REG] },
    });
    [t] = started.apps as [TestApp];
    slack = started.slack;
    schedule = started.schedule;
    stop = started.stop;
    slack
      .addUser({ id: POL, name: 'Per Polis' })
      .addUser({ id: KOM, name: 'Karin Kommun' })
      .addUser({ id: REG, name: 'Rita Region' })
      .addUser({ id: ADMIN, name: 'Ada Admin' })
      .addUser({ id: NOBODY, name: 'Nils Utanför' });
    slack.typedByUsers('<!channel>');
    ({
      priority: { id: due },
    } = await createPriority(
      t.app.deps.db,
      {
        title: 'Hastighetskontroller vid Breviksskolan',
        description: null,
        areaKeys: ['trafik'],
        partyKeys: ['polisen'],
        contactUserId: null,
        followUpDate: '2026-12-04',
        effectShort: null,
        effectLong: null,
        citizenPromise: null,
        agreedWeek: '2026-W47',
        idempotencyKey: randomUUID(),
      },
      { actorUserId: POL, at: new Date('2026-11-20T09:30:00Z') },
    ));
  });
  afterAll(async () => {
    await stop?.();
  });

  // biome-ignore lint/suspicious/noExplicitAny: views and acks as free-form JSON.
  type View = Record<string, any>;

  async function opened(send: () => Promise<Response>): Promise<View> {
    const before = slack.succeeded('views.open').length;
    expect((await send()).status).toBe(200);
    await slack.waitFor(() => slack.succeeded('views.open').length > before, 10_000, 'views.open');
    return slack.succeeded('views.open').at(-1)?.view as View;
  }

  async function submit(userId: string, callbackId: string, metadata: string, values: ViewState) {
    const res = await t.send(viewSubmission({ userId, callbackId, privateMetadata: metadata, values }));
    expect(res.status).toBe(200);
    const body = await res.text();
    return checkedAck(body === '' ? null : JSON.parse(body));
  }

  /** Polls the database until `check` holds (what is done after a commit lands a moment later). */
  async function stored(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const press = (userId: string, actionId: string, value: string) =>
    opened(() => t.send(blockAction({ userId, actionId, value, responseUrl: slack.responseUrl() })));
  const command = async (userId: string, name: string, text: string) =>
    String((await t.command(userId, name, text)).body.text);
  const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
  const dmsTo = (userId: string, containing: string) =>
    postsTo(slack, userId).filter((p) => textOf(p.args).includes(containing));

  it('shows a priority proposed with /prioritet on the agenda with its proposer, and tells its parties once', async () => {
    const form = await opened(() =>
      t.send(
        slashCommand({
          command: '/prioritet',
          userId: POL,
          responseUrl: slack.responseUrl(),
          triggerId: triggerId(),
        }),
      ),
    );
    const values: ViewState = {
      title: text('Trygghetsvandring vid resecentrum'),
      description: text(''),
      areas: { value: { type: 'multi_static_select', selected_options: [{ value: 'narkotika' }] } },
      parties: {
        value: {
          type: 'multi_static_select',
          selected_options: [{ value: 'polisen' }, { value: 'kommunen' }],
        },
      },
      contactUserId: { value: { type: 'users_select', selected_user: null } },
      followUpDate: { value: { type: 'datepicker', selected_date: null } },
      effectShort: text(''),
      effectLong: text(''),
      citizenPromise: text(''),
    };
    expect(await submit(POL, 'prioritet_spara', form.private_metadata, values)).toBeNull();
    // Sent again (a retry): one priority, one message each.
    expect(await submit(POL, 'prioritet_spara', form.private_metadata, values)).toBeNull();
    const row = await t.app.deps.db
      .selectFrom('joint_priorities')
      .select('id')
      .where('title', '=', 'Trygghetsvandring vid resecentrum')
      .executeTakeFirstOrThrow();
    proposed = row.id;
    const notice = 'Ny gemensam prioritering där din part är ansvarig';
    await slack.waitFor(() => dmsTo(KOM, notice).length > 0, 10_000, 'the notice');
    // Asked from Slack once the priority was committed, for the agenda to name the proposer.
    await stored(async () => {
      const row = await t.app.deps.db
        .selectFrom('user_names')
        .select('display_name')
        .where('user_id', '=', POL)
        .executeTakeFirst();
      return row?.display_name === 'Per Polis';
    }, 'the proposer’s name');
    expect(dmsTo(KOM, notice)).toHaveLength(1);
    expect(textOf(dmsTo(KOM, notice)[0]?.args ?? {})).toContain(
      `<@${POL}> registrerade den till mötet v. 49; den följs upp fredag 11 december 2026.`,
    );
    expect(dmsTo(POL, notice)).toEqual([]);
    expect(dmsTo(REG, notice)).toEqual([]);

    const m = meeting(WEEK, schedule);
    await tickAt([t], clock, m.agendaAt);
    const [agenda] = postsTo(slack, MEETING_CHANNEL).filter((p) => p.args.thread_ts === undefined);
    const all = textOf(agenda?.args ?? {});
    const point3 = all.slice(all.indexOf('3. Nya gemensamma prioriteringar'), all.indexOf('4. Övrigt'));
    expect(point3).toContain(
      `• *#${proposed} Trygghetsvandring vid resecentrum* – föreslagen av Per Polis · Ansvariga: Polisen, lokalpolisområde Västervik, Västerviks kommun`,
    );
    expect(point3).not.toContain('<@');
    expect(buttonsOf(agenda?.args ?? {})).toEqual(
      expect.arrayContaining([
        { actionId: 'protokoll_anteckna', value: WEEK },
        { actionId: 'protokoll_narvaro', value: WEEK },
      ]),
    );
  });

  it('records decisions, notes and attendance during the meeting, by command and by the agenda’s buttons', async () => {
    const m = meeting(WEEK, schedule);
    clock.set(plus(m.startsAt, 10));
    expect(await command(KOM, '/protokoll', 'Kommunen bjuder in till trygghetsvandring i januari.')).toBe(
      '✅ Noteringen står i protokollet för mötet v. 49:\n> Kommunen bjuder in till trygghetsvandring i januari.',
    );
    expect(
      await command(POL, '/protokoll', 'beslut: Polisen och kommunen samordnar kamerabevakningen.'),
    ).toContain('✅ Beslutet står i protokollet för mötet v. 49:');
    // Never stored, not even for a moment: refused in the ack.
    const refused = await t.command(POL, '/protokoll', 'Anmälan gäller 121212-1212');
    expect(refused.inAck).toBe(true);
    expect(refused.body.text).toContain('person- eller samordningsnummer');
    const help = await command(NOBODY, '/protokoll', 'hjälp');
    expect(help).toContain('`/protokoll beslut: <text>` – skriver ett beslut i protokollet');
    expect(help).toContain('`/protokoll närvaro <part> [<part> …]`');
    expect(await command(NOBODY, '/protokoll', 'Jag vill också skriva.')).toContain(
      'Protokollet kan bara parternas medlemmar och administratörer skriva i',
    );
    expect(await command(POL, '/protokoll', 'närvaro polisen kommunen')).toBe(
      '✅ Närvarande vid mötet v. 49: Polisen, lokalpolisområde Västervik, Västerviks kommun.',
    );
    expect(await command(POL, '/protokoll', 'närvaro räddningstjänsten')).toContain(
      'Jag känner inte till parten ”räddningstjänsten”',
    );

    // The agenda's buttons: attendance with those marked preselected, and a note.
    const attendance = await press(REG, 'protokoll_narvaro', WEEK);
    const parties = attendance.blocks.find((b: View) => b.block_id === 'parties');
    expect(parties.element.initial_options.map((o: View) => o.value)).toEqual(['polisen', 'kommunen']);
    expect(
      await submit(REG, 'protokoll_narvaro', attendance.private_metadata, {
        parties: {
          value: {
            type: 'multi_static_select',
            selected_options: [{ value: 'polisen' }, { value: 'kommunen' }, { value: 'regionen' }],
          },
        },
      }),
    ).toBeNull();
    const note = await press(REG, 'protokoll_anteckna', WEEK);
    const empty = await submit(REG, 'protokoll_anteckning', note.private_metadata, {
      kind: { value: { type: 'radio_buttons', selected_option: { value: 'notering' } } },
      text: text('  '),
    });
    expect(empty.errors.text).toBe('Skriv vad som ska stå i protokollet.');
    const noteValues: ViewState = {
      kind: { value: { type: 'radio_buttons', selected_option: { value: 'notering' } } },
      text: text('Regionen återkommer om <!channel> ambulansläget.'),
    };
    expect(await submit(REG, 'protokoll_anteckning', note.private_metadata, noteValues)).toBeNull();
    expect(await submit(REG, 'protokoll_anteckning', note.private_metadata, noteValues)).toBeNull();

    const shown = (await t.command(KOM, '/protokoll', 'visa')).body;
    const so = JSON.stringify(shown.blocks);
    expect(so).toContain(
      '*Närvarande:* Polisen, lokalpolisområde Västervik, Västerviks kommun, Region Kalmar län',
    );
    expect(so).toContain('*Inte närvarande:* Kustbevakningen');
    expect(so).toContain('Regionen återkommer om &lt;!channel&gt; ambulansläget.');

    const notes = await t.app.deps.db.selectFrom('meeting_notes').select(['kind', 'meeting_week']).execute();
    expect(notes).toHaveLength(3);
    expect(notes.every((n) => n.meeting_week === WEEK)).toBe(true);
    const logged = await t.app.deps.db
      .selectFrom('access_log')
      .select(['actor_user_id', 'resource', 'action'])
      .where('resource', 'in', ['note', 'meeting'])
      .execute();
    expect(logged.filter((r) => r.action === 'change' && r.resource === 'note')).toHaveLength(3);
    expect(logged.filter((r) => r.action === 'change' && r.resource === 'meeting')).toHaveLength(2);
    expect(logged.some((r) => r.action === 'read' && r.actor_user_id === KOM)).toBe(true);
  });

  it('asks for the result when a priority is closed, and lists the closed ones with it', async () => {
    const form = await press(POL, 'prioritet_klar', String(due));
    expect(form.callback_id).toBe('prioritet_avsluta');
    const none = await submit(POL, 'prioritet_avsluta', form.private_metadata, { result: text('') });
    expect(none.errors.result).toBe(
      'Skriv resultatet: vad prioriteringen ledde till, eller varför den avbryts.',
    );
    const identifying = await submit(POL, 'prioritet_avsluta', form.private_metadata, {
      result: text('Gällde 121212-1212'),
    });
    expect(identifying.errors.result).toContain('personnummer');
    expect(
      await submit(POL, 'prioritet_avsluta', form.private_metadata, {
        result: text('Tre kontroller gjorda.'),
      }),
    ).toBeNull();

    const list = (await t.command(POL, '/prioritet', 'lista genomförda')).body;
    const listed = JSON.stringify(list.blocks);
    expect(listed).toContain('1 genomförd prioritering');
    expect(listed).toContain('Hastighetskontroller vid Breviksskolan');
    expect(listed).toContain('*Resultat* (v. 49): Tre kontroller gjorda.');
    expect(JSON.stringify((await t.command(POL, '/prioritet', 'lista avbrutna')).body.blocks)).toContain(
      '0 avbrutna prioriteringar',
    );
  });

  it('posts the minutes after the meeting: attendance, the priorities, Övrigt, and names without pings', async () => {
    const m = meeting(WEEK, schedule);
    await tickAt([t], clock, m.endsAt);
    await tickAt([t], clock, plus(m.endsAt, 1));
    const summaries = postsTo(slack, MEETING_CHANNEL).filter((p) =>
      textOf(p.args).includes('Beslut och uppföljning v. 49'),
    );
    expect(summaries).toHaveLength(1);
    const all = textOf(summaries[0]?.args ?? {});
    expect(all).toContain(
      '*Närvarande:* Polisen, lokalpolisområde Västervik, Västerviks kommun, Region Kalmar län\n*Inte närvarande:* Kustbevakningen',
    );
    expect(all).toContain('Genomförda (1)');
    expect(all).toContain('*Resultat* (Per Polis): Tre kontroller gjorda.');
    // Proposed before the meeting: reported under "Mellan mötena".
    expect(all.indexOf('Trygghetsvandring vid resecentrum')).toBeGreaterThan(all.indexOf('*Mellan mötena*'));
    const other = all.slice(all.indexOf('*Övrigt*'));
    expect(other).toContain('*Beslut*\n• Polisen och kommunen samordnar kamerabevakningen. _(Per Polis)_');
    expect(other).toContain(
      '*Noteringar*\n• Kommunen bjuder in till trygghetsvandring i januari. _(Karin Kommun)_',
    );
    expect(other).toContain('• Regionen återkommer om &lt;!channel&gt; ambulansläget. _(Rita Region)_');
    expect(other.split('Regionen återkommer')).toHaveLength(2);
    expect(all).not.toContain('<@');
    expect(all).not.toContain('<!channel>');
  });

  it('tells a removed member, and shows the admins every party’s status on App Home', async () => {
    const answer = await command(ADMIN, '/samverkan', `medlem ta bort <@${REG}|rita> regionen`);
    expect(answer).toContain('är inte längre medlem i');
    await slack.waitFor(() => dmsTo(REG, 'har tagit bort dig som medlem i').length > 0, 10_000, 'the DM');
    expect(textOf(dmsTo(REG, 'har tagit bort dig')[0]?.args ?? {})).toContain(
      `<@${ADMIN}> har tagit bort dig som medlem i *Region Kalmar län* i Fredagsmötet.`,
    );

    const before = slack.succeeded('views.publish').filter((a) => a.user_id === ADMIN).length;
    expect((await t.send(eventCallback(appHomeOpened(ADMIN)))).status).toBe(200);
    await slack.waitFor(
      () => slack.succeeded('views.publish').filter((a) => a.user_id === ADMIN).length > before,
      10_000,
      'the admin’s Home',
    );
    const home = JSON.stringify(
      slack
        .succeeded('views.publish')
        .filter((a) => a.user_id === ADMIN)
        .at(-1)?.view,
    );
    expect(home).toContain('Parternas lägesbild till nästa möte');
    for (const party of [
      'Polisen, lokalpolisområde Västervik',
      'Västerviks kommun',
      'Region Kalmar län',
      'Kustbevakningen',
    ])
      expect(home).toContain(`*${party}*: inte lämnad ännu`);
    expect(home).toContain('0 av 4 parter har lämnat lägesbild.');
  });
});
