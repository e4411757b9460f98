/**
 * How the joint priorities render, without Slack or a database: the agenda's point 2, "Beslut och uppföljning",
 * the day-before reminder, dates, `/prioritet lista` and `visa`, and App Home.
 */

import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { PartyStatus } from '../../src/domain/entry.js';
import type { JointPriority, PriorityEvent } from '../../src/domain/priorities.js';
import { meetingOfWeek } from '../../src/domain/schedule.js';
import { catalogueOf } from '../../src/services/catalogue.js';
import { LIMITS, messageSize } from '../../src/slack/blocks.js';
import { HOME_PRIORITIES_MAX, type HomeInput, renderHome as renderHomeView } from '../../src/slack/home.js';
import { LAGESBILD_ACTIONS } from '../../src/slack/lagesbild-buttons.js';
import { renderMeetingSummary } from '../../src/slack/minutes.js';
import { formatDay, PRIORITY_ACTIONS } from '../../src/slack/priorities.js';
import { renderPriorityDetail } from '../../src/slack/priority-detail.js';
import {
  renderAgendaPrioritiesSection,
  renderFollowUpReminder,
} from '../../src/slack/priority-follow-ups.js';
import { renderPriorityList } from '../../src/slack/priority-list.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const schedule = FRIDAY_SCHEDULE;

const parties = [
  { key: 'polisen', name: 'Polisen, lokalpolisområde Västervik' },
  { key: 'kommunen', name: 'Västerviks kommun' },
  { key: 'regionen', name: 'Region Kalmar län' },
  { key: 'kustbevakningen', name: 'Kustbevakningen' },
];
const areas = [
  { key: 'organiserad', name: 'Organiserad brottslighet och kriminella gäng', aliases: ['gäng'] },
  { key: 'unga', name: 'Ungdomskriminalitet och normbrytande unga', aliases: [] },
  { key: 'trafik', name: 'Trafikbrott', aliases: [] },
];
/** What the renderers take: the request's or the job's catalogue. */
const names = catalogueOf(parties, areas);
const MEETING = meetingOfWeek('2026-W49', schedule);

function priority(id: number, over: Partial<JointPriority> = {}): JointPriority {
  return {
    id,
    title: `Prioritering ${id} ${'med en lång rubrik '.repeat(6)}`.slice(0, 150),
    description: null,
    areaKeys: [areas[id % areas.length]?.key ?? 'trafik'],
    partyKeys: [parties[id % parties.length]?.key ?? 'polisen'],
    contactUserId: 'U0CONTACT',
    agreedWeek: '2026-W45',
    followUpDate: '2026-12-04',
    effectShort: null,
    effectLong: null,
    citizenPromise: null,
    status: 'aktiv',
    createdBy: 'U1',
    createdAt: new Date('2026-11-06T08:30:00Z'),
    updatedAt: new Date('2026-11-06T08:30:00Z'),
    ...over,
  };
}

const many = (count: number, over: Partial<JointPriority> = {}) =>
  Array.from({ length: count }, (_, i) => priority(i + 1, over));

/** Every mrkdwn or plain text in a block list, to check Slack's text limits and what is shown. */
function texts(blocks: readonly KnownBlock[]): string[] {
  const found: string[] = [];
  for (const block of blocks) {
    if ('text' in block && block.text && typeof block.text === 'object' && 'text' in block.text)
      found.push(block.text.text);
    if (block.type === 'context')
      for (const element of block.elements) if ('text' in element) found.push(element.text);
  }
  return found;
}

function expectWithinMessageLimits(blocks: readonly KnownBlock[]) {
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const text of texts(blocks)) expect(text.length).toBeLessThanOrEqual(3000);
}

/** Ids of priorities that got a Följ upp button, in order. */
function followUpIds(blocks: readonly KnownBlock[]): number[] {
  const ids: number[] = [];
  for (const block of blocks) {
    const elements =
      block.type === 'actions'
        ? block.elements
        : block.type === 'section' && block.accessory
          ? [block.accessory]
          : [];
    for (const element of elements)
      if ('action_id' in element && element.action_id === PRIORITY_ACTIONS.followUp && 'value' in element)
        ids.push(Number(element.value));
  }
  return ids;
}

describe("the agenda's point 2", () => {
  it('lists only active priorities due on or before the meeting, grouped by area, each with Följ upp', () => {
    const blocks = renderAgendaPrioritiesSection({
      priorities: [
        priority(1, { areaKeys: ['trafik'] }),
        priority(2, { areaKeys: ['organiserad'], followUpDate: '2026-11-20' }),
        priority(3, { areaKeys: ['trafik'], followUpDate: '2026-12-11' }),
        priority(4, { areaKeys: ['trafik'], status: 'genomford' }),
      ],
      names,
      meetingDate: MEETING.date,
    });
    const all = texts(blocks).join('\n');
    expect(all).toContain('2. Uppföljning av gemensamma prioriteringar');
    // Grouped in the areas' order: organiserad before trafik.
    expect(all.indexOf('Organiserad brottslighet')).toBeLessThan(all.indexOf('Trafikbrott'));
    expect(followUpIds(blocks)).toEqual([2, 1]);
    expect(all).toContain('Ansvariga: Region Kalmar län');
    expect(all).toContain('Ansvariga: Västerviks kommun');
  });

  it('says so when nothing is due', () => {
    const blocks = renderAgendaPrioritiesSection({
      priorities: [priority(1, { followUpDate: '2026-12-11' })],
      names,
      meetingDate: MEETING.date,
    });
    expect(texts(blocks).join('\n')).toContain('Inga gemensamma prioriteringar ska följas upp');
  });

  it('stays within its block budget with 500 due and counts the rest instead of cutting silently', () => {
    const blocks = renderAgendaPrioritiesSection({
      priorities: many(500),
      names,
      meetingDate: MEETING.date,
      maxBlocks: 20,
    });
    expect(blocks.length).toBeLessThanOrEqual(20);
    const shown = followUpIds(blocks).length;
    expect(shown).toBeGreaterThan(10);
    expect(texts(blocks).join('\n')).toContain(`och ${500 - shown} till`);
    expect(texts(blocks).join('\n')).toContain('/prioritet lista');
  });

  it('gives the heading and the count in one block when the agenda has almost no room left', () => {
    const blocks = renderAgendaPrioritiesSection({
      priorities: many(7),
      names,
      meetingDate: MEETING.date,
      maxBlocks: 1,
    });
    expect(blocks).toHaveLength(1);
    expect(texts(blocks)[0]).toContain('7 gemensamma prioriteringar ska följas upp – se `/prioritet lista`');
  });

  it('escapes what users typed so a title never notifies anyone', () => {
    const blocks = renderAgendaPrioritiesSection({
      priorities: [priority(1, { title: 'Hej <!channel> & <@U0BOSS>' })],
      names,
      meetingDate: MEETING.date,
    });
    const all = texts(blocks).join('\n');
    expect(all).toContain('Hej &lt;!channel&gt; &amp; &lt;@U0BOSS&gt;');
    expect(all).not.toContain('<!channel>');
  });
});

describe('"Beslut och uppföljning"', () => {
  it('splits a long summary into messages within 50 blocks and 3000 characters a section, losing nothing', () => {
    const priorities = many(120);
    let id = 0;
    const events: PriorityEvent[] = priorities.flatMap((p) => {
      const base = {
        priorityId: p.id,
        actorUserId: 'U0NOTER',
        meetingWeek: '2026-W49',
        createdAt: new Date('2026-12-04T08:30:00Z'),
      };
      id += 2;
      return [
        { ...base, id: id - 1, kind: 'skapad' as const, note: null, changes: {} },
        {
          ...base,
          id,
          kind: 'uppfoljning' as const,
          note: `Anteckning ${p.id} `.padEnd(2000, 'x'),
          changes: {},
        },
      ];
    });
    const messages = renderMeetingSummary({
      activity: { week: '2026-W49', priorities, events },
      meetingStartsAt: MEETING.startsAt,
      names,
    });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expectWithinMessageLimits(message.blocks);
    const all = messages.flatMap((m) => texts(m.blocks)).join('\n');
    for (const p of priorities) {
      expect(all).toContain(`*#${p.id} `);
      expect(all).toContain(`Anteckning ${p.id} `);
    }
    expect(texts(messages[0]?.blocks ?? [])[0]).toBe(
      `Beslut och uppföljning v. 49 (del 1 av ${messages.length})`,
    );
  });

  it('lists agreed, completed and cancelled priorities under their headings', () => {
    const at = new Date('2026-12-04T08:30:00Z');
    const base = { actorUserId: 'U1', meetingWeek: '2026-W49', note: null, createdAt: at };
    const [message] = renderMeetingSummary({
      activity: {
        week: '2026-W49',
        priorities: [priority(1), priority(2, { status: 'genomford' }), priority(3, { status: 'avbruten' })],
        events: [
          { ...base, id: 1, priorityId: 1, kind: 'skapad', changes: {} },
          {
            ...base,
            id: 2,
            priorityId: 2,
            kind: 'status',
            changes: { status: { from: 'aktiv', to: 'genomford' } },
          },
          {
            ...base,
            id: 3,
            priorityId: 3,
            kind: 'status',
            changes: { status: { from: 'aktiv', to: 'avbruten' } },
          },
        ],
      },
      meetingStartsAt: MEETING.startsAt,
      names,
    });
    const all = texts(message?.blocks ?? []).join('\n');
    expect(all).toMatch(/Nya gemensamma prioriteringar \(1\)\*\n\*#1 /);
    expect(all).toContain('Genomförda (1)');
    expect(all).toContain('Avbrutna (1)');
    expect(all).not.toContain('Uppföljda');
  });

  it('tells what was done at the meeting from what was done between meetings, for it', () => {
    const event = (id: number, priorityId: number, createdAt: Date, note: string | null = null) => ({
      id,
      priorityId,
      actorUserId: 'U1',
      meetingWeek: '2026-W49',
      kind: note === null ? ('skapad' as const) : ('uppfoljning' as const),
      note,
      changes: {},
      createdAt,
    });
    const justBefore = new Date(MEETING.startsAt.getTime() - 1);
    const [message] = renderMeetingSummary({
      activity: {
        week: '2026-W49',
        priorities: [priority(1), priority(2)],
        events: [
          event(1, 1, MEETING.startsAt),
          event(2, 2, new Date('2026-12-01T10:00:00Z'), 'Skrivet på tisdagen.'),
          event(3, 1, justBefore, 'Skrivet strax före mötet.'),
        ],
      },
      meetingStartsAt: MEETING.startsAt,
      names,
    });
    const all = texts(message?.blocks ?? []).join('\n');
    const between = all.indexOf('*Mellan mötena* – registrerat sedan förra mötet, inför mötet v. 49:');
    expect(between).toBeGreaterThan(0);
    const [atMeeting, beforeMeeting] = [all.slice(0, between), all.slice(between)];
    expect(atMeeting).toContain('Nya gemensamma prioriteringar (1)');
    expect(atMeeting).not.toContain('Uppföljda');
    expect(beforeMeeting).toContain('Uppföljda (2)');
    expect(beforeMeeting).toContain('Skrivet på tisdagen.');
    expect(beforeMeeting).toContain('Skrivet strax före mötet.');
  });

  it('says nothing was decided at the meeting, and still lists what was done before it', () => {
    const [message] = renderMeetingSummary({
      activity: {
        week: '2026-W49',
        priorities: [priority(1)],
        events: [
          {
            id: 1,
            priorityId: 1,
            actorUserId: 'U1',
            meetingWeek: '2026-W49',
            kind: 'uppfoljning',
            note: 'Mellan mötena.',
            changes: {},
            createdAt: new Date('2026-12-02T12:00:00Z'),
          },
        ],
      },
      meetingStartsAt: MEETING.startsAt,
      names,
    });
    const all = texts(message?.blocks ?? []).join('\n');
    expect(all.indexOf('Inga gemensamma prioriteringar registrerades')).toBeLessThan(
      all.indexOf('*Mellan mötena*'),
    );
    expect(all).toContain('Mellan mötena.');
  });

  it('says that nothing was decided when the meeting had no activity', () => {
    const messages = renderMeetingSummary({
      activity: { week: '2026-W49', priorities: [], events: [] },
      meetingStartsAt: MEETING.startsAt,
      names,
    });
    expect(messages).toHaveLength(1);
    expect(texts(messages[0]?.blocks ?? []).join('\n')).toContain(
      'Inga gemensamma prioriteringar registrerades',
    );
  });
});

describe('the reminder the day before', () => {
  it('names the priority and the date and has a Följ upp button', () => {
    const message = renderFollowUpReminder({
      priority: priority(7, { title: 'Trygg <skolväg>' }),
      names,
    });
    expect(message.text).toContain('#7 ”Trygg &lt;skolväg&gt;”');
    expect(message.text).toContain('fredag 4 december 2026');
    expect(followUpIds(message.blocks)).toEqual([7]);
  });
});

describe('dates', () => {
  it('shows a follow-up date as a Swedish day, the same each time it is asked', () => {
    expect(formatDay('2026-12-04')).toBe('fredag 4 december 2026');
    expect(formatDay('2027-01-01')).toBe('fredag 1 januari 2027');
    expect(formatDay('2026-12-04')).toBe('fredag 4 december 2026');
  });
});

describe('/prioritet lista and visa', () => {
  it('shows as many of 20 long priorities with buttons as the budget of one message holds and counts the rest', () => {
    const message = renderPriorityList({
      priorities: many(20, { followUpDate: '2026-12-18' }),
      total: 500,
      due: 0,
      names,
      meetingDate: MEETING.date,
      scope: 'aktiva',
      filterLabel: '',
    });
    expectWithinMessageLimits(message.blocks);
    // Each costs about 900 characters with its confirm dialogs: 20 would make 18 000, over the budget.
    expect(messageSize(message)).toBeLessThanOrEqual(LIMITS.packChars);
    const shown = followUpIds(message.blocks).length;
    expect(shown).toBeGreaterThanOrEqual(10);
    expect(texts(message.blocks).join('\n')).toContain(
      `Visar de ${shown} första. *…och ${500 - shown} till*`,
    );
    expect(texts(message.blocks).join('\n')).toContain('500 aktiva');
  });

  it('counts the whole list, not only the page it shows', () => {
    const message = renderPriorityList({
      priorities: many(3),
      total: 42,
      due: 17,
      names,
      meetingDate: MEETING.date,
      scope: 'aktiva',
      filterLabel: 'Polisen',
    });
    const all = texts(message.blocks).join('\n');
    expect(all).toContain('42 aktiva prioriteringar · Polisen · 17 ska följas upp vid nästa möte');
    expect(all).toContain('Visar de 3 första. *…och 39 till*');
  });

  it('puts the due ones first and offers closing only for active ones', () => {
    const message = renderPriorityList({
      priorities: [
        priority(1, { followUpDate: '2026-12-18' }),
        priority(2),
        priority(3, { status: 'avbruten' }),
      ],
      total: 3,
      due: 1,
      names,
      meetingDate: MEETING.date,
      scope: 'alla',
      filterLabel: '',
    });
    expect(followUpIds(message.blocks)).toEqual([2, 1, 3]);
    const actions = message.blocks.filter((b) => b.type === 'actions');
    const ids = actions.map((b) =>
      b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : [],
    );
    expect(ids[0]).toEqual(['prioritet_folj_upp', 'prioritet_klar', 'prioritet_avbryt', 'prioritet_andra']);
    expect(ids[2]).toEqual(['prioritet_folj_upp', 'prioritet_andra']);
    // No confirm dialog: Klarmarkera opens a form asking for the result, which is the confirmation.
    const complete = actions[0]?.type === 'actions' ? actions[0].elements[1] : undefined;
    expect(complete && 'confirm' in complete).toBe(false);
  });

  it('shows a long history over as many messages as it takes within the limits, leaving nothing out', () => {
    const events: PriorityEvent[] = Array.from({ length: 400 }, (_, i) => ({
      id: i + 1,
      priorityId: 1,
      kind: 'uppfoljning',
      actorUserId: 'U1',
      meetingWeek: '2026-W49',
      note: `Anteckning ${i + 1} `.padEnd(1500, 'x'),
      changes: {},
      createdAt: new Date('2026-12-04T08:30:00Z'),
    }));
    const messages = renderPriorityDetail({
      priority: priority(1),
      events,
      names,
      meetingDate: MEETING.date,
      timezone: 'Europe/Stockholm',
    });
    expect(messages.length).toBeGreaterThan(5);
    for (const message of messages) expectWithinMessageLimits(message.blocks);
    const all = messages.flatMap((m) => texts(m.blocks)).join('\n');
    for (let i = 1; i <= 400; i += 1) expect(all).toContain(`Anteckning ${i} `);
    expect(texts(messages[0]?.blocks ?? [])[0]).toBe(`Prioritering #1 (del 1 av ${messages.length})`);
  });
});

/** Home's priorities as listHomePriorities reads them: own and others, the first HOME_PRIORITIES_MAX of each. */
function grouped(list: readonly JointPriority[], userPartyKeys: readonly string[]): HomeInput['priorities'] {
  const sorted = [...list].sort((a, b) => a.followUpDate.localeCompare(b.followUpDate) || a.id - b.id);
  const group = (own: boolean) => {
    const members = sorted.filter((p) => p.partyKeys.some((key) => userPartyKeys.includes(key)) === own);
    return { priorities: members.slice(0, HOME_PRIORITIES_MAX), total: members.length };
  };
  return { own: group(true), others: group(false) };
}

/** The home view with its blocks typed as the blocks this app builds. */
const renderHome = (input: HomeInput) => {
  const view = renderHomeView(input);
  return { ...view, blocks: view.blocks as KnownBlock[] };
};

describe('App Home', () => {
  const statuses: PartyStatus[] = parties.map((p, i) => ({
    partyKey: p.key,
    partyName: p.name,
    entryCount: i === 0 ? 3 : 0,
    nothingToReport: false,
    assessment: i === 0 ? 'forhojt' : null,
    submitted: i === 0,
  }));
  const base: HomeInput = {
    userId: 'U0POLIS',
    now: new Date('2026-12-01T09:00:00Z'),
    timezone: 'Europe/Stockholm',
    meeting: MEETING,
    meetingState: { cancelled: false, reason: null },
    meetingUrl: 'https://meet.example.se/fredag',
    userPartyKeys: ['polisen'],
    isAdmin: false,
    adminUserIds: ['U0ADMIN'],
    statuses,
    priorities: grouped([], ['polisen']),
    catalogue: names,
    members: null,
  };

  it('stays within 100 blocks with 500 priorities and 300 members, counting what it does not show', () => {
    const priorities = many(500);
    const members = Array.from({ length: 300 }, (_, i) => ({
      userId: `U${String(i).padStart(8, '0')}`,
      partyKey: parties[i % 4]?.key ?? 'polisen',
    }));
    const view = renderHome({
      ...base,
      priorities: grouped(priorities, ['polisen']),
      isAdmin: true,
      members,
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const text of texts(view.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    const all = texts(view.blocks).join('\n');
    const own = priorities.filter((p) => p.partyKeys.includes('polisen')).length;
    expect(all).toContain(`Era gemensamma prioriteringar (${own} aktiva)`);
    expect(all).toContain(`Övriga gemensamma prioriteringar (${500 - own} aktiva)`);
    const shown = followUpIds(view.blocks).length;
    const more = [...all.matchAll(/och (\d+) till\* – se `\/prioritet lista`/g)].map((m) => Number(m[1]));
    expect(more).toHaveLength(2);
    expect(shown + (more[0] ?? 0) + (more[1] ?? 0)).toBe(500);
    expect(all).toContain('Medlemmar per part');
    expect(all).toContain('<@U00000000>');
  });

  it("lists the user's parties' priorities first and marks the due ones", () => {
    const view = renderHome({
      ...base,
      priorities: grouped(
        [
          priority(1, { partyKeys: ['kommunen'] }),
          priority(2, { partyKeys: ['polisen'], followUpDate: '2026-12-18' }),
          priority(3, { partyKeys: ['polisen', 'regionen'] }),
        ],
        ['polisen'],
      ),
    });
    expect(followUpIds(view.blocks)).toEqual([3, 2, 1]);
    const three = texts(view.blocks).find((t) => t.startsWith('*#3 '));
    const two = texts(view.blocks).find((t) => t.startsWith('*#2 '));
    expect(three).toContain('ska följas upp');
    expect(two).not.toContain('ska följas upp');
  });

  it('shows the coming meeting with its link and the party status with the button to submit', () => {
    const view = renderHome(base);
    const all = texts(view.blocks).join('\n');
    expect(all).toContain('v. 49, fredag 4 december kl. 09:00');
    expect(all).toContain('<https://meet.example.se/fredag|Anslut till mötet>');
    const status = view.blocks.find((b) => b.block_id === 'home_status_polisen');
    expect(status?.type === 'section' && status.text?.text).toContain(
      'lämnad, 3 iakttagelser · Förhöjt läge',
    );
    expect(status?.type === 'section' && status.accessory).toMatchObject({
      action_id: LAGESBILD_ACTIONS.open,
      value: '2026-W49',
    });
    expect(view.blocks.some((b) => b.block_id === 'home_status_kommunen')).toBe(false);
  });

  it('shows a cancelled meeting with its reason and no link', () => {
    const view = renderHome({ ...base, meetingState: { cancelled: true, reason: 'juldagen' } });
    const all = texts(view.blocks).join('\n');
    expect(all).toContain('Mötet är inställt*: juldagen.');
    expect(all).not.toContain('Anslut till mötet');
  });

  it('tells a non-member which admins to ask, without the priorities, buttons or the members list', () => {
    const view = renderHome({ ...base, userPartyKeys: [], priorities: grouped(many(3), []) });
    const all = texts(view.blocks).join('\n');
    expect(all).toContain('Du är inte medlem i någon part');
    expect(all).toContain('<@U0ADMIN>');
    expect(followUpIds(view.blocks)).toEqual([]);
    expect(all).not.toContain('#1 ');
    expect(all).not.toContain('gemensamma prioriteringar (');
    expect(all).not.toContain('Medlemmar per part');
  });

  it('shows an admin in no party the priorities with their buttons, and says why there is no party status', () => {
    const view = renderHome({
      ...base,
      userId: 'U0ADMIN',
      userPartyKeys: [],
      isAdmin: true,
      members: [{ userId: 'U0POLIS', partyKey: 'polisen' }],
      priorities: grouped(many(3), []),
    });
    const all = texts(view.blocks).join('\n');
    expect(all).toContain('Du är administratör men inte medlem i någon part');
    expect(all).not.toContain('Du är inte medlem');
    expect(all).not.toContain('<@U0ADMIN>');
    expect(all).toContain('Gemensamma prioriteringar (3 aktiva)');
    expect(followUpIds(view.blocks)).toHaveLength(3);
    const buttons = view.blocks.flatMap((b) =>
      b.type === 'section' && b.accessory && 'action_id' in b.accessory ? [b.accessory.action_id] : [],
    );
    expect(buttons).toContain(PRIORITY_ACTIONS.new);
    expect(buttons).not.toContain(LAGESBILD_ACTIONS.open);
    expect(all).toContain('Medlemmar per part');
  });

  it('counts the party statuses beyond six instead of dropping them', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ key: `part${i}`, name: `Part ${i}` }));
    const view = renderHome({
      ...base,
      catalogue: catalogueOf(many, areas),
      userPartyKeys: many.map((p) => p.key),
      statuses: many.map((p, i) => ({
        partyKey: p.key,
        partyName: p.name,
        entryCount: i % 2 === 0 ? 1 : 0,
        nothingToReport: false,
        assessment: null,
        submitted: i % 2 === 0,
      })),
    });
    const statusBlocks = view.blocks.filter((b) => String(b.block_id).startsWith('home_status_'));
    expect(statusBlocks).toHaveLength(6);
    // Parts 6, 7 and 8 are left; 6 and 8 have submitted.
    expect(texts(view.blocks).join('\n')).toContain('*…och 3 parter till*, varav 2 har lämnat');
  });

  it('shows what fits of a party whose members fill the budget, and counts the rest of them and the other parties', () => {
    const members = Array.from({ length: 5000 }, (_, i) => ({
      userId: `U${String(i).padStart(8, '0')}`,
      partyKey: 'polisen',
    }));
    members.push({ userId: 'U0KOMMUN1', partyKey: 'kommunen' });
    const view = renderHome({ ...base, isAdmin: true, members, priorities: grouped(many(200), ['polisen']) });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const text of texts(view.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    const all = texts(view.blocks).join('\n');
    expect(all).toContain('*Polisen, lokalpolisområde Västervik* (5000): <@U00000000>, <@U00000001>');
    const shownMembers = [...all.matchAll(/<@U\d{8}>/g)].length;
    expect(shownMembers).toBeGreaterThan(500);
    const rest = Number(/och (\d+) medlemmar till/.exec(all)?.[1]);
    expect(shownMembers + rest).toBe(5000);
    // Kommunen, Regionen and Kustbevakningen are counted, not silently dropped.
    expect(all).toContain('*…och 3 parter till*');
    expect(all).not.toContain('<@U0KOMMUN1>');
    // The priorities keep their room.
    expect(followUpIds(view.blocks).length).toBeGreaterThan(50);
  });
});
