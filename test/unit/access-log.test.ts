// The access log's vocabulary, its query words and its Slack page, without I/O.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  type AccessLogEntry,
  type AccessRecord,
  AccessRecordError,
  checkAccessRecord,
  cliActor,
} from '../../src/domain/access-log.js';
import { accessQueryOf, logReadRecord, parseAccessLogQuery } from '../../src/domain/access-log-query.js';
import {
  ACCESS_LOG_NEXT_ACTION,
  ACCESS_LOG_PAGE_SIZE,
  decodeAccessLogCursor,
  describeAccess,
  filterOfCursor,
  renderAccessLogPage,
} from '../../src/slack/access-log.js';
import { checkMessage } from '../support/block-kit.js';

const schedule = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).schedule;
const NOW = new Date('2026-12-02T12:00:00Z');

const base: AccessRecord = { actorUserId: 'U0ADMIN01', action: 'read', resource: 'picture', via: 'kommando' };

describe('checkAccessRecord', () => {
  it('accepts identifiers: ids, keys, weeks, codes and ISO times', () => {
    expect(() =>
      checkAccessRecord({
        ...base,
        meetingWeek: '2026-W49',
        partyKey: 'polisen',
        entryIds: [1, 2],
        subjectUserId: 'U0MEMBER1',
        period: '2026-01-01..2026-03-31',
        detail: { weeks: ['2026-W01'], count: 3, before: '2026-01-01T00:00:00.000Z', admin: true },
      }),
    ).not.toThrow();
    expect(() => checkAccessRecord({ ...base, actorUserId: cliActor('anna svensson') })).not.toThrow();
  });

  it('refuses what people write, wherever it is put', () => {
    const prose = 'Fler inbrott på Storgatan';
    const bad: AccessRecord[] = [
      { ...base, detail: { reason: prose } },
      { ...base, detail: { fields: ['text', prose] } },
      { ...base, period: prose },
      { ...base, actorUserId: prose },
      { ...base, subjectUserId: '@anna' },
      { ...base, partyKey: 'Polisen i Västervik' },
    ];
    for (const record of bad) expect(() => checkAccessRecord(record)).toThrow(AccessRecordError);
  });
});

describe('parseAccessLogQuery', () => {
  it('reads a mention, a week, a day, a month and a period in any order', () => {
    expect(parseAccessLogQuery('<@U0ANNA1|anna> v49', NOW, schedule)).toEqual({
      ok: true,
      filter: { userId: 'U0ANNA1', week: '2026-W49' },
    });
    expect(parseAccessLogQuery('2026-01-01 2026-03-31', NOW, schedule)).toEqual({
      ok: true,
      filter: { fromDate: '2026-01-01', toDate: '2026-03-31' },
    });
    expect(parseAccessLogQuery('2026-02 U0ANNA1', NOW, schedule)).toEqual({
      ok: true,
      filter: { userId: 'U0ANNA1', fromDate: '2026-02-01', toDate: '2026-02-28' },
    });
    expect(parseAccessLogQuery('vecka 3', NOW, schedule)).toEqual({ ok: true, filter: { week: '2026-W03' } });
    expect(parseAccessLogQuery('', NOW, schedule)).toEqual({ ok: true, filter: {} });
  });

  it('names the word it cannot read, and refuses a reversed period', () => {
    expect(parseAccessLogQuery('@anna igår', NOW, schedule)).toEqual({ ok: false, given: '@anna' });
    expect(parseAccessLogQuery('2026-03-31 2026-01-01', NOW, schedule)).toMatchObject({ ok: false });
    expect(parseAccessLogQuery('2026-02-30', NOW, schedule)).toMatchObject({ ok: false });
  });

  it('makes reading the log a log row of its own, with the filter as identifiers', () => {
    const record = logReadRecord(
      'U0ADMIN01',
      { userId: 'U0ANNA1', fromDate: '2026-01-01', toDate: '2026-03-31' },
      2,
      'knapp',
    );
    expect(record).toEqual({
      actorUserId: 'U0ADMIN01',
      action: 'read',
      resource: 'access_log',
      via: 'knapp',
      meetingWeek: null,
      subjectUserId: 'U0ANNA1',
      period: '2026-01-01..2026-03-31',
      detail: { page: 2 },
    });
    expect(() => checkAccessRecord(record)).not.toThrow();
  });

  it('turns local days into instants, the last day included', () => {
    const query = accessQueryOf({ fromDate: '2026-01-01', toDate: '2026-01-31' }, 'Europe/Stockholm');
    expect(query.from?.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(query.to?.toISOString()).toBe('2026-01-31T23:00:00.000Z');
  });
});

function row(id: number, overrides: Partial<AccessLogEntry> = {}): AccessLogEntry {
  return {
    id,
    at: new Date('2026-12-02T08:15:00Z'),
    actorUserId: 'U0ADMIN01',
    action: 'read',
    outcome: 'ok',
    resource: 'picture',
    via: 'kommando',
    meetingWeek: '2026-W49',
    partyKey: 'polisen',
    entryIds: [],
    priorityId: null,
    subjectUserId: null,
    period: null,
    format: null,
    detail: {},
    ...overrides,
  };
}

describe('describeAccess', () => {
  it('says who did what, about what and how, in Swedish', () => {
    expect(describeAccess(row(1, { entryIds: [1, 2, 3, 4, 5, 6, 7] }), 'Europe/Stockholm')).toBe(
      '2026-12-02 09:15 · <@U0ADMIN01> läste lägesbild · v. 49 · polisen · iakttagelser 1, 2, 3, 4, 5 och 2 till · via kommando',
    );
    expect(
      describeAccess(
        row(2, {
          outcome: 'refused',
          action: 'change',
          resource: 'admin',
          meetingWeek: null,
          partyKey: null,
          detail: { command: 'admin' },
        }),
        'Europe/Stockholm',
        (id) => id,
      ),
    ).toBe(
      '2026-12-02 09:15 · U0ADMIN01 🚫 nekades att ändra administratörsbehörighet · `admin` · via kommando',
    );
    expect(
      describeAccess(
        row(3, {
          actorUserId: 'system',
          action: 'change',
          resource: 'retention',
          via: 'schema',
          meetingWeek: null,
          partyKey: null,
          detail: { reason: 'iakttagelser', count: 120 },
        }),
        'Europe/Stockholm',
      ),
    ).toBe(
      '2026-12-02 09:15 · Boten (schemalagt) gallrade · iakttagelsernas fritext · 120 st · via schemalagt',
    );
  });
});

describe('renderAccessLogPage', () => {
  it('keeps a full page of the longest rows within one message, with a cursor for the next page', () => {
    const rows = Array.from({ length: ACCESS_LOG_PAGE_SIZE }, (_, i) =>
      row(1000 - i, {
        action: 'export',
        resource: 'report',
        entryIds: Array.from({ length: 500 }, (_, j) => j + 1),
        priorityId: 123456,
        subjectUserId: 'U0SUBJECT0123456789',
        period: '2026-01-01..2026-12-31',
        format: 'xlsx',
        detail: { reason: 'avaktiverad', count: 999999, command: 'rapport' },
      }),
    );
    const message = renderAccessLogPage({
      rows,
      filter: { userId: 'U0ADMIN01', fromDate: '2026-01-01', toDate: '2026-12-31' },
      nextBefore: 971,
      page: 2,
      timezone: 'Europe/Stockholm',
    });
    expect(checkMessage(message)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text.match(/2026-12-02 09:15 · <@U0ADMIN01> exporterade rapport/g)).toHaveLength(
      ACCESS_LOG_PAGE_SIZE,
    );

    const actions = message.blocks.at(-1);
    expect(actions?.type).toBe('actions');
    const button = (actions as { elements: { action_id: string; value: string }[] }).elements[0];
    expect(button?.action_id).toBe(ACCESS_LOG_NEXT_ACTION);
    const cursor = decodeAccessLogCursor(button?.value ?? '');
    expect(cursor).toEqual({
      userId: 'U0ADMIN01',
      fromDate: '2026-01-01',
      toDate: '2026-12-31',
      before: 971,
      page: 3,
    });
    if (cursor === null) throw new Error('no cursor');
    expect(filterOfCursor(cursor)).toEqual({
      userId: 'U0ADMIN01',
      fromDate: '2026-01-01',
      toDate: '2026-12-31',
    });
  });

  it('says when there is nothing, and offers no next page on the last', () => {
    const message = renderAccessLogPage({ rows: [], filter: {}, nextBefore: null, page: 1, timezone: 'UTC' });
    expect(JSON.stringify(message.blocks)).toContain('Inga händelser i loggen');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('refuses a cursor that is not one of ours', () => {
    expect(decodeAccessLogCursor('{"before":"1; drop table"}')).toBeNull();
    expect(decodeAccessLogCursor('nonsense')).toBeNull();
  });
});
