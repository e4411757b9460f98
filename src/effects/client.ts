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

/** The Slack client effects are sent with, and the bot's own identity (only its own messages count as found). */
export interface EffectSlack {
  /** A client that never retries or waits by itself: the caller owns retries and Retry-After. */
  readonly web: WebClient;
  /** The bot's bot_id, asked once (again after a failure); null when Slack does not say. */
  botId(): Promise<string | null>;
}

/**
 * A Slack client for effects (the cycle's jobs, the replies): no retries and no waiting of its own, so a post
 * whose answer was lost is never simply sent again: it is looked up first.
 */
export function createEffectSlack(config: Pick<Config, 'slack'>, logger: Logger): EffectSlack {
  const web = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: EFFECT_SLACK_TIMEOUT_MS,
    logger: boltLogger(logger),
  });
  let botId: Promise<string | null> | null = null;
  return {
    web,
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
