/**
 * The two priority forms' submissions: validated and stored before the ack, in the kit's transaction (Slack
 * shows field errors only from the ack itself, and a field error or a failed save keeps the form open with what
 * was typed). A follow-up date that is no held meeting's sends the form back once with a warning; sent again
 * unchanged, it is saved. The confirmation, and for a new priority the responsible parties' direct messages, are
 * recorded with the change and sent after the ack; App Home and a posted agenda follow.
 */

import type { ViewResponseAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { listMembers } from '../../src/db/members.repository.js';
import { getPriority } from '../../src/db/priorities.repository.js';
import { addFollowUp, createPriority, editPriority } from '../../src/db/priority-changes.repository.js';
import {
  type JointPriority,
  mayClose,
  validateFollowUp,
  validatePriority,
} from '../../src/domain/priorities.js';
import { reminderRecipients } from '../../src/domain/priority-decisions.js';
import type { Meeting, MeetingWeek } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { confirmSaved, fieldErrors, type ReplyTo, replyTarget } from '../../src/kit/forms.js';
import type { ViewContext, ViewSpec } from '../../src/kit/kit.js';
import { nameSourceOf, refreshDisplayName } from '../../src/services/user-names.js';
import { followUpDateWarning, readFollowUpDateChoice } from '../../src/slack/follow-up-date-field.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { type CatalogueNames, formatDay } from '../../src/slack/priorities.js';
import {
  FOLLOW_UP_METADATA,
  type FollowUpFormMetadata,
  fieldErrorMessages,
  PRIORITY_METADATA,
  PRIORITY_VIEWS,
  type PriorityFormMetadata,
  readFollowUpDraft,
  readPriorityDraft,
} from '../../src/slack/priority-modal-data.js';
import { followUpModal, priorityModal } from '../../src/slack/priority-modals.js';
import { renderNewPriorityNotice } from '../../src/slack/proposals.js';
import { contributorFieldError } from './access.js';
import { followUpDatesNow } from './open.js';

/** The form again, with what was typed and a warning: Slack shows it in place of the one submitted. */
function again(view: ModalView): ViewResponseAction {
  return { response_action: 'update', view } as ViewResponseAction;
}

/**
 * A follow-up date chosen in a form that is not a held meeting's (a cancelled meeting, a day without one): the
 * warning the form comes back with, the meetings it offers again, and the date to accept when the form is sent
 * again unchanged. Null when the date needs no warning: none chosen, the one kept, a held meeting's, or the one
 * already warned about (`accepted`).
 */
async function dateWarning(
  ctx: ViewContext<unknown>,
  agreedAt: MeetingWeek | null,
  chosen: string | null,
  unchanged: { readonly kept: string | null; readonly accepted: string | null },
): Promise<{ date: string; text: string; choices: Meeting[] } | null> {
  if (chosen === null || chosen === unchanged.kept || chosen === unchanged.accepted) return null;
  // As the form offered them: after the meeting a new priority is agreed at, else from the coming one.
  const dates =
    agreedAt === null ? await followUpDatesNow(ctx) : await ctx.deps.meetings.followUpDates(agreedAt, ctx.db);
  const text = followUpDateWarning(chosen, await dates.check(chosen));
  if (text === null) return null;
  ctx.log.info({ check: 'follow-up date' }, 'form sent back: the follow-up date is not a meeting');
  return { date: chosen, text, choices: dates.choices };
}

/**
 * After a saved change: the confirmation (none for a repeated submission, which changed nothing), and the user's
 * App Home. A form opened from App Home has nowhere to confirm: Home itself shows the change.
 */
function saved(
  ctx: ViewContext<ReplyTo>,
  confirmation: string | null,
  agendaWeek: MeetingWeek | null = null,
): undefined {
  if (confirmation !== null) confirmSaved(ctx, confirmation);
  ctx.after(() => ctx.deps.notify.homeChanged(ctx.userId));
  // The agenda and the minutes name who proposed and wrote what: their name is at hand before they are shown.
  ctx.after(() => refreshDisplayName(nameSourceOf(ctx.deps), ctx.userId));
  // A posted agenda shows what is due (point 2) and what is proposed (point 3).
  if (agendaWeek !== null) ctx.after(() => ctx.deps.notify.statusChanged(agendaWeek));
  return undefined;
}

/**
 * The members of the parties made responsible for a new priority are told, once, with the change: a direct
 * message each (someone in two of them gets one), not the one who registered it.
 */
async function tellResponsibleParties(
  ctx: ViewContext<unknown>,
  priority: JointPriority,
  names: CatalogueNames,
): Promise<void> {
  const members = await listMembers(ctx.db, priority.partyKeys);
  const recipients = reminderRecipients(priority, members).filter((userId) => userId !== ctx.userId);
  const message = renderNewPriorityNotice({ priority, names });
  for (const userId of recipients) ctx.send(userId, message);
  ctx.log.info({ priority: priority.id, recipients: recipients.length }, 'responsible parties told');
}

/** A new priority, or a change to one (the form's `priorityId`). */
export async function savePriority(
  ctx: ViewContext<PriorityFormMetadata>,
): Promise<ViewResponseAction | undefined> {
  const { metadata } = ctx;
  const editing = metadata.priorityId;
  const refusal = await contributorFieldError(ctx);
  if (refusal !== null) return fieldErrors({ title: refusal });
  const [actor, catalogue, current, calendar] = await Promise.all([
    ctx.actor(),
    ctx.catalogue(),
    editing === null ? null : getPriority(ctx.db, editing),
    // A new priority stays with the form's meeting unless that has ended since it opened (its summary is out).
    ctx.deps.meetings.decisionCalendar(editing === null ? metadata.week : null, ctx.db),
  ]);
  if (editing !== null && current === null) return fieldErrors({ title: sv.prioritet.errors.gone });

  // A new priority is agreed at this meeting; an edit is recorded in its history as made at it.
  const { today, now, meeting } = calendar;
  const draft = readPriorityDraft(ctx.values);
  const validation = validatePriority(draft, {
    today,
    defaultFollowUpDate: calendar.defaultFollowUpDate,
    knownAreaKeys: catalogue.areas.map((a) => a.key),
    knownPartyKeys: catalogue.parties.map((p) => p.key),
    currentFollowUpDate: current?.followUpDate,
    currentPartyKeys: current?.partyKeys,
    mayChangeParties: current === null || mayClose(actor, current),
  });
  if (!validation.ok) {
    ctx.log.info(
      { priority: editing, fields: Object.keys(validation.errors) },
      'priority refused: field errors',
    );
    return fieldErrors(
      fieldErrorMessages(validation.errors, {
        typed: (field) => String(draft[field as keyof typeof draft] ?? ''),
        today,
        closers: current === null ? [] : current.partyKeys.map(catalogue.partyName),
      }),
    );
  }

  const warning = await dateWarning(ctx, current === null ? meeting.week : null, draft.followUpDate, {
    kept: current?.followUpDate ?? null,
    accepted: metadata.acceptDate,
  });
  if (warning !== null) {
    return again(
      priorityModal({
        metadata: { ...metadata, acceptDate: warning.date },
        parties: catalogue.parties,
        areas: catalogue.areas,
        // The day the meeting is held: a moved meeting's, not the one it was planned for.
        agreedDate: (await ctx.deps.meetings.ofWeek(metadata.week, ctx.db)).meeting.date,
        defaultFollowUpDate: current?.followUpDate ?? calendar.defaultFollowUpDate,
        priority: current,
        preselectedParties: actor.partyKeys,
        followUpChoices: warning.choices,
        draft: { ...draft, followUpChoice: readFollowUpDateChoice(ctx.values) },
        dateWarning: warning.text,
      }),
    );
  }

  if (current === null) {
    const { priority, created } = await createPriority(
      ctx.db,
      { ...validation.value, agreedWeek: meeting.week, idempotencyKey: metadata.key },
      { actorUserId: ctx.userId, at: now },
    );
    ctx.log.info({ priority: priority.id, created }, 'priority submitted');
    if (created) {
      await ctx.audit({
        action: 'change',
        resource: 'priority',
        priorityId: priority.id,
        detail: { kind: 'ny' },
      });
      await tellResponsibleParties(ctx, priority, catalogue);
    }
    // A second delivery of the same form is answered as the first was, without a second confirmation.
    return saved(
      ctx,
      created
        ? sv.prioritet.created(
            priority.id,
            escapeMrkdwn(priority.title),
            priority.agreedWeek,
            formatDay(priority.followUpDate),
          )
        : null,
      created ? priority.agreedWeek : null,
    );
  }

  const result = await editPriority(ctx.db, current.id, validation.value, {
    actorUserId: ctx.userId,
    meetingWeek: meeting.week,
    at: now,
    idempotencyKey: metadata.key,
    openedAt: metadata.openedAt === null ? null : new Date(metadata.openedAt),
  });
  ctx.log.info({ priority: current.id, outcome: result.outcome }, 'priority edited');
  if (result.outcome === 'changed') {
    await ctx.audit({
      action: 'change',
      resource: 'priority',
      priorityId: current.id,
      detail: { kind: 'andrad', fields: Object.keys(result.changes) },
    });
  }
  switch (result.outcome) {
    case 'conflict':
      return fieldErrors({ title: sv.prioritet.errors.changedSinceOpened });
    case 'notFound':
      return fieldErrors({ title: sv.prioritet.errors.gone });
    case 'changed': {
      const fieldNames: Record<string, string> = sv.prioritet.history.fields;
      const fields = Object.keys(result.changes).map((field) => (fieldNames[field] ?? field).toLowerCase());
      return saved(ctx, sv.prioritet.edited(current.id, fields.join(', ')), meeting.week);
    }
    case 'unchanged':
      return saved(ctx, sv.prioritet.unchanged(current.id));
    case 'duplicate':
      return saved(ctx, null);
  }
}

/** A follow-up note, with a new status or follow-up date when chosen. */
export async function saveFollowUp(
  ctx: ViewContext<FollowUpFormMetadata>,
): Promise<ViewResponseAction | undefined> {
  const { metadata } = ctx;
  const refusal = await contributorFieldError(ctx);
  if (refusal !== null) return fieldErrors({ note: refusal });
  const [actor, catalogue, priority, calendar] = await Promise.all([
    ctx.actor(),
    ctx.catalogue(),
    getPriority(ctx.db, metadata.priorityId),
    ctx.deps.meetings.decisionCalendar(null, ctx.db),
  ]);
  if (priority === null) return fieldErrors({ note: sv.prioritet.errors.gone });

  const { today, now } = calendar;
  const draft = readFollowUpDraft(ctx.values);
  const validation = validateFollowUp(draft, { today, priority, mayClose: mayClose(actor, priority) });
  if (!validation.ok) {
    ctx.log.info(
      { priority: priority.id, fields: Object.keys(validation.errors) },
      'follow-up refused: field errors',
    );
    return fieldErrors(
      fieldErrorMessages(validation.errors, {
        typed: (field) => String(draft[field] ?? ''),
        today,
        closers: priority.partyKeys.map(catalogue.partyName),
      }),
    );
  }
  const warning = await dateWarning(ctx, null, validation.value.followUpDate, {
    kept: null,
    accepted: metadata.acceptDate,
  });
  if (warning !== null) {
    return again(
      followUpModal({
        metadata: { ...metadata, acceptDate: warning.date },
        priority,
        followUpChoices: warning.choices,
        draft: { ...draft, followUpChoice: readFollowUpDateChoice(ctx.values) },
        dateWarning: warning.text,
      }),
    );
  }
  const result = await addFollowUp(ctx.db, priority.id, validation.value, {
    actorUserId: ctx.userId,
    meetingWeek: calendar.meeting.week,
    at: now,
    idempotencyKey: metadata.key,
  });
  ctx.log.info({ priority: priority.id, outcome: result.outcome }, 'priority followed up');
  if (result.outcome === 'changed') {
    await ctx.audit({
      action: 'change',
      resource: 'note',
      priorityId: priority.id,
      detail: { kind: 'uppfoljning' },
    });
  }
  return saved(
    ctx,
    result.outcome === 'changed' ? sv.prioritet.followedUp(priority.id, escapeMrkdwn(priority.title)) : null,
    result.outcome === 'changed' ? calendar.meeting.week : null,
  );
}

export const priorityForm: ViewSpec<typeof PRIORITY_METADATA> = {
  callbackId: PRIORITY_VIEWS.save,
  metadata: PRIORITY_METADATA,
  errorBlock: 'title',
  saveFailed: sv.prioritet.saveFailed,
  replyTo: replyTarget,
  run: savePriority,
};

export const followUpForm: ViewSpec<typeof FOLLOW_UP_METADATA> = {
  callbackId: PRIORITY_VIEWS.followUp,
  metadata: FOLLOW_UP_METADATA,
  errorBlock: 'note',
  saveFailed: sv.prioritet.saveFailed,
  replyTo: replyTarget,
  run: saveFollowUp,
};
