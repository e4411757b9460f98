import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Entry, PartyStatus } from '../../src/domain/entry.js';
import { meetingOfWeek } from '../../src/domain/schedule.js';
import { context, LIMITS, limitMessages, packLines, paginate, section } from '../../src/slack/blocks.js';
import { renderCompiledPicture } from '../../src/slack/compiled.js';
import { splitText } from '../../src/slack/mrkdwn.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const SCHEDULE = FRIDAY_SCHEDULE;

const textOf = (block: KnownBlock) => (block as SectionBlock).text?.text ?? '';

describe('splitText', () => {
  it('returns short text whole', () => {
    expect(splitText('kort text', 100)).toEqual(['kort text']);
  });

  it('splits at line breaks or spaces and loses no characters but the break itself', () => {
    const text = Array.from({ length: 300 }, (_, i) => `ord${i}`).join(' ');
    const pieces = splitText(text, 100);
    expect(pieces.every((p) => p.length <= 100)).toBe(true);
    expect(pieces.join(' ')).toBe(text);
  });

  it('never cuts inside an escaped character', () => {
    const text = '&lt;'.repeat(500);
    const pieces = splitText(text, 98);
    expect(pieces.every((p) => p.length <= 98 && /^(&lt;)+$/.test(p))).toBe(true);
    expect(pieces.join('')).toBe(text);
  });

  it('never cuts an emoji in half', () => {
    const text = `a${'🚓'.repeat(1999)}`;
    const pieces = splitText(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    // A lone surrogate would show as � in Slack, or make it refuse the blocks.
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(3000);
      expect(loneSurrogate.test(piece)).toBe(false);
    }
    expect(pieces.join('')).toBe(text);
  });
});

describe('packLines', () => {
  it('packs lines into sections within the section limit, keeping every line in order', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `• rad ${i} ${'x'.repeat(90)}`);
    const blocks = packLines(lines);
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.every((b) => textOf(b).length <= LIMITS.sectionText)).toBe(true);
    expect(blocks.map(textOf).join('\n')).toBe(lines.join('\n'));
  });
});

describe('paginate', () => {
  it('keeps each message within 50 blocks including its header and drops nothing', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => section(`del ${i}`));
    const messages = paginate(blocks, {
      title: (p, t) => `Titel ${p}/${t}`,
      fallback: (p, t) => `${p}/${t}`,
    });
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => m.blocks.length <= LIMITS.blocksPerMessage)).toBe(true);
    expect(messages.map((m) => m.text)).toEqual(['1/3', '2/3', '3/3']);
    const bodies = messages.flatMap((m) => m.blocks.slice(1).map(textOf));
    expect(bodies).toEqual(blocks.map(textOf));
  });
});

/** A section's or a context's text. */
const blockText = (block: KnownBlock) =>
  block.type === 'context' ? ((block.elements[0] as { text?: string }).text ?? '') : textOf(block);

describe('paginate with runs that stay together', () => {
  // Eight runs of seven blocks, each run ending in a context block: 56 blocks, more than one message holds.
  const runs = Array.from({ length: 8 }, (_, run) => [
    ...Array.from({ length: 6 }, (_, i) => section(`run ${run} block ${i}`)),
    context(`end of run ${run}`),
  ]);
  const split = (extra: Partial<Parameters<typeof paginate>[1]> = {}) =>
    paginate(runs.flat(), {
      fallback: (p, t) => `${p}/${t}`,
      partLabel: (p, t) => `(del ${p} av ${t})`,
      endsGroup: (block) => block.type === 'context',
      ...extra,
    });

  it('never splits a run, and labels the parts only when there are several', () => {
    const messages = split();
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      const texts = message.blocks.map(blockText);
      for (let run = 0; run < 8; run += 1) {
        const shown = texts.filter((t) => t.startsWith(`run ${run} `) || t === `end of run ${run}`).length;
        expect([0, 7]).toContain(shown);
      }
      expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    }
    expect(blockText(messages[0]?.blocks.at(-1) as KnownBlock)).toBe('(del 1 av 2)');
    const single = paginate(runs[0] ?? [], { fallback: () => 'x', partLabel: () => 'aldrig' });
    expect(single[0]?.blocks.map(blockText)).not.toContain('aldrig');
  });

  it('keeps the reserved blocks free on every part', () => {
    for (const message of split({ reserveBlocks: 3 })) {
      expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage - 3);
    }
  });

  it('splits a run longer than a whole message rather than making one Slack refuses', () => {
    const long = Array.from({ length: 70 }, (_, i) => section(`rad ${i}`));
    const messages = paginate(long, { fallback: () => 'x', endsGroup: () => false });
    expect(messages.flatMap((m) => m.blocks.map(blockText))).toEqual(long.map(blockText));
    expect(messages.every((m) => m.blocks.length <= LIMITS.blocksPerMessage)).toBe(true);
  });

  it('says how many parts it leaves out past the limit, in the last message allowed', () => {
    const many = Array.from({ length: 300 }, (_, i) => section(`rad ${i}`));
    const messages = paginate(many, {
      fallback: (p) => `del ${p}`,
      limit: { maxMessages: 3, notice: (shown, total) => `visade ${shown} av ${total}` },
    });
    expect(messages.map((m) => m.text)).toEqual(['del 1', 'del 2', 'visade 2 av 6']);
  });
});

describe('limitMessages', () => {
  it('replaces the last message allowed by a notice of what is left out, and leaves few messages whole', () => {
    const parts = Array.from({ length: 7 }, (_, i) => ({ text: `del ${i + 1}`, blocks: [] }));
    const limited = limitMessages(parts, 5, (shown, total) => `visade ${shown} av ${total}`);
    expect(limited.map((m) => m.text)).toEqual(['del 1', 'del 2', 'del 3', 'del 4', 'visade 4 av 7']);
    expect(blockText(limited[4]?.blocks[0] as KnownBlock)).toBe('visade 4 av 7');
    expect(limitMessages(parts.slice(0, 5), 5, () => 'x')).toHaveLength(5);
  });
});

describe('renderCompiledPicture', () => {
  const meeting = meetingOfWeek('2026-W49', SCHEDULE);
  const statuses: PartyStatus[] = [
    {
      partyKey: 'polisen',
      partyName: 'Polisen',
      entryCount: 60,
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
      partyName: 'Region Kalmar län',
      entryCount: 0,
      nothingToReport: false,
      assessment: null,
      submitted: false,
    },
  ];
  const entry = (id: number, text: string, areaKey = 'trafik'): Entry => ({
    id,
    meetingWeek: '2026-W49',
    partyKey: 'polisen',
    areaKey,
    text,
    place: 'E22 <Gamleby>',
    when: null,
    trend: 'okar',
    authorUserId: 'U1',
    source: 'kommando',
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  const areaNames = new Map([
    ['trafik', 'Trafikbrott'],
    ['unga', 'Ungdomskriminalitet och normbrytande unga'],
  ]);

  it('groups by party and area and says who has nothing to report and who has not submitted', () => {
    const [message, ...rest] = renderCompiledPicture({
      meeting,
      timezone: 'Europe/Stockholm',
      statuses,
      entries: [entry(1, 'Fler hastighetsöverträdelser'), entry(2, 'Klotter vid skolan', 'unga')],
      areaNames,
    });
    expect(rest).toEqual([]);
    const text = message?.blocks.map(textOf).join('\n') ?? '';
    expect(text).toContain('*Polisen* – Förhöjt läge');
    expect(text).toContain(
      '*Trafikbrott*\n• Fler hastighetsöverträdelser _(plats: E22 &lt;Gamleby&gt; · ökar)_',
    );
    expect(text).toContain('*Ungdomskriminalitet och normbrytande unga*\n• Klotter vid skolan');
    expect(text).toContain('Inget att rapportera denna vecka');
    expect(text).toContain('Har inte lämnat lägesbild');
  });

  it('escapes what users typed so nothing in an entry can notify anyone', () => {
    const [message] = renderCompiledPicture({
      meeting,
      timezone: 'Europe/Stockholm',
      statuses,
      entries: [entry(1, 'Hej <!channel> och <@U123> & <!subteam^S1>')],
      areaNames,
    });
    const json = JSON.stringify(message?.blocks);
    expect(json).not.toMatch(/<!channel>|<@U123>|<!subteam/);
    expect(json).toContain('&lt;!channel&gt;');
  });

  it('splits a long picture over several messages within the limits, without losing an entry', () => {
    const entries = Array.from({ length: 60 }, (_, i) => entry(i, `Händelse ${i}: ${'<'.repeat(1990)}`));
    const messages = renderCompiledPicture({
      meeting,
      timezone: 'Europe/Stockholm',
      statuses,
      entries,
      areaNames,
    });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
      expect(message.blocks.every((b) => textOf(b).length <= LIMITS.sectionText)).toBe(true);
    }
    const all = messages.flatMap((m) => m.blocks.map(textOf)).join('');
    for (let i = 0; i < 60; i += 1) expect(all).toContain(`Händelse ${i}:`);
    // 1990 in each text and one in each place (`E22 <Gamleby>`).
    expect(all.split('&lt;').length - 1).toBe(60 * 1991);
    expect(messages[0]?.blocks[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(messages[1]?.blocks[0])).toContain(`(del 2 av ${messages.length})`);
  });
});
