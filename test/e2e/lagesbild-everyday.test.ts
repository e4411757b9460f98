import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { setMeetingOverride } from '../../src/db/meetings.repository.js';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { postsTo, textOf } from '../support/cycle.js';
import { blockAction, directMessage, eventCallback, viewSubmission } from '../support/payloads.js';
import type { RecordedResponse } from '../support/slack-fake.js';

// biome-ignore lint/suspicious/noExplicitAny: Slack payloads are free-form JSON; tests read them loosely.
type Json = any;

// Tuesday 1 December 2026: the coming meeting is Friday 4 December, week 49.
const TUESDAY = '2026-12-01T09:00:00Z';
const POLICE = 'U0POLIS01';
const MUNICIPALITY = 'U0KOMMUN1';
const REGION = 'U0REGION1';

/** What members meet in an ordinary week: the answers are plain, and say what happened. */
describe('/lagesbild in everyday use', () => {
  let t: TestApp;
  let db: Db;
  const clock = new ManualClock(TUESDAY);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: POLICE, partyKey: 'polisen' }, ADMIN);
    await addMember(db, { userId: MUNICIPALITY, partyKey: 'kommunen' }, ADMIN);
    await addMember(db, { userId: REGION, partyKey: 'regionen' }, ADMIN);
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  const command = (userId: string, text: string) => t.command(userId, '/lagesbild', text);
  const text = (response: RecordedResponse) => textOf(response.body);

  async function click(userId: string, actionId: string, value: string): Promise<RecordedResponse> {
    const responseUrl = t.slack.responseUrl();
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    expect((await t.send(blockAction({ userId, actionId, value, responseUrl }))).status).toBe(200);
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === id));
    return t.slack.responses.find((r) => r.id === id) as RecordedResponse;
  }

  it('forgets a party’s overall assessment when the only entry it came with is removed', async () => {
    const state = (fields: Record<string, string>) => {
      const select = (value?: string) => ({
        type: 'static_select',
        selected_option: value === undefined ? null : { value },
      });
      return {
        area: { area: select(fields.area) },
        text: { text: { type: 'plain_text_input', value: fields.text ?? null } },
        assessment: { assessment: select(fields.assessment) },
      };
    };
    const metadata = JSON.stringify({
      key: 'everyday-1',
      week: '2026-W49',
      origin: null,
      entryId: null,
      partyKey: 'regionen',
    });
    const res = await t.send(
      viewSubmission({
        userId: REGION,
        callbackId: 'lagesbild_modal',
        privateMetadata: metadata,
        values: state({ area: 'trafik', text: 'Fler olyckor i rondellen', assessment: 'normallage' }),
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Normalläge');
    const entry = await db
      .selectFrom('entries')
      .select('id')
      .where('party_key', '=', 'regionen')
      .executeTakeFirstOrThrow();

    const removed = await click(
      REGION,
      'lagesbild_ta_bort',
      JSON.stringify({ id: entry.id, from: 'kvitto' }),
    );
    expect(text(removed)).toContain('Borttagen');
    const report = await db
      .selectFrom('party_reports')
      .selectAll()
      .where('party_key', '=', 'regionen')
      .where('meeting_week', '=', '2026-W49')
      .executeTakeFirst();
    expect(report?.assessment ?? null).toBeNull();
    const picture = await command(POLICE, 'visa regionen');
    expect(text(picture)).not.toContain('Normalläge');
  });

  it('says that an entry replaced the party’s ”inget att rapportera”', async () => {
    const nothing = await command(MUNICIPALITY, 'inget');
    expect(text(nothing)).toContain('inget att rapportera');
    const entry = await command(MUNICIPALITY, 'trafik: buskörning vid hamnen');
    expect(text(entry)).toContain(
      'Det ersätter ”inget att rapportera” som *Västerviks kommun* hade lämnat till mötet v. 49.',
    );
    const second = await command(MUNICIPALITY, 'trafik: en till');
    expect(text(second)).not.toContain('ersätter');
  });

  it.each([
    ['olyka: vattenläcka', 'olyckor'],
    ['trafk: fortkörning', 'trafik'],
    ['ungdomar: klotter', 'unga'],
  ])('suggests the closest area for a typo: %s', async (typed, suggested) => {
    const answer = await command(POLICE, typed);
    expect(text(answer)).toContain(`Menade du *${suggested}*?`);
    expect(text(answer)).not.toContain('`narkotika`');
  });

  it('groups `mina` under the areas, like `visa`', async () => {
    await command(POLICE, 'trafik: första');
    await command(POLICE, 'narkotika: andra');
    await command(POLICE, 'trafik: tredje');
    const mine = await command(POLICE, 'mina');
    const shown = text(mine);
    const areaHeadings = (shown.match(/\*Trafikbrott\*/g) ?? []).length;
    expect(areaHeadings).toBe(1);
    // In the agreement's order of areas, like the compiled picture: narkotika before trafik.
    expect(shown.indexOf('Narkotika')).toBeLessThan(shown.indexOf('första'));
    expect(shown.indexOf('första')).toBeLessThan(shown.indexOf('tredje'));
  });

  it('answers hjälp, status, visa and mina in the direct message as after /lagesbild', async () => {
    const channel = t.slack.dmChannelOf(POLICE);
    const replies: Record<string, string> = {};
    for (const [i, word] of ['hjälp', 'status', 'visa', 'mina'].entries()) {
      const ts = `1764579700.00010${i}`;
      const request = eventCallback(directMessage({ userId: POLICE, channelId: channel, text: word, ts }), {
        eventId: `EvDAILY${i}`,
      });
      expect((await t.send(request)).status).toBe(200);
      await t.slack.waitFor(() => postsTo(t.slack, channel).some((c) => c.args.thread_ts === ts));
      replies[word] = textOf(postsTo(t.slack, channel).find((c) => c.args.thread_ts === ts)?.args ?? {});
    }
    expect(replies.hjälp).toContain('Områden');
    expect(replies.status).toContain('parter har lämnat');
    expect(replies.visa).toContain('Lägesbild v. 49');
    expect(replies.mina).toContain('Din parts lägesbild');
    expect(replies.mina).toContain('första');
  });

  it('says a holiday cancelled a meeting, and when the next one is held, with the year after New Year', async () => {
    const status = await command(POLICE, 'status v52');
    expect(text(status)).toContain('Mötet v. 52 (fredag 25 december) är inställt (juldagen).');
    expect(text(status)).toContain('Nästa möte: v. 1, fredag 8 januari 2027 kl. 09:00.');
    expect(text(status)).not.toContain('⏳');
    const picture = await command(POLICE, 'visa v53');
    expect(text(picture)).toContain('Mötet v. 53 (fredag 1 januari 2027) är inställt (nyårsdagen).');
    expect(text(picture)).not.toContain('Har inte lämnat');
  });
});

describe('the lägesbild form', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY) });
    const db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: POLICE, partyKey: 'polisen' }, ADMIN);
    await db.destroy();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('requires Område and Iakttagelse, closes with Avbryt, and has ”inget att rapportera” as a form of its own', async () => {
    const { slashCommand } = await import('../support/payloads.js');
    const trigger = `trig-${Date.now()}`;
    await t.send(
      slashCommand({
        command: '/lagesbild',
        text: '',
        userId: POLICE,
        responseUrl: t.slack.responseUrl(),
        triggerId: trigger,
      }),
    );
    const view = await opened(trigger);
    const block = (id: string) => view.blocks.find((b: Json) => b.block_id === id);
    expect(block('area').optional).toBe(false);
    expect(block('text').optional).toBe(false);
    expect(block('nothing')).toBeUndefined();
    expect(view.close.text).toBe('Avbryt');
    expect(JSON.stringify(view.blocks)).toContain('Inget att rapportera denna vecka? Avbryt och skriv');

    // The button beside ”Lämna lägesbild” opens the short form; sending it records ”inget”.
    const mine = await t.command(POLICE, '/lagesbild', 'mina');
    const button = (mine.body.blocks as Json[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements)
      .find((e: Json) => e.text.text === 'Inget att rapportera');
    expect(button?.action_id).toBe('lagesbild_inget');
    const request = blockAction({ userId: POLICE, actionId: 'lagesbild_inget', value: button.value });
    const clickTrigger = JSON.parse(new URLSearchParams(request.body).get('payload') as string).trigger_id;
    await t.send(request);
    const nothingView = await opened(clickTrigger);
    expect(nothingView.title.text).toBe('Inget att rapportera');
    expect(nothingView.close.text).toBe('Avbryt');
    const res = await t.send(
      viewSubmission({
        userId: POLICE,
        callbackId: 'lagesbild_modal',
        privateMetadata: nothingView.private_metadata,
        values: { assessment: { assessment: { type: 'static_select', selected_option: null } } },
      }),
    );
    expect(await res.text()).toContain('har inget att rapportera till mötet');
  });

  it('says whether the meeting a button was for has started or is cancelled', async () => {
    const press = async (week: string) => {
      const request = blockAction({ userId: POLICE, actionId: 'lagesbild_oppna', value: week });
      const trigger = JSON.parse(new URLSearchParams(request.body).get('payload') as string).trigger_id;
      await t.send(request);
      return JSON.stringify((await opened(trigger)).blocks);
    };
    expect(await press('2026-W48')).toContain(
      'Mötet v. 48 har redan börjat, så dess lägesbild tar inte emot mer.',
    );
    const db = createDatabase(t.databaseUrl);
    await setMeetingOverride(db, '2026-W49', { cancelled: true, reason: 'Julbord', changedBy: ADMIN });
    await db.destroy();
    const cancelled = await press('2026-W49');
    expect(cancelled).toContain('Mötet v. 49 är inställt (Julbord). Det du lämnar här går till mötet v. 50.');
    expect(cancelled).not.toContain('eller är inställt');
  });

  async function opened(trigger: string): Promise<Json> {
    const call = () => t.slack.calls.find((c) => c.method === 'views.open' && c.args.trigger_id === trigger);
    await t.slack.waitFor(() => call() !== undefined);
    return call()?.args.view;
  }
});

describe('texts follow MEETING_WEEKDAY', () => {
  it('lists Wednesday meetings under ”Kommande möten”, never ”fredagsmöten”', async () => {
    const t = await startTestApp({ clock: new ManualClock(TUESDAY), env: { MEETING_WEEKDAY: '3' } });
    try {
      const calendar = textOf((await t.command(POLICE, '/samverkan', 'kalender')).body);
      expect(calendar).toContain('*Kommande möten*');
      expect(calendar).toContain('*v. 49* – onsdag 2 december kl. 09:00');
      expect(calendar.toLowerCase()).not.toContain('fredagsmöten');
      const help = textOf((await t.command(POLICE, '/lagesbild', 'hjälp')).body);
      expect(help).not.toContain('fredagsmötet');
    } finally {
      await t.stop();
    }
  });
});

describe('/prioritet hjälp', () => {
  it('shows the areas’ short words as /lagesbild hjälp does, never their internal keys', async () => {
    const t = await startTestApp({ clock: new ManualClock(TUESDAY) });
    try {
      const db = createDatabase(t.databaseUrl);
      await addMember(db, { userId: POLICE, partyKey: 'polisen' }, ADMIN);
      await db.destroy();
      const help = textOf((await t.command(POLICE, '/prioritet', 'hjälp')).body);
      expect(help).toContain('`nära`, `relation` – Våld och andra brott i nära relation');
      expect(help).not.toContain('nara-relation');
      expect(help).not.toContain('`brottskoncentrationer`');
    } finally {
      await t.stop();
    }
  });
});
