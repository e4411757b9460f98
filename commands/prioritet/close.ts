/**
 * Klarmarkera and Avbryt: a small form asking for the result ("Resultat") instead of closing at once, so the
 * meeting's minutes and `/prioritet lista genomförda` tell what a priority came to. The button opens it (for
 * members of a responsible party and admins; anyone else is told who may); its submission closes the priority
 * with the result on the history event, in one transaction before the ack, once per form.
 */

import { randomUUID } from 'node:crypto';
import type { ViewResponseAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { getPriority } from '../../src/db/priorities.repository.js';
import { changePriorityStatus } from '../../src/db/priority-changes.repository.js';
import {
  type ClosedStatus,
  type JointPriority,
  mayClose,
  PRIORITY_LIMITS,
  validateFollowUp,
} from '../../src/domain/priorities.js';
import { sv } from '../../src/i18n/sv.js';
import { confirmSaved, fieldErrors, replyTarget, replyTo } from '../../src/kit/forms.js';
import type { ActionContext, ViewContext, ViewSpec } from '../../src/kit/kit.js';
import { buttonValue } from '../../src/kit/metadata.js';
import { nameSourceOf, refreshDisplayName } from '../../src/services/user-names.js';
import { context, plain, section, textInput } from '../../src/slack/blocks.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { namesOf, PRIORITY_ID, priorityTitle } from '../../src/slack/priorities.js';
import { fieldErrorMessages, REPLY_TO } from '../../src/slack/priority-modal-data.js';
import { contributorFieldError, priorityToChange } from './access.js';

export const CLOSE_VIEW = 'prioritet_avsluta';

const CLOSE_METADATA = z.object({
  key: z.string().min(1).max(100),
  priorityId: PRIORITY_ID,
  status: z.enum(['genomford', 'avbruten']),
  ...REPLY_TO,
});

type CloseMetadata = z.infer<typeof CLOSE_METADATA>;

/** The one field's action id, as in the other priority forms. */
const VALUE = 'value';

/** The form: the priority, what closing it means, and the result. */
export function closeModal(input: {
  readonly metadata: z.input<typeof CLOSE_METADATA>;
  readonly priority: JointPriority;
  readonly partyNames: ReadonlyMap<string, string>;
}): ModalView {
  const c = sv.prioritet.closeModal;
  const { status } = input.metadata;
  const { priority } = input;
  return {
    type: 'modal',
    callback_id: CLOSE_VIEW,
    title: plain(c.title[status]),
    submit: plain(c.submit[status]),
    close: plain(c.close),
    private_metadata: JSON.stringify(CLOSE_METADATA.parse(input.metadata)),
    blocks: [
      section(
        `${priorityTitle(priority)}\n${sv.prioritet.line.responsible}: ${namesOf(priority.partyKeys, input.partyNames)}`,
      ),
      context(`${c.intro[status]} ${sv.prioritet.modal.noPersonalData}`),
      textInput('result', c.result, {
        actionId: VALUE,
        multiline: true,
        optional: false,
        placeholder: c.placeholder[status],
        hint: `${sv.common.maxCharacters(PRIORITY_LIMITS.note)} ${c.hint}`,
      }),
    ],
  };
}

/**
 * Klarmarkera or Avbryt pressed: the form, once the person may close this priority and it is still active;
 * otherwise an answer saying why not. Opened at once with the button's trigger.
 */
export async function closeClicked(ctx: ActionContext, status: ClosedStatus): Promise<void> {
  const id = buttonValue(ctx, PRIORITY_ID);
  if (id === null) return;
  const [found, catalogue] = await Promise.all([priorityToChange(ctx, id), ctx.catalogue()]);
  if (found === null) return;
  const { actor, priority } = found;
  if (!mayClose(actor, priority)) {
    ctx.log.info({ priority: id, status }, 'closing refused: not a responsible party');
    return ctx.reply(sv.prioritet.notAllowedToClose(id, namesOf(priority.partyKeys, catalogue.partyNames)));
  }
  if (priority.status !== 'aktiv')
    return ctx.reply(sv.prioritet.alreadyStatus(id, sv.prioritet.status[priority.status]));
  await ctx.openView(
    closeModal({
      metadata: {
        key: randomUUID(),
        priorityId: id,
        status,
        ...replyTo(ctx),
      },
      priority,
      partyNames: catalogue.partyNames,
    }),
  );
}

/** The form sent: the result checked, the priority closed with it, the minutes and App Home following. */
export async function saveClose(ctx: ViewContext<CloseMetadata>): Promise<ViewResponseAction | undefined> {
  const { metadata } = ctx;
  const refusal = await contributorFieldError(ctx);
  if (refusal !== null) return fieldErrors({ result: refusal });
  const [actor, catalogue, priority, calendar] = await Promise.all([
    ctx.actor(),
    ctx.catalogue(),
    getPriority(ctx.db, metadata.priorityId),
    ctx.deps.meetings.decisionCalendar(null, ctx.db),
  ]);
  if (priority === null) return fieldErrors({ result: sv.prioritet.errors.gone });
  const typed = ctx.values.result?.[VALUE]?.value ?? '';
  // The result is a follow-up note that changes the status: the same rules (length, no personnummer, who).
  const validation = validateFollowUp(
    { note: typed, status: metadata.status, followUpDate: null },
    { today: calendar.today, priority, mayClose: mayClose(actor, priority) },
  );
  if (!validation.ok) {
    if (validation.errors.note?.code === 'required')
      return fieldErrors({ result: sv.prioritet.errors.resultRequired });
    const messages = fieldErrorMessages(validation.errors, {
      typed: () => typed,
      today: calendar.today,
      closers: priority.partyKeys.map(catalogue.partyName),
    });
    // One field here: the note's problem (too long, a personnummer), else who may close it.
    return fieldErrors({ result: messages.note ?? messages.status ?? sv.common.genericError });
  }
  const statusName = sv.prioritet.status[metadata.status];
  const result = await changePriorityStatus(ctx.db, priority.id, metadata.status, {
    actorUserId: ctx.userId,
    meetingWeek: calendar.meeting.week,
    at: calendar.now,
    note: validation.value.note,
    idempotencyKey: metadata.key,
  });
  ctx.log.info(
    { priority: priority.id, status: metadata.status, outcome: result.outcome },
    'priority closed',
  );
  if (result.outcome === 'unchanged')
    return fieldErrors({ result: sv.prioritet.errors.alreadyClosed(statusName) });
  if (result.outcome === 'notFound') return fieldErrors({ result: sv.prioritet.errors.gone });
  if (result.outcome === 'changed') {
    await ctx.audit({
      action: 'change',
      resource: 'priority',
      priorityId: priority.id,
      meetingWeek: calendar.meeting.week,
      detail: { status: metadata.status },
    });
    confirmSaved(ctx, sv.prioritet.statusChanged(priority.id, escapeMrkdwn(priority.title), statusName));
    ctx.after(() => ctx.deps.notify.homeChanged(ctx.userId));
    // Point 2 of a posted agenda lists what is due: a closed priority leaves it.
    ctx.after(() => ctx.deps.notify.statusChanged(calendar.meeting.week));
    ctx.after(() => refreshDisplayName(nameSourceOf(ctx.deps), ctx.userId));
  }
  return undefined;
}

export const closeForm: ViewSpec<typeof CLOSE_METADATA> = {
  callbackId: CLOSE_VIEW,
  metadata: CLOSE_METADATA,
  errorBlock: 'result',
  saveFailed: sv.prioritet.saveFailed,
  replyTo: replyTarget,
  run: saveClose,
};
