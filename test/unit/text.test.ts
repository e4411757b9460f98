/** Text measured and cut as users see it (emoji as one character), and field errors as plain text. */

import { describe, expect, it } from 'vitest';
import { characterCount, fitValueIn, truncateText } from '../../src/domain/text.js';
import { sv } from '../../src/i18n/sv.js';
import { notMemberFieldError, plainTextOf } from '../../src/slack/plain-text.js';
import { fieldErrorMessages } from '../../src/slack/priority-modal-data.js';
import { markupIn } from '../support/block-kit-text.js';

/** A lone surrogate shows as � in Slack, or makes it refuse the text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FAMILY = '👩‍👩‍👧';

describe('characterCount', () => {
  it('counts what users see as characters: an emoji is one, as Postgres char_length counts it', () => {
    expect(characterCount('Skolväg')).toBe(7);
    expect(characterCount('🚓'.repeat(300))).toBe(300);
    expect('🚓'.repeat(300).length).toBe(600);
  });
});

describe('truncateText', () => {
  it('leaves a text within the limit whole', () => {
    expect(truncateText('Kort rubrik', 75)).toBe('Kort rubrik');
    expect(truncateText('🚓'.repeat(37), 75)).toBe('🚓'.repeat(37));
  });

  it('fits a long text in both counts, ending with …', () => {
    const cut = truncateText('a'.repeat(200), 75);
    expect(cut).toBe(`${'a'.repeat(74)}…`);
    const emoji = truncateText('🚓'.repeat(100), 75);
    expect(emoji.length).toBeLessThanOrEqual(75);
    expect(characterCount(emoji)).toBeLessThanOrEqual(75);
    expect(emoji.endsWith('…')).toBe(true);
  });

  it('never cuts a surrogate pair or an emoji sequence', () => {
    for (let limit = 2; limit < 40; limit += 1) {
      for (const text of [`a${'🚓'.repeat(40)}`, FAMILY.repeat(10), '🇸🇪'.repeat(20)]) {
        const cut = truncateText(text, limit);
        expect(cut.length).toBeLessThanOrEqual(limit);
        expect(LONE_SURROGATE.test(cut)).toBe(false);
        expect(cut.replace(/…$/, '').endsWith('\u200D')).toBe(false);
      }
    }
    expect(truncateText(FAMILY.repeat(3), 12)).toBe(`${FAMILY}…`);
    // A flag is two regional indicators: never split into two letters.
    expect(truncateText('🇸🇪🇳🇴', 6)).toBe('🇸🇪…');
  });
});

describe('fitValueIn', () => {
  const question = (title: string) => `Markera prioritering #12 ”${title}” som genomförd?`;

  it('shortens only the value, so the question around it stays whole', () => {
    const text = fitValueIn(question, '🚓'.repeat(150), 300);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.startsWith('Markera prioritering #12 ”🚓')).toBe(true);
    expect(text.endsWith('…” som genomförd?')).toBe(true);
    expect(fitValueIn(question, 'Trygg skolväg', 300)).toBe(question('Trygg skolväg'));
  });
});

describe('plain text for field errors', () => {
  it('shows mentions as names, or as "en administratör" when the name is not known', () => {
    const text = sv.prioritet.notMember('<@UADMIN>, <@UOTHER>');
    const named = plainTextOf(text, { userNames: new Map([['UADMIN', 'Anna Admin']]) });
    expect(named).toContain('Be en administratör att lägga till dig: Anna Admin, en administratör.');
    expect(markupIn(named)).toEqual([]);
  });

  it('turns entities, links and formatting into what they stand for', () => {
    expect(plainTextOf('*Polisen &amp; Co* – se <https://x.se|sidan>, `/prioritet` och <#C1|kanalen>')).toBe(
      'Polisen & Co – se sidan, /prioritet och #kanalen',
    );
    expect(plainTextOf('Hej <!here> _nu_')).toBe('Hej @here nu');
  });

  it('says who to ask in plain words: the admins by name, else "en administratör", else that there are none', () => {
    const named = notMemberFieldError(['Anna Admin', 'Bo Berg']);
    expect(named).toBe(sv.prioritet.notMember('Anna Admin, Bo Berg'));
    const unnamed = notMemberFieldError(['Anna Admin', null]);
    expect(unnamed).toContain('Be en administratör att lägga till dig.');
    expect(notMemberFieldError([])).toBe(sv.prioritet.noAdmins);
    for (const text of [named, unnamed]) expect(markupIn(text)).toEqual([]);
  });

  it('shows a responsible party named with & as typed in the priority modals, not as &amp;', () => {
    const errors = { status: { code: 'notAllowedToClose' as const } };
    const fromMrkdwn = fieldErrorMessages(errors, {
      typed: () => '',
      today: '2026-12-01',
      closers: 'Polisen &amp; Tullen, Kustbevakningen',
    });
    expect(fromMrkdwn.status).toContain('(Polisen & Tullen, Kustbevakningen)');
    const fromNames = fieldErrorMessages(errors, {
      typed: () => '',
      today: '2026-12-01',
      closers: ['Polisen & Tullen', 'Kustbevakningen'],
    });
    expect(fromNames).toEqual(fromMrkdwn);
    expect(markupIn(fromNames.status ?? '')).toEqual([]);
  });

  it('counts a too-long field in characters users see', () => {
    const errors = fieldErrorMessages(
      { title: { code: 'tooLong' as const, limit: 150 } },
      { typed: () => '🚓'.repeat(151), today: '2026-12-01', closers: '' },
    );
    expect(errors.title).toBe(sv.prioritet.errors.tooLong(150, 151));
  });
});
