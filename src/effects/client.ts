/**
 * The Slack client every effect is sent with: no retries or waits of its own and a short timeout, so a post
 * whose answer was lost is looked up, never blindly sent again.
 */

import { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { boltLogger, type Logger } from '../logger.js';

/**
 * How long an effect waits for Slack's answer. Short, so a stopping app is not held up by a slow Slack; an answer
 * that comes later is not lost: the effect stays `sending` and is looked up (src/effects/once.ts).
 */
export const EFFECT_SLACK_TIMEOUT_MS = 4_000;

/**
 * How long an upload of a report's files waits: megabytes take longer than a post. Still well within an effect's
 * lease (src/effects/state.ts), so an upload still under way is never taken over.
 */
export const EFFECT_UPLOAD_TIMEOUT_MS = 60_000;

/** The Slack client effects are sent with, and the bot's own identity (only its own messages count as found). */
export interface EffectSlack {
  /** A client that never retries or waits by itself: the caller owns retries and Retry-After. */
  readonly web: WebClient;
  /** The same, with time for uploading files (filesUploadV2). */
  readonly uploads: WebClient;
  /** The bot's bot_id, asked once (again after a failure); null when Slack does not say. */
  botId(): Promise<string | null>;
}

/**
 * A Slack client for effects (the cycle's jobs, the replies): no retries and no waiting of its own, so a post
 * whose answer was lost is never simply sent again: it is looked up first.
 */
export function createEffectSlack(config: Pick<Config, 'slack'>, logger: Logger): EffectSlack {
  const client = (timeout: number) =>
    new WebClient(config.slack.botToken, {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout,
      logger: boltLogger(logger),
    });
  const web = client(EFFECT_SLACK_TIMEOUT_MS);
  let botId: Promise<string | null> | null = null;
  return {
    web,
    uploads: client(EFFECT_UPLOAD_TIMEOUT_MS),
    botId() {
      botId ??= web.auth.test().then(
        (result) => (typeof result.bot_id === 'string' ? result.bot_id : null),
        (error: unknown) => {
          botId = null;
          throw error;
        },
      );
      return botId;
    },
  };
}
