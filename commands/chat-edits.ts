/**
 * A direct message to the bot edited or deleted by its writer (the Events API's `message` event with subtype
 * `message_changed` or `message_deleted`). Stored before the ack like a new message, once per (channel, message,
 * edit): an edit updates the entry the message stored, until the meeting's picture locks, and says so in the
 * message's thread; a deletion asks (with buttons) whether to remove the entry too. An edit holding a personal
 * identity number is refused and its text never stored, as a new message's.
 */

import type { ActionsBlock } from '@slack/types';
import { findEntryBySubmission, updateEntry } from '../src/db/entries.repository.js';
import type { InboxRequest } from '../src/db/inbox.repository.js';
import { parseChatMessage } from '../src/domain/command-text.js';
import { checkEntryFields, entryFields } from '../src/domain/entry-input.js';
import { findPersonalIdentityNumber } from '../src/domain/personnummer.js';
import { weekNumberOf } from '../src/domain/schedule.js';
import { sv } from '../src/i18n/sv.js';
import type { RequestContext } from '../src/kit/context.js';
import { eventScope } from '../src/kit/events.js';
import type { ActionSpec } from '../src/kit/kit.js';
import type { NewRequest, StoredHandler } from '../src/kit/pipeline.js';
import { button, type SlackMessage, section } from '../src/slack/blocks.js';
import { encodeEntryButton, LAGESBILD_ACTIONS } from '../src/slack/lagesbild-buttons.js';
import { entryLines } from '../src/slack/lagesbild-messages.js';
import { plainTextFromSlack } from '../src/slack/mrkdwn.js';
import { auditEntryRead, changeRefusal } from './lagesbild/modal.js';
import { changeReceipt, entryChanged } from './lagesbild/submit.js';

/** A direct message's request key, and the idempotency key of the entry it stored. */
export function messageKey(channel: string, ts: string): string {
  return `chatt:${channel}:${ts}`;
}

interface ChangedMessage {
  readonly channel: string;
  readonly user: string;
  /** The message edited (its own ts) and the edit (`edited.ts`). */
  readonly ts: string;
  readonly editTs: string;
  readonly threadTs: string | null;
  readonly text: string;
  readonly identifies?: boolean;
}

interface DeletedMessage {
  readonly channel: string;
  readonly user: string;
  readonly ts: string;
}

const EDIT = 'event:message:edit';
const DELETE = 'event:message:delete';
export const KEEP_ACTION = 'lagesbild_behall';

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/** A message by a person (not the bot, not another app). */
function byPerson(message: Record<string, unknown>): message is Record<string, unknown> & { user: string } {
  return (
    message.bot_id === undefined && message.bot_profile === undefined && typeof message.user === 'string'
  );
}

/** Before the ack: an edit or deletion of a person's direct message to store, or null to ignore the event. */
export function admitChange(event: Record<string, unknown>): NewRequest | null {
  if (event.type !== 'message' || event.channel_type !== 'im' || typeof event.channel !== 'string')
    return null;
  const channel = event.channel;
  if (event.subtype === 'message_changed') {
    const message = record(event.message);
    if (message === null || !byPerson(message)) return null;
    const edited = record(message.edited);
    // A change without `edited` is Slack's own (a link unfurled), not the writer's.
    if (edited === null || typeof edited.ts !== 'string') return null;
    if (typeof message.ts !== 'string' || typeof message.text !== 'string') return null;
    const identifies = findPersonalIdentityNumber(plainTextFromSlack(message.text)) !== null;
    const threadTs =
      typeof message.thread_ts === 'string' && message.thread_ts !== message.ts ? message.thread_ts : null;
    const changed: ChangedMessage = {
      channel,
      user: message.user,
      ts: message.ts,
      editTs: edited.ts,
      threadTs,
      text: identifies ? '' : message.text,
      ...(identifies ? { identifies: true } : {}),
    };
    return {
      key: `chatt-andring:${channel}:${message.ts}:${edited.ts}`,
      kind: EDIT,
      userId: message.user,
      payload: changed,
    };
  }
  if (event.subtype === 'message_deleted') {
    const previous = record(event.previous_message);
    if (previous === null || !byPerson(previous) || typeof event.deleted_ts !== 'string') return null;
    const deleted: DeletedMessage = { channel, user: previous.user, ts: event.deleted_ts };
    return {
      key: `chatt-borttagen:${channel}:${event.deleted_ts}`,
      kind: DELETE,
      userId: previous.user,
      payload: deleted,
    };
  }
  return null;
}

/** What chat.ts answers a message with; an edit of a message that stored nothing is answered as a new one. */
export interface Answering {
  answerRead(ctx: RequestContext, text: string): Promise<boolean>;
  answerFor(
    ctx: RequestContext,
    message: {
      channel: string;
      user: string;
      text: string;
      ts: string;
      threadTs: string | null;
      hasFiles: boolean;
    },
    idempotencyKey: string,
  ): Promise<SlackMessage | string>;
}

export function changeHandlers(answering: Answering): Record<string, StoredHandler> {
  return {
    [EDIT]: (request: InboxRequest) => {
      const changed = request.payload as ChangedMessage;
      return {
        // Where the first answer went: the message's thread.
        scope: eventScope(request, { channelId: changed.channel, threadTs: changed.threadTs ?? changed.ts }),
        run: (ctx: RequestContext) => applyEdit(ctx, changed, answering),
      };
    },
    [DELETE]: (request: InboxRequest) => {
      const deleted = request.payload as DeletedMessage;
      return {
        // The message and its thread are gone: asked at the top of the conversation.
        scope: eventScope(request, null),
        run: (ctx: RequestContext) => askAboutDeletion(ctx, deleted),
      };
    },
  };
}

async function applyEdit(ctx: RequestContext, changed: ChangedMessage, answering: Answering): Promise<void> {
  if (changed.identifies === true) return ctx.reply(sv.lagesbild.editPersonalNumber);
  const key = messageKey(changed.channel, changed.ts);
  const found = await findEntryBySubmission(ctx.db, key);
  if (found === null) {
    // The message stored no entry (unreadable, a typo, "inget"): the edited text is read as a new message.
    if (await answering.answerRead(ctx, changed.text)) return;
    const message = { ...changed, hasFiles: false };
    return ctx.reply(await answering.answerFor(ctx, message, key));
  }
  if (found.removed) return ctx.reply(sv.lagesbild.editOfRemoved);
  const { entry } = found;
  const catalogue = await ctx.catalogue();
  const request = parseChatMessage(plainTextFromSlack(changed.text), catalogue);
  if (request.kind !== 'entry') return ctx.reply(sv.lagesbild.editUnreadable);
  const refusal = await changeRefusal(ctx, entry);
  if (refusal !== null) return ctx.reply(sv.lagesbild.editNotSaved(refusal));
  const fields = entryFields({ text: request.text });
  const [problem] = checkEntryFields(fields);
  if (problem !== undefined) {
    const why =
      problem.kind === 'tooLong'
        ? sv.lagesbild.textTooLong(problem.limit, problem.length)
        : sv.lagesbild.textMissing;
    return ctx.reply(sv.lagesbild.editNotSaved(why));
  }
  // Only the area and the text come from chat; place, when and trend set in the form stay.
  if (fields.text === entry.text && request.areaKey === entry.areaKey) return;
  const updated = await updateEntry(ctx.db, entry.id, {
    areaKey: request.areaKey,
    text: fields.text,
    place: entry.place,
    when: entry.when,
    trend: entry.trend,
  });
  if (updated === null) return ctx.reply(sv.lagesbild.entryGone);
  ctx.log.info(
    { entryId: entry.id, week: entry.meetingWeek, party: entry.partyKey },
    'entry changed by an edit',
  );
  await entryChanged(ctx, {
    week: entry.meetingWeek,
    partyKey: entry.partyKey,
    entryId: entry.id,
    kind: 'andrad',
  });
  ctx.reply(await changeReceipt(ctx, updated, { heading: sv.lagesbild.changedByEdit, buttons: true }));
}

/** A deleted message that stored an entry: asked whether the entry goes too (never removed unasked). */
async function askAboutDeletion(ctx: RequestContext, deleted: DeletedMessage): Promise<void> {
  const found = await findEntryBySubmission(ctx.db, messageKey(deleted.channel, deleted.ts));
  if (found === null || found.removed) return;
  const { entry } = found;
  const refusal = await changeRefusal(ctx, entry);
  if (refusal !== null) return ctx.reply(sv.lagesbild.deletedButKept(refusal));
  const catalogue = await ctx.catalogue();
  await auditEntryRead(ctx, entry);
  const value = encodeEntryButton({ id: entry.id, from: 'kvitto' });
  const buttons: ActionsBlock = {
    type: 'actions',
    block_id: `borttaget-${entry.id}`,
    elements: [
      button(LAGESBILD_ACTIONS.remove, sv.lagesbild.removeEntry, value, { style: 'danger' }),
      button(KEEP_ACTION, sv.lagesbild.keepEntry, value),
    ],
  };
  const question = sv.lagesbild.deletedAsk(weekNumberOf(entry.meetingWeek));
  ctx.reply({
    text: question,
    blocks: [
      section(question),
      section(
        entryLines(entry, catalogue.areaName(entry.areaKey), ctx.deps.config.schedule.timezone).join('\n'),
      ),
      buttons,
    ],
  });
}

/** Behåll: the entry stays; the question is replaced by the answer. */
export const KEEP_BUTTON: ActionSpec = {
  actionId: KEEP_ACTION,
  mode: 'read',
  run: async (ctx) => ctx.reply(sv.lagesbild.entryKept, { replaceOriginal: true }),
};
