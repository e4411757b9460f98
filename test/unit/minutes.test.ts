/**
 * The minutes without Slack or a database: what `/protokoll` reads, names without mentions, the minutes in
 * "Beslut och uppföljning", and point 3 of the agenda.
 */

import { describe, expect, it } from 'vitest';
import type { PartyStatus } from '../../src/domain/entry.js';
import type { MeetingNote, Minutes } from '../../src/domain/minutes.js';
import { readNoteCommand, validateMeetingNote } from '../../src/domain/minutes.js';
import type { JointPriority } from '../../src/domain/priorities.js';
import { meetingOfWeek } from '../../src/domain/schedule.js';
import { nameFromSlackUser } from '../../src/services/user-names.js';
import { followUpBudget, renderAgenda } from '../../src/slack/agenda.js';
import type { SlackMessage } from '../../src/slack/blocks.js';
import { renderMeetingSummary } from '../../src/slack/minutes.js';
import type { CatalogueNames } from '../../src/slack/priorities.js';
import { renderAgendaPrioritiesSection } from '../../src/slack/priority-follow-ups.js';
import { renderProposals } from '../../src/slack/proposals.js';
import { renderMinutesSoFar } from '../../src/slack/protokoll.js';
import { checkMessage, describeViolations } from '../support/block-kit.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const MEETING = meetingOfWeek('2026-W49', FRIDAY_SCHEDULE);
const TZ = FRIDAY_SCHEDULE.timezone;
const PARTIES = [
  { key: 'polisen', name: 'Polisen' },
  { key: 'kommunen', name: 'Västerviks kommun' },
  { key: 'regionen', name: 'Region Kalmar län' },
];
const names: CatalogueNames = {
  partyNames: new Map(PARTIES.map((p) => [p.key, p.name])),
  areaNames: new Map([['trafik', 'Trafikbrott']]),
};

function note(id: number, over: Partial<MeetingNote> = {}): MeetingNote {
  return {
    id,
    week: '2026-W49',
    kind: 'notering',
    text: `Notering ${id}`,
    authorUserId: 'U0KOM',
    createdAt: new Date('2026-12-04T08:30:00Z'),
    ...over,
  };
}

function priority(id: number, over: Partial<JointPriority> = {}): JointPriority {
  return {
    id,
    title: `Prioritering ${id}`,
    description: null,
    areaKeys: ['trafik'],
    partyKeys: ['polisen'],
    contactUserId: null,
    agreedWeek: '2026-W49',
    followUpDate: '2026-12-11',
    effectShort: null,
    effectLong: null,
    citizenPromise: null,
    status: 'aktiv',
    createdBy: 'U0POL',
    createdAt: new Date('2026-12-01T08:30:00Z'),
    updatedAt: new Date('2026-12-01T08:30:00Z'),
    ...over,
  };
}

const allText = (messages: readonly SlackMessage[]) =>
  messages.map((m) => JSON.stringify(m.blocks)).join('\n');

function expectValid(messages: readonly SlackMessage[]) {
  for (const message of messages) {
    const violations = checkMessage(message);
    expect(violations, describeViolations(violations)).toEqual([]);
  }
}

describe('what /protokoll reads', () => {
  it('takes text as a note, and `beslut:` or `beslut` first as a decision', () => {
    expect(readNoteCommand('Kommunen bjuder in.')).toEqual({ kind: 'notering', text: 'Kommunen bjuder in.' });
    expect(readNoteCommand('beslut: Vi går vidare.')).toEqual({ kind: 'beslut', text: 'Vi går vidare.' });
    expect(readNoteCommand('Beslut Vi går vidare.')).toEqual({ kind: 'beslut', text: 'Vi går vidare.' });
    expect(readNoteCommand('notering: Bara så.')).toEqual({ kind: 'notering', text: 'Bara så.' });
    // A word that only begins like one is text.
    expect(readNoteCommand('Beslutsunderlag kommer.')).toEqual({
      kind: 'notering',
      text: 'Beslutsunderlag kommer.',
    });
  });

  it('refuses an empty note, one over 2000 characters and one with a personal identity number', () => {
    expect(validateMeetingNote('  \n ')).toMatchObject({ ok: false, problem: 'required' });
    expect(validateMeetingNote('🚓'.repeat(2000))).toMatchObject({ ok: true });
    expect(validateMeetingNote('🚓'.repeat(2001))).toMatchObject({
      ok: false,
      problem: 'tooLong',
      length: 2001,
    });
    expect(validateMeetingNote('Gäller 121212-1212')).toMatchObject({ ok: false, problem: 'personnummer' });
    expect(validateMeetingNote(' Rad ett\r\nRad två ')).toEqual({ ok: true, text: 'Rad ett\nRad två' });
  });
});

describe('names without mentions', () => {
  it('takes the display name, else the full name, else the user name, trimmed', () => {
    expect(
      nameFromSlackUser({ name: 'anna', profile: { display_name: ' Anna B ', real_name: 'Anna Berg' } }),
    ).toBe('Anna B');
    expect(nameFromSlackUser({ name: 'anna', real_name: 'Anna Berg', profile: { display_name: '' } })).toBe(
      'Anna Berg',
    );
    expect(nameFromSlackUser({ name: 'anna' })).toBe('anna');
    expect(nameFromSlackUser({})).toBeNull();
  });
});

describe('the minutes in "Beslut och uppföljning"', () => {
  const minutes = (over: Partial<Minutes> = {}): Minutes => ({ notes: [], presentPartyKeys: [], ...over });
  const render = (m: Minutes, people = new Map<string, string>()) =>
    renderMeetingSummary({
      activity: { week: '2026-W49', priorities: [], events: [] },
      meetingStartsAt: MEETING.startsAt,
      meetingDate: MEETING.date,
      names,
      minutes: { minutes: m, parties: PARTIES },
      people,
    });

  it('opens with who attended and who did not, and says so when nobody marked attendance', () => {
    const text = allText(render(minutes({ presentPartyKeys: ['polisen', 'regionen'] })));
    expect(text).toContain('*Närvarande:* Polisen, Region Kalmar län\\n*Inte närvarande:* Västerviks kommun');
    expect(allText(render(minutes()))).toContain('_Ingen närvaro registrerades._');
  });

  it('lists decisions before notes under Övrigt, each with its author’s name, escaped', () => {
    const text = allText(
      render(
        minutes({
          notes: [
            note(1, { text: 'Ring <!channel> & alla' }),
            note(2, { kind: 'beslut', text: 'Vi går vidare.', authorUserId: 'U0POL' }),
          ],
        }),
        new Map([['U0POL', 'Per <Polis>']]),
      ),
    );
    const other = text.slice(text.indexOf('*Övrigt*'));
    expect(other.indexOf('*Beslut*')).toBeLessThan(other.indexOf('*Noteringar*'));
    expect(other).toContain('• Vi går vidare. _(Per &lt;Polis&gt;)_');
    expect(other).toContain('• Ring &lt;!channel&gt; &amp; alla _(okänd användare)_');
    expect(allText(render(minutes()))).toContain('_Inga övriga beslut eller noteringar._');
  });

  it('keeps 150 notes of 2000 characters, split over messages within Slack’s limits', () => {
    const notes = Array.from({ length: 150 }, (_, i) =>
      note(i + 1, { text: `Not ${i + 1} `.padEnd(2000, '&<') }),
    );
    const messages = render(minutes({ notes, presentPartyKeys: ['polisen'] }));
    expect(messages.length).toBeGreaterThan(1);
    expectValid(messages);
    const text = allText(messages);
    for (let i = 1; i <= 150; i += 1) expect(text).toContain(`Not ${i} `);
  });

  it('shows /protokoll visa in at most five messages, saying what is not shown', () => {
    const notes = Array.from({ length: 150 }, (_, i) =>
      note(i + 1, { text: `Not ${i + 1} `.padEnd(2000, 'x') }),
    );
    const messages = renderMinutesSoFar({
      meeting: MEETING,
      timezone: TZ,
      minutes: minutes({ notes }),
      parties: PARTIES,
      people: new Map(),
    });
    expect(messages).toHaveLength(5);
    expectValid(messages);
    expect(messages[4]?.text).toContain('visas inte här');
  });
});

describe('point 3 of the agenda', () => {
  it('names each proposal’s proposer and parties, and counts what does not fit', () => {
    const people = new Map([['U0POL', 'Per Polis']]);
    const lines = renderProposals({ priorities: [priority(7)], total: 1, names, people });
    expect(lines).toEqual(['• *#7 Prioritering 7* – föreslagen av Per Polis · Ansvariga: Polisen']);
    expect(renderProposals({ priorities: [], total: 0, names, people })).toEqual([
      '_Inga nya förslag sedan förra mötet. Registrera ett med `/prioritet`._',
    ]);
    const long = Array.from({ length: 30 }, (_, i) => priority(i + 1, { title: 'x'.repeat(150) }));
    const cut = renderProposals({ priorities: long, total: 45, names, people });
    expect(cut.at(-1)).toMatch(/^\*…och \d+ till\* – se `\/prioritet lista`\.$/);
    expect(cut.join('\n').length).toBeLessThanOrEqual(1500);
  });

  it('keeps the agenda within Slack’s limits with point 3 full and point 2 at its budget', () => {
    const statuses: PartyStatus[] = Array.from({ length: 12 }, (_, i) => ({
      partyKey: `p${i}`,
      partyName: `${'Part & '.repeat(14)}${i}`,
      entryCount: 40,
      nothingToReport: false,
      assessment: 'forhojt',
      submitted: true,
    }));
    const due = Array.from({ length: 60 }, (_, i) =>
      priority(i + 100, { title: '&'.repeat(150), followUpDate: MEETING.date }),
    );
    const proposals = renderProposals({
      priorities: Array.from({ length: 30 }, (_, i) => priority(i + 1, { title: '<'.repeat(150) })),
      total: 30,
      names,
      people: new Map(),
    });
    const agenda = renderAgenda({
      meeting: MEETING,
      timezone: TZ,
      meetingUrl: `https://teams.example.se/${'x'.repeat(400)}`,
      statuses,
      state: { cancelled: false, reason: null },
      followUp: renderAgendaPrioritiesSection({
        priorities: due,
        names,
        meetingDate: MEETING.date,
        maxBlocks: followUpBudget(statuses),
      }),
      proposals,
    });
    expectValid([agenda]);
  });
});
