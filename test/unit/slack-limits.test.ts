/**
 * Worst cases of everything the bot renders, run through the Block Kit checker: the longest fields users can
 * type, with emoji (two UTF-16 units each) and `&` and `<` (five and four characters once escaped for mrkdwn).
 */

import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Entry, PartyStatus } from '../../src/domain/entry.js';
import type { JointPriority, PriorityEvent } from '../../src/domain/priorities.js';
import { meetingOfWeek, shiftWeek } from '../../src/domain/schedule.js';
import { AGENDA_MAX_BLOCKS, followUpBudget, renderAgenda } from '../../src/slack/agenda.js';
import { header, LIMITS, messageSize, type SlackMessage } from '../../src/slack/blocks.js';
import { renderCompiledPicture } from '../../src/slack/compiled.js';
import { renderHome } from '../../src/slack/home.js';
import { entryReceipt, mineMessages, removalNotice } from '../../src/slack/lagesbild-messages.js';
import { submissionModal } from '../../src/slack/lagesbild-modal.js';
import { renderMeetingSummary } from '../../src/slack/minutes.js';
import type { CatalogueNames } from '../../src/slack/priorities.js';
import { renderPriorityDetail } from '../../src/slack/priority-detail.js';
import { renderAgendaPrioritiesSection } from '../../src/slack/priority-follow-ups.js';
import { LIST_MAX_SHOWN, renderPriorityList } from '../../src/slack/priority-list.js';
import { followUpModal, priorityModal } from '../../src/slack/priority-modals.js';
import { checkMessage, checkView, describeViolations } from '../support/block-kit.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const MEETING = meetingOfWeek('2026-W49', FRIDAY_SCHEDULE);
const TZ = FRIDAY_SCHEDULE.timezone;

/** `length` characters users see, mixing emoji, `&`, `<` and letters. */
const worst = (length: number, seed = '') => `${seed}🚓&<å👩‍👩‍👧`.repeat(length).slice(0, length * 2);
const firstChars = (text: string, length: number) => [...text].slice(0, length).join('');
const typed = (length: number, seed = '') => firstChars(worst(length, seed), length);

const parties = Array.from({ length: 12 }, (_, i) => ({
  key: `part${i}`,
  name: typed(100, `Part ${i} & Co `),
  aliases: [`p${i}`],
}));
const areas = Array.from({ length: 12 }, (_, i) => ({
  key: `omrade${i}`,
  name: typed(100, `Område ${i} `),
  aliases: [`o${i}`],
}));
const names: CatalogueNames = {
  partyNames: new Map(parties.map((p) => [p.key, p.name])),
  areaNames: new Map(areas.map((a) => [a.key, a.name])),
};

function priority(id: number, over: Partial<JointPriority> = {}): JointPriority {
  return {
    id,
    title: typed(150, `#${id} `),
    description: typed(2000),
    areaKeys: areas.map((a) => a.key),
    partyKeys: parties.map((p) => p.key),
    contactUserId: 'U0CONTACT1',
    agreedWeek: '2026-W45',
    followUpDate: '2026-12-04',
    effectShort: typed(500),
    effectLong: typed(500),
    citizenPromise: typed(300),
    status: 'aktiv',
    createdBy: 'U1',
    createdAt: new Date('2026-11-06T08:30:00Z'),
    updatedAt: new Date('2026-11-06T08:30:00Z'),
    ...over,
  };
}
const priorities = (count: number) => Array.from({ length: count }, (_, i) => priority(i + 1));

function entry(id: number, partyKey = 'part0'): Entry {
  return {
    id,
    meetingWeek: '2026-W49',
    partyKey,
    areaKey: areas[id % areas.length]?.key ?? 'omrade0',
    text: typed(2000, `Händelse ${id} `),
    place: typed(150),
    when: typed(150),
    trend: 'okar',
    authorUserId: 'U0POLIS01',
    source: 'modal',
    createdAt: new Date('2026-12-01T09:00:00Z'),
    updatedAt: new Date('2026-12-01T10:00:00Z'),
  };
}

const statuses: PartyStatus[] = parties.map((p, i) => ({
  partyKey: p.key,
  partyName: p.name,
  entryCount: i % 2 === 0 ? 40 : 0,
  nothingToReport: i % 3 === 0,
  assessment: i % 2 === 0 ? 'forhojt' : null,
  submitted: i % 2 === 0,
}));

function expectValidMessages(messages: readonly SlackMessage[]) {
  for (const message of messages) {
    const violations = checkMessage(message);
    expect(violations, describeViolations(violations)).toEqual([]);
  }
}

function expectValidView(view: unknown) {
  const violations = checkView(view);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const allText = (messages: readonly SlackMessage[]) => JSON.stringify(messages.map((m) => m.blocks));

describe('rendered within Slack limits at their worst', () => {
  it('/prioritet lista: 20 priorities at maximum field lengths fit one message, the rest counted', () => {
    const list = priorities(LIST_MAX_SHOWN);
    const message = renderPriorityList({
      priorities: list,
      total: 57,
      due: 20,
      names,
      meetingDate: MEETING.date,
      scope: 'aktiva',
      filterLabel: '',
    });
    expectValidMessages([message]);
    const shown = message.blocks.filter((b) => b.type === 'actions').length;
    expect(shown).toBeGreaterThan(0);
    expect(allText([message])).toContain(`Visar de ${shown} första. *…och ${57 - shown} till*`);
  });

  it('/prioritet lista: 20 ordinary priorities are all shown', () => {
    const list = Array.from({ length: 20 }, (_, i) =>
      priority(i + 1, { title: `Trygg skolväg ${i}`, areaKeys: ['omrade1'], partyKeys: ['part1'] }),
    );
    const message = renderPriorityList({
      priorities: list,
      total: 20,
      due: 0,
      names: {
        partyNames: new Map([['part1', 'Polisen']]),
        areaNames: new Map([['omrade1', 'Trafikbrott']]),
      },
      meetingDate: MEETING.date,
      scope: 'aktiva',
      filterLabel: '',
    });
    expectValidMessages([message]);
    expect(message.blocks.filter((b) => b.type === 'actions')).toHaveLength(20);
  });

  it('/prioritet lista genomförda with maximum-length titles and results of escaped characters', () => {
    const closed = priorities(LIST_MAX_SHOWN).map((p) => ({ ...p, status: 'genomford' as const }));
    const message = renderPriorityList({
      priorities: closed,
      total: 500,
      due: 0,
      names,
      meetingDate: MEETING.date,
      scope: 'genomforda',
      filterLabel: '',
      results: new Map(closed.map((p) => [p.id, { note: typed(2000, '<&>'), meetingWeek: '2026-W49' }])),
    });
    expectValidMessages([message]);
    expect(allText([message])).toContain('*Resultat* (v. 49): ');
    expect(allText([message])).toContain('500 genomförda prioriteringar');
  });

  it('the agenda with 60 due priorities and 12 parties keeps a margin below 50 blocks and counts the rest', () => {
    const followUp = renderAgendaPrioritiesSection({
      priorities: priorities(60),
      names,
      meetingDate: MEETING.date,
      maxBlocks: followUpBudget(statuses),
    });
    const agenda = renderAgenda({
      meeting: MEETING,
      timezone: TZ,
      meetingUrl: `https://teams.microsoft.com/l/meetup-join/${'x'.repeat(400)}`,
      statuses,
      state: { cancelled: false, reason: null },
      followUp,
    });
    expectValidMessages([agenda]);
    expect(agenda.blocks.length).toBeLessThanOrEqual(AGENDA_MAX_BLOCKS);
    expect(allText([agenda])).toMatch(/\*…och \d+ till\* – se `\/prioritet lista`/);
  });

  it('the agenda with 60 short due priorities stays within 45 blocks and says how many more there are', () => {
    const short = Array.from({ length: 60 }, (_, i) =>
      priority(i + 1, { title: `P${i}`, areaKeys: ['omrade1'], partyKeys: ['part1'] }),
    );
    const shortStatuses = statuses.slice(0, 4);
    const followUp = renderAgendaPrioritiesSection({
      priorities: short,
      names,
      meetingDate: MEETING.date,
      maxBlocks: followUpBudget(shortStatuses),
    });
    const agenda = renderAgenda({
      meeting: MEETING,
      timezone: TZ,
      meetingUrl: null,
      statuses: shortStatuses,
      state: { cancelled: false, reason: null },
      followUp,
    });
    expectValidMessages([agenda]);
    expect(agenda.blocks.length).toBeLessThanOrEqual(45);
    const shown = followUp.filter((b) => b.block_id?.startsWith('agenda_prioritet_')).length;
    expect(allText([agenda])).toContain(`*…och ${60 - shown} till*`);
  });

  it('the compiled picture with 40 maximum-length entries per party is split into parts within budget', () => {
    const entries = parties.flatMap((p, i) =>
      i % 2 === 0 ? Array.from({ length: 4 }, (_, j) => entry(i * 10 + j, p.key)) : [],
    );
    const messages = renderCompiledPicture({
      meeting: MEETING,
      timezone: TZ,
      statuses,
      entries,
      areaNames: new Map(areas.map((a) => [a.key, a.name])),
    });
    expect(messages.length).toBeGreaterThan(1);
    expectValidMessages(messages);
    // Filled to the renderers' target, header and fallback included, leaving the budget's margin free.
    for (const m of messages) expect(messageSize(m)).toBeLessThanOrEqual(LIMITS.packChars);
    for (const e of entries) expect(allText(messages)).toContain(`Händelse ${e.id} `);
  });

  it('a receipt and a `mina` list of maximum-length entries, redrawn with a removal notice on top', () => {
    const longest = entry(1);
    const receipt = entryReceipt({
      heading: 'Din lägesbild är sparad.',
      entry: longest,
      areaName: areas[1]?.name ?? '',
      timezone: TZ,
      buttons: true,
      note: 'Samlad bedömning: förhöjt läge',
      footer: 'Du kan ändra den fram till mötet.',
    });
    expectValidMessages([receipt]);
    const mine = mineMessages({
      meeting: MEETING,
      timezone: TZ,
      parties: [
        {
          party: parties[0] ?? { key: 'part0', name: 'P' },
          status: statuses[0] ?? null,
          entries: Array.from({ length: 12 }, (_, i) => entry(i + 1)),
        },
      ],
      areaNames: new Map(areas.map((a) => [a.key, a.name])),
    });
    expectValidMessages(mine);
    const notice = removalNotice('Borttagen:', longest, areas[1]?.name ?? '', TZ);
    expectValidMessages(mine.map((m) => ({ text: m.text, blocks: [notice, ...m.blocks] })));
  });

  it('/prioritet visa and the meeting summary at maximum lengths, with long notes', () => {
    const p = priority(7);
    const events: PriorityEvent[] = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      priorityId: 7,
      kind: 'uppfoljning',
      actorUserId: 'U0POLIS01',
      meetingWeek: '2026-W49',
      note: typed(2000, `Anteckning ${i} `),
      changes: { title: { from: typed(150), to: p.title } },
      createdAt: new Date(MEETING.startsAt.getTime() + i * 60_000),
    }));
    expectValidMessages(
      renderPriorityDetail({ priority: p, events, names, meetingDate: MEETING.date, timezone: TZ }),
    );
    expectValidMessages(
      renderMeetingSummary({
        activity: { week: '2026-W49', priorities: priorities(30), events: [] },
        meetingStartsAt: MEETING.startsAt,
        names,
      }),
    );
  });

  it('modals with long emoji names in their options, and a header of an emoji title', () => {
    // 73 letters and then emoji: cut at 74 UTF-16 units, the first emoji would be cut in two.
    const cutAt74 = { key: 'lang', name: `${'a'.repeat(73)}${'🚓'.repeat(5)}`, aliases: [] };
    expectValidView(
      submissionModal({
        meeting: MEETING,
        timezone: TZ,
        parties,
        areas: [...areas, cutAt74],
        metadata: { key: 'k', week: '2026-W49', origin: 'C0MEETING', entryId: null, partyKey: null },
        entry: null,
        assessment: null,
      }),
    );
    // The most meetings the forms offer, each a held meeting's date.
    const choices = Array.from({ length: 8 }, (_, i) =>
      meetingOfWeek(shiftWeek('2026-W49', i + 1, FRIDAY_SCHEDULE), FRIDAY_SCHEDULE),
    );
    const metadata = {
      key: 'k',
      week: '2026-W49' as const,
      priorityId: 7,
      openedAt: new Date().toISOString(),
      channelId: 'C0MEETING',
      responseUrl: 'https://hooks.slack.com/commands/T0/1/abc',
    };
    expectValidView(
      priorityModal({
        metadata,
        parties,
        areas,
        agreedDate: MEETING.date,
        defaultFollowUpDate: '2026-12-11',
        priority: priority(7),
        preselectedParties: [],
        followUpChoices: choices,
        dateWarning: '⚠️ Inget möte hålls tisdag 22 december 2026.',
      }),
    );
    expectValidView(
      followUpModal({ metadata: { ...metadata }, priority: priority(7), followUpChoices: choices }),
    );
    expectValidMessages([{ text: 'x', blocks: [header(`Prioritering ${'🚓'.repeat(150)}`) as KnownBlock] }]);
  });

  it('App Home with 500 maximum-length priorities stays a valid view', () => {
    const own = priorities(LIMITS.blocksPerView + 20);
    const others = own.map((p) => ({ ...p, id: p.id + 1000, partyKeys: ['part1'] }));
    const view = renderHome({
      userId: 'U0POLIS01',
      now: new Date('2026-12-01T09:00:00Z'),
      timezone: TZ,
      meeting: MEETING,
      meetingState: { cancelled: false, reason: null },
      meetingUrl: null,
      userPartyKeys: ['part0'],
      isAdmin: true,
      adminUserIds: ['U0ADMIN'],
      statuses,
      priorities: { own: { priorities: own, total: 500 }, others: { priorities: others, total: 500 } },
      catalogue: { ...names, parties },
      members: parties.map((p, i) => ({ userId: `U0M${i}`, partyKey: p.key })),
    });
    expectValidView(view);
  });
});
