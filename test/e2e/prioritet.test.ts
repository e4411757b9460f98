/**
 * /prioritet over HTTP: the new-priority modal, its meeting binding (also across cancelled meetings), storing
 * once and confirming.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/db/members.repository.js';
import {
  addFollowUp,
  createPriority,
  editPriority,
  type NewPriority,
} from '../../src/db/priority-changes.repository.js';
import { sv } from '../../src/i18n/sv.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { blockAction, slashCommand, triggerId, type ViewState, viewSubmission } from '../support/payloads.js';
import { checkedAck } from '../support/view-acks.js';

const POLIS = 'U0POLIS01';
const KOMMUN = 'U0KOMMUN01';
const NOBODY = 'U0NOBODY01';
// Tuesday 1 December 2026, 10:00 in Stockholm: the coming meeting is Friday 4 December, week 49.
const TUESDAY = '2026-12-01T09:00:00Z';

let t: TestApp;
const clock = new ManualClock(TUESDAY);

beforeAll(async () => {
  t = await startTestApp({ clock });
  t.slack.addChannel('C0MEETING', { name: 'fredagsmotet' });
  // A title typed with `<!channel>` in it: a confirm dialog's plain text rightly shows it as typed.
  t.slack.typedByUsers('<!channel>');
  await addMember(t.app.deps.db, { userId: POLIS, partyKey: 'polisen' }, ADMIN);
  await addMember(t.app.deps.db, { userId: KOMMUN, partyKey: 'kommunen' }, ADMIN);
});
afterAll(async () => {
  await t.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: views as the fake decoded them.
type View = Record<string, any>;

/** Runs `/prioritet` (or `/prioritet <text>`) and returns the view `views.open` received for its trigger. */
async function openNewModal(userId: string, text = ''): Promise<View> {
  const trigger = triggerId();
  const res = await t.send(
    slashCommand({
      command: '/prioritet',
      text,
      userId,
      responseUrl: t.slack.responseUrl(),
      triggerId: trigger,
    }),
  );
  expect(res.status).toBe(200);
  await t.slack.waitFor(
    () => t.slack.succeeded('views.open').some((a) => a.trigger_id === trigger),
    10_000,
    'views.open',
  );
  return t.slack.succeeded('views.open').find((a) => a.trigger_id === trigger)?.view as View;
}

/** Presses a button and returns the view it opened, if any, once `views.open` or a response arrived. */
async function press(
  userId: string,
  actionId: string,
  value: string,
): Promise<{ view: View | null; response: string | null }> {
  const responseUrl = t.slack.responseUrl();
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  const opened = t.slack.succeeded('views.open').length;
  const res = await t.send(blockAction({ userId, actionId, value, responseUrl }));
  expect(res.status).toBe(200);
  await t.slack.waitFor(
    () => t.slack.succeeded('views.open').length > opened || t.slack.responses.some((r) => r.id === id),
    10_000,
    `an answer to ${actionId}`,
  );
  const view =
    t.slack.succeeded('views.open').length > opened
      ? (t.slack.succeeded('views.open').at(-1)?.view as View)
      : null;
  const response = t.slack.responses.find((r) => r.id === id)?.body.text ?? null;
  return { view, response };
}

/** Klarmarkera or Avbryt, then the result form sent: the confirmation below the message the button was on. */
async function closeWith(userId: string, actionId: string, id: number, result: string): Promise<string> {
  const responseUrl = t.slack.responseUrl();
  const responseId = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  const opened = t.slack.succeeded('views.open').length;
  expect((await t.send(blockAction({ userId, actionId, value: String(id), responseUrl }))).status).toBe(200);
  await t.slack.waitFor(() => t.slack.succeeded('views.open').length > opened, 10_000, 'the result form');
  const view = t.slack.succeeded('views.open').at(-1)?.view as View;
  expect(view.callback_id).toBe('prioritet_avsluta');
  const answer = await submit(userId, 'prioritet_avsluta', view.private_metadata, {
    result: { value: { type: 'plain_text_input', value: result } },
  });
  expect(answer).toBeNull();
  await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === responseId), 10_000, 'the confirmation');
  return String(t.slack.responses.find((r) => r.id === responseId)?.body.text);
}

function priorityValues(v: {
  title?: string;
  description?: string;
  areas?: string[];
  parties?: string[];
  contact?: string | null;
  date?: string | null;
}): ViewState {
  const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
  const options = (values: string[]) => ({
    value: {
      type: 'multi_static_select',
      selected_options: values.map((value) => ({ value, text: { type: 'plain_text', text: value } })),
    },
  });
  return {
    title: text(v.title ?? 'Trygg skolväg vid Breviksskolan'),
    description: text(v.description ?? ''),
    areas: options(v.areas ?? ['trafik']),
    parties: options(v.parties ?? ['polisen']),
    contactUserId: { value: { type: 'users_select', selected_user: v.contact ?? null } },
    followUpDate: {
      value: { type: 'datepicker', selected_date: v.date === undefined ? '2026-12-11' : v.date },
    },
    effectShort: text('Färre hastighetsöverträdelser.'),
    effectLong: text(''),
    citizenPromise: text(''),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the HTTP answer to a view submission is free-form JSON.
type SubmissionAnswer = any;

async function submit(
  userId: string,
  callbackId: string,
  privateMetadata: string,
  values: ViewState,
): Promise<SubmissionAnswer> {
  const res = await t.send(viewSubmission({ userId, callbackId, privateMetadata, values }));
  expect(res.status).toBe(200);
  const body = await res.text();
  return checkedAck(body === '' ? null : JSON.parse(body));
}

async function rowsTitled(title: string) {
  return t.app.deps.db.selectFrom('joint_priorities').selectAll().where('title', '=', title).execute();
}

async function seed(over: Partial<NewPriority>) {
  const input: NewPriority = {
    title: 'Seeded',
    description: null,
    areaKeys: ['trafik'],
    partyKeys: ['polisen'],
    contactUserId: null,
    followUpDate: '2026-12-04',
    effectShort: null,
    effectLong: null,
    citizenPromise: null,
    agreedWeek: '2026-W48',
    idempotencyKey: randomUUID(),
    ...over,
  };
  return (await createPriority(t.app.deps.db, input, { actorUserId: POLIS, at: clock.now() })).priority;
}

async function statusOf(id: number): Promise<string | undefined> {
  const row = await t.app.deps.db
    .selectFrom('joint_priorities')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.status;
}

function inputBlock(view: View, blockId: string): View {
  return view.blocks.find((b: View) => b.block_id === blockId);
}

describe('/prioritet: a new joint priority', () => {
  it('opens the modal at once, bound to the coming meeting, with the user’s party preselected', async () => {
    const view = await openNewModal(POLIS);
    expect(view.callback_id).toBe('prioritet_spara');
    const metadata = JSON.parse(view.private_metadata);
    expect(metadata).toMatchObject({ week: '2026-W49', priorityId: null, channelId: 'C0MEETING' });
    expect(metadata.responseUrl).toMatch(/\/response\//);
    // When the response_url was issued: past its 30 minutes the confirmation goes to the channel instead.
    expect(metadata.issuedAt).toBe(clock.now().toISOString());
    expect(metadata.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(inputBlock(view, 'parties').element.initial_options.map((o: View) => o.value)).toEqual([
      'polisen',
    ]);
    expect(inputBlock(view, 'areas').element.options).toHaveLength(13);
    expect(inputBlock(view, 'contactUserId').element.type).toBe('users_select');
    // The default follow-up is the next meeting after week 49.
    expect(inputBlock(view, 'followUpMeeting').element.initial_option.value).toBe('2026-12-11');
    expect(inputBlock(view, 'title').element.max_length).toBeUndefined();
    expect(inputBlock(view, 'title').hint.text).toBe('Högst 150 tecken.');
  });

  it('stores the submitted priority with its areas, parties and history, confirms it and updates Home', async () => {
    const view = await openNewModal(POLIS);
    const answer = await submit(
      POLIS,
      'prioritet_spara',
      view.private_metadata,
      priorityValues({
        title: 'Trygg skolväg <!channel>',
        areas: ['unga', 'trafik'],
        parties: ['polisen', 'kommunen'],
        contact: KOMMUN,
      }),
    );
    expect(answer).toBeNull();
    const [row] = await rowsTitled('Trygg skolväg <!channel>');
    expect(row).toMatchObject({
      agreed_week: '2026-W49',
      follow_up_date: '2026-12-11',
      contact_user_id: KOMMUN,
      effect_short: 'Färre hastighetsöverträdelser.',
      effect_long: null,
      status: 'aktiv',
      created_by: POLIS,
    });
    const id = row?.id as number;
    const links = await t.app.deps.db
      .selectFrom('joint_priority_parties')
      .select('party_key')
      .where('priority_id', '=', id)
      .execute();
    expect(links.map((l) => l.party_key).sort()).toEqual(['kommunen', 'polisen']);
    const events = await t.app.deps.db
      .selectFrom('joint_priority_events')
      .selectAll()
      .where('priority_id', '=', id)
      .execute();
    expect(events.map((e) => [e.kind, e.meeting_week, e.actor_user_id])).toEqual([
      ['skapad', '2026-W49', POLIS],
    ]);

    // Confirmed ephemerally through the command's response_url.
    const responseId = String(JSON.parse(view.private_metadata).responseUrl).split('/').at(-1);
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === responseId));
    const confirmation = t.slack.responses.find((r) => r.id === responseId)?.body;
    expect(confirmation?.response_type).toBe('ephemeral');
    expect(confirmation?.text).toContain(`#${id}`);
    expect(confirmation?.text).toContain('&lt;!channel&gt;');
    expect(confirmation?.text).not.toContain('<!channel>');
    expect(confirmation?.text).toContain('v. 49');
    await t.slack.waitFor(() => t.slack.succeeded('views.publish').some((a) => a.user_id === POLIS));
  });

  it('confirms in the channel instead when the response_url has expired', async () => {
    const view = await openNewModal(KOMMUN);
    const metadata = JSON.parse(view.private_metadata);
    const expired = JSON.stringify({
      ...metadata,
      responseUrl: metadata.responseUrl.replace('/response/', '/expired/'),
    });
    await submit(
      KOMMUN,
      'prioritet_spara',
      expired,
      priorityValues({ title: 'Sent bekräftad', parties: ['kommunen'] }),
    );
    const [row] = await rowsTitled('Sent bekräftad');
    await t.slack.waitFor(() =>
      t.slack.succeeded('chat.postEphemeral').some((a) => String(a.text).includes(`#${row?.id} `)),
    );
    const confirmation = t.slack
      .succeeded('chat.postEphemeral')
      .find((a) => String(a.text).includes(`#${row?.id} `));
    expect(confirmation).toMatchObject({ channel: 'C0MEETING', user: KOMMUN });
  });

  it('stores one priority when the same modal is submitted twice', async () => {
    const view = await openNewModal(KOMMUN);
    const values = priorityValues({ title: 'Dubbelklickad prioritering', parties: ['kommunen'] });
    await Promise.all([
      submit(KOMMUN, 'prioritet_spara', view.private_metadata, values),
      submit(KOMMUN, 'prioritet_spara', view.private_metadata, values),
    ]);
    await submit(KOMMUN, 'prioritet_spara', view.private_metadata, values);
    expect(await rowsTitled('Dubbelklickad prioritering')).toHaveLength(1);
  });

  it.each([
    ['an empty title', { title: '  ' }, 'title', 'Skriv en rubrik.'],
    ['an overlong title', { title: 'x'.repeat(151) }, 'title', 'Högst 150 tecken; du har skrivit 151.'],
    ['no responsible party', { parties: [] }, 'parties', 'Välj minst en ansvarig part.'],
    ['no area', { areas: [] }, 'areas', 'Välj minst ett prioriterat område.'],
    ['a follow-up date in the past', { date: '2026-11-30' }, 'followUpDate', 'Datumet har redan passerat'],
    ['a personal identity number', { description: 'Gäller 811218-9876.' }, 'description', 'personnummer'],
  ])('refuses %s with an error on the field and stores nothing', async (_what, values, field, message) => {
    const view = await openNewModal(POLIS);
    const title = 'title' in values ? values.title : `Felaktig ${randomUUID()}`;
    const answer = await submit(
      POLIS,
      'prioritet_spara',
      view.private_metadata,
      priorityValues({ ...values, title }),
    );
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual([field]);
    expect(answer.errors[field]).toContain(message);
    expect(await rowsTitled(title)).toHaveLength(0);
  });

  it('tells someone who is no party member which admins to ask, and opens nothing', async () => {
    const opened = t.slack.succeeded('views.open').length;
    const response = await t.command(NOBODY, '/prioritet', '');
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.text).toContain('Du är inte medlem i någon part');
    expect(response.body.text).toContain(`<@${ADMIN}>`);
    expect(t.slack.succeeded('views.open')).toHaveLength(opened);
  });

  it('binds the modal to the meeting going on, else to the next one', async () => {
    // Friday 4 December 09:40 local: meeting 49 is on.
    clock.set('2026-12-04T08:40:00Z');
    try {
      expect(JSON.parse((await openNewModal(POLIS)).private_metadata).week).toBe('2026-W49');
      // 10:05 local: it has ended.
      clock.set('2026-12-04T09:05:00Z');
      expect(JSON.parse((await openNewModal(POLIS)).private_metadata).week).toBe('2026-W50');
    } finally {
      clock.set(TUESDAY);
    }
  });

  it("binds the modal to the agenda's meeting when opened from its Ny gemensam prioritering button", async () => {
    const { view } = await press(POLIS, 'prioritet_ny', '2026-W50');
    expect(JSON.parse(view?.private_metadata).week).toBe('2026-W50');
    expect(inputBlock(view as View, 'followUpMeeting').element.initial_option.value).toBe('2026-12-18');
    await submit(
      POLIS,
      'prioritet_spara',
      view?.private_metadata,
      priorityValues({ title: 'Från agendan', date: null }),
    );
    const [row] = await rowsTitled('Från agendan');
    expect(row?.agreed_week).toBe('2026-W50');
    expect(row?.follow_up_date).toBe('2026-12-18');
  });

  it("binds an old agenda's button to the meeting a decision made now belongs to, not to one long over", async () => {
    // Week 48's meeting and its "Beslut och uppföljning" were last Friday.
    const { view } = await press(POLIS, 'prioritet_ny', '2026-W48');
    expect(JSON.parse(view?.private_metadata).week).toBe('2026-W49');
    await submit(
      POLIS,
      'prioritet_spara',
      view?.private_metadata,
      priorityValues({ title: 'Från en gammal agenda', date: null }),
    );
    const [row] = await rowsTitled('Från en gammal agenda');
    expect(row?.agreed_week).toBe('2026-W49');
    expect(row?.follow_up_date).toBe('2026-12-11');
  });

  it('rebinds a modal whose meeting ended while it was open to the next meeting', async () => {
    // Opened during meeting 49, submitted after it ended: its summary is out, so the priority goes to week 50.
    clock.set('2026-12-04T08:50:00Z');
    try {
      const view = await openNewModal(POLIS);
      expect(JSON.parse(view.private_metadata).week).toBe('2026-W49');
      clock.set('2026-12-04T09:10:00Z');
      await submit(
        POLIS,
        'prioritet_spara',
        view.private_metadata,
        priorityValues({ title: 'Sent inskickad', date: '2026-12-18' }),
      );
      const [row] = await rowsTitled('Sent inskickad');
      expect(row?.agreed_week).toBe('2026-W50');
    } finally {
      clock.set(TUESDAY);
    }
  });
});

describe('cancelled meetings', () => {
  const followUpNote = (note: string, date: string | null = null): ViewState => ({
    note: { value: { type: 'plain_text_input', value: note } },
    status: { value: { type: 'static_select', selected_option: null } },
    followUpDate: { value: { type: 'datepicker', selected_date: date } },
  });

  async function eventsOf(id: number) {
    return t.app.deps.db
      .selectFrom('joint_priority_events')
      .select(['kind', 'meeting_week'])
      .where('priority_id', '=', id)
      .orderBy('id')
      .execute();
  }

  it('binds what is decided in the week of juldagen to the next held meeting, 8 January', async () => {
    // Tuesday 22 December 2026: Friday is juldagen and the Friday after nyårsdagen, so no summary until 8 January.
    clock.set('2026-12-22T09:00:00Z');
    try {
      const view = await openNewModal(POLIS);
      expect(JSON.parse(view.private_metadata).week).toBe('2027-W01');
      // The default follow-up is the meeting held after that one.
      expect(inputBlock(view, 'followUpMeeting').hint.text).toContain('fredag 15 januari 2027');
      await submit(
        POLIS,
        'prioritet_spara',
        view.private_metadata,
        priorityValues({ title: 'Överenskommen i julveckan', date: null }),
      );
      const [row] = await rowsTitled('Överenskommen i julveckan');
      expect([row?.agreed_week, row?.follow_up_date]).toEqual(['2027-W01', '2027-01-15']);

      const id = row?.id as number;
      const { view: followUp } = await press(POLIS, 'prioritet_folj_upp', String(id));
      await submit(
        POLIS,
        'prioritet_uppfoljning',
        followUp?.private_metadata,
        followUpNote('Igång före jul.'),
      );
      await closeWith(POLIS, 'prioritet_klar', id, 'Klart före jul.');
      expect(await eventsOf(id)).toEqual([
        { kind: 'skapad', meeting_week: '2027-W01' },
        { kind: 'uppfoljning', meeting_week: '2027-W01' },
        { kind: 'status', meeting_week: '2027-W01' },
      ]);
    } finally {
      clock.set(TUESDAY);
    }
  });

  it('skips a meeting an admin cancelled, also while it would be going on', async () => {
    await t.app.deps.db
      .insertInto('meetings')
      .values({ week: '2026-W50', cancelled: true, reason: 'Krisövning', changed_by: ADMIN })
      .execute();
    try {
      // Tuesday 8 December, and Friday 11 December at 09:30 when meeting 50 would be on.
      for (const at of ['2026-12-08T09:00:00Z', '2026-12-11T08:30:00Z']) {
        clock.set(at);
        expect(JSON.parse((await openNewModal(POLIS)).private_metadata).week).toBe('2026-W51');
      }
      clock.set('2026-12-08T09:00:00Z');
      const priority = await seed({ title: 'Följs upp i en inställd vecka', partyKeys: ['polisen'] });
      const { view } = await press(POLIS, 'prioritet_folj_upp', String(priority.id));
      await submit(POLIS, 'prioritet_uppfoljning', view?.private_metadata, followUpNote('Lägesrapport.'));
      expect((await eventsOf(priority.id)).at(-1)).toEqual({ kind: 'uppfoljning', meeting_week: '2026-W51' });
    } finally {
      clock.set(TUESDAY);
      await t.app.deps.db.deleteFrom('meetings').where('week', '=', '2026-W50').execute();
    }
  });

  it('stores the default follow-up date the hint promised when the date is cleared: no holiday', async () => {
    // Tuesday 15 December: agreed at meeting 51; 25 December and 1 January are holidays.
    clock.set('2026-12-15T09:00:00Z');
    try {
      const view = await openNewModal(POLIS);
      expect(JSON.parse(view.private_metadata).week).toBe('2026-W51');
      expect(inputBlock(view, 'followUpMeeting').element.initial_option.value).toBe('2027-01-08');
      expect(inputBlock(view, 'followUpMeeting').hint.text).toContain('fredag 8 januari 2027');
      await submit(
        POLIS,
        'prioritet_spara',
        view.private_metadata,
        priorityValues({ title: 'Utan valt datum före jul', date: null }),
      );
      const [row] = await rowsTitled('Utan valt datum före jul');
      expect(row?.follow_up_date).toBe('2027-01-08');
    } finally {
      clock.set(TUESDAY);
    }
  });
});

describe('/prioritet lista, visa, hjälp', () => {
  it('lists the active ones by default and filters by party, by area alias without å/ä/ö, and alla', async () => {
    const coast = await seed({
      title: 'Kustnära narkotikasmuggling',
      partyKeys: ['kustbevakningen'],
      areaKeys: ['narkotika'],
    });
    const gangs = await seed({
      title: 'Rekrytering till gäng',
      partyKeys: ['kommunen'],
      areaKeys: ['organiserad'],
    });
    const closed = await seed({
      title: 'Avslutad kustinsats',
      partyKeys: ['kustbevakningen'],
      areaKeys: ['heder'],
    });
    await t.app.deps.db
      .updateTable('joint_priorities')
      .set({ status: 'genomford' })
      .where('id', '=', closed.id)
      .execute();

    const all = (await t.command(POLIS, '/prioritet', 'lista')).body;
    expect(all.response_type).toBe('ephemeral');
    expect(JSON.stringify(all.blocks)).toContain('Kustnära narkotikasmuggling');
    expect(JSON.stringify(all.blocks)).not.toContain('Avslutad kustinsats');

    const coastOnly = JSON.stringify(
      (await t.command(POLIS, '/prioritet', 'lista kustbevakningen')).body.blocks,
    );
    expect(coastOnly).toContain(`#${coast.id} `);
    expect(coastOnly).not.toContain(`#${gangs.id} `);

    const gang = JSON.stringify((await t.command(POLIS, '/prioritet', 'lista GANG')).body.blocks);
    expect(gang).toContain(`#${gangs.id} `);
    expect(gang).not.toContain(`#${coast.id} `);

    const withClosed = JSON.stringify(
      (await t.command(POLIS, '/prioritet', 'lista alla kustbevakningen')).body.blocks,
    );
    expect(withClosed).toContain(`#${closed.id} `);
    expect(withClosed).toContain(`#${coast.id} `);
  });

  it('answers an unknown party or area with the valid ones', async () => {
    const response = await t.command(POLIS, '/prioritet', 'lista brandkåren');
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.text).toContain('Jag känner inte igen `brandkåren` som part eller område');
    expect(response.body.text).toContain('`kustbevakningen`');
    expect(response.body.text).toContain('`gäng`');
  });

  it('shows a priority with its whole history', async () => {
    const priority = await seed({ title: 'Trygghetsvandring i Gamleby' });
    await editPriority(
      t.app.deps.db,
      priority.id,
      { ...priority, title: 'Trygghetsvandringar i Gamleby' },
      {
        actorUserId: KOMMUN,
        meetingWeek: '2026-W49',
        at: clock.now(),
        idempotencyKey: randomUUID(),
        openedAt: null,
      },
    );
    await addFollowUp(
      t.app.deps.db,
      priority.id,
      { note: 'Första vandringen gjord, 14 deltagare.', status: null, followUpDate: '2026-12-18' },
      { actorUserId: POLIS, meetingWeek: '2026-W49', at: clock.now(), idempotencyKey: randomUUID() },
    );
    const response = await t.command(POLIS, '/prioritet', `visa #${priority.id}`);
    const shown = JSON.stringify(response.body.blocks);
    expect(shown).toContain('Historik');
    expect(shown).toContain(`<@${POLIS}> registrerade prioriteringen`);
    expect(shown).toContain(`<@${KOMMUN}> ändrade`);
    expect(shown).toContain('Rubrik: ”Trygghetsvandring i Gamleby” → ”Trygghetsvandringar i Gamleby”');
    expect(shown).toContain('följde upp');
    expect(shown).toContain('Första vandringen gjord, 14 deltagare.');
    expect(shown).toContain('Uppföljningsdatum: fredag 4 december 2026 → fredag 18 december 2026');
  });

  it('answers an unknown area after a party with the valid ones, listing nothing', async () => {
    const response = await t.command(POLIS, '/prioritet', 'lista polisen cykelstölder');
    expect(response.body.blocks).toBeUndefined();
    expect(response.body.text).toContain('Jag känner inte igen `cykelstölder` som part eller område');
    expect(response.body.text).toContain('`trafik`');
  });

  it('shows the list and a priority only to party members and admins', async () => {
    const priority = await seed({ title: 'Hemlig för utomstående' });
    for (const text of ['lista', 'lista alla', `visa ${priority.id}`]) {
      const refused = (await t.command(NOBODY, '/prioritet', text)).body;
      expect(refused.response_type).toBe('ephemeral');
      expect(refused.text).toContain(
        'De gemensamma prioriteringarna visas bara för parternas medlemmar och administratörer',
      );
      expect(refused.text).toContain(`<@${ADMIN}>`);
      expect(JSON.stringify(refused)).not.toContain('Hemlig för utomstående');
    }
    // An admin in no party reads them.
    const list = (await t.command(ADMIN, '/prioritet', 'lista')).body;
    expect(JSON.stringify(list.blocks)).toContain('Hemlig för utomstående');
    const shown = (await t.command(ADMIN, '/prioritet', `visa ${priority.id}`)).body;
    expect(JSON.stringify(shown.blocks)).toContain('Hemlig för utomstående');
  });

  describe('a priority with a long history', () => {
    let priority: { id: number };
    const notes = 60;

    beforeAll(async () => {
      priority = await seed({ title: 'Lång historik' });
      for (let i = 1; i <= notes; i += 1) {
        await addFollowUp(
          t.app.deps.db,
          priority.id,
          { note: `Anteckning nummer ${i}. `.padEnd(1800, 'x'), status: null, followUpDate: null },
          { actorUserId: POLIS, meetingWeek: '2026-W49', at: clock.now(), idempotencyKey: randomUUID() },
        );
      }
    });

    /** Runs `/prioritet visa` in `channelId` and returns every part it sent, by part number. */
    async function showFrom(channelId: string) {
      const responseUrl = t.slack.responseUrl();
      const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
      const calls = t.slack.calls.length;
      const res = await t.send(
        slashCommand({
          command: '/prioritet',
          text: `visa ${priority.id}`,
          userId: POLIS,
          channelId,
          responseUrl,
        }),
      );
      expect(res.status).toBe(200);
      const partOf = (text: string) => Number(/del (\d+) av (\d+)/.exec(text)?.[1]);
      const totalOf = (text: string) => Number(/del \d+ av (\d+)/.exec(text)?.[1]);
      // What the user saw through the response_url: posts Slack refused (`used_url`) showed nothing.
      const viaUrl = () =>
        t.slack.responses.filter((r) => r.id === id && r.error === undefined).map((r) => r.body);
      const later = () => t.slack.calls.slice(calls).filter((c) => c.outcome === 'ok');
      await t.slack.waitFor(() => viaUrl().length > 0);
      const total = totalOf(String(viaUrl()[0]?.text));
      await t.slack.waitFor(
        () =>
          viaUrl().length +
            later().filter((c) => ['chat.postEphemeral', 'chat.postMessage'].includes(c.method)).length >=
          total,
        10_000,
        'every part of the history',
      );
      return {
        total,
        viaUrl: viaUrl().map((b) => ({ part: partOf(String(b.text)), text: JSON.stringify(b.blocks) })),
        ephemeral: later()
          .filter((c) => c.method === 'chat.postEphemeral')
          .map((c) => ({ part: partOf(String(c.args.text)), args: c.args })),
        direct: later()
          .filter((c) => c.method === 'chat.postMessage')
          .map((c) => ({ part: partOf(String(c.args.text)), args: c.args })),
      };
    }

    it('sends every part: five through the response_url, the rest ephemerally in the channel', async () => {
      const { total, viaUrl, ephemeral, direct } = await showFrom('C0MEETING');
      expect(total).toBeGreaterThan(5);
      expect(viaUrl.map((p) => p.part)).toEqual([1, 2, 3, 4, 5]);
      expect(ephemeral.map((p) => p.part)).toEqual(Array.from({ length: total - 5 }, (_, i) => i + 6));
      expect(ephemeral.every((p) => p.args.channel === 'C0MEETING' && p.args.user === POLIS)).toBe(true);
      expect(direct).toEqual([]);
      const all = [
        ...viaUrl.map((p) => p.text),
        ...ephemeral.map((p) => JSON.stringify(p.args.blocks)),
      ].join();
      for (let i = 1; i <= notes; i += 1) expect(all).toContain(`Anteckning nummer ${i}. `);
      expect(all).toContain('registrerade prioriteringen');
    });

    it('sends the rest as direct messages where the bot is not in the channel', async () => {
      t.slack.addChannel('C0ELSEWHERE', { name: 'annan-kanal', isMember: false });
      const { total, viaUrl, ephemeral, direct } = await showFrom('C0ELSEWHERE');
      expect(viaUrl).toHaveLength(5);
      expect(ephemeral).toEqual([]);
      expect(direct.map((p) => p.part)).toEqual(Array.from({ length: total - 5 }, (_, i) => i + 6));
      expect(direct.every((p) => p.args.channel === POLIS)).toBe(true);
      const all = [...viaUrl.map((p) => p.text), ...direct.map((p) => JSON.stringify(p.args.blocks))].join();
      for (let i = 1; i <= notes; i += 1) expect(all).toContain(`Anteckning nummer ${i}. `);
    });
  });

  it('says so for a priority that does not exist', async () => {
    expect((await t.command(POLIS, '/prioritet', 'visa 987654')).body.text).toBe(
      'Det finns ingen gemensam prioritering med nummer 987654.',
    );
  });

  it('explains every subcommand in hjälp, and answers an unknown one with the help', async () => {
    const help = (await t.command(NOBODY, '/prioritet', 'hjälp')).body.text;
    expect(help).toContain('`/prioritet lista [aktiva|alla|genomförda|avbrutna] [<part>] [<område>]`');
    expect(help).toContain('`/prioritet visa <nummer>`');
    const unknown = (await t.command(POLIS, '/prioritet', 'radera <!here>')).body.text;
    expect(unknown).toContain('Jag känner inte igen `/prioritet radera`');
    expect(unknown).toContain('`/prioritet hjälp`');
    expect(unknown).not.toContain('<!here>');
  });
});

describe('following up and closing', () => {
  it('opens the follow-up modal from Följ upp and stores the note with its status change', async () => {
    const priority = await seed({ title: 'Belysning i Skeppsbrogången', partyKeys: ['polisen'] });
    const { view } = await press(POLIS, 'prioritet_folj_upp', String(priority.id));
    expect(view?.callback_id).toBe('prioritet_uppfoljning');
    const answer = await submit(POLIS, 'prioritet_uppfoljning', view?.private_metadata, {
      note: { value: { type: 'plain_text_input', value: 'Belysningen är uppsatt.' } },
      status: { value: { type: 'static_select', selected_option: { value: 'genomford' } } },
      followUpDate: { value: { type: 'datepicker', selected_date: null } },
    });
    expect(answer).toBeNull();
    expect(await statusOf(priority.id)).toBe('genomford');
    const [, event] = await t.app.deps.db
      .selectFrom('joint_priority_events')
      .selectAll()
      .where('priority_id', '=', priority.id)
      .orderBy('id')
      .execute();
    expect(event).toMatchObject({
      kind: 'uppfoljning',
      note: 'Belysningen är uppsatt.',
      actor_user_id: POLIS,
      meeting_week: '2026-W49',
      changes: { status: { from: 'aktiv', to: 'genomford' } },
    });
  });

  it('refuses a status change in the follow-up modal from a member of a party that is not responsible', async () => {
    const priority = await seed({ title: 'Polisens egen insats', partyKeys: ['polisen'] });
    const { view } = await press(KOMMUN, 'prioritet_folj_upp', String(priority.id));
    const answer = await submit(KOMMUN, 'prioritet_uppfoljning', view?.private_metadata, {
      note: { value: { type: 'plain_text_input', value: 'Vi tycker den är klar.' } },
      status: { value: { type: 'static_select', selected_option: { value: 'avbruten' } } },
      followUpDate: { value: { type: 'datepicker', selected_date: null } },
    });
    expect(answer.response_action).toBe('errors');
    expect(answer.errors.status).toContain(
      'Bara medlemmar i en ansvarig part (Polisen, lokalpolisområde Västervik)',
    );
    expect(await statusOf(priority.id)).toBe('aktiv');
  });

  it('refuses Klarmarkera to a member of a party that is not responsible, and allows it for an admin', async () => {
    const priority = await seed({ title: 'Hastighetskontroller E22', partyKeys: ['polisen'] });
    const refused = await press(KOMMUN, 'prioritet_klar', String(priority.id));
    expect(refused.response).toContain(`Du kan inte klarmarkera eller avbryta prioritering #${priority.id}`);
    expect(refused.response).toContain('Inget har ändrats');
    expect(await statusOf(priority.id)).toBe('aktiv');

    const allowed = await closeWith(ADMIN, 'prioritet_klar', priority.id, 'Kontrollerna är gjorda.');
    expect(allowed).toContain('är nu markerad som *genomförd*');
    expect(await statusOf(priority.id)).toBe('genomford');
    await t.slack.waitFor(() => t.slack.succeeded('views.publish').some((a) => a.user_id === ADMIN));

    const again = await press(ADMIN, 'prioritet_klar', String(priority.id));
    expect(again.response).toBe(`Prioritering #${priority.id} är redan markerad som genomförd.`);
  });

  it('lets a member of a responsible party cancel with Avbryt', async () => {
    const priority = await seed({
      title: 'Nattvandring vid busstationen',
      partyKeys: ['polisen', 'kommunen'],
    });
    const response = await closeWith(KOMMUN, 'prioritet_avbryt', priority.id, 'Ingen kan gå.');
    expect(response).toContain('är nu markerad som *avbruten*');
    expect(await statusOf(priority.id)).toBe('avbruten');
  });

  it('opens Ändra prefilled and records what the edit changed', async () => {
    const priority = await seed({ title: 'Samverkan kring EPA-traktorer', partyKeys: ['polisen'] });
    const { view } = await press(KOMMUN, 'prioritet_andra', String(priority.id));
    expect(inputBlock(view as View, 'title').element.initial_value).toBe('Samverkan kring EPA-traktorer');
    expect(inputBlock(view as View, 'followUpMeeting').element.initial_option.value).toBe('2026-12-04');
    const metadata = JSON.parse(view?.private_metadata);
    expect(metadata.priorityId).toBe(priority.id);
    expect(metadata.openedAt).toBe(priority.updatedAt.toISOString());
    // Any member may edit the text; the responsible parties stay as they are.
    const answer = await submit(
      KOMMUN,
      'prioritet_spara',
      view?.private_metadata,
      priorityValues({ title: 'Samverkan kring A-traktorer', parties: ['polisen'], date: '2026-12-04' }),
    );
    expect(answer).toBeNull();
    const events = await t.app.deps.db
      .selectFrom('joint_priority_events')
      .selectAll()
      .where('priority_id', '=', priority.id)
      .where('kind', '=', 'andrad')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.changes).toMatchObject({
      title: { from: 'Samverkan kring EPA-traktorer', to: 'Samverkan kring A-traktorer' },
    });
    expect(events[0]?.changes).not.toHaveProperty('partyKeys');
    expect(events[0]?.actor_user_id).toBe(KOMMUN);
  });

  it('refuses a change of the responsible parties from a member of no responsible party, so they cannot then close it', async () => {
    const priority = await seed({ title: 'Polisens ansvar', partyKeys: ['polisen'] });
    const { view } = await press(KOMMUN, 'prioritet_andra', String(priority.id));
    for (const parties of [['polisen', 'kommunen'], ['kommunen']]) {
      const answer = await submit(
        KOMMUN,
        'prioritet_spara',
        view?.private_metadata,
        priorityValues({ title: 'Polisens ansvar', parties, date: '2026-12-04' }),
      );
      expect(answer.response_action).toBe('errors');
      expect(Object.keys(answer.errors)).toEqual(['parties']);
      expect(answer.errors.parties).toContain(
        'Bara medlemmar i en ansvarig part (Polisen, lokalpolisområde Västervik) och administratörer kan ändra vilka parter',
      );
    }
    const links = await t.app.deps.db
      .selectFrom('joint_priority_parties')
      .select('party_key')
      .where('priority_id', '=', priority.id)
      .execute();
    expect(links.map((l) => l.party_key)).toEqual(['polisen']);
    const refused = await press(KOMMUN, 'prioritet_klar', String(priority.id));
    expect(refused.response).toContain('Du kan inte klarmarkera eller avbryta');
    expect(await statusOf(priority.id)).toBe('aktiv');
  });

  it('lets a member of a responsible party and an admin change the responsible parties', async () => {
    const priority = await seed({ title: 'Delat ansvar', partyKeys: ['polisen'] });
    const byPolice = await press(POLIS, 'prioritet_andra', String(priority.id));
    expect(
      await submit(
        POLIS,
        'prioritet_spara',
        byPolice.view?.private_metadata,
        priorityValues({ title: 'Delat ansvar', parties: ['polisen', 'kommunen'], date: '2026-12-04' }),
      ),
    ).toBeNull();
    const byAdmin = await press(ADMIN, 'prioritet_andra', String(priority.id));
    expect(
      await submit(
        ADMIN,
        'prioritet_spara',
        byAdmin.view?.private_metadata,
        priorityValues({ title: 'Delat ansvar', parties: ['regionen'], date: '2026-12-04' }),
      ),
    ).toBeNull();
    const changes = await t.app.deps.db
      .selectFrom('joint_priority_events')
      .select('changes')
      .where('priority_id', '=', priority.id)
      .where('kind', '=', 'andrad')
      .orderBy('id')
      .execute();
    expect(changes.map((c) => c.changes)).toMatchObject([
      { partyKeys: { from: ['polisen'], to: ['polisen', 'kommunen'] } },
      { partyKeys: { from: ['polisen', 'kommunen'], to: ['regionen'] } },
    ]);
  });

  it('refuses to save an edit over a change made since the modal was opened, and keeps that change', async () => {
    const priority = await seed({ title: 'Två som ändrar', partyKeys: ['polisen'] });
    const mine = await press(POLIS, 'prioritet_andra', String(priority.id));
    const theirs = await press(KOMMUN, 'prioritet_andra', String(priority.id));
    // Someone else moves the follow-up date first, in the same minute.
    expect(
      await submit(
        KOMMUN,
        'prioritet_spara',
        theirs.view?.private_metadata,
        priorityValues({ title: 'Två som ändrar', parties: ['polisen'], date: '2026-12-18' }),
      ),
    ).toBeNull();
    // My modal still shows the old date; saving it would silently move the date back.
    const answer = await submit(
      POLIS,
      'prioritet_spara',
      mine.view?.private_metadata,
      priorityValues({ title: 'Två som ändrar, med ny rubrik', parties: ['polisen'], date: '2026-12-04' }),
    );
    expect(answer.response_action).toBe('errors');
    expect(answer.errors.title).toContain(
      'Prioriteringen har ändrats av någon annan sedan du öppnade formuläret – öppna den igen',
    );
    const row = await t.app.deps.db
      .selectFrom('joint_priorities')
      .select(['title', 'follow_up_date'])
      .where('id', '=', priority.id)
      .executeTakeFirst();
    expect(row).toEqual({ title: 'Två som ändrar', follow_up_date: '2026-12-18' });

    // Opened again, it shows the change and saves.
    const again = await press(POLIS, 'prioritet_andra', String(priority.id));
    expect(inputBlock(again.view as View, 'followUpMeeting').element.initial_option.value).toBe('2026-12-18');
    expect(
      await submit(
        POLIS,
        'prioritet_spara',
        again.view?.private_metadata,
        priorityValues({ title: 'Två som ändrar, med ny rubrik', parties: ['polisen'], date: '2026-12-18' }),
      ),
    ).toBeNull();
  });

  it('refuses a personal identity number in a follow-up note, and a new follow-up date in the past', async () => {
    const priority = await seed({ title: 'Uppföljning med fel', partyKeys: ['polisen'] });
    const { view } = await press(POLIS, 'prioritet_folj_upp', String(priority.id));
    const note = await submit(POLIS, 'prioritet_uppfoljning', view?.private_metadata, {
      note: { value: { type: 'plain_text_input', value: 'Pratade med 811218-9876 om saken.' } },
      status: { value: { type: 'static_select', selected_option: null } },
      followUpDate: { value: { type: 'datepicker', selected_date: null } },
    });
    expect(note.response_action).toBe('errors');
    expect(Object.keys(note.errors)).toEqual(['note']);
    expect(note.errors.note).toContain('personnummer');
    const past = await submit(POLIS, 'prioritet_uppfoljning', view?.private_metadata, {
      note: { value: { type: 'plain_text_input', value: 'Skjuts upp.' } },
      status: { value: { type: 'static_select', selected_option: null } },
      followUpDate: { value: { type: 'datepicker', selected_date: '2026-11-30' } },
    });
    expect(past.response_action).toBe('errors');
    expect(Object.keys(past.errors)).toEqual(['followUpDate']);
    expect(past.errors.followUpDate).toContain(
      'Datumet har redan passerat. Välj i dag (tisdag 1 december 2026)',
    );
    const events = await t.app.deps.db
      .selectFrom('joint_priority_events')
      .select('kind')
      .where('priority_id', '=', priority.id)
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['skapad']);
  });

  it('refuses Avbryt to a member of a party that is not responsible', async () => {
    const priority = await seed({ title: 'Polisens kameror', partyKeys: ['polisen'] });
    const { view, response } = await press(KOMMUN, 'prioritet_avbryt', String(priority.id));
    expect(view).toBeNull();
    expect(response).toContain(`Du kan inte klarmarkera eller avbryta prioritering #${priority.id}`);
    expect(response).toContain('Polisen, lokalpolisområde Västervik');
    expect(await statusOf(priority.id)).toBe('aktiv');
  });

  it('opens no edit for someone who is no member, and refuses the edit of a member who has left since opening it', async () => {
    const priority = await seed({ title: 'Ändras inte av utomstående' });
    const outsider = await press(NOBODY, 'prioritet_andra', String(priority.id));
    expect(outsider.view).toBeNull();
    expect(outsider.response).toContain(`<@${ADMIN}>`);

    const leaver = 'U0LEAVER02';
    await addMember(t.app.deps.db, { userId: leaver, partyKey: 'kommunen' }, ADMIN);
    const { view } = await press(leaver, 'prioritet_andra', String(priority.id));
    await t.app.deps.db.deleteFrom('members').where('user_id', '=', leaver).execute();
    const answer = await submit(
      leaver,
      'prioritet_spara',
      view?.private_metadata,
      priorityValues({ title: 'Ändrad av någon som gått', parties: ['polisen'], date: '2026-12-04' }),
    );
    expect(answer.response_action).toBe('errors');
    // A field error is plain text, where a mention would show as `<@U…>`: it names no admin.
    expect(answer.errors.title).toBe(sv.prioritet.notMemberUnnamed);
    const [row] = await rowsTitled('Ändras inte av utomstående');
    expect(row?.updated_at.toISOString()).toBe(priority.updatedAt.toISOString());
  });

  it('tells someone who is no member which admins to ask when they press Följ upp', async () => {
    const priority = await seed({ title: 'Ingen medlem trycker' });
    const { view, response } = await press(NOBODY, 'prioritet_folj_upp', String(priority.id));
    expect(view).toBeNull();
    expect(response).toContain(`<@${ADMIN}>`);
  });
});
