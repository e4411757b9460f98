import { describe, expect, it } from 'vitest';
import {
  checkMessage,
  checkSlackCall,
  checkView,
  checkViewSubmissionAck,
  type Violation,
} from '../support/block-kit.js';
import { markupIn, measure } from '../support/block-kit-text.js';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit fixtures are free-form JSON.
type Json = any;

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string, extra: Json = {}) => ({ type: 'section', text: mrkdwn(text), ...extra });
const button = (extra: Json = {}) => ({ type: 'button', action_id: 'knapp', text: plain('Spara'), ...extra });
const actions = (elements: Json[], extra: Json = {}) => ({ type: 'actions', elements, ...extra });
const message = (...blocks: Json[]) => ({ text: 'reserv', blocks });
const modal = (blocks: Json[], extra: Json = {}) => ({
  type: 'modal',
  title: plain('Titel'),
  submit: plain('Spara'),
  close: plain('Stäng'),
  blocks,
  ...extra,
});
const input = (element: Json, extra: Json = {}) => ({
  type: 'input',
  block_id: 'falt',
  label: plain('Etikett'),
  element,
  ...extra,
});
const select = (options: Json[], extra: Json = {}) => ({
  type: 'static_select',
  action_id: 'val',
  options,
  ...extra,
});
const option = (text: string, value = 'v', extra: Json = {}) => ({ text: plain(text), value, ...extra });
const confirm = (extra: Json = {}) => ({
  title: plain('Säker?'),
  text: plain('Vill du verkligen?'),
  confirm: plain('Ja'),
  deny: plain('Nej'),
  ...extra,
});

/** The paths of the violations, with their severity, for compact assertions. */
const found = (violations: readonly Violation[]) => violations.map((v) => `${v.severity} ${v.path}`);
const emoji = (n: number) => '🚓'.repeat(n);

describe('the Block Kit checker', () => {
  // Each case: what breaks a rule, the path it is reported at, and the same thing within the rule.
  const messageCases: Array<[string, Json, string, Json]> = [
    [
      'more than 50 blocks in a message',
      message(...Array.from({ length: 51 }, () => ({ type: 'divider' }))),
      'refused message.blocks',
      message(...Array.from({ length: 50 }, () => ({ type: 'divider' }))),
    ],
    [
      'a section text over 3000 characters',
      message(section('x'.repeat(3001))),
      'refused message.blocks[0].text.text',
      message(section('x'.repeat(3000))),
    ],
    [
      'a section text within 3000 code points but over 3000 UTF-16 units',
      message(section(emoji(1501))),
      'refused message.blocks[0].text.text',
      message(section(emoji(1500))),
    ],
    [
      'more than 10 section fields',
      message({ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }),
      'refused message.blocks[0].fields',
      message({ type: 'section', fields: Array.from({ length: 10 }, () => mrkdwn('f')) }),
    ],
    [
      'a section field over 2000 characters',
      message({ type: 'section', fields: [mrkdwn('f'.repeat(2001))] }),
      'refused message.blocks[0].fields[0].text',
      message({ type: 'section', fields: [mrkdwn('f'.repeat(2000))] }),
    ],
    [
      'a header over 150 characters',
      message({ type: 'header', text: plain('h'.repeat(151)) }),
      'refused message.blocks[0].text.text',
      message({ type: 'header', text: plain('h'.repeat(150)) }),
    ],
    [
      'a header in mrkdwn',
      message({ type: 'header', text: mrkdwn('Rubrik') }),
      'refused message.blocks[0].text.type',
      message({ type: 'header', text: plain('Rubrik') }),
    ],
    [
      'more than 10 context elements',
      message({ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }),
      'refused message.blocks[0].elements',
      message({ type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('c')) }),
    ],
    [
      'more than 25 elements in an actions block',
      message(actions(Array.from({ length: 26 }, (_, i) => button({ action_id: `k${i}` })))),
      'refused message.blocks[0].elements',
      message(actions(Array.from({ length: 25 }, (_, i) => button({ action_id: `k${i}` })))),
    ],
    [
      'a button text over 75 characters',
      message(actions([button({ text: plain('b'.repeat(76)) })])),
      'refused message.blocks[0].elements[0].text.text',
      message(actions([button({ text: plain('b'.repeat(75)) })])),
    ],
    [
      'a button value over 2000 characters',
      message(actions([button({ value: 'v'.repeat(2001) })])),
      'refused message.blocks[0].elements[0].value',
      message(actions([button({ value: 'v'.repeat(2000) })])),
    ],
    [
      'a button url over 3000 characters',
      message(actions([button({ url: `https://x.se/${'u'.repeat(2988)}` })])),
      'refused message.blocks[0].elements[0].url',
      message(actions([button({ url: `https://x.se/${'u'.repeat(2987)}` })])),
    ],
    [
      'an action_id over 255 characters',
      message(actions([button({ action_id: 'a'.repeat(256) })])),
      'refused message.blocks[0].elements[0].action_id',
      message(actions([button({ action_id: 'a'.repeat(255) })])),
    ],
    [
      'two elements with one action_id in a block',
      message(actions([button(), button()])),
      'refused message.blocks[0].elements[1].action_id',
      message(actions([button()]), actions([button()])),
    ],
    [
      'a block_id over 255 characters',
      message(section('x', { block_id: 'b'.repeat(256) })),
      'refused message.blocks[0].block_id',
      message(section('x', { block_id: 'b'.repeat(255) })),
    ],
    [
      'a block_id used twice in one message',
      message(section('x', { block_id: 'b' }), section('y', { block_id: 'b' })),
      'refused message.blocks[1].block_id',
      message(section('x', { block_id: 'b' }), section('y', { block_id: 'c' })),
    ],
    [
      'a confirm title over 100 characters',
      message(actions([button({ confirm: confirm({ title: plain('t'.repeat(101)) }) })])),
      'refused message.blocks[0].elements[0].confirm.title.text',
      message(actions([button({ confirm: confirm({ title: plain('t'.repeat(100)) }) })])),
    ],
    [
      'a confirm text over 300 UTF-16 units, though 300 code points',
      message(actions([button({ confirm: confirm({ text: plain(`${emoji(83)}${'t'.repeat(217)}`) }) })])),
      'refused message.blocks[0].elements[0].confirm.text.text',
      message(actions([button({ confirm: confirm({ text: plain(`${emoji(83)}${'t'.repeat(134)}`) }) })])),
    ],
    [
      'a confirm button over 30 characters',
      message(actions([button({ confirm: confirm({ confirm: plain('j'.repeat(31)) }) })])),
      'refused message.blocks[0].elements[0].confirm.confirm.text',
      message(actions([button({ confirm: confirm({ confirm: plain('j'.repeat(30)) }) })])),
    ],
    [
      'a confirm deny over 30 characters',
      message(actions([button({ confirm: confirm({ deny: plain('n'.repeat(31)) }) })])),
      'refused message.blocks[0].elements[0].confirm.deny.text',
      message(actions([button({ confirm: confirm({ deny: plain('n'.repeat(30)) }) })])),
    ],
    [
      'a top-level text over 40 000 characters',
      { text: 't'.repeat(40_001) },
      'refused message.text',
      { text: 't'.repeat(11_000) },
    ],
    [
      'a message over the 12 000-character budget with its fallback',
      {
        text: 'f'.repeat(3000),
        blocks: [section('x'.repeat(3000)), section('y'.repeat(3000)), section('z'.repeat(3001))],
      },
      'shown-badly message',
      {
        text: 'f'.repeat(3000),
        blocks: [section('x'.repeat(3000)), section('y'.repeat(3000)), section('z'.repeat(3000))],
      },
    ],
    [
      'a mention in plain text',
      message(actions([button({ text: plain('Fråga <@U0ADMIN>') })])),
      'shown-badly message.blocks[0].elements[0].text.text',
      message(actions([button({ text: plain('Fråga Anna') })])),
    ],
  ];

  it.each(messageCases)('catches %s and passes it within the rule', (_what, bad, path, good) => {
    expect(found(checkMessage(bad))).toContain(path);
    expect(checkMessage(good)).toEqual([]);
  });

  it('marks what Slack refuses with the error it answers, and what it only shows badly without one', () => {
    const [tooLong] = checkMessage({ text: 't'.repeat(40_001) });
    expect(tooLong).toMatchObject({ severity: 'refused', error: 'msg_too_long' });
    const [tooMany] = checkMessage(message(...Array.from({ length: 51 }, () => ({ type: 'divider' }))));
    expect(tooMany).toMatchObject({ severity: 'refused', error: 'invalid_blocks' });
    const [markup] = checkMessage(message({ type: 'header', text: plain('A &amp; B') }));
    expect(markup?.severity).toBe('shown-badly');
    expect(markup?.error).toBeUndefined();
  });

  const viewCases: Array<[string, Json, string, Json]> = [
    [
      'more than 100 blocks in a view',
      modal(Array.from({ length: 101 }, () => ({ type: 'divider' }))),
      'refused view.blocks',
      modal(Array.from({ length: 100 }, () => ({ type: 'divider' }))),
    ],
    [
      'a modal title over 24 characters',
      modal([], { title: plain('t'.repeat(25)) }),
      'refused view.title.text',
      modal([], { title: plain('t'.repeat(24)) }),
    ],
    [
      'a submit text over 24 characters',
      modal([], { submit: plain('s'.repeat(25)) }),
      'refused view.submit.text',
      modal([], { submit: plain('s'.repeat(24)) }),
    ],
    [
      'a close text over 24 characters',
      modal([], { close: plain('c'.repeat(25)) }),
      'refused view.close.text',
      modal([], { close: plain('c'.repeat(24)) }),
    ],
    [
      'private_metadata over 3000 characters',
      modal([], { private_metadata: 'm'.repeat(3001) }),
      'refused view.private_metadata',
      modal([], { private_metadata: 'm'.repeat(3000) }),
    ],
    [
      'a callback_id over 255 characters',
      modal([], { callback_id: 'c'.repeat(256) }),
      'refused view.callback_id',
      modal([], { callback_id: 'c'.repeat(255) }),
    ],
    [
      'an input label over 2000 characters',
      modal([input({ type: 'plain_text_input', action_id: 'v' }, { label: plain('l'.repeat(2001)) })]),
      'refused view.blocks[0].label.text',
      modal([input({ type: 'plain_text_input', action_id: 'v' }, { label: plain('l'.repeat(2000)) })]),
    ],
    [
      'an input hint over 2000 characters',
      modal([input({ type: 'plain_text_input', action_id: 'v' }, { hint: plain('h'.repeat(2001)) })]),
      'refused view.blocks[0].hint.text',
      modal([input({ type: 'plain_text_input', action_id: 'v' }, { hint: plain('h'.repeat(2000)) })]),
    ],
    [
      'a placeholder over 150 characters',
      modal([input({ type: 'plain_text_input', action_id: 'v', placeholder: plain('p'.repeat(151)) })]),
      'refused view.blocks[0].element.placeholder.text',
      modal([input({ type: 'plain_text_input', action_id: 'v', placeholder: plain('p'.repeat(150)) })]),
    ],
    [
      'more than 100 options',
      modal([input(select(Array.from({ length: 101 }, (_, i) => option(`o${i}`, `v${i}`))))]),
      'refused view.blocks[0].element.options',
      modal([input(select(Array.from({ length: 100 }, (_, i) => option(`o${i}`, `v${i}`))))]),
    ],
    [
      'an option text over 75 characters',
      modal([input(select([option('o'.repeat(76))]))]),
      'refused view.blocks[0].element.options[0].text.text',
      modal([input(select([option('o'.repeat(75))]))]),
    ],
    [
      'an option text of 38 emoji (76 UTF-16 units)',
      modal([input(select([option(emoji(38))]))]),
      'refused view.blocks[0].element.options[0].text.text',
      modal([input(select([option(emoji(37))]))]),
    ],
    [
      'an option value over 150 characters',
      modal([input(select([option('o', 'v'.repeat(151))]))]),
      'refused view.blocks[0].element.options[0].value',
      modal([input(select([option('o', 'v'.repeat(150))]))]),
    ],
    [
      'an option description over 75 characters',
      modal([input(select([option('o', 'v', { description: plain('d'.repeat(76)) })]))]),
      'refused view.blocks[0].element.options[0].description.text',
      modal([input(select([option('o', 'v', { description: plain('d'.repeat(75)) })]))]),
    ],
    [
      'an initial option that is not among the options',
      modal([input(select([option('o', 'a')], { initial_option: option('o', 'b') }))]),
      'refused view.blocks[0].element.initial_options[0]',
      modal([input(select([option('o', 'a')], { initial_option: option('o', 'a') }))]),
    ],
    [
      'a block_id used twice in one view',
      { type: 'home', blocks: [section('a', { block_id: 'x' }), section('b', { block_id: 'x' })] },
      'refused view.blocks[1].block_id',
      { type: 'home', blocks: [section('a', { block_id: 'x' }), section('b', { block_id: 'y' })] },
    ],
    [
      'an entity in a modal title',
      modal([], { title: plain('A &amp; B') }),
      'shown-badly view.title.text',
      modal([], { title: plain('A & B') }),
    ],
    [
      'an option text with an emoji cut in two',
      modal([input(select([option(`${'o'.repeat(73)}🚓`.slice(0, 74))]))]),
      'shown-badly view.blocks[0].element.options[0].text.text',
      modal([input(select([option(`${'o'.repeat(73)}…`)]))]),
    ],
  ];

  it.each(viewCases)('catches %s and passes it within the rule', (_what, bad, path, good) => {
    expect(found(checkView(bad))).toContain(path);
    expect(checkView(good)).toEqual([]);
  });

  it('finds every kind of mrkdwn a plain text would show literally, and nothing in plain words', () => {
    const markups: Array<[string, string]> = [
      ['Be en administratör: <@UADMIN>.', 'user mention'],
      ['Se <#C123|fredagsmotet>', 'channel mention'],
      ['Hej <!here>', 'special mention'],
      ['Läs <https://x.se|här>', 'link syntax'],
      ['Polisen &amp; kommunen', 'entity'],
      ['&lt;b&gt;', 'entity'],
      ['Det är *viktigt* nu', 'bold'],
      ['Det är _viktigt_ nu', 'italic'],
      ['Skriv `/prioritet lista`', 'code'],
    ];
    for (const [text, kind] of markups) expect(markupIn(text).join(' ')).toContain(kind);
    for (const text of [
      'Polisen & kommunen',
      '5 * 3 = 15',
      'snake_case_namn',
      'Mötet v. 49 – 4 december',
      'a < b > c',
    ])
      expect(markupIn(text)).toEqual([]);
  });

  it('counts a length in code points and UTF-16 units', () => {
    expect(measure('a🚓👩‍👩‍👧')).toEqual({ units: 11, codePoints: 7 });
  });

  it('takes a text users typed with markup in it as typed, and still finds markup besides it', () => {
    const typed = { typed: ['<!channel>'] };
    const bad = message(
      actions([button({ confirm: confirm({ text: plain('Ta bort ”Skolväg <!channel>”?') }) })]),
    );
    expect(checkMessage(bad, 'message', typed)).toEqual([]);
    const both = message({ type: 'header', text: plain('Skolväg <!channel> &amp; mer') });
    expect(found(checkMessage(both, 'message', typed))).toEqual(['shown-badly message.blocks[0].text.text']);
  });

  it('checks a view submission ack: errors as plain text, an update or push as a view', () => {
    expect(
      found(checkViewSubmissionAck({ response_action: 'errors', errors: { title: 'Fråga <@UADMIN>.' } })),
    ).toEqual(['shown-badly ack.errors.title']);
    expect(
      checkViewSubmissionAck({ response_action: 'errors', errors: { title: 'Skriv en rubrik.' } }),
    ).toEqual([]);
    expect(
      found(
        checkViewSubmissionAck({
          response_action: 'push',
          view: modal([], { title: plain('t'.repeat(25)) }),
        }),
      ),
    ).toEqual(['refused ack.view.title.text']);
    expect(checkViewSubmissionAck({ response_action: 'update', view: modal([]) })).toEqual([]);
    expect(checkViewSubmissionAck(null)).toEqual([]);
    expect(checkViewSubmissionAck({})).toEqual([]);
  });

  it('checks the calls that carry blocks or a view, and no others', () => {
    const tooMany = { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) };
    for (const method of ['chat.postMessage', 'chat.update', 'chat.postEphemeral'])
      expect(checkSlackCall(method, tooMany)).toHaveLength(1);
    for (const method of ['views.open', 'views.update', 'views.push', 'views.publish'])
      expect(checkSlackCall(method, { view: modal([], { title: plain('t'.repeat(25)) }) })).toHaveLength(1);
    expect(checkSlackCall('users.info', tooMany)).toEqual([]);
  });
});
