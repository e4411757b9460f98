import {
  ErrorCode,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { jobFailureOf, RetryLater } from '../../jobs/policy.js';
import type { PartyStatus } from '../../src/domain/entry.js';
import { meetingOfWeek } from '../../src/domain/schedule.js';
import {
  AGENDA_MAX_BLOCKS,
  followUpBudget,
  renderAdminAlert,
  renderAgenda,
  renderCallForInput,
  renderCancellationNotice,
  renderLastCall,
} from '../../src/slack/agenda.js';
import { section } from '../../src/slack/blocks.js';
import {
  classifySlackCode,
  classifySlackError,
  FIXABLE_BY_ADMIN,
  slackMayHaveActed,
  TOKEN_FIXES,
} from '../../src/slack/errors.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

const SCHEDULE = FRIDAY_SCHEDULE;
const meeting = meetingOfWeek('2026-W49', SCHEDULE);
const TZ = SCHEDULE.timezone;
const held = { cancelled: false, reason: null };

function status(name: string, entries: number, extra: Partial<PartyStatus> = {}): PartyStatus {
  return {
    partyKey: name.toLowerCase(),
    partyName: name,
    entryCount: entries,
    nothingToReport: false,
    assessment: null,
    submitted: entries > 0,
    ...extra,
  };
}

const text = (message: { text: string; blocks: unknown[] }) => JSON.stringify(message.blocks);

describe('the agenda', () => {
  it('escapes party names so no one is notified from the agenda', () => {
    const message = renderAgenda({
      meeting,
      timezone: TZ,
      meetingUrl: null,
      statuses: [status('<!channel> & Co', 2)],
      state: held,
    });
    expect(text(message)).toContain('&lt;!channel&gt; &amp; Co');
    expect(text(message)).not.toContain('<!channel>');
  });

  it('shows assessments, and the count of parties that have submitted', () => {
    const message = renderAgenda({
      meeting,
      timezone: TZ,
      meetingUrl: null,
      statuses: [
        status('Polisen', 1, { assessment: 'forhojt' }),
        status('Kommunen', 0, { nothingToReport: true, submitted: true }),
        status('Regionen', 0),
      ],
      state: held,
    });
    expect(text(message)).toContain('✅ *Polisen* – 1 iakttagelse · _Förhöjt läge_');
    expect(text(message)).toContain('2 av 3 parter har lämnat lägesbild.');
    expect(text(message)).not.toContain('Möte:');
  });

  it('stays one message within 45 blocks, a margin below 50, with thirty parties and point 2 using its whole budget', () => {
    const statuses = Array.from({ length: 30 }, (_, i) =>
      status(`Part nummer ${i + 1} med ett långt namn`, i % 3),
    );
    const budget = followUpBudget(statuses);
    const followUp = Array.from({ length: budget }, (_, i) => section(`Prioritering ${i + 1}`));
    const message = renderAgenda({
      meeting,
      timezone: TZ,
      meetingUrl: null,
      statuses,
      state: held,
      followUp,
    });
    expect(message.blocks).toHaveLength(AGENDA_MAX_BLOCKS);
    expect(AGENDA_MAX_BLOCKS).toBe(45);
    expect(() =>
      renderAgenda({
        meeting,
        timezone: TZ,
        meetingUrl: null,
        statuses,
        state: held,
        followUp: [...followUp, section('x')],
      }),
    ).toThrow(RangeError);
  });

  it('says a cancelled meeting is cancelled, with the reason escaped, and offers no buttons', () => {
    const message = renderAgenda({
      meeting,
      timezone: TZ,
      meetingUrl: 'https://meet.example.se',
      statuses: [status('Polisen', 1)],
      state: { cancelled: true, reason: 'Sjukdom <@U123>' },
    });
    expect(message.text).toBe('Fredagsmötet v. 49 är inställt');
    expect(text(message)).toContain('Inställt: mötet v. 49 – fredag 4 december 2026');
    expect(text(message)).toContain('Sjukdom &lt;@U123&gt;');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('the other messages of the week', () => {
  it('asks for input naming all the user’s missing parties', () => {
    const message = renderCallForInput({
      meeting,
      timezone: TZ,
      partyNames: ['Polisen', 'Kommunen', 'Regionen'],
    });
    expect(text(message)).toContain('*Polisen*, *Kommunen* och *Regionen* har inte lämnat lägesbild ännu');
    expect(text(message)).toContain('fredag 4 december kl. 09:00');
  });

  it('mentions the missing parties’ members in the last call, and says when a party has none', () => {
    const message = renderLastCall({
      meeting,
      timezone: TZ,
      partyCount: 4,
      missing: [
        { partyName: 'Regionen', memberIds: ['U1', 'U2'] },
        { partyName: 'Kustbevakningen', memberIds: [] },
      ],
    });
    expect(text(message)).toContain('lägesbild saknas från 2 av 4 parter');
    expect(text(message)).toContain('⏳ *Regionen* – <@U1> <@U2>');
    expect(text(message)).toContain('⏳ *Kustbevakningen* – _inga medlemmar registrerade_');
  });

  it('names the next meeting in a cancellation notice, or says there is none', () => {
    const next = meetingOfWeek('2026-W50', SCHEDULE);
    expect(text(renderCancellationNotice({ meeting, timezone: TZ, reason: null, next }))).toContain(
      'Nästa möte: fredag 11 december kl. 09:00',
    );
    expect(text(renderCancellationNotice({ meeting, timezone: TZ, reason: null, next: null }))).toContain(
      'Inget nytt möte är inplanerat',
    );
  });

  it('tells an admin what failed, where and what to fix', () => {
    const channel = renderAdminAlert({
      week: '2026-W49',
      action: 'agenda',
      code: 'not_in_channel',
      fix: 'invite-bot',
      channelId: 'C0MEETING',
      userId: null,
      retryInMinutes: 15,
    });
    expect(text(channel)).toContain('kunde inte posta agendan för v. 49* i <#C0MEETING>');
    expect(text(channel)).toContain('bjud in boten till kanalen');
    expect(text(channel)).toContain('om 15 minuter');
    const user = renderAdminAlert({
      week: '2026-W49',
      action: 'call',
      code: 'user_not_found',
      fix: 'check-member',
      channelId: null,
      userId: 'U0GONE',
      retryInMinutes: null,
    });
    expect(text(user)).toContain('skicka inbjudan att lämna lägesbild för v. 49* till <@U0GONE>');
    expect(text(user)).toContain('/samverkan medlem ta bort');
    expect(text(user)).not.toContain('försöker igen');
  });

  it('asks the admins to let the bot post in a channel that restricts posting', () => {
    const alert = renderAdminAlert({
      week: '2026-W49',
      action: 'lastcall',
      code: 'restricted_action',
      fix: 'allow-posting',
      channelId: 'C0MEETING',
      userId: null,
      retryInMinutes: 15,
    });
    expect(text(alert)).toContain('kunde inte posta sista påminnelsen för v. 49* i <#C0MEETING>');
    expect(text(alert)).toContain('<#C0MEETING> tillåter inte att boten postar');
    expect(text(alert)).toContain('om 15 minuter');
  });
});

describe('Slack errors', () => {
  it('reads the time to wait from a 429’s Retry-After, and the job policy pauses for it', () => {
    expect(classifySlackError(new WebAPIRateLimitedError(7))).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 7_000,
    });
    expect(jobFailureOf(new WebAPIRateLimitedError(7))).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 7_000,
    });
    expect(jobFailureOf(new RetryLater('another attempt holds it', 2_000))).toEqual({
      kind: 'busy',
      retryAfterMs: 2_000,
      reason: 'another attempt holds it',
    });
    expect(jobFailureOf(new WebAPIHTTPError(503, 'Service Unavailable', {}))).toEqual({ kind: 'error' });
  });

  it.each([
    ['not_in_channel', 'invite-bot'],
    ['channel_not_found', 'check-channel'],
    ['is_archived', 'unarchive-channel'],
    ['user_not_found', 'check-member'],
    ['invalid_auth', 'reinstall-app'],
    ['missing_scope', 'reinstall-app'],
    ['restricted_action', 'allow-posting'],
    ['invalid_blocks', 'report-bug'],
  ])('treats %s as permanent, to be fixed by: %s', (code, fix) => {
    expect(classifySlackError(new WebAPIPlatformError({ ok: false, error: code }))).toEqual({
      kind: 'permanent',
      code,
      fix,
    });
  });

  it('retries what passes: Slack’s internal errors, 5xx, the network', () => {
    expect(classifySlackCode('internal_error').kind).toBe('retryable');
    expect(classifySlackError(new WebAPIHTTPError(503, 'Service Unavailable', {})).kind).toBe('retryable');
    expect(classifySlackError(new WebAPIRequestError(new Error('ECONNRESET'))).kind).toBe('retryable');
    expect(classifySlackError(new Error('Connection terminated')).kind).toBe('retryable');
    expect(ErrorCode.PlatformError).toBe('slack_webapi_platform_error');
  });

  it('sends the admins a direct message about a channel restriction, and tries again once they fixed it', () => {
    expect(TOKEN_FIXES.has('allow-posting')).toBe(false);
    expect(FIXABLE_BY_ADMIN.has('allow-posting')).toBe(true);
  });

  it('tells what Slack surely did not act on from what it may have posted', () => {
    const refused = new WebAPIRequestError(
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      }),
    );
    const reset = new WebAPIRequestError(
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      }),
    );
    const timeout = new WebAPIRequestError(new DOMException('The operation was aborted', 'TimeoutError'));
    expect(
      [
        new WebAPIRateLimitedError(1),
        new WebAPIPlatformError({ ok: false, error: 'service_unavailable' }),
        new WebAPIPlatformError({ ok: false, error: 'not_in_channel' }),
        new WebAPIHTTPError(400, 'Bad Request', {}),
        refused,
        new Error('no turn to post'),
      ].map(slackMayHaveActed),
    ).toEqual([false, false, false, false, false, false]);
    expect(
      [
        new WebAPIPlatformError({ ok: false, error: 'internal_error' }),
        new WebAPIPlatformError({ ok: false, error: 'fatal_error' }),
        new WebAPIHTTPError(503, 'Service Unavailable', {}),
        new WebAPIHTTPError(500, 'x', {}),
        reset,
        timeout,
      ].map(slackMayHaveActed),
    ).toEqual([true, true, true, true, true, true]);
  });
});
