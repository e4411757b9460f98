/**
 * How lägesbild renders, without Slack or a database: what users typed escaped, the submission modal and what it
 * carries, and the status, help and `mina` answers.
 */

import type { ActionsBlock, InputBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Entry, PartyStatus } from '../../src/domain/entry.js';
import { type MeetingSchedule, meetingOfWeek } from '../../src/domain/schedule.js';
import { decodeMetadata } from '../../src/kit/metadata.js';
import { ENTRY_BUTTON } from '../../src/slack/lagesbild-buttons.js';
import {
  entryReceipt,
  mineMessages,
  removalNotice,
  statusMessage,
} from '../../src/slack/lagesbild-messages.js';
import { submissionModal } from '../../src/slack/lagesbild-modal.js';
import {
  encodeModalMetadata,
  LAGESBILD_METADATA,
  type ModalMetadata,
  readModalValues,
} from '../../src/slack/lagesbild-modal-data.js';
import { helpText } from '../../src/slack/lagesbild-texts.js';
import { escapeMrkdwn, plainTextFromSlack } from '../../src/slack/mrkdwn.js';

const schedule: MeetingSchedule = {
  timezone: 'Europe/Stockholm',
  weekday: 5,
  meetingMinute: 540,
  lengthMinutes: 60,
  callDaysBefore: 1,
  callMinute: 780,
  agendaMinute: 450,
  lastCallMinute: 510,
  skipHolidays: true,
};
const meeting = meetingOfWeek('2026-W49', schedule);
const areas = [
  { key: 'trafik', name: 'Trafikbrott', aliases: ['trafik'] },
  { key: 'ovrigt', name: 'Övrigt', aliases: ['övrigt', 'annat'] },
];
const metadata: ModalMetadata = {
  key: '2f1c7c1e-4a8e-4d4e-9f3c-1b2a3c4d5e6f',
  week: '2026-W49',
  origin: 'C0MEETING',
  entryId: null,
  partyKey: 'polisen',
};

function entry(overrides: Partial<Entry> = {}): Entry {
  return {
    id: 7,
    meetingWeek: '2026-W49',
    partyKey: 'polisen',
    areaKey: 'trafik',
    text: 'fler bilar',
    place: null,
    when: null,
    trend: null,
    authorUserId: 'U0POLIS01',
    source: 'modal',
    createdAt: new Date('2026-12-01T09:00:00Z'),
    updatedAt: new Date('2026-12-01T09:00:00Z'),
    ...overrides,
  };
}

const json = (value: unknown) => JSON.stringify(value);
const blockIds = (blocks: ReadonlyArray<{ block_id?: string }>) =>
  blocks.map((b) => b.block_id).filter((id) => id !== undefined);

describe('escaping what users typed', () => {
  it('escapes &, < and > so nothing typed notifies anyone', () => {
    expect(escapeMrkdwn('<!channel> <!here> <@U123> <!subteam^S1|@polis> & co')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;!subteam^S1|@polis&gt; &amp; co',
    );
  });

  it('turns Slack-escaped command text back into what the user saw', () => {
    expect(
      plainTextFromSlack('<!channel> <@U123|anna> <#C1|allmänt> <https://x.se|länk> &lt;b&gt; &amp;'),
    ).toBe('@channel @anna #allmänt länk <b> &');
  });

  it('shows an entry’s text, place and when escaped in a receipt', () => {
    const receipt = entryReceipt({
      heading: 'Sparat',
      entry: entry({ text: '<!channel> & <@U1>', place: '<!here>', when: '<b>natt</b>' }),
      areaName: 'Trafik & <annat>',
      timezone: schedule.timezone,
      buttons: true,
    });
    const text = json(receipt);
    expect(text).not.toMatch(/<!channel>|<!here>|<@U1>|<b>/);
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(text).toContain('Trafik &amp; &lt;annat&gt;');
  });

  it('splits an entry whose escaped text outgrows one section instead of cutting it', () => {
    const receipt = entryReceipt({
      heading: 'x',
      entry: entry({ text: '&'.repeat(2000) }),
      areaName: 'Trafikbrott',
      timezone: schedule.timezone,
      buttons: true,
    });
    const sections = receipt.blocks.filter((b): b is SectionBlock => b.type === 'section');
    for (const s of sections) expect(s.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    const shown = sections.map((s) => s.text?.text ?? '').join('');
    expect(shown.split('&amp;').length - 1).toBe(2000);
  });
});

describe('the submission modal', () => {
  it('carries its metadata and round-trips it; foreign metadata is refused', () => {
    const view = submissionModal({
      meeting,
      timezone: schedule.timezone,
      parties: [{ key: 'polisen', name: 'Polisen' }],
      areas,
      metadata,
      entry: null,
      assessment: 'forhojt',
    });
    expect(decodeMetadata(LAGESBILD_METADATA, view.private_metadata ?? '')).toEqual(metadata);
    expect((view.private_metadata ?? '').length).toBeLessThan(3000);
    expect(decodeMetadata(LAGESBILD_METADATA, 'not json')).toBeNull();
    expect(decodeMetadata(LAGESBILD_METADATA, json({ ...metadata, week: 'v49' }))).toBeNull();
    expect(
      decodeMetadata(LAGESBILD_METADATA, encodeModalMetadata({ ...metadata, entryId: 12 }))?.entryId,
    ).toBe(12);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const assessment = view.blocks.find((b) => b.block_id === 'assessment') as InputBlock;
    expect(json(assessment.element)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Förhöjt läge"',
    );
  });

  it('has a party select only for several parties, and ”inget” only as a form of its own', () => {
    const several = submissionModal({
      meeting,
      timezone: schedule.timezone,
      parties: [
        { key: 'regionen', name: 'Region Kalmar län' },
        { key: 'kustbevakningen', name: 'Kustbevakningen' },
      ],
      areas,
      metadata: { ...metadata, partyKey: null },
      entry: null,
      assessment: null,
    });
    expect(blockIds(several.blocks)).toEqual([
      'party',
      'area',
      'text',
      'place',
      'when',
      'trend',
      'assessment',
      'again',
    ]);

    const edit = submissionModal({
      meeting,
      timezone: schedule.timezone,
      parties: [{ key: 'polisen', name: 'Polisen' }],
      areas,
      metadata: { ...metadata, entryId: 7 },
      entry: entry({ text: 'gammal', place: 'Gamleby', trend: 'minskar', areaKey: 'ovrigt' }),
      assessment: null,
    });
    expect(blockIds(edit.blocks)).toEqual(['area', 'text', 'place', 'when', 'trend', 'assessment']);
    const text = edit.blocks.find((b) => b.block_id === 'text') as InputBlock;
    expect(json(text.element)).toContain('"initial_value":"gammal"');
    expect(json(edit.blocks.find((b) => b.block_id === 'trend'))).toContain('"initial_option"');
  });

  it('reads submitted values, ignoring values it does not know', () => {
    const values = readModalValues({
      party: { party: { selected_option: { value: 'regionen' } } },
      area: { area: { selected_option: { value: 'trafik' } } },
      text: { text: { value: 'text' } },
      place: { place: { value: null } },
      trend: { trend: { selected_option: { value: 'exploderar' } } },
      assessment: { assessment: { selected_option: { value: 'allvarligt' } } },
      nothing: { nothing: { selected_options: [{ value: 'inget' }] } },
    });
    expect(values).toEqual({
      partyKey: 'regionen',
      areaKey: 'trafik',
      text: 'text',
      place: '',
      when: '',
      trend: null,
      assessment: 'allvarligt',
      nothingToReport: true,
      again: false,
    });
  });
});

describe('status, help and mina', () => {
  const statuses: PartyStatus[] = [
    {
      partyKey: 'polisen',
      partyName: 'Polisen',
      entryCount: 3,
      nothingToReport: false,
      assessment: 'forhojt',
      submitted: true,
    },
    {
      partyKey: 'kommunen',
      partyName: 'Västerviks kommun',
      entryCount: 0,
      nothingToReport: true,
      assessment: null,
      submitted: true,
    },
    {
      partyKey: 'regionen',
      partyName: 'Region <Kalmar>',
      entryCount: 0,
      nothingToReport: false,
      assessment: null,
      submitted: false,
    },
  ];

  it('shows ✅ with the count or "inget", ⏳ for the rest, and a summary', () => {
    const text = json(statusMessage(meeting, schedule.timezone, statuses).blocks);
    expect(text).toContain('✅ *Polisen* – 3 iakttagelser · Förhöjt läge');
    expect(text).toContain('✅ *Västerviks kommun* – inget att rapportera');
    expect(text).toContain('⏳ *Region &lt;Kalmar&gt;* – har inte lämnat');
    expect(text).toContain('2 av 3 parter har lämnat');
    expect(text).toContain('fredag 4 december kl. 09:00 (v. 49)');
  });

  it('lists every area alias in the help, escaped', () => {
    const text = helpText(
      [{ usage: '/lagesbild hjälp', description: 'hjälp' }],
      [...areas, { key: 'x', name: 'X', aliases: ['<a>'] }],
      [{ key: 'polisen', name: 'Polisen' }],
    );
    expect(text).toContain('`trafik`');
    expect(text).toContain('`övrigt`, `annat`');
    expect(text).toContain('`&lt;a&gt;`');
    expect(text).toContain('`polisen` – Polisen');
  });

  it('keeps each entry with its buttons across messages, within 50 blocks each, and says what it could not show', () => {
    const many = Array.from({ length: 60 }, (_, i) => entry({ id: i + 1, text: `iakttagelse ${i + 1}` }));
    const messages = mineMessages({
      meeting,
      timezone: schedule.timezone,
      parties: [{ party: { key: 'polisen', name: 'Polisen' }, status: statuses[0] ?? null, entries: many }],
      areaNames: new Map([['trafik', 'Trafikbrott']]),
      maxMessages: 50,
    });
    expect(messages.length).toBeGreaterThan(1);
    for (const [index, message] of messages.entries()) {
      // Room for a removal notice on top: at most 49 blocks of the 50.
      expect(message.blocks.length).toBeLessThanOrEqual(49);
      expect(message.text).toContain(`(del ${index + 1} av ${messages.length})`);
      // Each entry's text is in the same message as its Ändra/Ta bort, whose value names that message.
      const actions = message.blocks.filter((b): b is ActionsBlock => b.type === 'actions');
      for (const a of actions.filter((b) => b.block_id?.startsWith('entry-'))) {
        const id = Number(a.block_id?.slice('entry-'.length));
        expect(json(message.blocks)).toContain(`• iakttagelse ${id}"`);
        for (const button of a.elements as Array<{ value?: string }>) {
          expect(decodeMetadata(ENTRY_BUTTON, button.value)).toEqual({ id, from: 'mina', page: index + 1 });
        }
      }
    }
    const allShown = json(messages);
    for (let i = 1; i <= 60; i += 1) expect(allShown).toContain(`iakttagelse ${i}"`);

    const limited = mineMessages({
      meeting,
      timezone: schedule.timezone,
      parties: [{ party: { key: 'polisen', name: 'Polisen' }, status: null, entries: many }],
      areaNames: new Map(),
      maxMessages: 2,
    });
    expect(limited).toHaveLength(2);
    expect(limited[1]?.text).toMatch(/del 2–\d+ visas inte/);
  });

  it('reads the buttons of receipts and of lists made before they carried a page', () => {
    expect(decodeMetadata(ENTRY_BUTTON, '{"id":7,"from":"kvitto"}')).toEqual({ id: 7, from: 'kvitto' });
    expect(decodeMetadata(ENTRY_BUTTON, '{"id":7,"from":"mina","page":2}')).toEqual({
      id: 7,
      from: 'mina',
      page: 2,
    });
    expect(decodeMetadata(ENTRY_BUTTON, '{"id":7,"from":"mina","page":0}')).toBeNull();
    expect(decodeMetadata(ENTRY_BUTTON, 'inte json')).toBeNull();
  });

  it('notes a removed entry in one block, shortening visibly one too long for it', () => {
    const short = removalNotice(
      '🗑️ Borttagen:',
      entry({ id: 1, text: 'kort' }),
      'Trafikbrott',
      schedule.timezone,
    );
    expect(json(short)).toContain('🗑️ Borttagen:\\n*Trafikbrott*\\n• kort');
    const long = removalNotice(
      '🗑️ Borttagen:',
      entry({ id: 2, text: '&'.repeat(2000) }),
      'Trafikbrott',
      schedule.timezone,
    );
    const text = (long as SectionBlock).text?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('&amp;…')).toBe(true);
  });
});
