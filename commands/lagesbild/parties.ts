/**
 * A member of several parties who names none: an entry goes to their first party with "Flytta till <part>"
 * buttons, and "inget" asks which party with a button for each. Both clicks are `write` requests (stored before
 * the ack) carrying the entry's number or the party, never text; each does its change once however often it is
 * clicked, and the access log records the change.
 */

import { getEntry } from '../../src/db/entries.repository.js';
import { moveEntryToParty } from '../../src/db/entry-moves.repository.js';
import { weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import type { ActionContext, ActionSpec } from '../../src/kit/kit.js';
import { buttonValue } from '../../src/kit/metadata.js';
import {
  LAGESBILD_ACTIONS,
  MOVE_PARTY_BUTTON,
  NOTHING_PARTY_BUTTON,
} from '../../src/slack/lagesbild-buttons.js';
import { entryReceipt } from '../../src/slack/lagesbild-messages.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { changeRefusal } from './modal.js';
import { actingParty, announceChange, outcomeMessage, reportNothing } from './submit.js';

/** Flytta till <part>: the entry moves to the other party, if the user is a member of both and it is still open. */
async function moveToParty(ctx: ActionContext): Promise<void> {
  const value = buttonValue(ctx, MOVE_PARTY_BUTTON);
  if (value === null) return;
  const [catalogue, entry] = await Promise.all([ctx.catalogue(), getEntry(ctx.db, value.id)]);
  if (entry === null) return ctx.reply(sv.lagesbild.entryGone);
  const target = await actingParty(ctx, value.party);
  if ('refused' in target) return ctx.reply(target.refused);
  if (entry.partyKey === value.party)
    return ctx.reply(sv.lagesbild.alreadyParty(escapeMrkdwn(target.party.name)));
  const refusal = await changeRefusal(ctx, entry);
  if (refusal !== null) return ctx.reply(refusal);
  const moved = await moveEntryToParty(ctx.db, {
    id: entry.id,
    from: entry.partyKey,
    to: value.party,
    userId: ctx.userId,
  });
  if (moved === null) {
    // Moved or removed meanwhile by another click: where it is now is what the user is told.
    const now = await getEntry(ctx.db, entry.id);
    return ctx.reply(
      now === null
        ? sv.lagesbild.entryGone
        : sv.lagesbild.alreadyParty(escapeMrkdwn(catalogue.partyName(now.partyKey))),
    );
  }
  ctx.log.info(
    { entryId: entry.id, week: entry.meetingWeek, from: entry.partyKey, to: value.party },
    'entry moved',
  );
  await ctx.audit({
    action: 'change',
    resource: 'entry',
    meetingWeek: entry.meetingWeek,
    partyKey: value.party,
    entryIds: [entry.id],
    detail: { kind: 'flyttad', partyKeys: [entry.partyKey, value.party] },
  });
  announceChange(ctx, entry.meetingWeek);
  ctx.reply(
    entryReceipt({
      heading: sv.lagesbild.movedToParty(escapeMrkdwn(target.party.name), weekNumberOf(entry.meetingWeek)),
      entry: moved,
      areaName: catalogue.areaName(moved.areaKey),
      timezone: ctx.deps.config.schedule.timezone,
      buttons: true,
      footer: sv.lagesbild.manageHint,
    }),
    { replaceOriginal: true },
  );
}

/** Inget att rapportera för <part>: recorded once; a second click is told it is already noted. */
async function nothingForParty(ctx: ActionContext): Promise<void> {
  const value = buttonValue(ctx, NOTHING_PARTY_BUTTON);
  if (value === null) return;
  const outcome = await reportNothing(ctx, { request: { kind: 'nothing', partyKey: value.party } });
  ctx.reply(outcomeMessage(ctx, outcome, await ctx.catalogue()), { replaceOriginal: true });
}

export const PARTY_CHOICE_BUTTONS: readonly ActionSpec[] = [
  { actionId: LAGESBILD_ACTIONS.moveParty, mode: 'write', run: moveToParty },
  { actionId: LAGESBILD_ACTIONS.nothingForParty, mode: 'write', run: nothingForParty },
];
