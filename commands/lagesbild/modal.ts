import { randomUUID } from 'node:crypto';
import type { ViewResponseAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import {
  getEntry,
  insertEntry,
  listPartyStatuses,
  recordNothingToReport,
  setAssessment,
  updateEntry,
} from '../../src/db/entries.repository.js';
import { getMeetingOverride } from '../../src/db/meetings.repository.js';
import { partiesOfUser } from '../../src/db/members.repository.js';
import type { Deps } from '../../src/deps.js';
import { meetingState } from '../../src/domain/calendar.js';
import type { Entry } from '../../src/domain/entry.js';
import {
  checkEntryFields,
  type EntryField,
  type EntryProblem,
  entryFields,
} from '../../src/domain/entry-input.js';
import {
  formatLocalDateTime,
  isOpenForChanges,
  type MeetingWeek,
  meetingOfWeek,
  weekNumberOf,
} from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { section } from '../../src/slack/blocks.js';
import {
  confirmationView,
  decodeModalMetadata,
  entryReceipt,
  type ModalBlock,
  type ModalMetadata,
  type ModalStateValues,
  type ModalValues,
  meetingWhen,
  readModalValues,
  refusalView,
  submissionModal,
} from '../../src/slack/lagesbild.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import {
  afterChange,
  areaName,
  type LoadedCatalogue,
  loadCatalogue,
  notMemberText,
  openMeeting,
  partyName,
} from './shared.js';
import { actingParty } from './submit.js';

export type OpenModalResult =
  | { readonly opened: true }
  /** The modal was not opened; `text` (mrkdwn) explains why, for the caller to show the user. */
  | { readonly opened: false; readonly text: string };

/**
 * Opens the `/lagesbild` modal for the coming meeting. Call it at once with a fresh trigger_id (it expires
 * after 3 s); it reads the user's parties and the areas first, a few milliseconds. A user in no party gets
 * no modal but the text naming the admins to ask.
 */
export async function openSubmissionModal(
  client: WebClient,
  triggerId: string,
  userId: string,
  deps: Deps,
  options: { origin: string | null; requestedWeek?: MeetingWeek | null },
): Promise<OpenModalResult> {
  const [catalogue, own] = await Promise.all([loadCatalogue(deps), partiesOfUser(deps.db, userId)]);
  if (own.length === 0) return { opened: false, text: await notMemberText(deps, userId) };
  const meeting = await openMeeting(deps);
  const single = own.length === 1 ? (own[0] as string) : null;
  // With one party its current overall assessment is preselected; with several it depends on the choice.
  const assessment =
    single === null
      ? null
      : ((await listPartyStatuses(deps.db, meeting.week)).find((s) => s.partyKey === single)?.assessment ??
        null);
  const metadata: ModalMetadata = {
    key: randomUUID(),
    week: meeting.week,
    origin: options.origin,
    entryId: null,
    partyKey: single,
  };
  await client.views.open({
    trigger_id: triggerId,
    view: submissionModal({
      meeting,
      timezone: deps.config.schedule.timezone,
      parties: own.map((key) => ({ key, name: partyName(catalogue, key) })),
      areas: catalogue.areas,
      metadata,
      entry: null,
      assessment,
      requestedWeek: options.requestedWeek ?? null,
    }),
  });
  deps.logger.debug({ user: userId, week: meeting.week }, 'submission modal opened');
  return { opened: true };
}

/** Why a user may not change an entry now (not of their party, or locked), or null when they may. */
export async function changeRefusal(
  deps: Deps,
  userId: string,
  entry: Entry,
  catalogue: LoadedCatalogue,
): Promise<string | null> {
  const acting = await actingParty(deps, userId, entry.partyKey, catalogue);
  if ('refused' in acting) {
    return sv.lagesbild.otherPartysEntry(escapeMrkdwn(partyName(catalogue, entry.partyKey)));
  }
  return lockRefusal(deps, entry.meetingWeek);
}

function lockRefusal(deps: Deps, week: MeetingWeek): string | null {
  if (isOpenForChanges(week, deps.clock.now(), deps.config.schedule)) return null;
  return sv.lagesbild.locked(weekNumberOf(week), startedAt(deps, week));
}

function startedAt(deps: Deps, week: MeetingWeek): string {
  const { timezone } = deps.config.schedule;
  return formatLocalDateTime(meetingOfWeek(week, deps.config.schedule).startsAt, timezone);
}

/** Opens the modal on an existing entry (the Ändra button), after checking the user may change it. */
export async function openEditModal(
  client: WebClient,
  triggerId: string,
  userId: string,
  entryId: number,
  deps: Deps,
  options: { origin: string | null },
): Promise<OpenModalResult> {
  const [catalogue, entry] = await Promise.all([loadCatalogue(deps), getEntry(deps.db, entryId)]);
  if (entry === null) return { opened: false, text: sv.lagesbild.entryGone };
  const refusal = await changeRefusal(deps, userId, entry, catalogue);
  if (refusal !== null) return { opened: false, text: refusal };
  const status = (await listPartyStatuses(deps.db, entry.meetingWeek)).find(
    (s) => s.partyKey === entry.partyKey,
  );
  await client.views.open({
    trigger_id: triggerId,
    view: submissionModal({
      meeting: meetingOfWeek(entry.meetingWeek, deps.config.schedule),
      timezone: deps.config.schedule.timezone,
      parties: [{ key: entry.partyKey, name: partyName(catalogue, entry.partyKey) }],
      areas: catalogue.areas,
      metadata: {
        key: randomUUID(),
        week: entry.meetingWeek,
        origin: options.origin,
        entryId: entry.id,
        partyKey: entry.partyKey,
      },
      entry,
      assessment: status?.assessment ?? null,
    }),
  });
  return { opened: true };
}

/** What the view_submission listener acks with, and the meeting whose status changed (to notify after the ack). */
export interface SubmissionResult {
  readonly response: ViewResponseAction;
  readonly changedWeek: MeetingWeek | null;
}

type Errors = Partial<Record<ModalBlock, string>>;

function errors(map: Errors): SubmissionResult {
  return {
    response: { response_action: 'errors', errors: map as Record<string, string> },
    changedWeek: null,
  };
}

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

/**
 * Plain text (field errors are not mrkdwn): strips the `*` and backticks the Slack texts use, and turns names
 * escaped for mrkdwn back into what they are (`Räddningstjänst &amp; räddning` would show as written).
 */
function plainError(text: string): string {
  return text.replace(/[*`_]/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Validates and stores a submitted modal. Slack shows field errors only from the ack itself, so this runs
 * before the ack (a few queries, well inside Slack's 3 seconds); notifying others waits until after it.
 */
export async function handleSubmission(
  deps: Deps,
  userId: string,
  privateMetadata: string,
  stateValues: ModalStateValues,
): Promise<SubmissionResult> {
  const metadata = decodeModalMetadata(privateMetadata);
  if (metadata === null) return errors({ text: sv.common.genericError });
  const values = readModalValues(stateValues);
  const catalogue = await loadCatalogue(deps);
  return metadata.entryId === null
    ? submitNew(deps, userId, metadata, values, catalogue)
    : submitChange(deps, userId, metadata.entryId, values, catalogue);
}

async function isCancelled(deps: Deps, week: MeetingWeek): Promise<boolean> {
  const { schedule } = deps.config;
  return meetingState(meetingOfWeek(week, schedule), await getMeetingOverride(deps.db, week), schedule)
    .cancelled;
}

async function submitNew(
  deps: Deps,
  userId: string,
  metadata: ModalMetadata,
  values: ModalValues,
  catalogue: LoadedCatalogue,
): Promise<SubmissionResult> {
  // Errors about the whole submission go on the field the user is looking at.
  const mainBlock: ModalBlock = values.nothingToReport ? 'nothing' : 'text';
  const acting = await actingParty(deps, userId, values.partyKey ?? metadata.partyKey, catalogue);
  if ('refused' in acting) {
    // No longer in any party: nothing in the form can fix that. A view on top names the admins to ask
    // (field errors are plain text, where mentions do not show as names); closing it returns to the form.
    if (acting.noParty) return { response: refusalView(acting.refused), changedWeek: null };
    return errors({ [values.partyKey !== null ? 'party' : mainBlock]: plainError(acting.refused) });
  }
  const partyKey = acting.party.key;
  // A form opened for a meeting that has since been cancelled goes where a submission made now goes.
  const week = (await isCancelled(deps, metadata.week)) ? (await openMeeting(deps)).week : metadata.week;
  if (!isOpenForChanges(week, deps.clock.now(), deps.config.schedule)) {
    return errors({ [mainBlock]: sv.lagesbild.lockedInModal(weekNumberOf(week), startedAt(deps, week)) });
  }
  const meeting = meetingOfWeek(week, deps.config.schedule);
  const when = meetingWhen(meeting, deps.config.schedule.timezone);
  const party = acting.party.name;
  const fields = entryFields(values);

  if (values.nothingToReport) {
    if (fields.text !== '' || fields.place !== null || fields.when !== null) {
      return errors({ nothing: sv.lagesbild.nothingWithText });
    }
    const recorded = await recordNothingToReport(deps.db, {
      week,
      partyKey,
      userId,
      assessment: values.assessment,
    });
    if (recorded.kind === 'hasEntries') {
      return errors({
        nothing: plainError(sv.lagesbild.nothingButEntries(party, recorded.entryCount, weekNumberOf(week))),
      });
    }
    if (recorded.kind === 'recorded') {
      deps.logger.info({ week, party: partyKey, origin: metadata.origin }, 'nothing to report recorded');
    }
    // Also when it was recorded already (the same view submitted twice): the user sees the same receipt.
    const note = assessmentNote(values);
    const blocks: KnownBlock[] = [
      section(sv.lagesbild.nothingSaved(escapeMrkdwn(party), when, weekNumberOf(week))),
      ...(note === null ? [] : [section(note)]),
    ];
    return {
      response: { response_action: 'update', view: confirmationView(sv.lagesbild.savedTitle, blocks) },
      changedWeek: recorded.kind === 'recorded' || values.assessment !== null ? week : null,
    };
  }

  const fieldErrors = entryErrors(values, fields, catalogue);
  if (fieldErrors !== null) return errors(fieldErrors);
  const { entry, created } = await deps.db.transaction().execute(async (trx) => {
    const stored = await insertEntry(trx, {
      meetingWeek: week,
      partyKey,
      areaKey: values.areaKey as string,
      text: fields.text,
      place: fields.place,
      when: fields.when,
      trend: values.trend,
      authorUserId: userId,
      source: 'modal',
      idempotencyKey: `modal:${metadata.key}`,
    });
    if (values.assessment !== null) await setAssessment(trx, week, partyKey, userId, values.assessment);
    return stored;
  });
  if (created) {
    deps.logger.info(
      { entryId: entry.id, week, party: partyKey, source: 'modal', origin: metadata.origin },
      'entry stored',
    );
  }
  // A repeated submission of the same view is the same entry: the user sees the same receipt.
  const receipt = entryReceipt({
    heading: sv.lagesbild.saved(escapeMrkdwn(party), when, weekNumberOf(week)),
    entry,
    areaName: areaName(catalogue, entry.areaKey),
    buttons: false,
    note: assessmentNote(values),
    footer: sv.lagesbild.manageHint,
  });
  return {
    response: { response_action: 'update', view: confirmationView(sv.lagesbild.savedTitle, receipt.blocks) },
    changedWeek: week,
  };
}

async function submitChange(
  deps: Deps,
  userId: string,
  entryId: number,
  values: ModalValues,
  catalogue: LoadedCatalogue,
): Promise<SubmissionResult> {
  const entry = await getEntry(deps.db, entryId);
  if (entry === null) return errors({ text: sv.lagesbild.entryGone });
  const refusal = await changeRefusal(deps, userId, entry, catalogue);
  if (refusal !== null) return errors({ text: plainError(refusal) });
  const fields = entryFields(values);
  const fieldErrors = entryErrors(values, fields, catalogue);
  if (fieldErrors !== null) return errors(fieldErrors);
  const updated = await deps.db.transaction().execute(async (trx) => {
    const changed = await updateEntry(trx, entry.id, {
      areaKey: values.areaKey as string,
      text: fields.text,
      place: fields.place,
      when: fields.when,
      trend: values.trend,
    });
    if (changed !== null && values.assessment !== null) {
      await setAssessment(trx, entry.meetingWeek, entry.partyKey, userId, values.assessment);
    }
    return changed;
  });
  if (updated === null) return errors({ text: sv.lagesbild.entryGone });
  deps.logger.info({ entryId: entry.id, week: entry.meetingWeek, party: entry.partyKey }, 'entry changed');
  const meeting = meetingOfWeek(entry.meetingWeek, deps.config.schedule);
  const receipt = entryReceipt({
    heading: sv.lagesbild.changed(
      escapeMrkdwn(partyName(catalogue, entry.partyKey)),
      meetingWhen(meeting, deps.config.schedule.timezone),
      weekNumberOf(entry.meetingWeek),
    ),
    entry: updated,
    areaName: areaName(catalogue, updated.areaKey),
    buttons: false,
    note: assessmentNote(values),
    footer: sv.lagesbild.manageHint,
  });
  return {
    response: {
      response_action: 'update',
      view: confirmationView(sv.lagesbild.changedTitle, receipt.blocks),
    },
    changedWeek: entry.meetingWeek,
  };
}

function entryErrors(
  values: ModalValues,
  fields: ReturnType<typeof entryFields>,
  catalogue: LoadedCatalogue,
): Errors | null {
  const found: Errors = {};
  if (values.areaKey === null) found.area = sv.lagesbild.areaMissing;
  else if (!catalogue.areas.some((a) => a.key === values.areaKey)) found.area = sv.lagesbild.areaGone;
  for (const problem of checkEntryFields(fields)) found[FIELD_BLOCK[problem.field]] = problemText(problem);
  return Object.keys(found).length === 0 ? null : found;
}

/** The line saying which overall assessment was saved, if one was chosen. */
function assessmentNote(values: ModalValues): string | null {
  return values.assessment === null
    ? null
    : sv.lagesbild.assessmentSaved(sv.compiled.assessment[values.assessment]);
}

/** After the ack: the live agenda and the App Home follow the change. */
export async function afterSubmission(deps: Deps, result: SubmissionResult, userId: string): Promise<void> {
  if (result.changedWeek !== null) await afterChange(deps, result.changedWeek, userId);
}
