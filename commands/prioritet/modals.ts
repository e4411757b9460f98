import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { listMeetingOverrides } from '../../src/db/meetings.repository.js';
import { listAreas, listParties } from '../../src/db/parties.repository.js';
import {
  addFollowUp,
  createPriority,
  editPriority,
  getPriority,
} from '../../src/db/priorities.repository.js';
import type { Deps } from '../../src/deps.js';
import { meetingState } from '../../src/domain/calendar.js';
import {
  currentMeeting,
  defaultFollowUpDate,
  localDate,
  mayClose,
  mayContribute,
  validateFollowUp,
  validatePriority,
} from '../../src/domain/priorities.js';
import { type MeetingWeek, meetingOfWeek, shiftWeek } from '../../src/domain/schedule.js';
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

const NO_REPLY: ReplyTo = { channelId: null, responseUrl: null };

import { ephemeral, loadActor, logFailure, notMemberText } from './shared.js';

/**
 * The new/edit priority modal and the follow-up modal: opening them (quickly, while the trigger is fresh) and
 * storing what is submitted. Submissions are validated and stored before the ack, so a field error or a failed
 * save keeps the modal open with what the person typed.
 */

export type OpenOutcome = { readonly opened: true } | { readonly opened: false; readonly message: string };

/**
 * Opens the modal for a new joint priority with `triggerId` (valid for three seconds, so the few lookups run
 * in parallel and nothing else comes first). Bound to `meetingWeek` when given (the agenda's "Ny gemensam
 * prioritering"); otherwise to the meeting going on now, or the next one. A person who is no party member gets
 * `opened: false` and the message naming the admins to ask.
 */
export async function openNewPriorityModal(
  client: WebClient,
  triggerId: string,
  deps: Deps,
  options: { userId: string; meetingWeek?: MeetingWeek | null; replyTo?: ReplyTo },
): Promise<OpenOutcome> {
  const { schedule } = deps.config;
  const now = deps.clock.now();
  const week = options.meetingWeek ?? currentMeeting(now, schedule).week;
  const ahead = Array.from({ length: 8 }, (_, i) => shiftWeek(week, i + 1, schedule));
  const [actor, parties, areas, overrides] = await Promise.all([
    loadActor(deps, options.userId),
    listParties(deps.db),
    listAreas(deps.db),
    listMeetingOverrides(deps.db, ahead),
  ]);
  if (!mayContribute(actor)) return { opened: false, message: await notMemberText(deps) };
  const followUp = laterOf(
    defaultFollowUpDate(
      week,
      schedule,
      (meeting) => meetingState(meeting, overrides.get(meeting.week) ?? null, schedule).cancelled,
    ),
    localDate(now, schedule.timezone),
  );
  await client.views.open({
    trigger_id: triggerId,
    view: priorityModal({
      metadata: { key: randomUUID(), week, priorityId: null, ...(options.replyTo ?? NO_REPLY) },
      parties,
      areas,
      agreedDate: meetingOfWeek(week, schedule).date,
      defaultFollowUpDate: followUp,
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
    loadActor(deps, options.userId),
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
    loadActor(deps, options.userId),
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

function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
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
  const { schedule } = deps.config;
  const now = deps.clock.now();
  const today = localDate(now, schedule.timezone);
  const [actor, parties, areas, current] = await Promise.all([
    loadActor(deps, userId),
    listParties(deps.db),
    listAreas(deps.db),
    metadata.priorityId === null ? Promise.resolve(null) : getPriority(deps.db, metadata.priorityId),
  ]);
  if (!mayContribute(actor)) return { errors: { title: await notMemberText(deps) } };
  if (metadata.priorityId !== null && current === null)
    return { errors: { title: sv.prioritet.errors.gone } };

  const draft = readPriorityDraft(view.state.values);
  const nextMeeting = meetingOfWeek(shiftWeek(metadata.week, 1, schedule), schedule).date;
  const validation = validatePriority(draft, {
    today,
    defaultFollowUpDate: laterOf(nextMeeting, today),
    knownAreaKeys: areas.map((a) => a.key),
    knownPartyKeys: parties.map((p) => p.key),
    currentFollowUpDate: current?.followUpDate,
  });
  if (!validation.ok) {
    deps.logger.info(
      { user: userId, fields: Object.keys(validation.errors) },
      'priority refused: field errors',
    );
    return {
      errors: fieldErrorMessages(validation.errors, {
        typed: (field) => String(draft[field as keyof typeof draft] ?? ''),
        today,
        closers: '',
      }),
    };
  }

  if (current === null) {
    const { priority, created } = await createPriority(
      deps.db,
      { ...validation.value, agreedWeek: metadata.week, idempotencyKey: metadata.key },
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
    meetingWeek: currentMeeting(now, schedule).week,
    at: now,
    idempotencyKey: metadata.key,
  });
  deps.logger.info({ user: userId, priority: current.id, outcome: result.outcome }, 'priority edited');
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
  const { schedule } = deps.config;
  const now = deps.clock.now();
  const today = localDate(now, schedule.timezone);
  const [actor, priority, parties, areas] = await Promise.all([
    loadActor(deps, userId),
    getPriority(deps.db, metadata.priorityId),
    listParties(deps.db),
    listAreas(deps.db),
  ]);
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
    meetingWeek: currentMeeting(now, schedule).week,
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
