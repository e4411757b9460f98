import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { createJobSlackClient } from '../jobs/cycle.js';
import { replyInThread } from '../jobs/deliver.js';
import { doEffectOnce, type EffectResult } from '../jobs/effect.js';
import type { EffectKey } from '../src/db/effects.repository.js';
import type { Deps } from '../src/deps.js';
import { parseChatMessage } from '../src/domain/command-text.js';
import { type MeetingSchedule, upcomingMeeting } from '../src/domain/schedule.js';
import { sv } from '../src/i18n/sv.js';
import { errorFields } from '../src/logger.js';
import { context, type SlackMessage } from '../src/slack/blocks.js';
import { classifySlackError } from '../src/slack/errors.js';
import { aliasList, partyKeyList } from '../src/slack/lagesbild.js';
import { escapeMrkdwn, plainTextFromSlack } from '../src/slack/mrkdwn.js';
import { exampleFor, outcomeMessage } from './lagesbild/command.js';
import { followUpQueue, loadCatalogue } from './lagesbild/shared.js';
import { reportNothing, submitEntry } from './lagesbild/submit.js';

/** A message a person wrote to the bot in its direct-message tab, top level or in a thread. */
export interface DirectMessage {
  readonly channel: string;
  readonly user: string;
  readonly text: string;
  readonly ts: string;
  readonly threadTs: string | null;
  /** It came with attachments; only its text can become an entry. */
  readonly hasFiles: boolean;
}

/**
 * Subtypes that are still a person writing to the bot: a thread reply also sent to the conversation, and a
 * message with an attachment (its text is what counts).
 */
const WRITTEN_SUBTYPES: ReadonlySet<unknown> = new Set(['thread_broadcast', 'file_share']);

/**
 * The messages worth answering: from a person, in the bot's DM, newly written. Edits and deletions
 * (`message_changed`, `message_deleted`), joins and bot posts carry other subtypes; other bots carry `bot_id`;
 * the bot's own messages its user id.
 */
export function userDirectMessage(event: unknown, botUserId: string | undefined): DirectMessage | null {
  if (typeof event !== 'object' || event === null) return null;
  const e = event as Record<string, unknown>;
  if (e.type !== 'message' || e.channel_type !== 'im') return null;
  if (e.subtype !== undefined && !WRITTEN_SUBTYPES.has(e.subtype)) return null;
  if (e.bot_id !== undefined || e.bot_profile !== undefined) return null;
  if (typeof e.user !== 'string' || e.user === botUserId) return null;
  if (typeof e.channel !== 'string' || typeof e.ts !== 'string') return null;
  // A file shared without a comment has an empty text (or none); it gets the reply showing the form.
  if (typeof e.text !== 'string' && e.subtype !== 'file_share') return null;
  return {
    channel: e.channel,
    user: e.user,
    text: typeof e.text === 'string' ? e.text : '',
    ts: e.ts,
    threadTs: typeof e.thread_ts === 'string' ? e.thread_ts : null,
    hasFiles: Array.isArray(e.files) && e.files.length > 0,
  };
}

/**
 * Answering in chat: a member writes `<område>: <text>` or `inget` to the bot (a direct message, or a reply
 * in the thread of the call for input). It is stored exactly as the one-liner and confirmed in that thread,
 * once per message however often Slack delivers it (see answerOnce).
 */
export function register(app: App, deps: Deps): void {
  // The answer goes through a client that never retries by itself: a retried post whose first answer was lost
  // would double the reply. A retry is answerOnce's to decide.
  const answers = createJobSlackClient(deps);
  app.event('message', async ({ event, context, client }) => {
    const message = userDirectMessage(event, context.botUserId);
    if (message === null) return;
    const retried = (context.retryNum ?? 0) > 0;
    // Bolt has acked the event already; the answer waits its turn behind other requests' acks.
    const followUps = followUpQueue(deps);
    followUps.acked();
    const log = deps.logger.child({ user: message.user, retried });
    try {
      const read = await followUps.run(() => answerFor(message, retried, deps));
      const answer = message.hasFiles ? withFilesNote(read) : read;
      const result = await answerOnce(deps, answers, message, answer);
      switch (result.kind) {
        case 'done':
          return;
        case 'already':
        case 'in-flight':
          log.debug(
            { result: result.kind },
            'direct message answered, or being answered, by another delivery',
          );
          return;
        case 'in-doubt':
          // Slack may have posted the answer: a retry of the message looks for it once the claim's lease is over.
          return;
        case 'not-due':
          // Only the weekly cycle's deliveries can find their moment passed; an answer is always due.
          return;
        case 'failed':
          // Slack refused the answer for good (logged, and recorded: a retry of the message stays silent); a
          // plain-text apology may still get through.
          if (!result.earlier) await apologise(client, message).catch(() => {});
          return;
      }
    } catch (error) {
      // Nothing recorded as answered: a retry of this message still gets the real answer.
      log.error({ err: errorFields(error) }, 'chat answer failed');
      await apologise(client, message).catch(() => {});
    }
  });
}

/** The answer to one message: its channel and ts are the same in every delivery of it. */
const CHAT_ANSWER_KIND = 'chatsvar';

/**
 * The answer's unique key. Its week is that of the meeting coming when the message was written (from its
 * ts), not when a delivery is handled: a retry that arrives after the meeting started still finds the row.
 */
function chatAnswerKey(
  message: Pick<DirectMessage, 'channel' | 'ts'>,
  schedule: MeetingSchedule,
  now: Date,
): EffectKey {
  const written = new Date(Number(message.ts) * 1000);
  const at = Number.isNaN(written.getTime()) ? now : written;
  return {
    meetingWeek: upcomingMeeting(at, schedule).week,
    kind: CHAT_ANSWER_KIND,
    target: `${message.channel}:${message.ts}`,
  };
}

/** Tries of an answer that Slack rate-limits, each after waiting as long as it asks, if that is not long. */
const RATE_LIMITED_TRIES = 3;
const MAX_RATE_LIMIT_WAIT_MS = 10_000;

/**
 * Replies to a message in its thread unless one of its deliveries already has: the exactly-once steps of the
 * weekly cycle's effects (jobs/effect.ts doEffectOnce), keyed by the message. A short transaction claims the
 * reply; it is posted outside any transaction, carrying its key as metadata; then recorded done. A delivery
 * arriving while another one is replying finds the claim in flight and stays silent; one arriving after the
 * claim's lease ran out without an answer (Slack's answer was lost) looks for the reply in the thread before
 * answering again. A reply Slack surely did not post (an error, a 429) gives the claim back and throws.
 */
async function answerOnce(
  deps: Deps,
  slack: WebClient,
  message: DirectMessage,
  answer: SlackMessage | string,
): Promise<EffectResult> {
  const key = chatAnswerKey(message, deps.config.schedule, deps.clock.now());
  const content = typeof answer === 'string' ? { text: answer } : answer;
  const delivery = replyInThread(slack, message.channel, threadOf(message), content);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await doEffectOnce(deps, key, { force: false }, delivery);
    } catch (error) {
      // Rate-limited, nothing was posted and the claim is given back: try again once Slack allows it.
      const failure = classifySlackError(error);
      if (
        failure.kind !== 'rate-limited' ||
        attempt >= RATE_LIMITED_TRIES ||
        failure.retryAfterMs > MAX_RATE_LIMIT_WAIT_MS
      )
        throw error;
      await new Promise((resolve) => setTimeout(resolve, failure.retryAfterMs));
    }
  }
}

/** What to answer a message, storing what it asks for on the way (idempotently, by the message's identity). */
async function answerFor(
  message: DirectMessage,
  retried: boolean,
  deps: Deps,
): Promise<SlackMessage | string> {
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
      return outcomeMessage(deps, outcome, catalogue);
    }
    case 'nothing': {
      const outcome = await reportNothing(deps, { userId: message.user, request, catalogue });
      // A retry answers only when the first delivery could not: it finds its own "inget" recorded, and says
      // what the first would have said.
      const said = retried && outcome.kind === 'nothing' ? { ...outcome, changed: true } : outcome;
      return outcomeMessage(deps, said, catalogue);
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

/** The answer, and that an attachment was not kept: an entry is text only. */
function withFilesNote(answer: SlackMessage | string): SlackMessage | string {
  const note = sv.lagesbild.chatFilesNotStored;
  return typeof answer === 'string'
    ? `${answer}\n${note}`
    : { text: `${answer.text}\n${note}`, blocks: [...answer.blocks, context(note)] };
}

/** The thread a message is answered in: the one it was written in, or one started under it. */
function threadOf(message: DirectMessage): string {
  return message.threadTs ?? message.ts;
}

/** Says in the message's thread that something went wrong (best effort, not an effect: nothing to double). */
async function apologise(client: WebClient, message: DirectMessage): Promise<void> {
  await client.chat.postMessage({
    channel: message.channel,
    thread_ts: threadOf(message),
    text: sv.common.genericError,
  });
}
