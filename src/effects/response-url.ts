/**
 * Posting to a `response_url`: Slack's way to answer the person behind a slash command or a button, ephemerally
 * where they are. It lives 30 minutes and takes five posts; past that, it answers 404 `expired_url` or
 * `used_url`. Failures are thrown shaped as the Web API client's errors, so src/slack/errors.ts classifies them.
 */

import type { KnownBlock } from '@slack/types';
import { ErrorCode } from '@slack/web-api';
import { EFFECT_SLACK_TIMEOUT_MS } from './client.js';

export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;
export const RESPONSE_URL_MAX_POSTS = 5;

/** The response_url can no longer be used (expired, or its five posts used): answer another way. */
export class ResponseUrlGone extends Error {
  constructor(readonly reason: string) {
    super(`response_url gone: ${reason}`);
    this.name = 'ResponseUrlGone';
  }
}

export interface ResponseBody {
  readonly text: string;
  readonly blocks?: KnownBlock[];
  readonly response_type?: 'ephemeral' | 'in_channel';
  readonly replace_original?: boolean;
  readonly delete_original?: boolean;
}

/** Slack's host for response_urls (`https://hooks.slack.com/commands/…`, `…/actions/…`). */
const SLACK_HOOKS_HOST = 'hooks.slack.com';

/**
 * Whether the bot may post to `url` as a response_url: Slack's own (https on hooks.slack.com, or on the hooks
 * host of the configured Web API, as GovSlack's), or one on the configured Web API's origin (a test's fake).
 * A form carries its response_url back through the client in private_metadata; a crafted one must never make
 * the bot send a confirmation to any other host.
 */
export function isSlackResponseUrl(url: string, slackApiUrl: string): boolean {
  const target = parseUrl(url);
  const api = parseUrl(slackApiUrl);
  if (target === null || target.username !== '' || target.password !== '') return false;
  if (target.protocol === 'https:' && target.port === '') {
    if (target.hostname === SLACK_HOOKS_HOST) return true;
    if (api !== null && api.protocol === 'https:' && target.hostname === `hooks.${api.hostname}`) return true;
  }
  return api !== null && target.origin === api.origin;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Whether a response_url issued at `issuedAt` may still take a post, `posts` having been made. */
export function responseUrlUsable(issuedAt: Date, posts: number, now: Date): boolean {
  return now.getTime() - issuedAt.getTime() < RESPONSE_URL_LIFETIME_MS && posts < RESPONSE_URL_MAX_POSTS;
}

export async function postToResponseUrl(url: string, body: ResponseBody): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(EFFECT_SLACK_TIMEOUT_MS),
    });
  } catch (error) {
    // Not answered: a timeout leaves it open whether Slack got it; a refused connection does not.
    const cause = (error as { cause?: { code?: string } }).cause;
    throw Object.assign(new Error('response_url request failed'), {
      code: ErrorCode.RequestError,
      original: {
        code: (error as Error).name === 'TimeoutError' ? 'ETIMEDOUT' : (cause?.code ?? 'ECONNRESET'),
      },
    });
  }
  const text = (await res.text().catch(() => '')).trim();
  if (res.ok) {
    // Slack answers 200 with `{"ok":false,"error":…}` for a message it will not show.
    const refused = /"ok"\s*:\s*false/.test(text)
      ? (/"error"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? 'unknown')
      : null;
    if (refused !== null) throw platformError(refused);
    return;
  }
  const code = /expired_url|used_url/.exec(text)?.[0];
  if (res.status === 404 && code !== undefined) throw new ResponseUrlGone(code);
  if (res.status === 404 && text === '') throw new ResponseUrlGone('not_found');
  if (res.status === 429) {
    const seconds = Number(res.headers.get('retry-after') ?? '1');
    throw Object.assign(new Error('response_url rate limited'), {
      code: ErrorCode.RateLimitedError,
      retryAfter: Number.isFinite(seconds) ? seconds : 1,
    });
  }
  if (res.status < 500 && /^[a-z_]+$/.test(text)) throw platformError(text);
  throw Object.assign(new Error(`response_url answered HTTP ${res.status}`), {
    code: ErrorCode.HTTPError,
    statusCode: res.status,
  });
}

function platformError(slackCode: string): Error {
  return Object.assign(new Error(`response_url refused: ${slackCode}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error: slackCode },
  });
}
