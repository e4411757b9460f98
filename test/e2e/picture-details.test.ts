import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/db/members.repository.js';
import { givenAt } from '../../src/slack/compiled.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { blockAction, slashCommand, triggerId, type ViewState, viewSubmission } from '../support/payloads.js';
import { checkedAck } from '../support/view-acks.js';

// biome-ignore lint/suspicious/noExplicitAny: Slack views are free-form JSON; tests read them loosely.
type Json = any;

/**
 * Who and when in the compiled picture (a name, never a mention), "Komplettera" on a one-liner's receipt, and
 * the form's "Spara och lägg till en till".
 */
const ANNA = 'U0ANNA001';

/**
 * A Tuesday, whatever the real date: what is submitted and what is shown of it stay in one meeting's week,
 * which a real clock passing Friday 09:00 (the meeting's start and lock) during the run would split.
 */
const TUESDAY = '2026-12-01T09:00:00Z';

describe('the compiled picture’s authors, Komplettera and Spara och lägg till en till', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY) });
    t.slack.addUser({ id: ANNA, name: 'Anna Andersson' });
    await addMember(t.app.deps.db, { userId: ANNA, partyKey: 'polisen' }, ADMIN);
  });
  afterAll(async () => {
    await t.stop();
  });

  const viewOpenedBy = async (trigger: string): Promise<Json> => {
    const opened = () =>
      t.slack.calls.find((c) => c.method === 'views.open' && c.args.trigger_id === trigger);
    await t.slack.waitFor(() => opened() !== undefined);
    return opened()?.args.view;
  };
  const block = (view: Json, id: string) => view.blocks.find((b: Json) => b.block_id === id);
  const state = (fields: { area: string; text: string; place?: string; trend?: string; again?: boolean }) => {
    const select = (value: string | undefined) => ({
      type: 'static_select',
      selected_option: value === undefined ? null : { value, text: { type: 'plain_text', text: value } },
    });
    const input = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
    const again = fields.again ? [{ value: 'igen', text: { type: 'plain_text', text: 'x' } }] : [];
    return {
      area: { area: select(fields.area) },
      text: { text: input(fields.text) },
      place: { place: input(fields.place) },
      when: { when: input(undefined) },
      trend: { trend: select(fields.trend) },
      assessment: { assessment: select(undefined) },
      again: { again: { type: 'checkboxes', selected_options: again } },
    } satisfies ViewState;
  };
  const submit = async (privateMetadata: string, values: ViewState): Promise<Json> => {
    const res = await t.send(
      viewSubmission({ userId: ANNA, callbackId: 'lagesbild_modal', privateMetadata, values }),
    );
    const body = await res.text();
    return checkedAck(body === '' ? {} : JSON.parse(body));
  };
  const entries = () =>
    t.app.deps.db
      .selectFrom('entries')
      .selectAll()
      .where('author_user_id', '=', ANNA)
      .orderBy('id')
      .execute();

  it('offers Komplettera on a one-liner’s receipt, opening its form to add place and trend', async () => {
    const receipt = await t.command(ANNA, '/lagesbild', 'trafik: fler hastighetsöverträdelser på E22');
    const buttons = receipt.body.blocks
      .filter((b: Json) => b.type === 'actions')
      .flatMap((b: Json) => b.elements);
    // The one button that opens the entry's form says what it is for on an entry without place, time and trend.
    const complete = buttons.find((b: Json) => b.action_id === 'lagesbild_andra');
    expect(complete.text.text).toBe('Komplettera');
    expect(buttons.map((b: Json) => b.text.text)).toEqual(['Komplettera', 'Ta bort']);

    const click = blockAction({
      userId: ANNA,
      actionId: complete.action_id,
      value: complete.value,
      responseUrl: t.slack.responseUrl(),
    });
    const trigger = JSON.parse(new URLSearchParams(click.body).get('payload') as string).trigger_id as string;
    await t.send(click);
    const view = await viewOpenedBy(trigger);
    expect(block(view, 'text').element.initial_value).toBe('fler hastighetsöverträdelser på E22');
    expect(block(view, 'again')).toBeUndefined();
    const ack = await submit(
      view.private_metadata,
      state({ area: 'trafik', text: 'fler hastighetsöverträdelser på E22', place: 'Gamleby', trend: 'okar' }),
    );
    expect(JSON.stringify(ack.view.blocks)).toContain('plats: Gamleby');
    const [entry] = await entries();
    expect(entry).toMatchObject({ place: 'Gamleby', trend: 'okar' });
  });

  it('saves and opens a fresh form for the same meeting and party with "Spara och lägg till en till"', async () => {
    const trigger = triggerId();
    await t.send(
      slashCommand({
        command: '/lagesbild',
        text: '',
        userId: ANNA,
        responseUrl: t.slack.responseUrl(),
        triggerId: trigger,
      }),
    );
    const form = await viewOpenedBy(trigger);
    expect(block(form, 'again').element.options[0].text.text).toBe('Spara och lägg till en till');
    const first = JSON.parse(form.private_metadata);

    const ack = await submit(
      form.private_metadata,
      state({ area: 'narkotika', text: 'langning vid skolan', again: true }),
    );
    expect(ack.response_action).toBe('update');
    const next = ack.view;
    expect(next.callback_id).toBe('lagesbild_modal');
    expect(JSON.stringify(next.blocks)).toContain('✅ Sparat för *Polisen, lokalpolisområde Västervik*');
    expect(JSON.stringify(next.blocks)).toContain('langning vid skolan');
    expect(block(next, 'text').element.initial_value).toBeUndefined();
    expect(block(next, 'again').element.initial_options).toHaveLength(1);
    const metadata = JSON.parse(next.private_metadata);
    expect(metadata).toMatchObject({ week: first.week, partyKey: 'polisen', entryId: null });
    expect(metadata.key).not.toBe(first.key);

    const done = await submit(next.private_metadata, state({ area: 'unga', text: 'klotter vid stationen' }));
    expect(done.view.callback_id).toBe('lagesbild_modal_kvitto');
    expect((await entries()).map((e) => e.text)).toEqual([
      'fler hastighetsöverträdelser på E22',
      'langning vid skolan',
      'klotter vid stationen',
    ]);
  });

  it('names each entry’s author, without a mention, and when it was given', async () => {
    // The name is asked for after the submission and kept, so the compiled picture needs no Slack call.
    const stored = () =>
      t.app.deps.db.selectFrom('user_names').selectAll().where('user_id', '=', ANNA).executeTakeFirst();
    for (let i = 0; i < 100 && (await stored()) === undefined; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await stored()).toMatchObject({ display_name: 'Anna Andersson' });
    const asked = t.slack.succeeded('users.info').length;
    const shown = await t.command(ANNA, '/lagesbild', 'visa');
    const text = JSON.stringify(shown.body.blocks);
    const [first] = await entries();
    const when = givenAt(first?.created_at as Date, t.app.deps.config.schedule.timezone);
    expect(text).toContain(`Gamleby · ökar)_ — _Anna Andersson, ${when}_`);
    expect(text).not.toContain(`<@${ANNA}>`);
    expect(t.slack.succeeded('users.info')).toHaveLength(asked);
  });
});
