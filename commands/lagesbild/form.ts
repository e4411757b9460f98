/**
 * The `/lagesbild` form's submission: validated and stored before the ack, in the kit's transaction (Slack shows
 * field errors only from the ack itself); the confirmation replaces the form. The week comes from the server's
 * clock: a form's own week is only trusted when it is the coming meeting or the next held one.
 */

import { randomUUID } from 'node:crypto';
import type { ViewResponseAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { z } from 'zod';
import { getEntry, insertEntry, updateEntry } from '../../src/db/entries.repository.js';
import { recordNothingToReport, setAssessment } from '../../src/db/party-reports.repository.js';
import {
  checkEntryFields,
  type EntryField,
  type EntryProblem,
  entryFields,
} from '../../src/domain/entry-input.js';
import { type MeetingWeek, weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { fieldErrors } from '../../src/kit/forms.js';
import type { ViewContext, ViewSpec } from '../../src/kit/kit.js';
import { section } from '../../src/slack/blocks.js';
import { entryReceipt } from '../../src/slack/lagesbild-messages.js';
import { confirmationView, refusalView, submissionModal } from '../../src/slack/lagesbild-modal.js';
import {
  LAGESBILD_CALLBACK_ID,
  LAGESBILD_METADATA,
  type ModalBlock,
  type ModalStateValues,
  type ModalValues,
  readModalValues,
} from '../../src/slack/lagesbild-modal-data.js';
import { meetingWhen } from '../../src/slack/lagesbild-texts.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { plainTextOf } from '../../src/slack/plain-text.js';
import { changeRefusal, lockRefusal } from './modal.js';
import { actingParty, announceChange, auditEntryChange, changeReceipt, entryChanged } from './submit.js';

type Metadata = z.infer<typeof LAGESBILD_METADATA>;
type Ctx = ViewContext<Metadata>;
type Errors = Partial<Record<ModalBlock, string>>;

function problemText(problem: EntryProblem): string {
  switch (problem.kind) {
    case 'empty':
      return sv.lagesbild.textMissing;
    case 'tooLong':
      return sv.lagesbild.tooLong(problem.limit, problem.length);
    case 'personalNumber':
      return sv.lagesbild.personalNumber;
  }
}

const FIELD_BLOCK: Record<EntryField, ModalBlock> = { text: 'text', place: 'place', when: 'when' };

async function submitForm(ctx: Ctx): Promise<ViewResponseAction | undefined> {
  const read = readModalValues(ctx.values as ModalStateValues);
  // The short form (nothingModal) says "inget att rapportera" by being sent.
  const values = ctx.metadata.nothing === true ? { ...read, nothingToReport: true } : read;
  return ctx.metadata.entryId === null
    ? submitNew(ctx, values)
    : submitChange(ctx, ctx.metadata.entryId, values);
}

/**
 * The week a new entry from this form goes to: the form's, when it is the coming meeting or the next held one;
 * the coming one, when the form's meeting was cancelled since; otherwise refused (its meeting has started, or the
 * week was never one the server offered).
 */
async function formWeek(ctx: Ctx): Promise<{ week: MeetingWeek } | { refusal: string }> {
  const { meetings } = ctx.deps;
  const open = await meetings.open(ctx.db);
  const asked = ctx.metadata.week;
  if (asked === open.week || asked === (await meetings.nextHeldAfter(open.week, ctx.db))?.week)
    return { week: asked };
  if (asked < open.week) {
    if ((await meetings.ofWeek(asked, ctx.db)).state.cancelled) return { week: open.week };
    const locked = await lockRefusal(ctx, asked, {
      started: sv.lagesbild.lockedInModal,
      compiled: sv.lagesbild.lockedInModalCompiled,
    });
    if (locked !== null) return { refusal: locked };
  }
  ctx.log.warn({ week: asked }, 'form with a week the server did not offer; refused');
  return { refusal: sv.lagesbild.formOutdated };
}

async function submitNew(ctx: Ctx, values: ModalValues): Promise<ViewResponseAction | undefined> {
  // Errors about the whole submission go on the field the user is looking at.
  const mainBlock: ModalBlock = values.nothingToReport ? 'nothing' : 'text';
  const acting = await actingParty(ctx, values.partyKey ?? ctx.metadata.partyKey);
  if ('refused' in acting) {
    // No longer in any party: nothing in the form can fix that. A view on top names the admins to ask
    // (field errors are plain text, where mentions do not show as names); closing it returns to the form.
    if (acting.noParty) return refusalView(acting.refused);
    return fieldErrors({ [values.partyKey !== null ? 'party' : mainBlock]: plainTextOf(acting.refused) });
  }
  const target = await formWeek(ctx);
  if ('refusal' in target) return fieldErrors({ [mainBlock]: target.refusal });
  const { week } = target;
  const partyKey = acting.party.key;
  const when = meetingWhen(
    (await ctx.deps.meetings.ofWeek(week, ctx.db)).meeting,
    ctx.deps.config.schedule.timezone,
    ctx.deps.clock.now(),
  );
  const party = acting.party.name;
  const fields = entryFields(values);

  if (values.nothingToReport) {
    if (fields.text !== '' || fields.place !== null || fields.when !== null) {
      return fieldErrors({ nothing: sv.lagesbild.nothingWithText });
    }
    const recorded = await recordNothingToReport(ctx.db, {
      week,
      partyKey,
      userId: ctx.userId,
      assessment: values.assessment,
    });
    if (recorded.kind === 'hasEntries') {
      return fieldErrors({
        nothing: plainTextOf(sv.lagesbild.nothingButEntries(party, recorded.entryCount, weekNumberOf(week))),
      });
    }
    if (recorded.kind === 'recorded') {
      ctx.log.info({ week, party: partyKey, origin: ctx.metadata.origin }, 'nothing to report recorded');
      await auditEntryChange(ctx, { week, partyKey, kind: 'inget' });
    }
    if (recorded.kind === 'recorded' || values.assessment !== null) announceChange(ctx, week);
    // Also when it was recorded already (the same view submitted twice): the user sees the same receipt.
    const note = assessmentNote(values);
    const blocks: KnownBlock[] = [
      section(sv.lagesbild.nothingSaved(escapeMrkdwn(party), when, weekNumberOf(week))),
      ...(note === null ? [] : [section(note)]),
    ];
    return { response_action: 'update', view: confirmationView(sv.lagesbild.savedTitle, blocks) };
  }

  const problems = await entryErrors(ctx, values, fields);
  if (problems !== null) return fieldErrors(problems);
  const { entry, created, replacedNothing } = await insertEntry(ctx.db, {
    meetingWeek: week,
    partyKey,
    areaKey: values.areaKey as string,
    text: fields.text,
    place: fields.place,
    when: fields.when,
    trend: values.trend,
    authorUserId: ctx.userId,
    source: 'modal',
    idempotencyKey: `modal:${ctx.metadata.key}`,
  });
  if (values.assessment !== null) await setAssessment(ctx.db, week, partyKey, ctx.userId, values.assessment);
  if (created) {
    ctx.log.info(
      { entryId: entry.id, week, party: partyKey, source: 'modal', origin: ctx.metadata.origin },
      'entry stored',
    );
    await auditEntryChange(ctx, { week, partyKey, entryId: entry.id, kind: 'ny' });
  }
  announceChange(ctx, week);
  // A repeated submission of the same view is the same entry: the user sees the same receipt.
  const receipt = entryReceipt({
    heading: sv.lagesbild.saved(escapeMrkdwn(party), when, weekNumberOf(week)),
    entry,
    areaName: (await ctx.catalogue()).areaName(entry.areaKey),
    timezone: ctx.deps.config.schedule.timezone,
    buttons: false,
    note: joinNotes(
      assessmentNote(values),
      replacedNothing ? sv.lagesbild.replacedNothing(escapeMrkdwn(party), weekNumberOf(week)) : null,
    ),
    footer: sv.lagesbild.manageHint,
  });
  if (values.again) return nextForm(ctx, week, acting.party, values, receipt.blocks);
  return { response_action: 'update', view: confirmationView(sv.lagesbild.savedTitle, receipt.blocks) };
}

/**
 * "Spara och lägg till en till": the saved entry's receipt on top of a fresh form for the same meeting and party,
 * with a new key (it is a new submission) and the choice still ticked.
 */
async function nextForm(
  ctx: Ctx,
  week: MeetingWeek,
  party: { key: string; name: string },
  values: ModalValues,
  saved: readonly KnownBlock[],
): Promise<ViewResponseAction> {
  const [{ meeting }, catalogue] = await Promise.all([
    ctx.deps.meetings.ofWeek(week, ctx.db),
    ctx.catalogue(),
  ]);
  const view = submissionModal({
    meeting,
    timezone: ctx.deps.config.schedule.timezone,
    parties: [party],
    areas: catalogue.areas,
    metadata: { key: randomUUID(), week, origin: ctx.metadata.origin, entryId: null, partyKey: party.key },
    entry: null,
    assessment: values.assessment,
    now: ctx.deps.clock.now(),
    again: true,
    saved,
  });
  return { response_action: 'update', view };
}

async function submitChange(ctx: Ctx, entryId: number, values: ModalValues): Promise<ViewResponseAction> {
  const entry = await getEntry(ctx.db, entryId);
  if (entry === null) return fieldErrors({ text: sv.lagesbild.entryGone });
  const refusal = await changeRefusal(ctx, entry);
  if (refusal !== null) return fieldErrors({ text: plainTextOf(refusal) });
  const fields = entryFields(values);
  const problems = await entryErrors(ctx, values, fields);
  if (problems !== null) return fieldErrors(problems);
  const updated = await updateEntry(ctx.db, entry.id, {
    areaKey: values.areaKey as string,
    text: fields.text,
    place: fields.place,
    when: fields.when,
    trend: values.trend,
  });
  if (updated === null) return fieldErrors({ text: sv.lagesbild.entryGone });
  if (values.assessment !== null) {
    await setAssessment(ctx.db, entry.meetingWeek, entry.partyKey, ctx.userId, values.assessment);
  }
  ctx.log.info({ entryId: entry.id, week: entry.meetingWeek, party: entry.partyKey }, 'entry changed');
  await entryChanged(ctx, {
    week: entry.meetingWeek,
    partyKey: entry.partyKey,
    entryId: entry.id,
    kind: 'andrad',
  });
  const receipt = await changeReceipt(ctx, updated, {
    heading: sv.lagesbild.changed,
    buttons: false,
    note: assessmentNote(values),
  });
  return { response_action: 'update', view: confirmationView(sv.lagesbild.changedTitle, receipt.blocks) };
}

async function entryErrors(
  ctx: Ctx,
  values: ModalValues,
  fields: ReturnType<typeof entryFields>,
): Promise<Errors | null> {
  const found: Errors = {};
  if (values.areaKey === null) found.area = sv.lagesbild.areaMissing;
  else if ((await ctx.catalogue()).areas.every((a) => a.key !== values.areaKey))
    found.area = sv.lagesbild.areaGone;
  for (const problem of checkEntryFields(fields)) found[FIELD_BLOCK[problem.field]] = problemText(problem);
  return Object.keys(found).length === 0 ? null : found;
}

function joinNotes(...notes: Array<string | null>): string | null {
  const given = notes.filter((note): note is string => note !== null);
  return given.length === 0 ? null : given.join('\n');
}

/** The line saying which overall assessment was saved, if one was chosen. */
function assessmentNote(values: ModalValues): string | null {
  return values.assessment === null
    ? null
    : sv.lagesbild.assessmentSaved(sv.compiled.assessment[values.assessment]);
}

export const lagesbildForm: ViewSpec<typeof LAGESBILD_METADATA> = {
  callbackId: LAGESBILD_CALLBACK_ID,
  metadata: LAGESBILD_METADATA,
  errorBlock: 'text',
  saveFailed: sv.lagesbild.saveFailed,
  run: submitForm,
};
