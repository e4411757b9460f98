import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { buttonsOf, postsTo, textOf } from '../support/cycle.js';
import { blockAction, directMessage, eventCallback } from '../support/payloads.js';
import { FAKE_BOT, type RecordedCall, type RecordedResponse } from '../support/slack-fake.js';

const TUESDAY = '2026-12-01T09:00:00Z';
const MEETING_STARTED = '2026-12-04T08:00:01Z';
const MEMBER = 'U0REDIGER';

/** Editing or deleting an answer written to the bot: the entry follows, once per edit, until the lock. */
describe('edited and deleted direct messages', () => {
  let t: TestApp;
  let db: Db;
  let channel: string;
  let counter = 0;
  const clock = new ManualClock(TUESDAY);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    db = createDatabase(t.databaseUrl);
    await addMember(db, { userId: MEMBER, partyKey: 'kommunen' }, ADMIN);
    channel = t.slack.dmChannelOf(MEMBER);
  });
  afterAll(async () => {
    await db.destroy();
    await t.stop();
  });

  const nextTs = () => `1764579900.${String(++counter).padStart(6, '0')}`;

  async function send(event: Record<string, unknown>, eventId = `Ev${String(event.ts).replace('.', '')}`) {
    expect((await t.send(eventCallback(event, { eventId }))).status).toBe(200);
  }

  const threadReplies = (ts: string): RecordedCall[] =>
    postsTo(t.slack, channel).filter((c) => c.args.thread_ts === ts);

  async function written(text: string): Promise<string> {
    const ts = nextTs();
    await send(directMessage({ userId: MEMBER, channelId: channel, text, ts }));
    await t.slack.waitFor(() => threadReplies(ts).length > 0);
    return ts;
  }

  /** The `message_changed` event Slack sends when the member edits their message `ts`. */
  function edited(ts: string, text: string, previous: string, editTs = nextTs()) {
    return {
      type: 'message',
      subtype: 'message_changed',
      channel,
      channel_type: 'im',
      hidden: true,
      ts: editTs,
      event_ts: editTs,
      message: { type: 'message', user: MEMBER, text, ts, edited: { user: MEMBER, ts: editTs } },
      previous_message: { type: 'message', user: MEMBER, text: previous, ts },
    };
  }

  /** The inbox key of an edit: Slack's redelivery of it carries the same message and edit ts. */
  const editKey = (ts: string, edit: { message: { edited: { ts: string } } }) =>
    `chatt-andring:${channel}:${ts}:${edit.message.edited.ts}`;

  /** Inbox rows of edits of the message `ts` (an edit is stored before its ack, keyed by both ts). */
  const editsStored = (ts: string) =>
    db.selectFrom('inbox').select('key').where('key', 'like', `chatt-andring:${channel}:${ts}:%`).execute();

  const entryOf = (ts: string) =>
    db
      .selectFrom('entries')
      .selectAll()
      .where('idempotency_key', '=', `chatt:${channel}:${ts}`)
      .executeTakeFirst();

  const changes = (id: number) =>
    db
      .selectFrom('access_log')
      .select('detail')
      .where('resource', '=', 'entry')
      .where(sql<boolean>`${id} = any(entry_ids)`)
      .execute()
      .then((rows) => rows.filter((r) => (r.detail as { kind?: string }).kind === 'andrad'));

  it('updates the entry when the message is edited, says so in its thread, once however often Slack delivers it', async () => {
    const ts = await written('trafik: fler bilar vid Spötorget');
    const edit = edited(ts, 'trafik: fler mopeder vid Spötorget', 'trafik: fler bilar vid Spötorget');
    await send(edit, 'EvEDIT0001');
    await send(edit, 'EvEDIT0001');
    await t.slack.waitFor(() => threadReplies(ts).length >= 2);
    const reply = textOf(threadReplies(ts)[1]?.args ?? {});
    expect(reply).toContain('✏️ Ändrat efter att du redigerade ditt meddelande');
    expect(reply).toContain('fler mopeder vid Spötorget');
    const entry = await entryOf(ts);
    expect(entry).toMatchObject({ text: 'fler mopeder vid Spötorget', area_key: 'trafik' });
    // Both deliveries' listeners have finished and a sweep has run since: a second answer would be here by now.
    await t.settled(editKey(ts, edit));
    expect(threadReplies(ts)).toHaveLength(2);
    expect(await changes(entry?.id ?? 0)).toHaveLength(1);
  });

  it('ignores a change that is no edit (Slack unfurling a link)', async () => {
    const ts = await written('plats: klotter vid https://example.se');
    const unfurl = edited(
      ts,
      'plats: klotter vid https://example.se',
      'plats: klotter vid https://example.se',
    );
    delete (unfurl.message as Record<string, unknown>).edited;
    await send(unfurl);
    const sentinel = await written('hej');
    // The unfurl's listener has finished too (settled waits for every listener), and a sweep has run.
    await t.settled(`chatt:${channel}:${sentinel}`);
    expect(await editsStored(ts)).toEqual([]);
    expect(threadReplies(sentinel)).toHaveLength(1);
    expect(threadReplies(ts)).toHaveLength(1);
  });

  it('refuses an edit that adds a personal identity number, never storing it', async () => {
    const ts = await written('narkotika: langning vid skolan');
    await send(edited(ts, 'narkotika: langning, se 19811218-9876', 'narkotika: langning vid skolan'));
    await t.slack.waitFor(() => threadReplies(ts).length >= 2);
    expect(textOf(threadReplies(ts)[1]?.args ?? {})).toContain('Ändringen sparades inte');
    expect((await entryOf(ts))?.text).toBe('langning vid skolan');
    const stored = await db.selectFrom('inbox').select('payload').execute();
    expect(JSON.stringify(stored)).not.toContain('19811218');
  });

  it('asks before removing the entry of a deleted message, and removes it on the click', async () => {
    const ts = await written('unga: samlingar vid busstationen');
    const dms = () => postsTo(t.slack, MEMBER).filter((c) => c.args.thread_ts === undefined);
    const before = dms().length;
    await send({
      type: 'message',
      subtype: 'message_deleted',
      channel,
      channel_type: 'im',
      hidden: true,
      ts: nextTs(),
      deleted_ts: ts,
      previous_message: { type: 'message', user: MEMBER, text: 'unga: samlingar vid busstationen', ts },
    });
    await t.slack.waitFor(() => dms().length > before);
    const question = dms().at(-1)?.args ?? {};
    expect(textOf(question)).toContain('Du tog bort ditt meddelande');
    expect(textOf(question)).toContain('samlingar vid busstationen');
    const remove = buttonsOf(question).find((b) => b.actionId === 'lagesbild_ta_bort');
    expect(buttonsOf(question).map((b) => b.actionId)).toContain('lagesbild_behall');
    const responseUrl = t.slack.responseUrl();
    await t.send(
      blockAction({ userId: MEMBER, actionId: 'lagesbild_ta_bort', value: remove?.value, responseUrl }),
    );
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    await t.slack.waitFor(() => t.slack.responses.some((r) => r.id === id));
    const answer = t.slack.responses.find((r) => r.id === id) as RecordedResponse;
    expect(textOf(answer.body)).toContain('Borttagen');
    expect((await entryOf(ts))?.removed_at).not.toBeNull();
  });

  it('stores an edit of a message it could not read, once, as the entry it now is', async () => {
    const ts = await written('trafk fler bilar');
    expect(await entryOf(ts)).toBeUndefined();
    await send(edited(ts, 'trafik: fler bilar', 'trafk fler bilar'));
    await t.slack.waitFor(() => threadReplies(ts).length >= 2);
    expect(textOf(threadReplies(ts)[1]?.args ?? {})).toContain('✅ Sparat');
    expect((await entryOf(ts))?.text).toBe('fler bilar');
  });

  it('keeps the entry once the meeting has started, and says the edit was not saved', async () => {
    const ts = await written('olyckor: halka på E22');
    clock.set(MEETING_STARTED);
    try {
      await send(edited(ts, 'olyckor: halka och olyckor på E22', 'olyckor: halka på E22'));
      await t.slack.waitFor(() => threadReplies(ts).length >= 2);
      const reply = textOf(threadReplies(ts)[1]?.args ?? {});
      expect(reply).toContain('Mötet v. 49 började');
      expect(reply).toContain('Ändringen sparades inte');
      expect((await entryOf(ts))?.text).toBe('halka på E22');
    } finally {
      clock.set(TUESDAY);
    }
  });

  it('never answers the bot’s own edits', async () => {
    const ts = nextTs();
    await send({
      ...edited(ts, 'trafik: x', 'trafik: y'),
      message: { type: 'message', user: FAKE_BOT.userId, bot_id: 'B0BOT', text: 'x', ts, edited: { ts } },
    });
    const sentinel = await written('hej igen');
    await t.settled(`chatt:${channel}:${sentinel}`);
    expect(await editsStored(ts)).toEqual([]);
    expect(threadReplies(sentinel)).toHaveLength(1);
    expect(threadReplies(ts)).toHaveLength(0);
  });
});
