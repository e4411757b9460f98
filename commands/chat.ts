import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../src/deps.js';
import { parseChatMessage } from '../src/domain/command-text.js';
import { sv } from '../src/i18n/sv.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { aliasList, partyKeyList } from '../src/slack/lagesbild.js';
import { escapeMrkdwn, plainTextFromSlack } from '../src/slack/mrkdwn.js';
import { exampleFor, outcomeMessage } from './lagesbild/command.js';
import { errorSummary, followUpQueue, loadCatalogue } from './lagesbild/shared.js';
import { reportNothing, submitEntry } from './lagesbild/submit.js';

/** A message a person wrote to the bot in its direct-message tab, top level or in a thread. */
export interface DirectMessage {
  readonly channel: string;
  readonly user: string;
  readonly text: string;
  readonly ts: string;
  readonly threadTs: string | null;
}

/**
 * The messages worth answering: from a person, in the bot's DM, newly written. Edits and deletions
 * (`message_changed`, `message_deleted`), joins, file shares and bot posts all carry a `subtype`; other bots
 * carry `bot_id`; the bot's own messages its user id.
 */
export function userDirectMessage(event: unknown, botUserId: string | undefined): DirectMessage | null {
  if (typeof event !== 'object' || event === null) return null;
  const e = event as Record<string, unknown>;
  if (e.type !== 'message' || e.channel_type !== 'im') return null;
  if (e.subtype !== undefined || e.bot_id !== undefined || e.bot_profile !== undefined) return null;
  if (typeof e.user !== 'string' || e.user === botUserId) return null;
  if (typeof e.channel !== 'string' || typeof e.ts !== 'string' || typeof e.text !== 'string') return null;
  return {
    channel: e.channel,
    user: e.user,
    text: e.text,
    ts: e.ts,
    threadTs: typeof e.thread_ts === 'string' ? e.thread_ts : null,
  };
}

/**
 * Answering in chat: a member writes `<område>: <text>` or `inget` to the bot (a direct message, or a reply
 * in the thread of the call for input). It is stored exactly as the one-liner and confirmed in that thread.
 */
export function register(app: App, deps: Deps): void {
  app.event('message', async ({ event, context, client }) => {
    const message = userDirectMessage(event, context.botUserId);
    if (message === null) return;
    const retried = (context.retryNum ?? 0) > 0;
    // Bolt has acked the event already; the answer waits its turn behind other requests' acks.
    const followUps = followUpQueue(deps);
    followUps.acked();
    try {
      const answer = await followUps.run(() => answerFor(message, retried, deps));
      if (answer !== null) await replyInThread(client, message, answer);
    } catch (error) {
      deps.logger.error({ err: errorSummary(error), user: message.user }, 'chat answer failed');
      await replyInThread(client, message, sv.common.genericError).catch(() => {});
    }
  });
}

/** What to answer, or null when a retried delivery finds its message already handled. */
async function answerFor(
  message: DirectMessage,
  retried: boolean,
  deps: Deps,
): Promise<SlackMessage | string | null> {
  const catalogue = await loadCatalogue(deps);
  const request = parseChatMessage(plainTextFromSlack(message.text), catalogue);
  deps.logger.debug({ user: message.user, kind: request.kind, retried }, 'direct message');
  switch (request.kind) {
    case 'entry': {
      const outcome = await submitEntry(deps, {
        userId: message.user,
        request,
        source: 'chatt',
        // The message's own identity: Slack's retry of the same event carries the same channel and ts.
        idempotencyKey: `chatt:${message.channel}:${message.ts}`,
        catalogue,
        example: exampleFor(catalogue, request.areaKey, ''),
      });
      if (outcome.kind === 'stored' && !outcome.created) return null;
      return outcomeMessage(deps, outcome, catalogue);
    }
    case 'nothing': {
      const outcome = await reportNothing(deps, { userId: message.user, request, catalogue });
      if (outcome.kind === 'nothing' && !outcome.changed && retried) return null;
      return outcomeMessage(deps, outcome, catalogue);
    }
    case 'unknownArea':
      return sv.lagesbild.unknownArea(escapeMrkdwn(request.word), aliasList(catalogue.areas));
    case 'unknownParty':
      return sv.lagesbild.unknownParty(escapeMrkdwn(request.word), partyKeyList(catalogue.parties));
    case 'missingColon':
      return sv.lagesbild.missingColon(exampleFor(catalogue, request.areaKey, ''));
    case 'unreadable':
      return sv.lagesbild.chatUnreadable(aliasList(catalogue.areas));
  }
}

async function replyInThread(
  client: WebClient,
  message: DirectMessage,
  answer: SlackMessage | string,
): Promise<void> {
  const content =
    typeof answer === 'string' ? { text: answer } : { text: answer.text, blocks: answer.blocks };
  await client.chat.postMessage({
    channel: message.channel,
    thread_ts: message.threadTs ?? message.ts,
    ...content,
  });
}
