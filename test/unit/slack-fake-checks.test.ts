import { describe, expect, it } from 'vitest';
import { SlackFake } from '../support/slack-fake.js';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit fixtures and Slack's answers are free-form JSON.
type Json = any;

const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string, extra: Json = {}) => ({
  type: 'section',
  text: { type: 'mrkdwn', text },
  ...extra,
});
const message = (...blocks: Json[]) => ({ text: 'reserv', blocks });
const modal = (extra: Json = {}) => ({ type: 'modal', title: plain('Titel'), blocks: [], ...extra });

describe('the Slack fake with the checker', () => {
  it('refuses what Slack refuses, accepts what Slack only shows badly, and records both', async () => {
    const slack = await new SlackFake().start();
    try {
      const call = (method: string, args: Json) =>
        fetch(`${slack.apiUrl}${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(args),
        }).then((res) => res.json() as Promise<Json>);
      const tooMany = message(...Array.from({ length: 51 }, () => ({ type: 'divider' })));
      expect(await call('chat.postMessage', { channel: 'U0ANNA', ...tooMany })).toEqual({
        ok: false,
        error: 'invalid_blocks',
      });
      const twice = message(section('a', { block_id: 'x' }), section('b', { block_id: 'x' }));
      expect((await call('chat.update', { channel: 'C1', ts: '1.2', ...twice })).error).toBe(
        'invalid_blocks',
      );
      expect((await call('chat.postMessage', { channel: 'U0ANNA', text: 't'.repeat(40_001) })).error).toBe(
        'msg_too_long',
      );
      const entity = message({ type: 'header', text: plain('A &amp; B') });
      expect((await call('chat.postMessage', { channel: 'U0ANNA', ...entity })).ok).toBe(true);
      const modalTitle = { trigger_id: 't', view: modal({ title: plain('t'.repeat(25)) }) };
      expect((await call('views.open', modalTitle)).error).toBe('invalid_blocks');

      const url = slack.responseUrl();
      const answer = await fetch(url, { method: 'POST', body: JSON.stringify(tooMany) }).then((r) =>
        r.json(),
      );
      expect(answer).toEqual({ ok: false, error: 'invalid_blocks' });
      expect(slack.responses.at(-1)?.error).toBe('invalid_blocks');

      expect(slack.calls.map((c) => c.outcome)).toEqual([
        'invalid_blocks',
        'invalid_blocks',
        'msg_too_long',
        'ok',
        'invalid_blocks',
      ]);
      expect(slack.violations.map((v) => `${v.where} ${v.severity}`)).toEqual([
        'chat.postMessage refused',
        'chat.update refused',
        'chat.postMessage refused',
        // The same text is over the project's 12 000-character budget too.
        'chat.postMessage shown-badly',
        'chat.postMessage shown-badly',
        'views.open refused',
        'response_url refused',
      ]);
    } finally {
      // Recorded on purpose: the setup file must not fail this test for them.
      slack.violations.length = 0;
      await slack.stop();
    }
  });
});
