import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { directMessage, eventCallback } from '../support/payloads.js';
import { signatureHeaders } from '../support/signer.js';
import { FAKE_BOT, type RecordedCall } from '../support/slack-fake.js';

const TUESDAY = '2026-12-01T09:00:00Z';
const MEMBER = 'U0CHATTA1';
const OUTSIDER = 'U0UTANFR1';

describe('answering in chat', () => {
  let t: TestApp;
  let db: Db;
  let channel: string;
  let counter = 0;
  const statusChanges: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(TUESDAY), sweepIntervalMs: 500 });
    db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: MEMBER, partyKey: 'kommunen' }, ADMIN);
    channel = t.slack.dmChannelOf(MEMBER);
    t.slack.dmChannelOf(OUTSIDER);
    const notify = t.app.deps.notify;
    const original = notify.statusChanged.bind(notify);
    notify.statusChanged = async (week) => {
      statusChanges.push(week);
      await original(week);
    };
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  function nextTs(): string {
    counter += 1;
    return `1764579600.${String(counter).padStart(6, '0')}`;
  }

  async function send(event: Record<string, unknown>, headers: Record<string, string> = {}): Promise<void> {
    const request = eventCallback(event, { eventId: `Ev${String(event.ts).replace('.', '')}` });
    const res = await t.send(request, { ...signatureHeaders(request.body), ...headers });
    expect(res.status).toBe(200);
  }

  /** The replies Slack took in a thread (a refused post is no reply). */
  function repliesTo(threadTs: string): RecordedCall[] {
    return t.slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === threadTs && c.outcome === 'ok',
    );
  }

  async function replyTo(threadTs: string): Promise<RecordedCall> {
    await t.slack.waitFor(() => repliesTo(threadTs).length > 0, 10_000, `a reply in thread ${threadTs}`);
    return repliesTo(threadTs)[0] as RecordedCall;
  }

  /** The inbox key of a direct message: Slack's retries of it carry the same channel and ts. */
  const keyOf = (dm: string, ts: string) => `chatt:${dm}:${ts}`;

  async function entriesWithKey(key: string) {
    return db.selectFrom('entries').selectAll().where('idempotency_key', '=', key).execute();
  }

  it('stores a one-liner written in a direct message and confirms it in a thread under it', async () => {
    const ts = nextTs();
    statusChanges.length = 0;
    await send(
      directMessage({
        userId: MEMBER,
        channelId: channel,
        text: 'plats: klotter och bränder vid Spötorget',
        ts,
      }),
    );
    const reply = await replyTo(ts);
    expect(reply.args.channel).toBe(channel);
    expect(reply.args.text).toContain('v. 49');
    expect(JSON.stringify(reply.args.blocks)).toContain('lagesbild_ta_bort');
    const rows = await entriesWithKey(`chatt:${channel}:${ts}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      party_key: 'kommunen',
      area_key: 'brottskoncentrationer',
      text: 'klotter och bränder vid Spötorget',
      source: 'chatt',
      meeting_week: '2026-W49',
      author_user_id: MEMBER,
    });
    expect(statusChanges).toEqual(['2026-W49']);
  });

  it('answers a reply in the thread of the call for input in that thread', async () => {
    const callTs = '1764579000.000100';
    const ts = nextTs();
    await send(
      directMessage({
        userId: MEMBER,
        channelId: channel,
        text: 'unga: fler anmälningar om snatteri',
        ts,
        threadTs: callTs,
      }),
    );
    const reply = await replyTo(callTs);
    expect(reply.args.text).toContain('Sparat');
    expect(await entriesWithKey(`chatt:${channel}:${ts}`)).toHaveLength(1);
  });

  it('stores a retried delivery (x-slack-retry-num) once and confirms once', async () => {
    const ts = nextTs();
    const event = directMessage({
      userId: MEMBER,
      channelId: channel,
      text: 'narkotika: beslag i hamnen',
      ts,
    });
    await send(event);
    await replyTo(ts);
    await send(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await send(event, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    // Every delivery's listener has finished and a sweep has run since: a duplicate would be here by now.
    await t.settled(keyOf(channel, ts));
    expect(await entriesWithKey(`chatt:${channel}:${ts}`)).toHaveLength(1);
    expect(repliesTo(ts)).toHaveLength(1);
  });

  it('answers a retried delivery of a refused message once', async () => {
    const ts = nextTs();
    const event = directMessage({
      userId: OUTSIDER,
      channelId: t.slack.dmChannelOf(OUTSIDER),
      text: 'trafik: inte medlem',
      ts,
    });
    await send(event);
    await replyTo(ts);
    await send(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await send(event, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    await t.settled(keyOf(t.slack.dmChannelOf(OUTSIDER), ts));
    expect(repliesTo(ts)).toHaveLength(1);
  });

  it('answers once when the retry arrives while the first delivery is still answering', async () => {
    const ts = nextTs();
    const event = directMessage({ userId: MEMBER, channelId: channel, text: 'Hej! Hur gör jag?', ts });
    // Slack is slow to take the reply: the retry is read and ready to answer while the first one is sending.
    t.slack.latencyMs = 300;
    try {
      await Promise.all([
        send(event),
        send(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }),
      ]);
      await replyTo(ts);
    } finally {
      t.slack.latencyMs = 0;
    }
    await t.settled(keyOf(channel, ts));
    expect(repliesTo(ts)).toHaveLength(1);
    const answered = await db
      .selectFrom('effects')
      .selectAll()
      .where('kind', '=', 'svar')
      .where('request_key', '=', `chatt:${channel}:${ts}`)
      .execute();
    expect(answered).toHaveLength(1);
    expect(answered[0]?.message_ts).not.toBeNull();
  });

  it('answers a retry whose first delivery never got handled', async () => {
    const ts = nextTs();
    await send(directMessage({ userId: MEMBER, channelId: channel, text: 'tack', ts }), {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect((await replyTo(ts)).args.text).toContain('`<område>: <text>`');
  });

  it('answers once Slack takes the reply, after refusing it for a moment, without the message coming again', async () => {
    const ts = nextTs();
    const event = directMessage({ userId: MEMBER, channelId: channel, text: 'olyckor: grundstötning', ts });
    t.slack.failWith('chat.postMessage', 'service_unavailable', 1);
    await send(event);
    // The reply is kept, and tried again with backoff until Slack takes it; no apology, no second entry.
    await t.slack.waitFor(() => repliesTo(ts).length > 0, 15_000, 'the reply after the backoff');
    await t.settled(keyOf(channel, ts));
    expect(repliesTo(ts)[0]?.args.text).toContain('Sparat');
    expect(
      t.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts),
    ).toHaveLength(2);
    expect(await entriesWithKey(`chatt:${channel}:${ts}`)).toHaveLength(1);
  });

  it('answers once when Slack took the reply but its answer was lost: the next attempt finds the reply', async () => {
    const ts = nextTs();
    const event = directMessage({
      userId: MEMBER,
      channelId: channel,
      text: 'trafik: kö vid Gamlebyviken',
      ts,
    });
    const answer = () =>
      db
        .selectFrom('effects')
        .selectAll()
        .where('kind', '=', 'svar')
        .where('request_key', '=', `chatt:${channel}:${ts}`)
        .executeTakeFirst();
    t.slack.answerServerError('chat.postMessage', 503, 1);
    await send(event);
    const reply = await replyTo(ts);
    expect(reply.answered).toBe('http_503');
    // Slack delivers the message again meanwhile: stored once, answered once.
    await send(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });

    // The attempt is over (Slack answered), so the next one looks in the thread, finds its reply and records it.
    await t.slack.waitFor(
      () => t.slack.calls.some((c) => c.method === 'conversations.replies' && c.args.ts === ts),
      15_000,
      'the lookup of the reply',
    );
    await t.settled(keyOf(channel, ts));
    const stored = t.slack.messages.get(channel)?.find((m) => m.thread_ts === ts);
    expect(stored?.metadata).toEqual({
      event_type: 'fredagsmotet_effect',
      event_payload: { key: `2026-W49/svar/chatt:${channel}:${ts}#1` },
    });
    expect(await answer()).toMatchObject({ status: 'done', message_ts: stored?.ts });
    expect(repliesTo(ts)).toHaveLength(1);
    expect(await entriesWithKey(`chatt:${channel}:${ts}`)).toHaveLength(1);
  });

  it('refuses a personal identity number written with an en dash or a no-break space, storing nothing', async () => {
    for (const text of [
      'trafik: föraren 811228–9874 stoppades',
      'trafik: pnr 811228\u00a09874',
      'trafik: född 19811228 – 9874',
    ]) {
      const ts = nextTs();
      await send(directMessage({ userId: MEMBER, channelId: channel, text, ts }));
      expect((await replyTo(ts)).args.text, text).toContain('person- eller samordningsnummer');
      expect(await entriesWithKey(`chatt:${channel}:${ts}`)).toHaveLength(0);
    }
  });

  it('stores a reply that is also sent to the conversation (thread_broadcast) like any reply', async () => {
    const callTs = '1764579000.000200';
    const ts = nextTs();
    await send({
      ...directMessage({
        userId: MEMBER,
        channelId: channel,
        text: 'gäng: rekrytering vid skolan',
        ts,
        threadTs: callTs,
      }),
      subtype: 'thread_broadcast',
    });
    expect((await replyTo(callTs)).args.text).toContain('Sparat');
    const rows = await entriesWithKey(`chatt:${channel}:${ts}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ area_key: 'organiserad', text: 'rekrytering vid skolan' });
  });

  it('stores the text of a message with an attachment (file_share), saying the file is not kept', async () => {
    const ts = nextTs();
    await send({
      ...directMessage({
        userId: MEMBER,
        channelId: channel,
        text: 'olyckor: vält släp vid E22, se bild',
        ts,
      }),
      subtype: 'file_share',
      upload: true,
      files: [{ id: 'F0BILD001', name: 'slap.jpg', mimetype: 'image/jpeg' }],
    });
    const reply = await replyTo(ts);
    expect(reply.args.text).toContain('Sparat');
    expect(reply.args.text).toContain('filer');
    const rows = await entriesWithKey(`chatt:${channel}:${ts}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ area_key: 'olyckor', text: 'vält släp vid E22, se bild' });
  });

  it('reads a greeting line before the form as a message it cannot read, not as an unknown party', async () => {
    const ts = nextTs();
    await send(directMessage({ userId: MEMBER, channelId: channel, text: 'Hej!\ntrafik: x', ts }));
    const reply = await replyTo(ts);
    expect(reply.args.text).toContain('`<område>: <text>`');
    expect(reply.args.text).not.toContain('parten');
    expect(await entriesWithKey(`chatt:${channel}:${ts}`)).toHaveLength(0);

    const late = nextTs();
    await send(
      directMessage({ userId: MEMBER, channelId: channel, text: 'trafik fler bilar kl 14:30', ts: late }),
    );
    expect((await replyTo(late)).args.text).toContain(
      'Skriv ett kolon efter området, till exempel `trafik: …`',
    );
  });

  it('records `inget` written in chat, and refuses it while the party has entries', async () => {
    const ts = nextTs();
    await send(directMessage({ userId: MEMBER, channelId: channel, text: 'inget', ts }));
    expect((await replyTo(ts)).args.text).toContain('redan');

    await db
      .insertInto('members')
      .values({ user_id: MEMBER, party_key: 'regionen', added_by: ADMIN })
      .execute();
    const forRegion = nextTs();
    await send(directMessage({ userId: MEMBER, channelId: channel, text: 'regionen inget', ts: forRegion }));
    expect((await replyTo(forRegion)).args.text).toContain('*Region Kalmar län* har inget att rapportera');
    const row = await db
      .selectFrom('party_reports')
      .selectAll()
      .where('party_key', '=', 'regionen')
      .where('meeting_week', '=', '2026-W49')
      .executeTakeFirstOrThrow();
    expect(row.nothing_to_report).toBe(true);
  });

  it('answers a message it cannot read with the form and the aliases, storing nothing', async () => {
    const before = await db
      .selectFrom('entries')
      .select(db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const ts = nextTs();
    await send(directMessage({ userId: MEMBER, channelId: channel, text: 'Hej! Hur gör jag?', ts }));
    const reply = await replyTo(ts);
    expect(reply.args.text).toContain('`<område>: <text>`');
    expect(reply.args.text).toContain('`trafik`');
    expect(reply.args.text).toContain('`inget`');

    const badArea = nextTs();
    await send(directMessage({ userId: MEMBER, channelId: channel, text: 'bilar: för många', ts: badArea }));
    expect((await replyTo(badArea)).args.text).toContain('Jag känner inte till området ”bilar”');
    const after = await db
      .selectFrom('entries')
      .select(db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('tells a non-member which admins to ask', async () => {
    const ts = nextTs();
    await send(
      directMessage({ userId: OUTSIDER, channelId: t.slack.dmChannelOf(OUTSIDER), text: 'trafik: x', ts }),
    );
    const reply = await replyTo(ts);
    expect(reply.args.text).toContain('inte medlem');
    expect(reply.args.text).toContain(`<@${ADMIN}>`);
  });

  it('ignores its own messages, other bots, edits, deletions and messages outside its DMs', async () => {
    const ignored = [
      {
        ...directMessage({
          userId: FAKE_BOT.userId,
          channelId: channel,
          text: 'trafik: från boten',
          ts: nextTs(),
        }),
        bot_id: FAKE_BOT.botId,
      },
      {
        ...directMessage({
          userId: 'U0ANNANBOT',
          channelId: channel,
          text: 'trafik: annan bot',
          ts: nextTs(),
        }),
        bot_id: 'B0OTHER',
      },
      {
        ...directMessage({ userId: MEMBER, channelId: channel, text: 'trafik: botmeddelande', ts: nextTs() }),
        subtype: 'bot_message',
      },
      {
        type: 'message',
        subtype: 'message_changed',
        channel_type: 'im',
        channel,
        ts: nextTs(),
        message: { user: MEMBER, text: 'trafik: ändrad', ts: '1764579600.000001' },
      },
      {
        type: 'message',
        subtype: 'message_deleted',
        channel_type: 'im',
        channel,
        ts: nextTs(),
        deleted_ts: '1.0',
      },
      {
        ...directMessage({ userId: MEMBER, channelId: 'C0MEETING', text: 'trafik: i kanalen', ts: nextTs() }),
        channel_type: 'channel',
      },
    ];
    const before = await db
      .selectFrom('entries')
      .select(db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const postsBefore = t.slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    for (const event of ignored) await send(event);
    const sentinel = nextTs();
    await send(directMessage({ userId: MEMBER, channelId: channel, text: 'trafik: sista', ts: sentinel }));
    // The ignored events' listeners have finished too (settled waits for every listener), and a sweep has run.
    await t.settled(keyOf(channel, sentinel));
    const after = await db
      .selectFrom('entries')
      .select(db.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    expect(t.slack.calls.filter((c) => c.method === 'chat.postMessage').length).toBe(postsBefore + 1);
  });

  it('escapes what was typed when it confirms, so `<!channel>` notifies no one', async () => {
    const ts = nextTs();
    await send(
      directMessage({
        userId: MEMBER,
        channelId: channel,
        text: 'övrigt: <!channel> se hit <!subteam^S0TEAM|@polis>',
        ts,
      }),
    );
    const reply = await replyTo(ts);
    const shown = JSON.stringify(reply.args);
    expect(shown).not.toMatch(/<!channel>|<!subteam/);
    expect(shown).toContain('@channel se hit @polis');
  });
});
