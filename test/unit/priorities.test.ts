import { describe, expect, it } from 'vitest';
import { isParticipant } from '../../src/domain/actor.js';
import type { MeetingOverride } from '../../src/domain/calendar.js';
import {
  type Actor,
  type JointPriority,
  mayClose,
  type PriorityDraft,
  type PriorityEvent,
  priorityChanges,
  validateFollowUp,
  validatePriority,
} from '../../src/domain/priorities.js';
import {
  decisionsOfWeek,
  hasDecisions,
  needsFollowUpReminder,
  reminderFollowUpDate,
  reminderRecipients,
} from '../../src/domain/priority-decisions.js';
import { isDue, parseListFilter, parsePriorityId, sortForMeeting } from '../../src/domain/priority-list.js';
import {
  boundMeeting,
  decisionCalendarWeeks,
  decisionMeeting,
  defaultFollowUpDate,
} from '../../src/domain/priority-meetings.js';
import { localDate, shiftWeek } from '../../src/domain/schedule.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const schedule = FRIDAY_SCHEDULE;

const AREAS = ['organiserad', 'unga', 'trafik'];
const PARTIES = ['polisen', 'kommunen', 'regionen'];

const draft = (over: Partial<PriorityDraft> = {}): PriorityDraft => ({
  title: 'Trygg skolväg vid Breviksskolan',
  description: '',
  areaKeys: ['trafik'],
  partyKeys: ['kommunen'],
  contactUserId: null,
  followUpDate: '2026-12-11',
  effectShort: '',
  effectLong: '',
  citizenPromise: '',
  ...over,
});

const context = {
  today: '2026-12-01',
  defaultFollowUpDate: '2026-12-11',
  knownAreaKeys: AREAS,
  knownPartyKeys: PARTIES,
};

function priority(over: Partial<JointPriority> = {}): JointPriority {
  return {
    id: 1,
    title: 'Trygg skolväg',
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
    createdBy: 'U1',
    createdAt: new Date('2026-12-04T08:30:00Z'),
    updatedAt: new Date('2026-12-04T08:30:00Z'),
    ...over,
  };
}

const errorsOf = (result: ReturnType<typeof validatePriority>) => (result.ok ? {} : result.errors);

describe('validating a priority', () => {
  it('accepts a complete priority, trims text and turns empty optional fields into null', () => {
    const result = validatePriority(
      draft({ title: '  Trygg skolväg  ', description: ' \n ', effectShort: ' Färre incidenter. ' }),
      context,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        title: 'Trygg skolväg',
        description: null,
        areaKeys: ['trafik'],
        partyKeys: ['kommunen'],
        contactUserId: null,
        followUpDate: '2026-12-11',
        effectShort: 'Färre incidenter.',
        effectLong: null,
        citizenPromise: null,
      },
    });
  });

  it('stores areas and parties in their own order whatever order they were chosen in', () => {
    const result = validatePriority(
      draft({ areaKeys: ['trafik', 'organiserad'], partyKeys: ['regionen', 'polisen', 'regionen'] }),
      context,
    );
    expect(result.ok && result.value.areaKeys).toEqual(['organiserad', 'trafik']);
    expect(result.ok && result.value.partyKeys).toEqual(['polisen', 'regionen']);
  });

  it('requires a title, also when only spaces were typed', () => {
    expect(errorsOf(validatePriority(draft({ title: '' }), context))).toEqual({
      title: { code: 'required' },
    });
    expect(errorsOf(validatePriority(draft({ title: '   ' }), context))).toEqual({
      title: { code: 'required' },
    });
  });

  it('allows a title of 150 characters and refuses 151, counting an emoji as one character', () => {
    expect(validatePriority(draft({ title: 'a'.repeat(150) }), context).ok).toBe(true);
    expect(validatePriority(draft({ title: `${'a'.repeat(149)}🚓` }), context).ok).toBe(true);
    expect(errorsOf(validatePriority(draft({ title: 'a'.repeat(151) }), context))).toEqual({
      title: { code: 'tooLong', limit: 150 },
    });
  });

  it('limits the description to 2000, each effect to 500 and the medborgarlöfte to 300 characters', () => {
    const result = validatePriority(
      draft({
        description: 'a'.repeat(2001),
        effectShort: 'a'.repeat(501),
        effectLong: 'a'.repeat(501),
        citizenPromise: 'a'.repeat(301),
      }),
      context,
    );
    expect(errorsOf(result)).toEqual({
      description: { code: 'tooLong', limit: 2000 },
      effectShort: { code: 'tooLong', limit: 500 },
      effectLong: { code: 'tooLong', limit: 500 },
      citizenPromise: { code: 'tooLong', limit: 300 },
    });
    expect(
      validatePriority(
        draft({
          description: 'a'.repeat(2000),
          effectShort: 'a'.repeat(500),
          effectLong: 'a'.repeat(500),
          citizenPromise: 'a'.repeat(300),
        }),
        context,
      ).ok,
    ).toBe(true);
  });

  it('needs at least one area and one responsible party, and only known ones', () => {
    expect(errorsOf(validatePriority(draft({ areaKeys: [], partyKeys: [] }), context))).toEqual({
      areas: { code: 'required' },
      parties: { code: 'required' },
    });
    expect(
      errorsOf(validatePriority(draft({ areaKeys: ['hittepa'], partyKeys: ['brandkaren'] }), context)),
    ).toEqual({
      areas: { code: 'unknownArea' },
      parties: { code: 'unknownParty' },
    });
  });

  it('refuses a follow-up date before today in local time and accepts today', () => {
    expect(errorsOf(validatePriority(draft({ followUpDate: '2026-11-30' }), context))).toEqual({
      followUpDate: { code: 'pastDate' },
    });
    expect(validatePriority(draft({ followUpDate: '2026-12-01' }), context).ok).toBe(true);
    expect(errorsOf(validatePriority(draft({ followUpDate: '2026-02-30' }), context))).toEqual({
      followUpDate: { code: 'invalidDate' },
    });
  });

  it('uses the default follow-up date when none was chosen', () => {
    const result = validatePriority(draft({ followUpDate: null }), context);
    expect(result.ok && result.value.followUpDate).toBe('2026-12-11');
  });

  it('lets an edit keep a follow-up date that has since passed, but not move it to another past date', () => {
    const editing = { ...context, currentFollowUpDate: '2026-11-20' };
    expect(validatePriority(draft({ followUpDate: '2026-11-20' }), editing).ok).toBe(true);
    expect(validatePriority(draft({ followUpDate: null }), editing).ok).toBe(true);
    expect(errorsOf(validatePriority(draft({ followUpDate: '2026-11-27' }), editing))).toEqual({
      followUpDate: { code: 'pastDate' },
    });
  });

  it('refuses a change of the responsible parties from someone who may not close the priority', () => {
    const editing = { ...context, currentPartyKeys: ['polisen'], mayChangeParties: false };
    // Adding their own party (to close it afterwards) and swapping parties are both refused on the field.
    expect(errorsOf(validatePriority(draft({ partyKeys: ['polisen', 'kommunen'] }), editing))).toEqual({
      parties: { code: 'notAllowedToChangeParties' },
    });
    expect(errorsOf(validatePriority(draft({ partyKeys: ['kommunen'] }), editing))).toEqual({
      parties: { code: 'notAllowedToChangeParties' },
    });
    // The same parties, in any order, are no change; someone who may close may change them.
    expect(validatePriority(draft({ partyKeys: ['polisen'] }), editing).ok).toBe(true);
    expect(
      validatePriority(draft({ partyKeys: ['kommunen'] }), { ...editing, mayChangeParties: true }).ok,
    ).toBe(true);
  });

  it.each(['title', 'description', 'effectShort', 'effectLong', 'citizenPromise'] as const)(
    'refuses a personal identity number in %s',
    (field) => {
      const result = validatePriority(draft({ [field]: 'Gäller 811218-9876 på Norrtullsgatan' }), context);
      expect(errorsOf(result)).toEqual({ [field]: { code: 'personnummer' } });
    },
  );

  it('refuses a coordination number of twelve digits without separator', () => {
    const result = validatePriority(draft({ description: 'samordningsnummer 197010632391' }), context);
    expect(errorsOf(result)).toEqual({ description: { code: 'personnummer' } });
  });

  it('accepts a phone number that is no personal identity number', () => {
    expect(validatePriority(draft({ description: 'Ring 0490-25 50 00' }), context).ok).toBe(true);
  });
});

describe('validating a follow-up', () => {
  const current = { status: 'aktiv' as const, followUpDate: '2026-12-11' };

  it('requires a note and refuses a personal identity number in it', () => {
    const empty = validateFollowUp(
      { note: ' ', status: null, followUpDate: null },
      {
        today: '2026-12-04',
        priority: current,
        mayClose: true,
      },
    );
    expect(empty).toEqual({ ok: false, errors: { note: { code: 'required' } } });
    const pnr = validateFollowUp(
      { note: 'Kontakt med 121212-1212', status: null, followUpDate: null },
      {
        today: '2026-12-04',
        priority: current,
        mayClose: true,
      },
    );
    expect(pnr).toEqual({ ok: false, errors: { note: { code: 'personnummer' } } });
  });

  it('keeps only what actually changes', () => {
    const result = validateFollowUp(
      { note: 'Skyltar uppsatta.', status: 'aktiv', followUpDate: '2026-12-11' },
      { today: '2026-12-04', priority: current, mayClose: false },
    );
    expect(result).toEqual({
      ok: true,
      value: { note: 'Skyltar uppsatta.', status: null, followUpDate: null },
    });
  });

  it('refuses a status change from someone who may not close, and a new date in the past', () => {
    const result = validateFollowUp(
      { note: 'Klart.', status: 'genomford', followUpDate: '2026-12-03' },
      { today: '2026-12-04', priority: current, mayClose: false },
    );
    expect(result).toEqual({
      ok: false,
      errors: { status: { code: 'notAllowedToClose' }, followUpDate: { code: 'pastDate' } },
    });
    const allowed = validateFollowUp(
      { note: 'Klart.', status: 'genomford', followUpDate: '2026-12-18' },
      { today: '2026-12-04', priority: current, mayClose: true },
    );
    expect(allowed).toEqual({
      ok: true,
      value: { note: 'Klart.', status: 'genomford', followUpDate: '2026-12-18' },
    });
  });
});

describe('what an edit changes', () => {
  it('lists each changed field with its old and new value, and nothing else', () => {
    const current = priority({ areaKeys: ['unga', 'trafik'] });
    const changes = priorityChanges(current, {
      title: 'Trygg skolväg vid Breviksskolan',
      description: null,
      areaKeys: ['unga', 'trafik'],
      partyKeys: ['polisen', 'kommunen'],
      contactUserId: null,
      followUpDate: '2026-12-18',
      effectShort: null,
      effectLong: null,
      citizenPromise: null,
    });
    expect(changes).toEqual({
      title: { from: 'Trygg skolväg', to: 'Trygg skolväg vid Breviksskolan' },
      partyKeys: { from: ['polisen'], to: ['polisen', 'kommunen'] },
      followUpDate: { from: '2026-12-11', to: '2026-12-18' },
    });
  });
});

describe('who may do what', () => {
  const member: Actor = { userId: 'U1', partyKeys: ['kommunen'], isAdmin: false };
  const nobody: Actor = { userId: 'U2', partyKeys: [], isAdmin: false };
  const admin: Actor = { userId: 'U3', partyKeys: [], isAdmin: true };

  it('lets party members and admins contribute, and nobody else', () => {
    expect([isParticipant(member), isParticipant(admin), isParticipant(nobody)]).toEqual([true, true, false]);
  });

  it('lets only members of a responsible party and admins close a priority', () => {
    const police = priority({ partyKeys: ['polisen'] });
    expect(mayClose(member, police)).toBe(false);
    expect(mayClose(member, priority({ partyKeys: ['polisen', 'kommunen'] }))).toBe(true);
    expect(mayClose(admin, police)).toBe(true);
    expect(mayClose(nobody, police)).toBe(false);
  });
});

describe('meetings and dates', () => {
  it('takes the local date in the meeting time zone, not UTC', () => {
    expect(localDate(new Date('2026-12-03T23:30:00Z'), 'Europe/Stockholm')).toBe('2026-12-04');
    expect(localDate(new Date('2026-06-30T22:30:00Z'), 'Europe/Stockholm')).toBe('2026-07-01');
  });

  const none = new Map<string, MeetingOverride>();
  const cancelled = (...weeks: string[]) =>
    new Map<string, MeetingOverride>(weeks.map((week) => [week, { cancelled: true, reason: null }]));

  it('attributes a decision to the meeting going on, else to the next one', () => {
    expect(decisionMeeting(new Date('2026-12-01T09:00:00Z'), schedule, none).week).toBe('2026-W49');
    // Friday 4 December 09:40 local: the meeting is on.
    expect(decisionMeeting(new Date('2026-12-04T08:40:00Z'), schedule, none).week).toBe('2026-W49');
    // 10:05 local: it is over.
    expect(decisionMeeting(new Date('2026-12-04T09:05:00Z'), schedule, none).week).toBe('2026-W50');
  });

  it('binds a decision to the next held meeting, skipping holidays and cancellations', () => {
    // Tuesday 22 December 2026: Friday is juldagen, the next Friday nyårsdagen; the next held is 8 January.
    const christmas = decisionMeeting(new Date('2026-12-22T09:00:00Z'), schedule, none);
    expect([christmas.week, christmas.date]).toEqual(['2027-W01', '2027-01-08']);
    // An admin cancelled week 50: a decision on its Tuesday goes to week 51.
    expect(decisionMeeting(new Date('2026-12-08T09:00:00Z'), schedule, cancelled('2026-W50')).week).toBe(
      '2026-W51',
    );
    // A meeting cancelled while it would be on takes no decisions either.
    expect(decisionMeeting(new Date('2026-12-04T08:40:00Z'), schedule, cancelled('2026-W49')).week).toBe(
      '2026-W50',
    );
    // An admin's resumption holds juldagen's meeting after all.
    const resumed = new Map<string, MeetingOverride>([['2026-W52', { cancelled: false, reason: null }]]);
    expect(decisionMeeting(new Date('2026-12-22T09:00:00Z'), schedule, resumed).week).toBe('2026-W52');
  });

  it("keeps a button's meeting only until it has ended, and never a cancelled one", () => {
    const tuesday = new Date('2026-12-01T09:00:00Z');
    // An old agenda's button (week 48, long over) binds to the meeting a decision made now belongs to.
    expect(boundMeeting('2026-W48', tuesday, schedule, none).week).toBe('2026-W49');
    expect(boundMeeting('2026-W49', tuesday, schedule, none).week).toBe('2026-W49');
    expect(boundMeeting('2026-W50', tuesday, schedule, none).week).toBe('2026-W50');
    // During the meeting its button binds to it; a minute after its end no longer.
    expect(boundMeeting('2026-W49', new Date('2026-12-04T08:59:00Z'), schedule, none).week).toBe('2026-W49');
    expect(boundMeeting('2026-W49', new Date('2026-12-04T09:01:00Z'), schedule, none).week).toBe('2026-W50');
    expect(boundMeeting('2026-W50', tuesday, schedule, cancelled('2026-W50')).week).toBe('2026-W49');
    expect(boundMeeting(null, tuesday, schedule, none).week).toBe('2026-W49');
  });

  it('reads the overrides of every week the binding and the default follow-up date may look at', () => {
    const now = new Date('2026-12-01T09:00:00Z');
    const weeks = decisionCalendarWeeks(now, schedule, '2027-W20');
    // From the meeting that started last (week 48) through 17 weeks ahead, across 2026's week 53, and the
    // requested week with the eight after it: the weeks shiftWeek names.
    const expected = [
      ...Array.from({ length: 18 }, (_, i) => shiftWeek('2026-W48', i, schedule)),
      ...Array.from({ length: 9 }, (_, i) => shiftWeek('2027-W20', i, schedule)),
    ];
    expect(weeks).toEqual(expected);
    expect(weeks).toContain('2026-W53');
    expect(decisionCalendarWeeks(new Date('2020-12-20T09:00:00Z'), schedule)).toEqual(
      Array.from({ length: 18 }, (_, i) => shiftWeek('2020-W51', i, schedule)),
    );
  });

  it('defaults the follow-up date to the next meeting after the agreeing one', () => {
    expect(defaultFollowUpDate('2026-W49', schedule, none, '2026-12-01')).toBe('2026-12-11');
  });

  it('skips cancelled meetings for the default follow-up date: juldagen, nyårsdagen and an admin’s decision', () => {
    // W52 is Friday 25 December, W53 is Friday 1 January 2027.
    expect(defaultFollowUpDate('2026-W51', schedule, none, '2026-12-15')).toBe('2027-01-08');
    expect(defaultFollowUpDate('2026-W49', schedule, cancelled('2026-W50'), '2026-12-01')).toBe('2026-12-18');
  });

  it('never defaults the follow-up date to a day that has passed', () => {
    expect(defaultFollowUpDate('2026-W40', schedule, none, '2026-12-01')).toBe('2026-12-01');
  });

  it('is due when active and followed up on or before the meeting date', () => {
    expect(isDue({ status: 'aktiv', followUpDate: '2026-12-04' }, '2026-12-04')).toBe(true);
    expect(isDue({ status: 'aktiv', followUpDate: '2026-11-20' }, '2026-12-04')).toBe(true);
    expect(isDue({ status: 'aktiv', followUpDate: '2026-12-05' }, '2026-12-04')).toBe(false);
    expect(isDue({ status: 'genomford', followUpDate: '2026-11-20' }, '2026-12-04')).toBe(false);
  });

  it('orders due first, then active before closed, then by follow-up date, then by number', () => {
    const list = [
      priority({ id: 5, followUpDate: '2026-12-18' }),
      priority({ id: 4, followUpDate: '2026-12-04' }),
      priority({ id: 3, followUpDate: '2026-11-27', status: 'genomford' }),
      priority({ id: 2, followUpDate: '2026-12-04' }),
      priority({ id: 1, followUpDate: '2026-11-20' }),
    ];
    expect(sortForMeeting(list, '2026-12-04').map((p) => p.id)).toEqual([1, 2, 4, 5, 3]);
  });
});

describe('the day-before reminder', () => {
  it('is for tomorrow in local time', () => {
    // Thursday 3 December 23:30 local is still Thursday: the reminder is for Friday.
    expect(reminderFollowUpDate(new Date('2026-12-03T22:30:00Z'), 'Europe/Stockholm')).toBe('2026-12-04');
  });

  it('reminds about an active priority due tomorrow that nobody has noted since its date was set', () => {
    const facts = { status: 'aktiv' as const, followUpDate: '2026-12-04', notedSinceFollowUpSet: false };
    expect(needsFollowUpReminder(facts, '2026-12-04')).toBe(true);
    expect(needsFollowUpReminder({ ...facts, notedSinceFollowUpSet: true }, '2026-12-04')).toBe(false);
    expect(needsFollowUpReminder({ ...facts, status: 'avbruten' }, '2026-12-04')).toBe(false);
    expect(needsFollowUpReminder(facts, '2026-12-05')).toBe(false);
  });

  it('reaches each member of a responsible party once', () => {
    const members = [
      { userId: 'U1', partyKey: 'polisen' },
      { userId: 'U1', partyKey: 'kommunen' },
      { userId: 'U2', partyKey: 'kommunen' },
      { userId: 'U3', partyKey: 'regionen' },
    ];
    expect(reminderRecipients({ partyKeys: ['polisen', 'kommunen'] }, members)).toEqual(['U1', 'U2']);
  });
});

describe('what a meeting decided', () => {
  let nextId = 0;
  const event = (over: Partial<PriorityEvent>): PriorityEvent => {
    nextId += 1;
    return {
      id: nextId,
      priorityId: 1,
      kind: 'uppfoljning',
      actorUserId: 'U1',
      meetingWeek: '2026-W49',
      note: null,
      changes: {},
      createdAt: new Date('2026-12-04T08:30:00Z'),
      ...over,
    };
  };

  it('sorts the week into agreed, followed up, completed and cancelled, ignoring other weeks and edits', () => {
    const priorities = [1, 2, 3, 4, 5, 6].map((id) => priority({ id }));
    const decisions = decisionsOfWeek({
      week: '2026-W49',
      priorities,
      events: [
        event({ priorityId: 1, kind: 'skapad' }),
        event({ priorityId: 2, note: 'Möte med rektorn hållet.' }),
        event({ priorityId: 3, kind: 'status', changes: { status: { from: 'aktiv', to: 'genomford' } } }),
        event({ priorityId: 4, note: 'Läggs ned.', changes: { status: { from: 'aktiv', to: 'avbruten' } } }),
        event({ priorityId: 5, kind: 'andrad', changes: { title: { from: 'a', to: 'b' } } }),
        event({ priorityId: 6, note: 'Förra veckan.', meetingWeek: '2026-W48' }),
      ],
    });
    expect(decisions.agreed.map((d) => d.priority.id)).toEqual([1]);
    expect(decisions.followedUp.map((d) => [d.priority.id, d.notes.map((n) => n.note)])).toEqual([
      [2, ['Möte med rektorn hållet.']],
    ]);
    expect(decisions.completed.map((d) => d.priority.id)).toEqual([3]);
    // The note written when it was closed is its result, not a follow-up note.
    expect(decisions.cancelled.map((d) => [d.priority.id, d.notes, d.result?.note])).toEqual([
      [4, [], 'Läggs ned.'],
    ]);
    expect(hasDecisions(decisions)).toBe(true);
  });

  it('lists a priority agreed and completed in the same meeting once, as completed, with its result', () => {
    const decisions = decisionsOfWeek({
      week: '2026-W49',
      priorities: [priority({ id: 1, status: 'genomford' })],
      events: [
        event({ kind: 'skapad' }),
        event({ note: 'Igång.' }),
        event({
          kind: 'status',
          note: 'Klart samma dag.',
          changes: { status: { from: 'aktiv', to: 'genomford' } },
        }),
      ],
    });
    expect(decisions.agreed).toEqual([]);
    expect(decisions.followedUp).toEqual([]);
    expect(decisions.completed.map((d) => [d.priority.id, d.agreedHere, d.result?.note])).toEqual([
      [1, true, 'Klart samma dag.'],
    ]);
    expect(decisions.completed[0]?.notes.map((n) => n.note)).toEqual(['Igång.']);
  });

  it('lists a priority agreed and followed up in the same meeting once, as agreed, with its notes', () => {
    const decisions = decisionsOfWeek({
      week: '2026-W49',
      priorities: [priority({ id: 1 })],
      events: [event({ kind: 'skapad' }), event({ note: 'Första steget.' })],
    });
    expect(decisions.followedUp).toEqual([]);
    expect(decisions.agreed.map((d) => [d.priority.id, d.notes.map((n) => n.note)])).toEqual([
      [1, ['Första steget.']],
    ]);
  });

  it('counts a priority closed and reopened in the same meeting as followed up, not closed', () => {
    const decisions = decisionsOfWeek({
      week: '2026-W49',
      priorities: [priority({ id: 1 })],
      events: [
        event({ kind: 'status', changes: { status: { from: 'aktiv', to: 'genomford' } } }),
        event({
          note: 'Återöppnad: inte klart ändå.',
          changes: { status: { from: 'genomford', to: 'aktiv' } },
        }),
      ],
    });
    expect(decisions.completed).toEqual([]);
    expect(decisions.followedUp.map((d) => d.priority.id)).toEqual([1]);
  });

  it('has no decisions for a week without activity', () => {
    expect(hasDecisions(decisionsOfWeek({ week: '2026-W49', priorities: [], events: [] }))).toBe(false);
  });
});

describe('what people type', () => {
  const parties = [
    { key: 'polisen', name: 'Polisen, lokalpolisområde Västervik' },
    { key: 'kustbevakningen', name: 'Kustbevakningen' },
  ];
  const areas = [
    {
      key: 'organiserad',
      name: 'Organiserad brottslighet och kriminella gäng',
      aliases: ['gäng', 'organiserad'],
    },
    { key: 'trafik', name: 'Trafikbrott', aliases: ['trafik'] },
  ];

  it('lists active ones by default, and reads alla, a party and an area in any order', () => {
    expect(parseListFilter([], parties, areas)).toEqual({
      ok: true,
      filter: { scope: 'aktiva', partyKey: null, areaKey: null },
    });
    expect(parseListFilter(['trafik', 'alla', 'Polisen'], parties, areas)).toEqual({
      ok: true,
      filter: { scope: 'alla', partyKey: 'polisen', areaKey: 'trafik' },
    });
  });

  it('finds an area by alias without its Swedish letters and in any case', () => {
    for (const word of ['gang', 'GÄNG', 'Gäng']) {
      expect(parseListFilter([word], parties, areas)).toEqual({
        ok: true,
        filter: { scope: 'aktiva', partyKey: null, areaKey: 'organiserad' },
      });
    }
  });

  it('names the word it cannot place', () => {
    expect(parseListFilter(['brandkaren'], parties, areas)).toEqual({ ok: false, unknown: 'brandkaren' });
  });

  it('reads a priority number with or without #', () => {
    expect([
      parsePriorityId('12'),
      parsePriorityId('#12'),
      parsePriorityId('tolv'),
      parsePriorityId('0'),
    ]).toEqual([12, 12, null, null]);
  });
});
