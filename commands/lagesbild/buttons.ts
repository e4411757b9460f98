/** The buttons: Lämna lägesbild (anywhere), and Ändra / Ta bort on receipts and the `mina` list. */

import { removeEntry } from '../../src/db/entries.repository.js';
import { weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import type { ActionContext, ActionSpec } from '../../src/kit/kit.js';
import { buttonValue } from '../../src/kit/metadata.js';
import { ENTRY_BUTTON, LAGESBILD_ACTIONS } from '../../src/slack/lagesbild-buttons.js';
import { entryReceipt, removalNotice } from '../../src/slack/lagesbild-messages.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { MEETING_WEEK } from '../../src/slack/priorities.js';
import { mineFor } from './command.js';
import { changeableEntry, openEditModal, openSubmissionModal } from './modal.js';
import { entryChanged } from './submit.js';

/**
 * Lämna lägesbild: the agenda's, the call's and the Home's buttons carry the week they were for; an old one opens
 * the form for the meeting now open, and the form says so.
 */
async function openForm(ctx: ActionContext): Promise<void> {
  await openSubmissionModal(ctx, { origin: ctx.channelId, requestedWeek: ctx.decode(MEETING_WEEK) });
}

/** Inget att rapportera: the short form of its own, for the week the button was for (as Lämna lägesbild). */
async function openNothing(ctx: ActionContext): Promise<void> {
  await openSubmissionModal(ctx, {
    origin: ctx.channelId,
    requestedWeek: ctx.decode(MEETING_WEEK),
    nothing: true,
  });
}

async function openEdit(ctx: ActionContext): Promise<void> {
  const value = buttonValue(ctx, ENTRY_BUTTON);
  if (value === null) return;
  await openEditModal(ctx, value.id, ctx.channelId);
}

/** Ta bort: stored before the ack; the message the button was on is redrawn without the entry. */
async function removeClicked(ctx: ActionContext): Promise<void> {
  const value = buttonValue(ctx, ENTRY_BUTTON);
  if (value === null) return;
  const [catalogue, entry] = await Promise.all([ctx.catalogue(), changeableEntry(ctx, value.id)]);
  if (entry === null) return;
  if (!(await removeEntry(ctx.db, entry.id, ctx.userId))) {
    ctx.reply(sv.lagesbild.entryGone);
    return;
  }
  ctx.log.info({ entryId: entry.id, week: entry.meetingWeek, party: entry.partyKey }, 'entry removed');
  await entryChanged(ctx, {
    week: entry.meetingWeek,
    partyKey: entry.partyKey,
    entryId: entry.id,
    kind: 'borttagen',
  });

  const heading = sv.lagesbild.removed(
    escapeMrkdwn(catalogue.partyName(entry.partyKey)),
    weekNumberOf(entry.meetingWeek),
  );
  const name = catalogue.areaName(entry.areaKey);
  const { timezone } = ctx.deps.config.schedule;
  const receipt = entryReceipt({ heading, entry, areaName: name, timezone, buttons: false });
  if (value.from === 'mina') {
    // Redraw the message the button was on (its part of a long list), without the entry and with the removal
    // noted on top. Later parts keep what they showed; their buttons still work.
    const parts = (await mineFor(ctx, Number.POSITIVE_INFINITY)) ?? [];
    const part = parts[Math.min(value.page ?? 1, parts.length) - 1];
    if (part !== undefined) {
      ctx.reply(
        { text: part.text, blocks: [removalNotice(heading, entry, name, timezone), ...part.blocks] },
        { replaceOriginal: true },
      );
      return;
    }
  }
  ctx.reply(receipt, { replaceOriginal: true });
}

export const LAGESBILD_BUTTONS: readonly ActionSpec[] = [
  { actionId: LAGESBILD_ACTIONS.open, mode: 'modal', run: openForm },
  { actionId: LAGESBILD_ACTIONS.nothing, mode: 'modal', run: openNothing },
  { actionId: LAGESBILD_ACTIONS.edit, mode: 'modal', run: openEdit },
  { actionId: LAGESBILD_ACTIONS.remove, mode: 'write', run: removeClicked },
];
