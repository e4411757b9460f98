import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { blockAction, slashCommand, triggerId, type ViewState, viewSubmission } from '../support/payloads.js';
import { checkedAck } from '../support/view-acks.js';

/**
 * A joint priority's follow-up date is checked against the calendar: the forms offer the coming held meetings,
 * and another date that falls on a cancelled meeting or on a day without one is warned about once — the form
 * comes back with the warning, and is saved when sent again with the same date.
 *
 * Monday 14 December 2026: the coming meeting is Friday 18 December (v. 51); 25 December (juldagen) and
 * 1 January (nyårsdagen) are cancelled, so the next held meeting after v. 51 is Friday 8 January 2027.
 */
const POLIS = 'U0POLIS01';
const MONDAY = '2026-12-14T09:00:00Z';

let t: TestApp;
const clock = new ManualClock(MONDAY);

beforeAll(async () => {
  t = await startTestApp({ clock });
  t.slack.addChannel('C0MEETING', { name: 'fredagsmotet' });
  await addMember(t.app.deps.db, { userId: POLIS, partyKey: 'polisen' }, ADMIN);
});
afterAll(async () => {
  await t.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: views and acks as free-form JSON.
type View = Record<string, any>;

const block = (view: View, blockId: string): View => view.blocks.find((b: View) => b.block_id === blockId);
const viewText = (view: View): string => JSON.stringify(view.blocks);

async function opened(send: () => Promise<Response>): Promise<View> {
  const before = t.slack.succeeded('views.open').length;
  expect((await send()).status).toBe(200);
  await t.slack.waitFor(() => t.slack.succeeded('views.open').length > before, 10_000, 'views.open');
  return t.slack.succeeded('views.open').at(-1)?.view as View;
}

const openNew = () =>
  opened(() =>
    t.send(
      slashCommand({
        command: '/prioritet',
        userId: POLIS,
        responseUrl: t.slack.responseUrl(),
        triggerId: triggerId(),
      }),
    ),
  );

async function submit(callbackId: string, metadata: string, values: ViewState): Promise<View | null> {
  const res = await t.send(viewSubmission({ userId: POLIS, callbackId, privateMetadata: metadata, values }));
  expect(res.status).toBe(200);
  const body = await res.text();
  return checkedAck(body === '' ? null : JSON.parse(body));
}

const text = (value: string) => ({ value: { type: 'plain_text_input', value } });

function priorityValues(title: string, date: { meeting?: string | null; other?: string | null }): ViewState {
  return {
    title: text(title),
    description: text(''),
    areas: { value: { type: 'multi_static_select', selected_options: [{ value: 'trafik' }] } },
    parties: { value: { type: 'multi_static_select', selected_options: [{ value: 'polisen' }] } },
    contactUserId: { value: { type: 'users_select', selected_user: null } },
    followUpMeeting: {
      value: {
        type: 'static_select',
        selected_option: date.meeting == null ? null : { value: date.meeting },
      },
    },
    followUpDate: { value: { type: 'datepicker', selected_date: date.other ?? null } },
    effectShort: text(''),
    effectLong: text(''),
    citizenPromise: text(''),
  };
}

async function followUpDateOf(title: string): Promise<string | null> {
  const row = await t.app.deps.db
    .selectFrom('joint_priorities')
    .select('follow_up_date')
    .where('title', '=', title)
    .executeTakeFirst();
  return row?.follow_up_date ?? null;
}

describe('the follow-up date of a joint priority', () => {
  it('offers the coming held meetings, skipping the cancelled ones, with "Annat datum"', async () => {
    const view = await openNew();
    const choice = block(view, 'followUpMeeting');
    const values = choice.element.options.map((o: View) => o.value);
    expect(values.slice(0, 3)).toEqual(['2027-01-08', '2027-01-15', '2027-01-22']);
    expect(values).not.toContain('2026-12-25');
    expect(values).not.toContain('2027-01-01');
    expect(values.at(-1)).toBe('annat');
    expect(choice.element.options[0].text.text).toBe('fredag 8 januari 2027 (v. 1)');
    expect(choice.element.initial_option.value).toBe('2027-01-08');
    expect(block(view, 'followUpDate').label.text).toBe('Annat datum');
  });

  it('stores a held meeting chosen in the list at once', async () => {
    const view = await openNew();
    expect(
      await submit(
        'prioritet_spara',
        view.private_metadata,
        priorityValues('Vid ett möte', { meeting: '2027-01-15' }),
      ),
    ).toBeNull();
    expect(await followUpDateOf('Vid ett möte')).toBe('2027-01-15');
  });

  it('warns about a date on a cancelled meeting, and stores it when sent again unchanged', async () => {
    const view = await openNew();
    const values = priorityValues('På juldagen', { meeting: 'annat', other: '2026-12-25' });
    const warned = await submit('prioritet_spara', view.private_metadata, values);
    expect(warned?.response_action).toBe('update');
    expect(viewText(warned?.view)).toContain(
      '⚠️ Mötet fredag 25 december 2026 är inställt (juldagen). Nästa möte som hålls är fredag 8 januari 2027. Välj ett möte i listan, eller spara igen för att ändå följa upp fredag 25 december 2026.',
    );
    expect(warned?.view.submit.text).toBe('Spara ändå');
    // What was typed is still there.
    expect(block(warned?.view, 'title').element.initial_value).toBe('På juldagen');
    expect(await followUpDateOf('På juldagen')).toBeNull();

    expect(await submit('prioritet_spara', warned?.view.private_metadata, values)).toBeNull();
    expect(await followUpDateOf('På juldagen')).toBe('2026-12-25');
    await t.slack.waitFor(
      () => t.slack.responses.some((r) => String(r.body.text).includes('På juldagen')),
      10_000,
      'the confirmation',
    );
    const confirmation = t.slack.responses.find((r) => String(r.body.text).includes('På juldagen'));
    expect(confirmation?.body.text).toContain('Den följs upp fredag 25 december 2026.');
  });

  it('warns about a day without a meeting, and again when another such day is chosen', async () => {
    const view = await openNew();
    const warned = await submit(
      'prioritet_spara',
      view.private_metadata,
      priorityValues('En tisdag', { other: '2026-12-22' }),
    );
    expect(viewText(warned?.view)).toContain(
      '⚠️ Inget möte hålls tisdag 22 december 2026. Nästa möte som hålls är fredag 8 januari 2027.',
    );
    const again = await submit(
      'prioritet_spara',
      warned?.view.private_metadata,
      priorityValues('En tisdag', { other: '2026-12-23' }),
    );
    expect(again?.response_action).toBe('update');
    expect(viewText(again?.view)).toContain('Inget möte hålls onsdag 23 december 2026.');
    expect(await followUpDateOf('En tisdag')).toBeNull();
  });

  it('asks for the date when "Annat datum" is chosen without one', async () => {
    const view = await openNew();
    const answer = await submit(
      'prioritet_spara',
      view.private_metadata,
      priorityValues('Utan datum', { meeting: 'annat' }),
    );
    expect(answer?.response_action).toBe('errors');
    expect(answer?.errors.followUpDate).toBe('Välj ett datum i kalendern.');
  });

  it('checks a new date in the follow-up form the same way', async () => {
    const view = await openNew();
    await submit('prioritet_spara', view.private_metadata, priorityValues('Följs upp senare', {}));
    const id = (
      await t.app.deps.db
        .selectFrom('joint_priorities')
        .select('id')
        .where('title', '=', 'Följs upp senare')
        .executeTakeFirstOrThrow()
    ).id;
    const form = await opened(() =>
      t.send(
        blockAction({
          userId: POLIS,
          actionId: 'prioritet_folj_upp',
          value: String(id),
          responseUrl: t.slack.responseUrl(),
        }),
      ),
    );
    // Written before Friday's meeting: that meeting is a follow-up date too.
    expect(
      block(form, 'followUpMeeting')
        .element.options.slice(0, 2)
        .map((o: View) => o.value),
    ).toEqual(['2026-12-18', '2027-01-08']);
    const values: ViewState = {
      note: text('Flyttas till nyårsdagen.'),
      status: { value: { type: 'static_select', selected_option: null } },
      followUpMeeting: { value: { type: 'static_select', selected_option: { value: 'annat' } } },
      followUpDate: { value: { type: 'datepicker', selected_date: '2027-01-01' } },
    };
    const warned = await submit('prioritet_uppfoljning', form.private_metadata, values);
    expect(viewText(warned?.view)).toContain('Mötet fredag 1 januari 2027 är inställt (nyårsdagen).');
    expect(block(warned?.view, 'note').element.initial_value).toBe('Flyttas till nyårsdagen.');
    expect(await followUpDateOf('Följs upp senare')).toBe('2027-01-08');
    expect(await submit('prioritet_uppfoljning', warned?.view.private_metadata, values)).toBeNull();
    expect(await followUpDateOf('Följs upp senare')).toBe('2027-01-01');
  });
});
