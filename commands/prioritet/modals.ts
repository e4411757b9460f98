import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { loadActor } from '../../src/db/members.repository.js';
import { listAreas, listParties } from '../../src/db/parties.repository.js';
import {
  addFollowUp,
  createPriority,
  editPriority,
  getPriority,
} from '../../src/db/priorities.repository.js';
import type { Deps } from '../../src/deps.js';
import { mayClose, mayContribute, validateFollowUp, validatePriority } from '../../src/domain/priorities.js';
import { type MeetingWeek, meetingOfWeek } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { formatDay, namesOf, priorityNames } from '../../src/slack/priorities.js';
import {
  decodeFollowUpMetadata,
  decodePriorityMetadata,
  fieldErrorMessages,
  followUpModal,
  PRIORITY_VIEWS,
  priorityModal,
  type ReplyTo,
  readFollowUpDraft,
  readPriorityDraft,
} from '../../src/slack/priority-modals.js';

import { ephemeral, loadDecisionCalendar, logFailure, notMemberText } from './shared.js';

const NO_REPLY: ReplyTo = { channelId: null, responseUrl: null };

/**
 * The new/edit priority modal and the follow-up modal: opening them (quickly, while the trigger is fresh) and
 * storing what is submitted. Submissions are validated and stored before the ack, so a field error or a failed
 * save keeps the modal open with what the person typed.
 */

export type OpenOutcome = { readonly opened: true } | { readonly opened: false; readonly message: string };

/**
 * Opens the modal for a new joint priority with `triggerId` (valid for three seconds, so the few lookups run
 * in parallel and nothing else comes first). Bound to `meetingWeek` (the agenda's "Ny gemensam prioritering")
 * while that meeting has not ended and is held; otherwise to the meeting a decision made now belongs to (see
 * loadDecisionCalendar). A person who is no party member gets `opened: false` and the message naming the
 * admins to ask.
 */
export async function openNewPriorityModal(
  client: WebClient,
  triggerId: string,
  deps: Deps,
  options: { userId: string; meetingWeek?: MeetingWeek | null; replyTo?: ReplyTo },
): Promise<OpenOutcome> {
  const [actor, parties, areas, calendar] = await Promise.all([
    loadActor(deps.db, options.userId),
    listParties(deps.db),
    listAreas(deps.db),
    loadDecisionCalendar(deps, options.meetingWeek ?? null),
  ]);
  if (!mayContribute(actor)) return { opened: false, message: await notMemberText(deps) };
  const { week, date } = calendar.meeting;
  await client.views.open({
    trigger_id: triggerId,
    view: priorityModal({
      metadata: {
        key: randomUUID(),
        week,
        priorityId: null,
        openedAt: null,
        ...(options.replyTo ?? NO_REPLY),
      },
      parties,
      areas,
      agreedDate: date,
      defaultFollowUpDate: calendar.defaultFollowUpDate,
      priority: null,
      preselectedParties: actor.partyKeys,
    }),
  });
  deps.logger.info({ user: options.userId, week }, 'priority modal opened');
  return { opened: true };
}

/** Opens the same modal prefilled, to change priority `priorityId`. */
export async function openEditPriorityModal(
  client: WebClient,
  triggerId: string,
  deps: Deps,
  options: { userId: string; priorityId: number; replyTo: ReplyTo },
): Promise<OpenOutcome> {
  const { schedule } = deps.config;
  const [actor, priority, parties, areas] = await Promise.all([
    loadActor(deps.db, options.userId),
    getPriority(deps.db, options.priorityId),
    listParties(deps.db),
    listAreas(deps.db),
  ]);
  if (!mayContribute(actor)) return { opened: false, message: await notMemberText(deps) };
  if (priority === null) return { opened: false, message: sv.prioritet.notFound(options.priorityId) };
  await client.views.open({
    trigger_id: triggerId,
    view: priorityModal({
      metadata: {
        key: randomUUID(),
        week: priority.agreedWeek,
        priorityId: priority.id,
        openedAt: priority.updatedAt.toISOString(),
        ...options.replyTo,
      },
      parties,
      areas,
      agreedDate: meetingOfWeek(priority.agreedWeek, schedule).date,
      defaultFollowUpDate: priority.followUpDate,
      priority,
      preselectedParties: priority.partyKeys,
    }),
  });
  return { opened: true };
}

/** Opens the follow-up modal for a priority (Följ upp, from a list, the agenda, a reminder or App Home). */
export async function openFollowUpModal(
  client: WebClient,
  triggerId: string,
  deps: Deps,
  options: { userId: string; priorityId: number; replyTo: ReplyTo },
): Promise<OpenOutcome> {
  const [actor, priority] = await Promise.all([
    loadActor(deps.db, options.userId),
    getPriority(deps.db, options.priorityId),
  ]);
  if (!mayContribute(actor)) return { opened: false, message: await notMemberText(deps) };
  if (priority === null) return { opened: false, message: sv.prioritet.notFound(options.priorityId) };
  await client.views.open({
    trigger_id: triggerId,
    view: followUpModal({
      metadata: { key: randomUUID(), priorityId: priority.id, ...options.replyTo },
      priority,
    }),
  });
  return { opened: true };
}

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** What a submission led to: field errors that keep the modal open, or a stored change and its confirmation. */
type SubmissionOutcome =
  | { readonly errors: Record<string, string> }
  | { readonly confirmation: string | null; readonly replyTo: ReplyTo };

/**
 * Registers a modal's submission handler. The handler validates and stores before the ack, so a field error
 * or a failed save (answered on `errorField`) keeps the modal open with what the person typed; after the ack,
 * Home is published again and the change confirmed ephemerally where the modal was opened from.
 */
function onSubmission(
  app: App,
  deps: Deps,
  callbackId: string,
  errorField: string,
  handle: (args: SubmissionArgs) => Promise<SubmissionOutcome>,
): void {
  app.view<ViewSubmitAction>(callbackId, async (args) => {
    const userId = args.body.user.id;
    let outcome: SubmissionOutcome;
    try {
      outcome = await handle(args);
    } catch (error) {
      logFailure(deps, error, 'priority submission not saved', { user: userId, view: callbackId });
      outcome = { errors: { [errorField]: sv.prioritet.saveFailed } };
    }
    if ('errors' in outcome) {
      await args.ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    await args.ack();
    await deps.hooks.homeChanged(userId);
    if (outcome.confirmation !== null)
      await confirm(args.client, deps, userId, outcome.replyTo, outcome.confirmation);
  });
}

/** Confirms a stored change ephemerally (see ReplyTo); a failure is logged, the change stands. */
async function confirm(client: WebClient, deps: Deps, userId: string, replyTo: ReplyTo, text: string) {
  try {
    if (replyTo.responseUrl !== null) {
      // A response_url lasts 30 minutes; a modal kept open longer falls back to the channel.
      const res = await fetch(replyTo.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ephemeral(text)),
      });
      if (res.ok) return;
    }
    if (replyTo.channelId !== null)
      await client.chat.postEphemeral({ channel: replyTo.channelId, user: userId, text });
  } catch (error) {
    logFailure(deps, error, 'priority confirmation not delivered', { user: userId });
  }
}

async function savePriority({ body, view }: SubmissionArgs, deps: Deps): Promise<SubmissionOutcome> {
  const userId = body.user.id;
  const metadata = decodePriorityMetadata(view.private_metadata);
  if (metadata === null) return { errors: { title: sv.common.genericError } };
  const editing = metadata.priorityId;
  const [actor, parties, areas, current, calendar] = await Promise.all([
    loadActor(deps.db, userId),
    listParties(deps.db),
    listAreas(deps.db),
    editing === null ? Promise.resolve(null) : getPriority(deps.db, editing),
    // A new priority stays with the modal's meeting unless that has ended since it opened (its summary is out).
    loadDecisionCalendar(deps, editing === null ? metadata.week : null),
  ]);
  if (!mayContribute(actor)) return { errors: { title: await notMemberText(deps) } };
  if (editing !== null && current === null) return { errors: { title: sv.prioritet.errors.gone } };

  // A new priority is agreed at this meeting; an edit is recorded in its history as made at it.
  const { today, now, meeting } = calendar;
  const draft = readPriorityDraft(view.state.values);
  const validation = validatePriority(draft, {
    today,
    defaultFollowUpDate: calendar.defaultFollowUpDate,
    knownAreaKeys: areas.map((a) => a.key),
    knownPartyKeys: parties.map((p) => p.key),
    currentFollowUpDate: current?.followUpDate,
    currentPartyKeys: current?.partyKeys,
    mayChangeParties: current === null || mayClose(actor, current),
  });
  if (!validation.ok) {
    deps.logger.info(
      { user: userId, priority: editing, fields: Object.keys(validation.errors) },
      'priority refused: field errors',
    );
    return {
      errors: fieldErrorMessages(validation.errors, {
        typed: (field) => String(draft[field as keyof typeof draft] ?? ''),
        today,
        closers: current === null ? '' : namesOf(current.partyKeys, priorityNames(parties, areas).parties),
      }),
    };
  }

  if (current === null) {
    const { priority, created } = await createPriority(
      deps.db,
      { ...validation.value, agreedWeek: meeting.week, idempotencyKey: metadata.key },
      { actorUserId: userId, at: now },
    );
    deps.logger.info({ user: userId, priority: priority.id, created }, 'priority submitted');
    // A second delivery of the same modal is answered like the first was: silently, it changed nothing.
    const confirmation = created
      ? sv.prioritet.created(
          priority.id,
          escapeMrkdwn(priority.title),
          priority.agreedWeek,
          formatDay(priority.followUpDate),
        )
      : null;
    return { confirmation, replyTo: metadata };
  }

  const result = await editPriority(deps.db, current.id, validation.value, {
    actorUserId: userId,
    meetingWeek: meeting.week,
    at: now,
    idempotencyKey: metadata.key,
    openedAt: metadata.openedAt === null ? null : new Date(metadata.openedAt),
  });
  deps.logger.info({ user: userId, priority: current.id, outcome: result.outcome }, 'priority edited');
  if (result.outcome === 'conflict') return { errors: { title: sv.prioritet.errors.changedSinceOpened } };
  if (result.outcome === 'notFound') return { errors: { title: sv.prioritet.errors.gone } };
  const fieldNames: Record<string, string> = sv.prioritet.history.fields;
  const confirmation =
    result.outcome === 'changed'
      ? sv.prioritet.edited(
          current.id,
          Object.keys(result.changes)
            .map((field) => (fieldNames[field] ?? field).toLowerCase())
            .join(', '),
        )
      : result.outcome === 'unchanged'
        ? sv.prioritet.unchanged(current.id)
        : null;
  return { confirmation, replyTo: metadata };
}

async function saveFollowUp({ body, view }: SubmissionArgs, deps: Deps): Promise<SubmissionOutcome> {
  const userId = body.user.id;
  const metadata = decodeFollowUpMetadata(view.private_metadata);
  if (metadata === null) return { errors: { note: sv.common.genericError } };
  const [actor, priority, parties, areas, calendar] = await Promise.all([
    loadActor(deps.db, userId),
    getPriority(deps.db, metadata.priorityId),
    listParties(deps.db),
    listAreas(deps.db),
    loadDecisionCalendar(deps),
  ]);
  const { today, now } = calendar;
  if (!mayContribute(actor)) return { errors: { note: await notMemberText(deps) } };
  if (priority === null) return { errors: { note: sv.prioritet.errors.gone } };

  const draft = readFollowUpDraft(view.state.values);
  const validation = validateFollowUp(draft, { today, priority, mayClose: mayClose(actor, priority) });
  if (!validation.ok) {
    deps.logger.info(
      { user: userId, priority: priority.id, fields: Object.keys(validation.errors) },
      'follow-up refused: field errors',
    );
    return {
      errors: fieldErrorMessages(validation.errors, {
        typed: (field) => String(draft[field] ?? ''),
        today,
        closers: namesOf(priority.partyKeys, priorityNames(parties, areas).parties),
      }),
    };
  }
  const result = await addFollowUp(deps.db, priority.id, validation.value, {
    actorUserId: userId,
    meetingWeek: calendar.meeting.week,
    at: now,
    idempotencyKey: metadata.key,
  });
  deps.logger.info({ user: userId, priority: priority.id, outcome: result.outcome }, 'priority followed up');
  const confirmation =
    result.outcome === 'changed' ? sv.prioritet.followedUp(priority.id, escapeMrkdwn(priority.title)) : null;
  return { confirmation, replyTo: metadata };
}

export function registerModals(app: App, deps: Deps): void {
  onSubmission(app, deps, PRIORITY_VIEWS.save, 'title', (args) => savePriority(args, deps));
  onSubmission(app, deps, PRIORITY_VIEWS.followUp, 'note', (args) => saveFollowUp(args, deps));
}
