import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { insertEntry } from '../../src/db/entries.repository.js';
import { setMeetingOverride } from '../../src/db/meetings.repository.js';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { blockAction, slashCommand, triggerId, type ViewState, viewSubmission } from '../support/payloads.js';
import type { RecordedResponse } from '../support/slack-fake.js';
import { checkedAck } from '../support/view-acks.js';

// biome-ignore lint/suspicious/noExplicitAny: Slack payloads and views are free-form JSON; tests read them loosely.
type Json = any;

// Tuesday 1 December 2026, 10:00 in Stockholm: the coming meeting is Friday 4 December 09:00, week 49.
const TUESDAY = '2026-12-01T09:00:00Z';
const MEETING_STARTED = '2026-12-04T08:00:01Z';
const WEEK = '2026-W49';

const POLICE = 'U0POLIS01';
const POLICE_2 = 'U0POLIS02';
const MUNICIPALITY = 'U0KOMMUN1';
const MULTI = 'U0MULTI01';
const OUTSIDER = 'U0OUTSID1';

describe('/lagesbild', () => {
  let t: TestApp;
  let db: Db;
  const clock = new ManualClock(TUESDAY);
  const statusChanges: string[] = [];
  const homeChanges: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: POLICE, partyKey: 'polisen' }, ADMIN);
    await addMember(db, { userId: POLICE_2, partyKey: 'polisen' }, ADMIN);
    await addMember(db, { userId: MUNICIPALITY, partyKey: 'kommunen' }, ADMIN);
    await addMember(db, { userId: MULTI, partyKey: 'regionen' }, ADMIN);
    await addMember(db, { userId: MULTI, partyKey: 'kustbevakningen' }, ADMIN);
    const notify = t.app.deps.notify;
    const original = notify.statusChanged.bind(notify);
    notify.statusChanged = async (week) => {
      statusChanges.push(week);
      await original(week);
    };
    const originalHome = notify.homeChanged.bind(notify);
    notify.homeChanged = (userId) => {
      homeChanges.push(userId);
      originalHome(userId);
    };
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });
  beforeEach(() => {
    clock.set(TUESDAY);
  });

  // ── helpers ──

  async function entriesOf(partyKey: string, week = WEEK) {
    return db
      .selectFrom('entries')
      .selectAll()
      .where('party_key', '=', partyKey)
      .where('meeting_week', '=', week)
      .where('removed_at', 'is', null)
      .orderBy('id')
      .execute();
  }

  async function report(partyKey: string, week = WEEK) {
    return db
      .selectFrom('party_reports')
      .selectAll()
      .where('party_key', '=', partyKey)
      .where('meeting_week', '=', week)
      .executeTakeFirst();
  }

  /** Runs `/lagesbild` with no text and returns the view Slack was asked to open with that trigger. */
  async function openModal(userId: string): Promise<Json> {
    const trigger = triggerId();
    const res = await t.send(
      slashCommand({
        command: '/lagesbild',
        text: '',
        userId,
        responseUrl: t.slack.responseUrl(),
        triggerId: trigger,
      }),
    );
    expect(res.status).toBe(200);
    return viewOpenedBy(trigger);
  }

  /** The view `views.open` received for `trigger`, once it has. */
  async function viewOpenedBy(trigger: string): Promise<Json> {
    const opened = () =>
      t.slack.calls.find((c) => c.method === 'views.open' && c.args.trigger_id === trigger);
    await t.slack.waitFor(() => opened() !== undefined);
    return opened()?.args.view;
  }

  function values(fields: {
    party?: string;
    area?: string;
    text?: string;
    place?: string;
    when?: string;
    trend?: string;
    assessment?: string;
    nothing?: boolean;
  }): ViewState {
    const select = (value: string | undefined) => ({
      type: 'static_select',
      selected_option: value === undefined ? null : { value, text: { type: 'plain_text', text: value } },
    });
    const input = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
    const state: ViewState = {
      area: { area: select(fields.area) },
      text: { text: input(fields.text) },
      place: { place: input(fields.place) },
      when: { when: input(fields.when) },
      trend: { trend: select(fields.trend) },
      assessment: { assessment: select(fields.assessment) },
      nothing: {
        nothing: {
          type: 'checkboxes',
          selected_options: fields.nothing
            ? [{ value: 'inget', text: { type: 'plain_text', text: 'x' } }]
            : [],
        },
      },
    };
    if (fields.party !== undefined) state.party = { party: select(fields.party) };
    return state;
  }
  async function submit(userId: string, privateMetadata: string, state: ViewState): Promise<Json> {
    const res = await t.send(
      viewSubmission({ userId, callbackId: 'lagesbild_modal', privateMetadata, values: state }),
    );
    expect(res.status).toBe(200);
    const body = await res.text();
    return checkedAck(body === '' ? {} : JSON.parse(body));
  }

  function allText(value: unknown): string {
    return JSON.stringify(value);
  }

  async function command(
    userId: string,
    text: string,
    trigger?: string,
    responseUrl = t.slack.responseUrl(),
  ): Promise<RecordedResponse> {
    if (trigger === undefined) return t.command(userId, '/lagesbild', text);
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    await t.send(slashCommand({ command: '/lagesbild', text, userId, responseUrl, triggerId: trigger }));
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === id));
    return t.slack.responses.find((r) => r.id === id) as RecordedResponse;
  }

  /** Every part of a compiled picture `/lagesbild visa …` posted: as many as its first header announces, at most five. */
  async function pictureResponses(userId: string, text: string): Promise<RecordedResponse[]> {
    const responseUrl = t.slack.responseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    await t.send(slashCommand({ command: '/lagesbild', text, userId, responseUrl }));
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === id));
    const first = t.slack.responses.find((r) => r.id === id) as RecordedResponse;
    const total = Number(/av (\d+)\)/.exec(first.body.blocks[0].text.text)?.[1] ?? '1');
    const expected = Math.min(total, 5);
    await t.slack.waitFor(() => t.slack.responses.filter((r) => r.id === id).length >= expected);
    return t.slack.responses.filter((r) => r.id === id);
  }

  /** Every message a list command posted: as many as its first one's `(del 1 av n)` says, at most five. */
  async function listParts(userId: string, text: string): Promise<RecordedResponse[]> {
    const responseUrl = t.slack.responseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    await t.send(slashCommand({ command: '/lagesbild', text, userId, responseUrl }));
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === id));
    const first = t.slack.responses.find((r) => r.id === id) as RecordedResponse;
    const total = Number(/av (\d+)\)/.exec(String(first.body.text))?.[1] ?? '1');
    await t.slack.waitFor(() => t.slack.responses.filter((r) => r.id === id).length >= Math.min(total, 5));
    return t.slack.responses.filter((r) => r.id === id);
  }

  async function click(
    userId: string,
    actionId: string,
    value: string,
    options: { home?: boolean } = {},
  ): Promise<{ responseId: string; trigger: string }> {
    const responseUrl = t.slack.responseUrl();
    const request = options.home
      ? blockAction({ userId, actionId, value, view: { id: 'VHOME', type: 'home' } })
      : blockAction({ userId, actionId, value, responseUrl });
    const trigger = JSON.parse(new URLSearchParams(request.body).get('payload') as string)
      .trigger_id as string;
    const res = await t.send(request);
    expect(res.status).toBe(200);
    return { responseId: responseUrl.slice(responseUrl.lastIndexOf('/') + 1), trigger };
  }

  async function responseTo(responseId: string): Promise<RecordedResponse> {
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === responseId));
    return t.slack.responses.find((r) => r.id === responseId) as RecordedResponse;
  }
  function buttons(blocks: Array<Json>): Array<Json> {
    return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements);
  }

  // ── the modal ──

  describe('the modal', () => {
    it('opens at once with the party preselected, every active area, the limits and fresh metadata', async () => {
      const view = await openModal(POLICE);
      expect(view.type).toBe('modal');
      expect(view.callback_id).toBe('lagesbild_modal');
      const block = (id: string) => view.blocks.find((b: Json) => b.block_id === id);
      expect(block('party')).toBeUndefined();
      expect(allText(view.blocks)).toContain('Polisen, lokalpolisområde Västervik');
      expect(block('area').element.options).toHaveLength(13);
      // The limits are the bot's to check (in Swedish, on the field), so Slack is not told them; the hint is.
      expect(block('text').element).toMatchObject({ multiline: true });
      expect(block('text').hint.text).toContain('Högst 2000 tecken');
      expect(block('place').hint.text).toBe('Högst 150 tecken.');
      expect(block('when').hint.text).toBe('Högst 150 tecken.');
      for (const id of ['text', 'place', 'when']) expect(block(id).element.max_length).toBeUndefined();
      expect(block('trend').element.options.map((o: Json) => o.value)).toEqual([
        'okar',
        'oforandrat',
        'minskar',
      ]);
      expect(block('assessment').element.options.map((o: Json) => o.value)).toEqual([
        'normallage',
        'forhojt',
        'allvarligt',
      ]);
      // ”Inget att rapportera” is a short form of its own; here Område and Iakttagelse are required.
      expect(block('nothing')).toBeUndefined();
      expect([block('area').optional, block('text').optional]).toEqual([false, false]);
      expect(allText(view.blocks)).toContain('v. 49');
      const metadata = JSON.parse(view.private_metadata);
      expect(metadata).toMatchObject({ week: WEEK, origin: 'C0MEETING', entryId: null, partyKey: 'polisen' });
      expect(metadata.key).toMatch(/^[0-9a-f-]{36}$/);
      const again = JSON.parse((await openModal(POLICE)).private_metadata);
      expect(again.key).not.toBe(metadata.key);
    });

    it('offers a party select only to a user in several parties', async () => {
      const view = await openModal(MULTI);
      const party = view.blocks.find((b: Json) => b.block_id === 'party');
      expect(party.element.options.map((o: Json) => o.value)).toEqual(['regionen', 'kustbevakningen']);
      expect(JSON.parse(view.private_metadata).partyKey).toBeNull();
    });

    it('opens no modal for a non-member and names the admins to ask', async () => {
      const before = t.slack.calls.filter((c) => c.method === 'views.open').length;
      const response = await t.command(OUTSIDER, '/lagesbild', '');
      expect(response.body.response_type).toBe('ephemeral');
      expect(response.body.text).toContain('inte medlem');
      expect(response.body.text).toContain(`<@${ADMIN}>`);
      expect(t.slack.calls.filter((c) => c.method === 'views.open').length).toBe(before);
    });

    it('stores a submission with every field and confirms it naming the meeting week', async () => {
      const view = await openModal(MUNICIPALITY);
      statusChanges.length = 0;
      const answer = await submit(
        MUNICIPALITY,
        view.private_metadata,
        values({
          area: 'unga',
          text: 'Grupp unga samlas vid stationen\nkvällstid',
          place: 'Resecentrum',
          when: 'fre–lör nätter',
          trend: 'okar',
          assessment: 'forhojt',
        }),
      );
      expect(answer.response_action).toBe('update');
      expect(allText(answer.view)).toContain('v. 49');
      expect(allText(answer.view)).toContain('Ungdomskriminalitet');
      const rows = await entriesOf('kommunen');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        area_key: 'unga',
        text: 'Grupp unga samlas vid stationen\nkvällstid',
        place: 'Resecentrum',
        when_text: 'fre–lör nätter',
        trend: 'okar',
        author_user_id: MUNICIPALITY,
        source: 'modal',
        meeting_week: WEEK,
      });
      expect((await report('kommunen'))?.assessment).toBe('forhojt');
      expect(statusChanges).toContain(WEEK);
    });

    it('stores one entry when the same view is submitted twice', async () => {
      const view = await openModal(POLICE_2);
      const state = values({ area: 'narkotika', text: 'Ökad försäljning vid skolan' });
      const before = (await entriesOf('polisen')).length;
      const [first, second] = await Promise.all([
        submit(POLICE_2, view.private_metadata, state),
        submit(POLICE_2, view.private_metadata, state),
      ]);
      expect(first.response_action).toBe('update');
      expect(second.response_action).toBe('update');
      const third = await submit(POLICE_2, view.private_metadata, state);
      expect(third.response_action).toBe('update');
      const rows = await entriesOf('polisen');
      expect(rows.length).toBe(before + 1);
    });

    it('answers bad fields with errors on each field and stores nothing', async () => {
      const view = await openModal(POLICE);
      const before = (await entriesOf('polisen')).length;
      const empty = await submit(POLICE, view.private_metadata, values({ area: 'trafik', text: '   ' }));
      expect(empty.response_action).toBe('errors');
      expect(Object.keys(empty.errors)).toEqual(['text']);

      const noArea = await submit(POLICE, view.private_metadata, values({ text: 'Något' }));
      expect(Object.keys(noArea.errors)).toEqual(['area']);

      const long = await submit(
        POLICE,
        view.private_metadata,
        values({ area: 'trafik', text: 'x'.repeat(2001), place: 'p'.repeat(151), when: 'ok' }),
      );
      expect(long.errors.text).toContain('2000');
      expect(long.errors.place).toContain('150');
      expect(long.errors.when).toBeUndefined();

      const personal = await submit(
        POLICE,
        view.private_metadata,
        values({ area: 'trafik', text: 'Bilist stoppad', when: 'natten, förare 811228-9874' }),
      );
      expect(Object.keys(personal.errors)).toEqual(['when']);
      expect(personal.errors.when).toContain('identifiera');
      expect((await entriesOf('polisen')).length).toBe(before);
    });

    it('refuses a party the user does not belong to', async () => {
      const view = await openModal(MULTI);
      const answer = await submit(
        MULTI,
        view.private_metadata,
        values({ party: 'polisen', area: 'trafik', text: 'x' }),
      );
      expect(answer.response_action).toBe('errors');
      expect(answer.errors.party).toContain('inte medlem i Polisen');
      expect(
        await entriesOf('polisen', WEEK).then((rows) => rows.some((r) => r.author_user_id === MULTI)),
      ).toBe(false);

      const own = await submit(
        MULTI,
        view.private_metadata,
        values({ party: 'kustbevakningen', area: 'olyckor', text: 'Grundstötning utanför Idö' }),
      );
      expect(own.response_action).toBe('update');
      expect(await entriesOf('kustbevakningen')).toHaveLength(1);
    });

    it('names the admins to ask, over the form, when the user left every party before submitting', async () => {
      const leaver = 'U0LEAVER1';
      await addMember(db, { userId: leaver, partyKey: 'kommunen' }, ADMIN);
      const view = await openModal(leaver);
      await db.deleteFrom('members').where('user_id', '=', leaver).execute();
      const before = (await entriesOf('kommunen')).length;
      for (const state of [values({ area: 'trafik', text: 'skrivet innan' }), values({ nothing: true })]) {
        const answer = await submit(leaver, view.private_metadata, state);
        // Pushed on top of the form (what was typed stays below it), in mrkdwn so the mention shows a name.
        expect(answer.response_action).toBe('push');
        const shown = allText(answer.view.blocks);
        expect(shown).toContain('inte medlem i någon part');
        expect(shown).toContain(`Be en administratör lägga till dig: <@${ADMIN}>`);
      }
      expect((await entriesOf('kommunen')).length).toBe(before);
      expect((await report('kommunen'))?.nothing_to_report ?? false).toBe(false);
    });

    it('records "inget att rapportera" from the checkbox, and refuses it together with text', async () => {
      const view = await openModal(MULTI);
      const both = await submit(
        MULTI,
        view.private_metadata,
        values({ party: 'regionen', nothing: true, text: 'ändå något' }),
      );
      expect(Object.keys(both.errors)).toEqual(['nothing']);
      expect(await report('regionen')).toBeUndefined();

      statusChanges.length = 0;
      const nothing = await submit(
        MULTI,
        view.private_metadata,
        values({ party: 'regionen', nothing: true, assessment: 'normallage' }),
      );
      expect(nothing.response_action).toBe('update');
      expect(allText(nothing.view)).toContain('inget att rapportera');
      expect(await report('regionen')).toMatchObject({ nothing_to_report: true, assessment: 'normallage' });
      expect(statusChanges).toEqual([WEEK]);
    });

    it('refuses a submission once the meeting it was opened for has started', async () => {
      const view = await openModal(POLICE);
      clock.set(MEETING_STARTED);
      const before = await db
        .selectFrom('entries')
        .select(db.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const answer = await submit(
        POLICE,
        view.private_metadata,
        values({ area: 'trafik', text: 'För sent' }),
      );
      expect(answer.response_action).toBe('errors');
      expect(answer.errors.text).toContain('v. 49');
      expect(answer.errors.text).toContain('låst');
      const after = await db
        .selectFrom('entries')
        .select(db.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    it('refuses a form whose week was tampered with, storing nothing', async () => {
      const view = await openModal(POLICE);
      const count = async () =>
        (await db.selectFrom('entries').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
      const before = await count();
      for (const week of ['2099-W01', '2026-W01']) {
        const tampered = JSON.stringify({ ...JSON.parse(view.private_metadata), week });
        const answer = await submit(POLICE, tampered, values({ area: 'trafik', text: 'Fel vecka' }));
        expect(answer.response_action, week).toBe('errors');
        expect(answer.errors.text, week).toMatch(/kan inte skickas|låst/);
      }
      const garbled = await submit(POLICE, '{"week":', values({ area: 'trafik', text: 'Trasig' }));
      expect(garbled.response_action).toBe('errors');
      expect(await count()).toBe(before);
    });

    it('stores a form opened before its meeting was cancelled for the next meeting that is held, and says which', async () => {
      const view = await openModal(MUNICIPALITY);
      expect(JSON.parse(view.private_metadata).week).toBe(WEEK);
      await setMeetingOverride(db, WEEK, { cancelled: true, reason: null, changedBy: ADMIN });
      try {
        const answer = await submit(
          MUNICIPALITY,
          view.private_metadata,
          values({ area: 'unga', text: 'skrivet innan mötet ställdes in' }),
        );
        expect(answer.response_action).toBe('update');
        expect(allText(answer.view)).toContain('v. 50');
        const rows = await db
          .selectFrom('entries')
          .select('meeting_week')
          .where('text', '=', 'skrivet innan mötet ställdes in')
          .execute();
        expect(rows).toEqual([{ meeting_week: '2026-W50' }]);
      } finally {
        await db.deleteFrom('meetings').where('week', '=', WEEK).execute();
        await db.deleteFrom('entries').where('meeting_week', '=', '2026-W50').execute();
      }
    });

    it('opens an old agenda button for the meeting now open, and says that its own meeting has started', async () => {
      clock.set(MEETING_STARTED);
      const { trigger } = await click(POLICE, 'lagesbild_oppna', WEEK);
      const view = await viewOpenedBy(trigger);
      expect(JSON.parse(view.private_metadata).week).toBe('2026-W50');
      expect(allText(view)).toContain('Mötet v. 49 har redan börjat');
      expect(allText(view)).toContain('går till mötet v. 50');

      // A button for the open meeting says nothing of the kind.
      const current = await click(POLICE, 'lagesbild_oppna', '2026-W50');
      const fresh = await viewOpenedBy(current.trigger);
      expect(allText(fresh)).not.toContain('har redan börjat');
    });

    it('opens from the Lämna lägesbild button for members, and explains to others', async () => {
      const { trigger } = await click(POLICE, 'lagesbild_oppna', 'lagesbild');
      await viewOpenedBy(trigger);

      const fromChannel = await click(OUTSIDER, 'lagesbild_oppna', 'lagesbild');
      const refusal = await responseTo(fromChannel.responseId);
      expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(refusal.body.text).toContain(`<@${ADMIN}>`);

      await click(OUTSIDER, 'lagesbild_oppna', 'lagesbild', { home: true });
      await t.slack.waitFor(() =>
        t.slack.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === OUTSIDER),
      );
      const dm = t.slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === OUTSIDER);
      expect(dm?.args.text).toContain(`<@${ADMIN}>`);
    });
  });

  // ── the one-liner and inget ──

  describe('the one-liner', () => {
    it('goes to the next meeting that is held when the coming one is cancelled, and says which', async () => {
      await setMeetingOverride(db, WEEK, { cancelled: true, reason: 'studiedag', changedBy: ADMIN });
      try {
        const trigger = triggerId();
        const response = await command(MUNICIPALITY, 'unga: klotter vid Ekhagen', trigger);
        expect(response.body.text).toContain('v. 50');
        const row = await db
          .selectFrom('entries')
          .select('meeting_week')
          .where('idempotency_key', '=', `kommando:${trigger}`)
          .executeTakeFirstOrThrow();
        expect(row.meeting_week).toBe('2026-W50');
      } finally {
        await db.deleteFrom('meetings').where('week', '=', WEEK).execute();
        await db.deleteFrom('entries').where('meeting_week', '=', '2026-W50').execute();
      }
    });

    it('stores `<alias>: <text>` for the coming meeting and confirms with Ändra and Ta bort', async () => {
      statusChanges.length = 0;
      const trigger = triggerId();
      const responseUrl = t.slack.responseUrl();
      const response = await command(
        POLICE,
        'trafik: fler hastighetsöverträdelser på E22 vid Gamleby',
        trigger,
        responseUrl,
      );
      expect(response.body.response_type).toBe('ephemeral');
      expect(response.body.text).toContain('v. 49');
      expect(buttons(response.body.blocks).map((b) => b.action_id)).toEqual([
        'lagesbild_andra',
        'lagesbild_ta_bort',
      ]);
      const remove = buttons(response.body.blocks)[1];
      expect(remove.confirm).toBeDefined();
      const row = await db
        .selectFrom('entries')
        .selectAll()
        .where('idempotency_key', '=', `kommando:${trigger}`)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        party_key: 'polisen',
        area_key: 'trafik',
        text: 'fler hastighetsöverträdelser på E22 vid Gamleby',
        source: 'kommando',
        meeting_week: WEEK,
      });
      expect(statusChanges).toEqual([WEEK]);
      // The App Home follows once the burst is over, not in the middle of it.
      await t.slack.waitFor(() => homeChanges.includes(POLICE), 5_000, 'the App Home to be republished');

      // The same request delivered again (same trigger_id) stores nothing more and answers nothing more: the
      // person has their receipt.
      const again = await t.send(
        slashCommand({
          command: '/lagesbild',
          text: 'trafik: fler hastighetsöverträdelser på E22 vid Gamleby',
          userId: POLICE,
          responseUrl,
          triggerId: trigger,
        }),
      );
      expect(again.status).toBe(200);
      // The redelivery's listener has finished and a sweep has run since: a second answer would be here by now.
      await t.settled(`kommando:${trigger}`);
      const same = await db
        .selectFrom('entries')
        .select('id')
        .where('idempotency_key', '=', `kommando:${trigger}`)
        .execute();
      expect(same).toHaveLength(1);
      expect(t.slack.visibleResponses(responseUrl)).toHaveLength(1);
    });

    it('takes a leading party for a user in several, defaults to their first, refuses a foreign one', async () => {
      await command(MULTI, 'kustbevakningen olyckor: Båt kantrade vid Händelöp');
      expect((await entriesOf('kustbevakningen')).some((r) => r.text === 'Båt kantrade vid Händelöp')).toBe(
        true,
      );

      await command(MULTI, 'heder: Oro kring en familj på skolan');
      expect((await entriesOf('regionen')).some((r) => r.text === 'Oro kring en familj på skolan')).toBe(
        true,
      );

      const refused = await command(MULTI, 'polisen trafik: inte min part');
      expect(refused.body.text).toContain('inte medlem i Polisen');
      expect((await entriesOf('polisen')).some((r) => r.text === 'inte min part')).toBe(false);
    });

    it('refuses bad input with a clear message and stores nothing', async () => {
      const before = (await entriesOf('polisen')).length;
      const unknownArea = await command(POLICE, 'trafk: stavfel');
      expect(unknownArea.body.text).toContain('”trafk”');
      expect(unknownArea.body.text).toContain('Menade du *trafik*?');
      expect(unknownArea.body.text).not.toContain('`gäng`');

      const empty = await command(POLICE, 'trafik:   ');
      expect(empty.body.text).toContain('efter kolonet');

      const long = await command(POLICE, `trafik: ${'a'.repeat(2001)}`);
      expect(long.body.text).toContain('2001 tecken, högst 2000');

      const personal = await command(POLICE, 'trafik: föraren 19811228-9874 stoppades');
      expect(personal.body.text).toContain('person- eller samordningsnummer');

      const noColon = await command(POLICE, 'trafik fler bilar');
      expect(noColon.body.text).toContain('/lagesbild trafik: …');

      // A colon later in the text (a time) is not the colon after the area.
      const lateColon = await command(POLICE, 'trafik fler bilar kl 14:30');
      expect(lateColon.body.text).toContain(
        'Skriv ett kolon efter området, till exempel `/lagesbild trafik: …`',
      );
      expect(lateColon.body.text).not.toContain('känner inte igen');

      const unknown = await command(POLICE, 'flurp');
      expect(unknown.body.text).toContain('Jag känner inte igen `/lagesbild flurp`');
      expect(unknown.body.text).toContain('`/lagesbild mina`');
      expect((await entriesOf('polisen')).length).toBe(before);
    });

    it('never lets `<!channel>` or a mention in an entry reach Slack unescaped', async () => {
      // As Slack sends slash-command text with should_escape: the special mentions in angle brackets.
      const response = await command(
        POLICE,
        'ovrigt: <!channel> <!here> <@U0KOMMUN1|kommun> &lt;!subteam^S1&gt; &amp; co',
      );
      const view = await openModal(POLICE);
      await submit(
        POLICE,
        view.private_metadata,
        values({ area: 'ovrigt', text: '<!channel> och <!subteam^S123> i modalen' }),
      );
      const mine = await command(POLICE, 'mina');
      const picture = await command(POLICE, 'visa polisen');
      for (const shown of [response.body, mine.body, picture.body]) {
        const text = allText(shown);
        expect(text).not.toMatch(/<!channel>|<!here>|<!subteam|<@U0KOMMUN1/);
      }
      expect(allText(mine.body)).toContain('&lt;!channel&gt; och &lt;!subteam^S123&gt; i modalen');
      const stored = await entriesOf('polisen');
      expect(stored.some((r) => r.text === '@channel @here @kommun <!subteam^S1> & co')).toBe(true);
    });

    it('records `inget` and refuses it while the party has entries', async () => {
      statusChanges.length = 0;
      const nothing = await command(MUNICIPALITY, 'inget');
      expect(nothing.body.text).toContain('redan 1 iakttagelse');
      expect((await report('kommunen'))?.nothing_to_report ?? false).toBe(false);

      // MULTI's one-liner without a party went to regionen, their first: that cleared its "inget".
      expect((await report('regionen'))?.nothing_to_report).toBe(false);
      const foreign = await command(MULTI, 'inget kustbevakningen');
      expect(foreign.body.text).toContain('Kustbevakningen har redan 2 iakttagelser');

      await db
        .insertInto('parties')
        .values({ key: 'raddningstjansten', name: 'Räddningstjänsten', sort_order: 50 })
        .execute();
      await addMember(db, { userId: OUTSIDER, partyKey: 'raddningstjansten' }, ADMIN);
      const recorded = await command(OUTSIDER, 'inget');
      expect(recorded.body.text).toContain('*Räddningstjänsten* har inget att rapportera');
      expect(recorded.body.text).toContain('v. 49');
      expect((await report('raddningstjansten'))?.nothing_to_report).toBe(true);
      const again = await command(OUTSIDER, 'inget att rapportera');
      expect(again.body.text).toContain('redan noterad');
      expect(statusChanges).toEqual([WEEK]);
      await db.deleteFrom('members').where('user_id', '=', OUTSIDER).execute();
    });
  });

  // ── status, visa, mina, hjälp ──

  describe('reading', () => {
    it('shows each party with ✅ or ⏳ and its number of entries', async () => {
      const response = await command(POLICE, 'status');
      const text = allText(response.body.blocks);
      expect(text).toContain('v. 49');
      expect(text).toMatch(/✅ \*Polisen, lokalpolisområde Västervik\* – \d+ iakttagelser/);
      expect(text).toContain('✅ *Region Kalmar län* – 1 iakttagelse · Normalläge');
      expect(text).toContain('✅ *Räddningstjänsten* – inget att rapportera');
      expect(text).toContain('5 av 5 parter har lämnat');
      expect(text).toContain('✅ *Västerviks kommun* – 1 iakttagelse · Förhöjt läge');
    });

    it('shows the status only to members and admins, and tells others which admins to ask', async () => {
      const refused = await command(OUTSIDER, 'status');
      expect(refused.body.text).toContain('visas bara för parternas medlemmar och administratörer');
      expect(refused.body.text).toContain(`<@${ADMIN}>`);
      expect(refused.body.blocks).toBeUndefined();
      const forWeek = await command(OUTSIDER, 'status v50');
      expect(forWeek.body.blocks).toBeUndefined();

      const forAdmin = await command(ADMIN, 'status');
      expect(allText(forAdmin.body.blocks)).toContain('5 av 5 parter har lämnat');
    });

    it('shows the status of a given week', async () => {
      const response = await command(POLICE, 'status v50');
      expect(allText(response.body.blocks)).toContain('v. 50');
      expect(allText(response.body.blocks)).toContain('⏳ *Västerviks kommun* – har inte lämnat');
    });

    it('shows the compiled picture ephemerally, for the coming or a given week', async () => {
      const coming = await command(POLICE, 'visa');
      expect(coming.body.response_type).toBe('ephemeral');
      expect(allText(coming.body.blocks)).toContain('Lägesbild v. 49');
      expect(allText(coming.body.blocks)).toContain('Grupp unga samlas vid stationen');

      for (const week of ['v49', '49', '2026-W49', 'vecka 49']) {
        const given = await command(POLICE, `visa ${week}`);
        expect(allText(given.body.blocks)).toContain('Lägesbild v. 49');
      }
      const bad = await command(POLICE, 'visa v60');
      expect(bad.body.text).toContain('Jag förstår inte veckan ”v60”');

      const refused = await command(OUTSIDER, 'visa');
      expect(refused.body.text).toContain('bara för parternas medlemmar');
    });

    it('splits a long picture over several messages, and says so when it needs more than five', async () => {
      for (let i = 0; i < 20; i += 1) {
        await insertEntry(db, {
          meetingWeek: '2026-W51',
          partyKey: i % 2 === 0 ? 'polisen' : 'kommunen',
          areaKey: 'ovrigt',
          text: `${i}: ${'lång iakttagelse '.repeat(110)}`,
          place: null,
          when: null,
          trend: null,
          authorUserId: POLICE,
          source: 'modal',
          idempotencyKey: `bench-w51-${i}`,
        });
      }
      const parts = await pictureResponses(POLICE, 'visa v51');
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.length).toBeLessThanOrEqual(5);
      const shown = parts.map((p) => allText(p.body.blocks)).join('');
      for (let i = 0; i < 20; i += 1) expect(shown).toContain(`${i}: lång`);
      for (const part of parts) expect(part.body.blocks.length).toBeLessThanOrEqual(50);

      for (let i = 20; i < 70; i += 1) {
        await insertEntry(db, {
          meetingWeek: '2026-W51',
          partyKey: 'regionen',
          areaKey: 'ovrigt',
          text: `${i}: ${'lång iakttagelse '.repeat(110)}`,
          place: null,
          when: null,
          trend: null,
          authorUserId: MULTI,
          source: 'modal',
          idempotencyKey: `bench-w51-${i}`,
        });
      }
      const many = await pictureResponses(POLICE, 'visa v51');
      expect(many).toHaveLength(5);
      const last = many[4]?.body.text as string;
      expect(last).toMatch(/del 5–\d+ visas inte/);
      expect(last).toContain('/lagesbild visa v51 <part>');
    });

    it('lists the user’s party’s entries with Ändra and Ta bort', async () => {
      const response = await command(POLICE, 'mina');
      const text = allText(response.body.blocks);
      expect(text).toContain('Polisen, lokalpolisområde Västervik');
      expect(text).toContain('fler hastighetsöverträdelser på E22 vid Gamleby');
      expect(text).not.toContain('Grupp unga samlas'); // the municipality's
      const rows = await entriesOf('polisen');
      const removeButtons = buttons(response.body.blocks).filter((b) => b.action_id === 'lagesbild_ta_bort');
      expect(removeButtons).toHaveLength(rows.length);
      expect(buttons(response.body.blocks).some((b) => b.action_id === 'lagesbild_oppna')).toBe(true);
    });

    it('shows every subcommand and every area alias from the database in the help', async () => {
      await db
        .updateTable('priority_areas')
        .set({ aliases: ['trafik', 'fart'] })
        .where('key', '=', 'trafik')
        .execute();
      const help = await command(OUTSIDER, 'hjälp');
      for (const usage of [
        '/lagesbild',
        'inget',
        'status',
        'visa [vecka]',
        'mina',
        'hjälp',
        '<part> <område>: <text>',
      ]) {
        expect(help.body.text).toContain(usage);
      }
      for (const alias of [
        'gäng',
        'unga',
        'nära',
        'heder',
        'välfärd',
        'plats',
        'narkotika',
        'fart',
        'olyckor',
        'övrigt',
      ]) {
        expect(help.body.text).toContain(`\`${alias}\``);
      }
      const viaNewAlias = await command(POLICE, 'fart: nytt alias fungerar');
      expect(viaNewAlias.body.text).toContain('Sparat');
    });
  });

  // ── change and remove ──

  describe('changing and removing', () => {
    async function newEntry(userId: string, text: string): Promise<{ id: number; value: string }> {
      const response = await command(userId, `trafik: ${text}`);
      const edit = buttons(response.body.blocks).find((b) => b.action_id === 'lagesbild_andra');
      return { id: JSON.parse(edit.value).id, value: edit.value };
    }

    it('changes an entry through Ändra and the edit modal', async () => {
      const { id, value } = await newEntry(POLICE, 'att ändra');
      const { trigger } = await click(POLICE_2, 'lagesbild_andra', value);
      const view = await viewOpenedBy(trigger);
      const block = (blockId: string) => view.blocks.find((b: Json) => b.block_id === blockId);
      expect(block('text').element.initial_value).toBe('att ändra');
      expect(block('area').element.initial_option.value).toBe('trafik');
      expect(block('nothing')).toBeUndefined();
      expect(JSON.parse(view.private_metadata).entryId).toBe(id);

      statusChanges.length = 0;
      const answer = await submit(
        POLICE_2,
        view.private_metadata,
        values({ area: 'narkotika', text: 'ändrad text', place: 'Gamleby', trend: 'minskar' }),
      );
      expect(answer.response_action).toBe('update');
      expect(allText(answer.view)).toContain('Ändrat');
      const row = await db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        area_key: 'narkotika',
        text: 'ändrad text',
        place: 'Gamleby',
        trend: 'minskar',
      });
      expect(row.author_user_id).toBe(POLICE);
      expect(statusChanges).toEqual([WEEK]);
    });

    it('refuses bad fields in the edit modal, and an editor who has left the party, leaving the entry as it was', async () => {
      const editor = 'U0POLIS03';
      await addMember(db, { userId: editor, partyKey: 'polisen' }, ADMIN);
      const { id, value } = await newEntry(POLICE, 'orörd');
      const { trigger } = await click(editor, 'lagesbild_andra', value);
      const view = await viewOpenedBy(trigger);

      const personal = await submit(
        editor,
        view.private_metadata,
        values({ area: 'trafik', text: 'Föraren 811228-9874 stoppades' }),
      );
      expect(personal.response_action).toBe('errors');
      expect(personal.errors.text).toContain('identifiera');
      const empty = await submit(editor, view.private_metadata, values({ area: 'trafik', text: '  ' }));
      expect(Object.keys(empty.errors)).toEqual(['text']);
      const long = await submit(
        editor,
        view.private_metadata,
        values({ area: 'trafik', text: 'x'.repeat(2001), place: 'p'.repeat(151) }),
      );
      expect(long.errors.text).toContain('2000');
      expect(long.errors.place).toContain('150');

      await db.deleteFrom('members').where('user_id', '=', editor).execute();
      const left = await submit(editor, view.private_metadata, values({ area: 'trafik', text: 'ändrad' }));
      expect(left.response_action).toBe('errors');
      expect(left.errors.text).toContain('bara partens medlemmar');

      const row = await db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ text: 'orörd', area_key: 'trafik', place: null, removed_at: null });
    });

    it('removes an entry through Ta bort and redraws the list without it', async () => {
      const { id } = await newEntry(POLICE, 'att ta bort');
      const list = await command(POLICE, 'mina');
      const remove = buttons(list.body.blocks).find(
        (b) => b.action_id === 'lagesbild_ta_bort' && JSON.parse(b.value).id === id,
      );
      expect(JSON.parse(remove.value).from).toBe('mina');
      statusChanges.length = 0;
      const { responseId } = await click(POLICE, 'lagesbild_ta_bort', remove.value);
      const redrawn = await responseTo(responseId);
      expect(redrawn.body.replace_original).toBe(true);
      expect(allText(redrawn.body.blocks)).toContain('Borttagen');
      const stillThere = buttons(redrawn.body.blocks).filter(
        (b) => b.action_id === 'lagesbild_ta_bort' && JSON.parse(b.value).id === id,
      );
      expect(stillThere).toHaveLength(0);
      const row = await db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.removed_at).not.toBeNull();
      expect(row.removed_by).toBe(POLICE);
      expect(statusChanges).toEqual([WEEK]);

      const twice = await click(POLICE, 'lagesbild_ta_bort', remove.value);
      expect((await responseTo(twice.responseId)).body.text).toContain('redan tagits bort');
    });

    it('redraws the part of a long list the removed entry was on, not the first part', async () => {
      const customs = 'U0TULL001';
      await db.insertInto('parties').values({ key: 'tullen', name: 'Tullverket', sort_order: 60 }).execute();
      await addMember(db, { userId: customs, partyKey: 'tullen' }, ADMIN);
      for (let i = 0; i < 40; i += 1) {
        await insertEntry(db, {
          meetingWeek: WEEK,
          partyKey: 'tullen',
          areaKey: 'narkotika',
          text: `tullbeslag nr ${i} i hamnen`,
          place: null,
          when: null,
          trend: null,
          authorUserId: customs,
          source: 'kommando',
          idempotencyKey: `tull-${i}`,
        });
      }
      const parts = await listParts(customs, 'mina');
      expect(parts.length).toBeGreaterThan(2);
      const second = parts[1]?.body.blocks as Json[];
      const onSecond = buttons(second).filter((b) => b.action_id === 'lagesbild_ta_bort');
      const removed = JSON.parse(onSecond[1].value);
      const kept = JSON.parse(onSecond[0].value);
      expect(removed).toMatchObject({ from: 'mina', page: 2 });

      const { responseId } = await click(customs, 'lagesbild_ta_bort', onSecond[1].value);
      const redrawn = await responseTo(responseId);
      expect(redrawn.body.replace_original).toBe(true);
      const shown = allText(redrawn.body.blocks);
      expect(shown).toContain('Borttagen');
      expect(shown).toContain(`(del 2 av ${parts.length})`);
      expect(redrawn.body.blocks.length).toBeLessThanOrEqual(50);
      const ids = buttons(redrawn.body.blocks)
        .filter((b) => b.action_id === 'lagesbild_ta_bort')
        .map((b) => JSON.parse(b.value).id);
      expect(ids).toContain(kept.id);
      expect(ids).not.toContain(removed.id);
      // Nothing of the first part: that message is still there above it.
      const firstIds = buttons(parts[0]?.body.blocks as Json[])
        .filter((b) => b.action_id === 'lagesbild_ta_bort')
        .map((b) => JSON.parse(b.value).id);
      expect(ids.filter((id) => firstIds.includes(id))).toEqual([]);
      await db.deleteFrom('members').where('user_id', '=', customs).execute();
    });

    it('refuses changing or removing another party’s entry', async () => {
      const { id, value } = await newEntry(POLICE, 'polisens');
      const removal = await click(MUNICIPALITY, 'lagesbild_ta_bort', value);
      expect((await responseTo(removal.responseId)).body.text).toContain('bara partens medlemmar');
      const edit = await click(MUNICIPALITY, 'lagesbild_andra', value);
      expect((await responseTo(edit.responseId)).body.text).toContain('bara partens medlemmar');
      const row = await db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.removed_at).toBeNull();
    });

    it('locks entries once the meeting has started, and says why', async () => {
      const { id, value } = await newEntry(POLICE, 'låses');
      const editClick = await click(POLICE, 'lagesbild_andra', value);
      const view = await viewOpenedBy(editClick.trigger);

      clock.set(MEETING_STARTED);
      const removal = await click(POLICE, 'lagesbild_ta_bort', value);
      const refused = (await responseTo(removal.responseId)).body.text as string;
      expect(refused).toContain('Mötet v. 49 började fredag 4 december kl. 09:00');
      expect(refused).toContain('låst');
      const edit = await click(POLICE, 'lagesbild_andra', value);
      expect((await responseTo(edit.responseId)).body.text).toContain('låst');
      const late = await submit(
        POLICE,
        view.private_metadata,
        values({ area: 'trafik', text: 'sent ändrad' }),
      );
      expect(late.errors.text).toContain('låst');

      const row = await db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ text: 'låses', removed_at: null });

      // A one-liner now belongs to the next meeting.
      const next = await command(POLICE, 'trafik: efter mötets start');
      expect(next.body.text).toContain('v. 50');
      expect((await entriesOf('polisen', '2026-W50')).some((r) => r.text === 'efter mötets start')).toBe(
        true,
      );
    });
  });
});
