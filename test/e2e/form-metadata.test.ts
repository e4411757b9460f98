/**
 * A form's private_metadata comes back through the client, so nothing in it is trusted by itself: a crafted
 * response_url never makes the bot post anywhere but Slack (the confirmation goes another way), and a crafted
 * meeting week never binds a priority or a note in the minutes to a meeting the server did not offer.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { blockAction, slashCommand, type ViewState, viewSubmission } from '../support/payloads.js';
import { checkedAck } from '../support/view-acks.js';

const POLIS = 'U0POLIS01';
// Tuesday 1 December 2026, 10:00 in Stockholm: the coming meeting is Friday 4 December, week 49.
const TUESDAY = '2026-12-01T09:00:00Z';
const FAR_AHEAD = '2099-W01';

// biome-ignore lint/suspicious/noExplicitAny: views as the fake decoded them.
type View = Record<string, any>;

let t: TestApp;
/** Another host that would like the bot's confirmations: records every request it gets. */
let elsewhere: Server;
let elsewhereUrl = '';
const received: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(TUESDAY) });
  t.slack.addChannel('C0MEETING', { name: 'fredagsmotet' });
  await addMember(t.app.deps.db, { userId: POLIS, partyKey: 'polisen' }, ADMIN);
  elsewhere = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    res.writeHead(200).end('');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/commands/T0/1/abc`;
});
afterAll(async () => {
  await t.stop();
  await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
});

/** Waits for `views.open` after `send`, and returns the view it opened. */
async function opened(send: () => Promise<Response>): Promise<View> {
  const before = t.slack.succeeded('views.open').length;
  expect((await send()).status).toBe(200);
  await t.slack.waitFor(() => t.slack.succeeded('views.open').length > before, 10_000, 'views.open');
  return t.slack.succeeded('views.open').at(-1)?.view as View;
}

function tampered(view: View, changes: Record<string, unknown>): string {
  return JSON.stringify({ ...JSON.parse(view.private_metadata), ...changes });
}

async function submit(callbackId: string, privateMetadata: string, values: ViewState) {
  const res = await t.send(viewSubmission({ userId: POLIS, callbackId, privateMetadata, values }));
  expect(res.status).toBe(200);
  const body = await res.text();
  return checkedAck(body === '' ? null : JSON.parse(body));
}

/** What the bot told POLIS outside any response_url: ephemerally in a channel or in a direct message. */
function toldElsewhere(containing: string): boolean {
  return [...t.slack.succeeded('chat.postEphemeral'), ...t.slack.succeeded('chat.postMessage')].some(
    (args) => (args.user === POLIS || args.channel === POLIS) && String(args.text).includes(containing),
  );
}

const text = (value: string) => ({ value: { type: 'plain_text_input', value } });

/** A complete, valid priority form titled `title`. */
function priorityValues(title: string): ViewState {
  const options = (value: string) => ({
    value: { type: 'multi_static_select', selected_options: [{ value }] },
  });
  return {
    title: text(title),
    description: text(''),
    areas: options('trafik'),
    parties: options('polisen'),
    contactUserId: { value: { type: 'users_select', selected_user: null } },
    followUpDate: { value: { type: 'datepicker', selected_date: '2026-12-18' } },
    effectShort: text('Färre hastighetsöverträdelser.'),
    effectLong: text(''),
    citizenPromise: text(''),
  };
}

const openPriorityForm = () =>
  opened(() =>
    t.send(slashCommand({ command: '/prioritet', userId: POLIS, responseUrl: t.slack.responseUrl() })),
  );

async function priorityTitled(title: string) {
  return t.app.deps.db
    .selectFrom('joint_priorities')
    .select(['id', 'agreed_week'])
    .where('title', '=', title)
    .execute();
}

describe('a priority form with crafted metadata', () => {
  it('confirms through Slack, never at a response_url on another host', async () => {
    const view = await openPriorityForm();
    const metadata = tampered(view, { responseUrl: elsewhereUrl });
    expect(await submit('prioritet_spara', metadata, priorityValues('Skolväg, annan värd'))).toBeNull();
    const [row] = await priorityTitled('Skolväg, annan värd');
    await t.slack.waitFor(() => toldElsewhere(`#${row?.id}`), 10_000, 'the confirmation through Slack');
    expect(received).toEqual([]);
  });

  it('binds a priority whose form names a meeting far ahead to the coming meeting', async () => {
    const view = await openPriorityForm();
    const metadata = tampered(view, { week: FAR_AHEAD });
    expect(await submit('prioritet_spara', metadata, priorityValues('Skolväg, långt fram'))).toBeNull();
    expect((await priorityTitled('Skolväg, långt fram')).map((row) => row.agreed_week)).toEqual(['2026-W49']);
  });

  it('opens the form from a button naming a meeting far ahead for the coming meeting instead', async () => {
    const view = await opened(() =>
      t.send(
        blockAction({
          userId: POLIS,
          actionId: 'prioritet_ny',
          value: FAR_AHEAD,
          responseUrl: t.slack.responseUrl(),
        }),
      ),
    );
    expect(JSON.parse(view.private_metadata).week).toBe('2026-W49');
  });

  it('refuses a form whose response_url is no web address, storing nothing', async () => {
    const view = await openPriorityForm();
    const metadata = tampered(view, { responseUrl: 'file:///etc/passwd' });
    const answer = await submit('prioritet_spara', metadata, priorityValues('Skolväg, filadress'));
    expect(answer?.response_action).toBe('errors');
    expect(await priorityTitled('Skolväg, filadress')).toEqual([]);
  });
});

describe('a note form of the minutes with crafted metadata', () => {
  const openNoteForm = (week: string) =>
    opened(() =>
      t.send(
        blockAction({
          userId: POLIS,
          actionId: 'protokoll_anteckna',
          value: week,
          responseUrl: t.slack.responseUrl(),
          channelId: 'C0MEETING',
        }),
      ),
    );
  const note = (value: string): ViewState => ({
    kind: { value: { type: 'radio_buttons', selected_option: { value: 'notering' } } },
    text: text(value),
  });
  const weeksOf = async (value: string) =>
    (
      await t.app.deps.db
        .selectFrom('meeting_notes')
        .select('meeting_week')
        .where('text', '=', value)
        .execute()
    ).map((row) => row.meeting_week);

  it('is opened from a button naming a meeting far ahead for the coming meeting', async () => {
    expect(JSON.parse((await openNoteForm(FAR_AHEAD)).private_metadata).week).toBe('2026-W49');
  });

  it('stores a note whose form names a meeting far ahead on the coming meeting', async () => {
    const view = await openNoteForm('2026-W49');
    const metadata = tampered(view, { week: FAR_AHEAD });
    expect(await submit('protokoll_anteckning', metadata, note('Anteckning, långt fram.'))).toBeNull();
    expect(await weeksOf('Anteckning, långt fram.')).toEqual(['2026-W49']);
  });

  it('confirms a note through Slack, never at a response_url on another host', async () => {
    const view = await openNoteForm('2026-W49');
    const metadata = tampered(view, { responseUrl: elsewhereUrl });
    expect(await submit('protokoll_anteckning', metadata, note('Anteckning, annan värd.'))).toBeNull();
    expect(await weeksOf('Anteckning, annan värd.')).toEqual(['2026-W49']);
    await t.slack.waitFor(
      () => toldElsewhere('Anteckning, annan värd.'),
      10_000,
      'the confirmation through Slack',
    );
    expect(received).toEqual([]);
  });
});
