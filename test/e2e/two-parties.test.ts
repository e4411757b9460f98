import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { buttonsOf, postsTo, textOf } from '../support/cycle.js';
import { blockAction, directMessage, eventCallback, triggerId } from '../support/payloads.js';
import type { RecordedResponse } from '../support/slack-fake.js';

const TUESDAY = '2026-12-01T09:00:00Z';
/** A member of Regionen and Kustbevakningen, in that order. */
const BOTH = 'U0TVAPART';

/** A member of two parties who names none is never silently booked on the first: one click moves it. */
describe('a member of two parties', () => {
  let t: TestApp;
  let db: Db;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY) });
    db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: BOTH, partyKey: 'regionen' }, ADMIN);
    await addMember(db, { userId: BOTH, partyKey: 'kustbevakningen' }, ADMIN);
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  async function click(value: string, actionId: string, trigger = triggerId()): Promise<RecordedResponse> {
    const responseUrl = t.slack.responseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    const request = blockAction({ userId: BOTH, actionId, value, responseUrl });
    const payload = JSON.parse(new URLSearchParams(request.body).get('payload') as string);
    payload.trigger_id = trigger;
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await t.send({ ...request, body })).status).toBe(200);
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === id));
    return t.slack.responses.find((r) => r.id === id) as RecordedResponse;
  }

  const moves = () =>
    db
      .selectFrom('access_log')
      .select(['detail', 'party_key'])
      .where('actor_user_id', '=', BOTH)
      .where('resource', '=', 'entry')
      .execute()
      .then((rows) => rows.filter((r) => (r.detail as { kind?: string }).kind === 'flyttad'));

  it('stores a one-liner for the first party, says so, and moves it with one click, once', async () => {
    const answer = await t.command(BOTH, '/lagesbild', 'trafik: viltolyckor på väg 40');
    expect(textOf(answer.body)).toContain('✅ Sparat för *Region Kalmar län*');
    expect(textOf(answer.body)).toContain(
      'Du är medlem i flera parter och angav ingen, så det sparades för *Region Kalmar län*.',
    );
    const button = buttonsOf(answer.body).find((b) => b.actionId === 'lagesbild_flytta_part');
    expect(button).toBeDefined();
    expect(textOf(answer.body)).toContain('Flytta till Kustbevakningen');
    // The button carries the entry's number and the party, never the text.
    expect(button?.value).not.toContain('viltolyckor');

    const moved = await click(button?.value ?? '', 'lagesbild_flytta_part');
    expect(moved.body.replace_original).toBe(true);
    expect(textOf(moved.body)).toContain('Flyttad till *Kustbevakningen*');
    const row = await db
      .selectFrom('entries')
      .select(['party_key'])
      .where('text', '=', 'viltolyckor på väg 40')
      .executeTakeFirstOrThrow();
    expect(row.party_key).toBe('kustbevakningen');

    // A double click: said, nothing changed, nothing logged twice.
    const again = await click(button?.value ?? '', 'lagesbild_flytta_part');
    expect(textOf(again.body)).toContain('hör redan till *Kustbevakningen*');
    expect(await moves()).toHaveLength(1);
    expect((await moves())[0]?.party_key).toBe('kustbevakningen');
  });

  it('moves an answer in the direct message the same way', async () => {
    const channel = t.slack.dmChannelOf(BOTH);
    const ts = '1764579800.000100';
    const request = eventCallback(
      directMessage({ userId: BOTH, channelId: channel, text: 'olyckor: båt på grund', ts }),
      { eventId: 'EvTWOPARTY1' },
    );
    expect((await t.send(request)).status).toBe(200);
    await t.slack.waitFor(() => postsTo(t.slack, channel).some((c) => c.args.thread_ts === ts));
    const reply = postsTo(t.slack, channel).find((c) => c.args.thread_ts === ts)?.args ?? {};
    expect(textOf(reply)).toContain('Du är medlem i flera parter');
    const button = buttonsOf(reply).find((b) => b.actionId === 'lagesbild_flytta_part');
    await click(button?.value ?? '', 'lagesbild_flytta_part');
    const row = await db
      .selectFrom('entries')
      .select(['party_key'])
      .where('text', '=', 'båt på grund')
      .executeTakeFirstOrThrow();
    expect(row.party_key).toBe('kustbevakningen');
  });

  it('asks which party has nothing to report, and records it for the one chosen, once', async () => {
    const answer = await t.command(BOTH, '/lagesbild', 'inget');
    expect(textOf(answer.body)).toContain(
      'Du är medlem i flera parter. Vilken part har inget att rapportera',
    );
    const choices = buttonsOf(answer.body).filter((b) => b.actionId === 'lagesbild_inget_part');
    expect(choices).toHaveLength(2);
    const reports = () =>
      db
        .selectFrom('party_reports')
        .select(['party_key', 'nothing_to_report'])
        .where('nothing_to_report', '=', true)
        .execute();
    expect(await reports()).toEqual([]);

    const region = choices.find((c) => c.value.includes('regionen'));
    const first = await click(region?.value ?? '', 'lagesbild_inget_part');
    expect(textOf(first.body)).toContain('*Region Kalmar län* har inget att rapportera');
    const second = await click(region?.value ?? '', 'lagesbild_inget_part');
    expect(textOf(second.body)).toContain('redan noterad');
    expect(await reports()).toEqual([{ party_key: 'regionen', nothing_to_report: true }]);
  });
});
