/**
 * What a Slack error means for the one retrying: wait for Retry-After, back off and try again, or give up
 * with the fix an admin can make; and whether Slack may have acted despite the error.
 */

import { ErrorCode } from '@slack/web-api';
import type { SlackFix } from '../domain/problem.js';

export type { SlackFix } from '../domain/problem.js';

export type SlackFailure =
  /** Slack said 429: wait `retryAfterMs`, then try again. */
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  /** Slack or the network had a passing problem: try again with backoff. */
  | { readonly kind: 'retryable'; readonly code: string }
  /** Retrying cannot help until someone fixes something. */
  | { readonly kind: 'permanent'; readonly code: string; readonly fix: SlackFix };

/** Slack error codes that mean "later", not "never". */
const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
  'rate_limited',
  'team_added_to_org',
]);

const FIXES: Record<string, SlackFix> = {
  not_in_channel: 'invite-bot',
  channel_not_found: 'check-channel',
  is_archived: 'unarchive-channel',
  channel_is_archived: 'unarchive-channel',
  user_not_found: 'check-member',
  users_not_found: 'check-member',
  user_disabled: 'check-member',
  user_not_visible: 'check-member',
  cannot_dm_bot: 'check-member',
  messages_tab_disabled: 'check-member',
  invalid_auth: 'reinstall-app',
  not_authed: 'reinstall-app',
  account_inactive: 'reinstall-app',
  token_revoked: 'reinstall-app',
  token_expired: 'reinstall-app',
  no_permission: 'reinstall-app',
  missing_scope: 'reinstall-app',
  not_allowed_token_type: 'reinstall-app',
  team_access_not_granted: 'reinstall-app',
  restricted_action: 'allow-posting',
  ekm_access_denied: 'reinstall-app',
};

/** Failures an admin can fix in Slack (invite the bot, reinstall), after which trying again makes sense. */
export const FIXABLE_BY_ADMIN: ReadonlySet<SlackFix> = new Set([
  'invite-bot',
  'check-channel',
  'unarchive-channel',
  'allow-posting',
  'reinstall-app',
]);

/** Slack errors about the bot's own access: an alert about them could not be delivered either. */
export const TOKEN_FIXES: ReadonlySet<SlackFix> = new Set(['reinstall-app']);

/** Maps what the Web API client threw to what to do about it. Anything not from Slack counts as retryable. */
export function classifySlackError(error: unknown): SlackFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === ErrorCode.RateLimitedError) {
    const seconds = Number((error as { retryAfter?: unknown }).retryAfter);
    return {
      kind: 'rate-limited',
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000,
    };
  }
  if (code === ErrorCode.PlatformError) {
    const slackCode = String((error as { data?: { error?: unknown } }).data?.error ?? 'unknown_error');
    return classifySlackCode(slackCode);
  }
  if (code === ErrorCode.HTTPError) {
    const status = Number((error as { statusCode?: unknown }).statusCode);
    if (status === 429) return { kind: 'rate-limited', retryAfterMs: 1000 };
    return status >= 500 || status === 408
      ? { kind: 'retryable', code: `http_${status}` }
      : { kind: 'permanent', code: `http_${status}`, fix: 'report-bug' };
  }
  if (code === ErrorCode.RequestError) return { kind: 'retryable', code: 'request_error' };
  return { kind: 'retryable', code: error instanceof Error ? error.name : 'unknown' };
}

/** A Slack `{ ok: false, error }` code: transient ones are retried, everything else is permanent. */
export function classifySlackCode(code: string): SlackFailure {
  if (TRANSIENT.has(code)) return { kind: 'retryable', code };
  return { kind: 'permanent', code, fix: FIXES[code] ?? 'report-bug' };
}

/** `ok: false` codes after which Slack may still have carried out part of the call. */
const MAY_HAVE_SUCCEEDED = new Set(['internal_error', 'fatal_error']);

/** Network failures that happen before a request is on its way: Slack cannot have seen it. */
const NOT_SENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Whether Slack may have carried out a call that failed. No for an answer that says it did not (429, an
 * `ok: false` error other than internal_error and fatal_error, an HTTP 4xx), for a connection that was never made, and for anything the Slack client did
 * not throw (it was thrown before any call). Yes for what leaves it open: a timeout, an HTTP 5xx, a connection
 * lost after the request was sent.
 */
export function slackMayHaveActed(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case ErrorCode.RateLimitedError:
      return false;
    case ErrorCode.PlatformError:
      // Slack documents these two as "some aspect of the operation may have succeeded"; every other
      // `ok: false` says it did nothing.
      return MAY_HAVE_SUCCEEDED.has(String((error as { data?: { error?: unknown } }).data?.error ?? ''));
    case ErrorCode.HTTPError: {
      const status = Number((error as { statusCode?: unknown }).statusCode);
      return status >= 500 || status === 408;
    }
    case ErrorCode.RequestError: {
      const network = networkCodeOf((error as { original?: unknown }).original);
      return network === null || !NOT_SENT_NETWORK_CODES.has(network);
    }
    default:
      return false;
  }
}

/** The system or undici error code somewhere in an error's causes (`fetch failed` wraps it). */
function networkCodeOf(error: unknown, depth = 0): string | null {
  if (error === null || typeof error !== 'object' || depth > 4) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NOT_SENT_NETWORK_CODES.has(code) || code.startsWith('E'))) return code;
  for (const inner of [
    (error as { cause?: unknown }).cause,
    ...((error as { errors?: unknown[] }).errors ?? []),
  ]) {
    const found = networkCodeOf(inner, depth + 1);
    if (found !== null) return found;
  }
  return typeof code === 'string' ? code : null;
}
