/**
 * Joint priorities in the weekly cycle, with two instances: the agenda's due priorities, the summary of
 * decisions after the meeting, and the follow-up reminders the day before.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEffects } from '../../src/db/effects.repository.js';
import { listAreas } from '../../src/db/parties.repository.js';
import { getPriority } from '../../src/db/priorities.repository.js';
import {
  changePriorityStatus,
  createPriority,
  editPriority,
  type NewPriority,
} from '../../src/db/priority-changes.repository.js';
import type { MeetingSchedule } from '../../src/domain/schedule.js';
import { MEETING_CHANNEL, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { buttonsOf, meeting, plus, postsTo, seedMembers, textOf, tickAt } from '../support/cycle.js';
import { blockAction, type ViewState, viewSubmission } from '../support/payloads.js';
import { SlackFake } from '../support/slack-fake.js';

/**
 * The joint priorities in the weekly cycle, run by two instances sharing Postgres and the queue prefix as
 * replicas do: point 2 of the agenda, "Beslut och uppföljning" after the meeting, and the day-before reminder.
 * The changes during the meeting go through the app (commands, buttons, modals), so they are bound to the
 * meeting the way users' are.
 */
describe('joint priorities in the weekly cycle, with two instances', () => {
  const clock = new ManualClock('2026-11-24T09:00:00Z');
  let slack: SlackFake;
  let a: TestApp;
  let b: TestApp;
  let schedule: MeetingSchedule;
  const POL = 'U0PPOL1';
  const KOM = 'U0PKOM1';
  const ids: Record<string, number> = {};

  /** Both instances tick at once, twice each, as their crons would, then both queues run dry. */
  const tickBoth = async (at: Date) => {
    await tickAt([a, b], clock, at, { ticksEach: 2 });
  };

  async function seed(name: string, over: Partial<NewPriority>): Promise<number> {
    const { priority } = await createPriority(
      a.app.deps.db,
      {
        title: name,
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
        ...over,
      },
      { actorUserId: POL, at: new Date('2026-11-20T09:30:00Z') },
    );
    ids[name] = priority.id;
    return priority.id;
  }

  /** The view `views.open` received once `send` has led to it. */
  async function opened(send: () => Promise<Response>) {
    const before = slack.succeeded('views.open').length;
    expect((await send()).status).toBe(200);
    await slack.waitFor(() => slack.succeeded('views.open').length > before, 10_000, 'views.open');
    // biome-ignore lint/suspicious/noExplicitAny: a view as the fake decoded it.
    return slack.succeeded('views.open').at(-1)?.view as Record<string, any>;
  }

  async function submit(
    app: TestApp,
    userId: string,
    callbackId: string,
    metadata: string,
    values: ViewState,
  ) {
    const res = await app.send(viewSubmission({ userId, callbackId, privateMetadata: metadata, values }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  }

  const note = (text: string): ViewState => ({
    note: { value: { type: 'plain_text_input', value: text } },
    status: { value: { type: 'static_select', selected_option: null } },
    followUpDate: { value: { type: 'datepicker', selected_date: null } },
  });

  beforeAll(async () => {
    slack = await new SlackFake().start();
    slack.addChannel(MEETING_CHANNEL);
    slack.addUser({ id: POL, name: 'Per Polis' }).addUser({ id: KOM, name: 'Karin Kommun' });
    slack.latencyMs = 20; // so that the two instances' workers overlap
    a = await startTestApp({ clock, slack });
    b = await startTestApp({ clock, slack, databaseUrl: a.databaseUrl, queuePrefix: a.queuePrefix });
    await Promise.all([a.app.cycle.stopMinuteTick(), b.app.cycle.stopMinuteTick()]);
    schedule = a.app.deps.config.schedule;
    await seedMembers(a.app.deps.db, { polisen: [POL], kommunen: [KOM] });

    await seed('Hastighetskontroller vid Breviksskolan', { areaKeys: ['trafik'] });
    await seed('Langning vid busstationen', {
      areaKeys: ['narkotika', 'unga'],
      partyKeys: ['kommunen'],
      followUpDate: '2026-11-27',
    });
    await seed('Rekrytering till gäng', { areaKeys: ['organiserad'] });
    await seed('Ännu inte aktuell', { followUpDate: '2026-12-18' });
    const closed = await seed('Redan genomförd', {});
    await changePriorityStatus(a.app.deps.db, closed, 'genomford', {
      actorUserId: POL,
      meetingWeek: '2026-W48',
      at: new Date('2026-11-27T09:30:00Z'),
    });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await slack?.stop();
  });

  it('lists the due priorities on the agenda’s point 2, grouped by area in the areas’ order, each with Följ upp', async () => {
    const m = meeting('2026-W49', schedule);
    await tickBoth(m.agendaAt);
    await tickBoth(plus(m.agendaAt, 1));
    const agendas = postsTo(slack, MEETING_CHANNEL).filter((p) => p.args.thread_ts === undefined);
    expect(agendas).toHaveLength(1);
    const agenda = agendas[0]?.args ?? {};
    const text = textOf(agenda);
    const point2 = text.slice(
      text.indexOf('2. Uppföljning av gemensamma prioriteringar'),
      text.indexOf('3. Nya gemensamma prioriteringar'),
    );
    expect(point2).not.toBe('');

    // Grouped by each priority's first area in the areas' own order (langning: unga before narkotika), the
    // groups in that order too.
    const areas = await listAreas(a.app.deps.db);
    const name = (key: string) => areas.find((area) => area.key === key)?.name as string;
    const expected: Array<[string, string]> = [
      [name('organiserad'), 'Rekrytering till gäng'],
      [name('unga'), 'Langning vid busstationen'],
      [name('trafik'), 'Hastighetskontroller vid Breviksskolan'],
    ].sort(
      (x, y) => areas.findIndex((area) => area.name === x[0]) - areas.findIndex((area) => area.name === y[0]),
    ) as Array<[string, string]>;
    let at = 0;
    for (const [heading, title] of expected) {
      const headingAt = point2.indexOf(`*${heading}*`, at);
      const titleAt = point2.indexOf(title, headingAt);
      expect(headingAt).toBeGreaterThanOrEqual(at);
      expect(titleAt).toBeGreaterThan(headingAt);
      at = titleAt;
    }
    expect(point2).toContain('Ansvariga: Västerviks kommun');
    expect(point2).not.toContain('Ännu inte aktuell');
    expect(point2).not.toContain('Redan genomförd');

    const followUps = buttonsOf(agenda).filter((button) => button.actionId === 'prioritet_folj_upp');
    expect(followUps.map((button) => Number(button.value)).sort((x, y) => x - y)).toEqual(
      [
        ids['Hastighetskontroller vid Breviksskolan'],
        ids['Langning vid busstationen'],
        ids['Rekrytering till gäng'],
      ].sort((x, y) => (x ?? 0) - (y ?? 0)),
    );
    expect(buttonsOf(agenda)).toContainEqual({ actionId: 'prioritet_ny', value: '2026-W49' });
  });

  it('posts "Beslut och uppföljning" once after the meeting, each priority in its group', async () => {
    const week = '2026-W49';
    const m = meeting(week, schedule);
    clock.set(plus(m.startsAt, 15));

    // Agreed at the meeting, from the agenda's button, on one instance.
    const modal = await opened(() =>
      a.send(
        blockAction({
          userId: POL,
          actionId: 'prioritet_ny',
          value: week,
          responseUrl: slack.responseUrl(),
        }),
      ),
    );
    await submit(b, POL, 'prioritet_spara', modal.private_metadata, {
      title: { value: { type: 'plain_text_input', value: 'Trygghetsvandring vid resecentrum' } },
      description: { value: { type: 'plain_text_input', value: '' } },
      areas: {
        value: { type: 'multi_static_select', selected_options: [{ value: 'brottskoncentrationer' }] },
      },
      parties: { value: { type: 'multi_static_select', selected_options: [{ value: 'polisen' }] } },
      contactUserId: { value: { type: 'users_select', selected_user: null } },
      followUpDate: { value: { type: 'datepicker', selected_date: null } },
      effectShort: { value: { type: 'plain_text_input', value: '' } },
      effectLong: { value: { type: 'plain_text_input', value: '' } },
      citizenPromise: { value: { type: 'plain_text_input', value: '' } },
    });
    // Followed up, with a note, by the responsible party.
    const followUp = await opened(() =>
      b.send(
        blockAction({
          userId: KOM,
          actionId: 'prioritet_folj_upp',
          value: String(ids['Langning vid busstationen']),
          responseUrl: slack.responseUrl(),
        }),
      ),
    );
    await submit(
      a,
      KOM,
      'prioritet_uppfoljning',
      followUp.private_metadata,
      note('Fältassistenter på plats.'),
    );
    // Completed and cancelled with the buttons, each with its result.
    const closing = async (app: TestApp, actionId: string, id: number | undefined, result: string) => {
      const form = await opened(() =>
        app.send(blockAction({ userId: POL, actionId, value: String(id), responseUrl: slack.responseUrl() })),
      );
      await submit(app === a ? b : a, POL, 'prioritet_avsluta', form.private_metadata, {
        result: { value: { type: 'plain_text_input', value: result } },
      });
    };
    await closing(
      a,
      'prioritet_klar',
      ids['Hastighetskontroller vid Breviksskolan'],
      'Tre kontroller gjorda.',
    );
    await closing(b, 'prioritet_avbryt', ids['Rekrytering till gäng'], 'Tas över av regionen.');

    await tickBoth(plus(m.startsAt, 30));
    await tickBoth(m.endsAt);
    await tickBoth(plus(m.endsAt, 1));
    await tickBoth(plus(m.endsAt, 30));

    const summaries = postsTo(slack, MEETING_CHANNEL).filter((p) =>
      textOf(p.args).includes('Beslut och uppföljning v. 49'),
    );
    expect(summaries).toHaveLength(1);
    const [agenda] = await listEffects(a.app.deps.db, week, ['agenda']);
    expect(summaries[0]?.args.thread_ts).toBe(agenda?.messageTs);
    const text = textOf(summaries[0]?.args ?? {});
    const groups = [
      ['Nya gemensamma prioriteringar (1)', 'Trygghetsvandring vid resecentrum'],
      ['Uppföljda (1)', 'Langning vid busstationen'],
      ['Genomförda (1)', 'Hastighetskontroller vid Breviksskolan'],
      ['Avbrutna (1)', 'Rekrytering till gäng'],
    ];
    const positions = groups.map(([heading, title]) => {
      const headingAt = text.indexOf(heading as string);
      expect(headingAt).toBeGreaterThanOrEqual(0);
      const titleAt = text.indexOf(title as string, headingAt);
      expect(titleAt).toBeGreaterThan(headingAt);
      return [headingAt, titleAt] as const;
    });
    // Each title under its own heading: before the next group's heading.
    for (let i = 0; i + 1 < positions.length; i += 1)
      expect(positions[i]?.[1]).toBeLessThan(positions[i + 1]?.[0] as number);
    // Named, not mentioned: the summary pings nobody.
    expect(text).toContain('> Karin Kommun: Fältassistenter på plats.');
    expect(text).toContain('*Resultat* (Per Polis): Tre kontroller gjorda.');
    expect(text).toContain('*Resultat* (Per Polis): Tas över av regionen.');
    expect(text).not.toContain('<@');
    expect(text).not.toContain('Ännu inte aktuell');
    expect(text).not.toContain('Redan genomförd');
    expect(slack.calls.filter((c) => c.outcome !== 'ok' && c.method === 'chat.postMessage')).toEqual([]);
  });

  it('reminds the day before only about the priority nobody has written a note on since its date was set', async () => {
    await seed('Utan anteckning', {
      partyKeys: ['kommunen'],
      followUpDate: '2026-12-11',
      agreedWeek: '2026-W49',
    });
    const noted = await seed('Med anteckning', {
      partyKeys: ['kommunen'],
      followUpDate: '2026-12-11',
      agreedWeek: '2026-W49',
    });
    // Monday 7 December: a note through Följ upp, date left as it is.
    clock.set(new Date('2026-12-07T10:00:00Z'));
    const modal = await opened(() =>
      a.send(
        blockAction({
          userId: KOM,
          actionId: 'prioritet_folj_upp',
          value: String(noted),
          responseUrl: slack.responseUrl(),
        }),
      ),
    );
    await submit(b, KOM, 'prioritet_uppfoljning', modal.private_metadata, note('Kameran är beställd.'));

    const about = (title: string) => postsTo(slack, KOM).filter((p) => textOf(p.args).includes(title));
    // Thursday 10 December at 13:00, the day before; and again later that afternoon.
    await tickBoth(new Date('2026-12-10T12:00:00Z'));
    await tickBoth(new Date('2026-12-10T14:00:00Z'));
    expect(about('Utan anteckning')).toHaveLength(1);
    expect(textOf(about('Utan anteckning')[0]?.args ?? {})).toContain('ska följas upp i morgon');
    expect(about('Med anteckning')).toHaveLength(0);
    expect(postsTo(slack, POL).filter((p) => textOf(p.args).includes('Utan anteckning'))).toHaveLength(0);

    // Friday: the date is moved a week through Ändra, with no note. The day before the new date, one more
    // reminder; the old date's is not sent again.
    const id = ids['Utan anteckning'] as number;
    const current = await getPriority(a.app.deps.db, id);
    if (current === null) throw new Error('the priority is gone');
    await editPriority(
      a.app.deps.db,
      id,
      { ...current, followUpDate: '2026-12-18' },
      {
        actorUserId: KOM,
        meetingWeek: '2026-W50',
        at: new Date('2026-12-11T10:00:00Z'),
        idempotencyKey: randomUUID(),
        openedAt: null,
      },
    );
    await tickBoth(new Date('2026-12-11T12:30:00Z'));
    await tickBoth(new Date('2026-12-17T12:00:00Z'));
    await tickBoth(new Date('2026-12-17T15:00:00Z'));
    expect(about('Utan anteckning')).toHaveLength(2);
    expect(textOf(about('Utan anteckning')[1]?.args ?? {})).toContain('fredag 18 december');
  });
});
