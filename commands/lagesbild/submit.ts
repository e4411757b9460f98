/**
 * Submitting to a party's picture, the same from the one-liner and from an answer in chat: who may act for which
 * party, storing an entry or "inget att rapportera" for the coming meeting, and the receipt.
 */

import { insertEntry } from '../../src/db/entries.repository.js';
import { listAdmins } from '../../src/db/members.repository.js';
import type { Party } from '../../src/db/parties.repository.js';
import { recordNothingToReport } from '../../src/db/party-reports.repository.js';
import type { LagesbildRequest } from '../../src/domain/command-text.js';
import type { Entry, EntrySource } from '../../src/domain/entry.js';
import { checkEntryFields, entryFields } from '../../src/domain/entry-input.js';
import type { PictureLock } from '../../src/domain/meeting-override.js';
import { type Meeting, type MeetingWeek, weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import type { Catalogue } from '../../src/services/catalogue.js';
import { nameSourceOf, refreshDisplayName } from '../../src/services/user-names.js';
import { type SlackMessage, section } from '../../src/slack/blocks.js';
import { movePartyButtons, nothingPartyButtons } from '../../src/slack/lagesbild-buttons.js';
import { entryReceipt } from '../../src/slack/lagesbild-messages.js';
import { askAdminsText, meetingWhen } from '../../src/slack/lagesbild-texts.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';

export const COMMAND = '/lagesbild';

export type EntryRequest = Extract<LagesbildRequest, { kind: 'entry' }>;
export type NothingRequest = Extract<LagesbildRequest, { kind: 'nothing' }>;

/** The meeting a submission may have been meant for, whose picture is locked: the user is told it went on. */
export type PassedMeeting = { readonly meeting: Meeting; readonly lock: PictureLock } | null;

export type SubmitOutcome =
  | {
      readonly kind: 'stored';
      readonly entry: Entry;
      /** False when this submission (same idempotency key) was stored before: a repeat. */
      readonly created: boolean;
      readonly meeting: Meeting;
      readonly party: Party;
      readonly passed: PassedMeeting;
      /** The party's "inget att rapportera" that this entry replaced. */
      readonly replacedNothing: boolean;
      /** The member's other parties, when they named none and the entry went to their first: offered a move. */
      readonly otherParties: readonly Party[];
    }
  /** "Inget" from a member of several parties who named none: they are asked which (nothing stored yet). */
  | { readonly kind: 'chooseParty'; readonly parties: readonly Party[] }
  | {
      readonly kind: 'nothing';
      readonly meeting: Meeting;
      readonly party: Party;
      readonly changed: boolean;
      readonly passed: PassedMeeting;
    }
  /** Nothing stored; `text` (mrkdwn) says why. */
  | { readonly kind: 'refused'; readonly text: string };

export type ActingParty =
  | { readonly party: Party }
  /**
   * `refused` (mrkdwn) says why. `noParty`: the user belongs to no party at all, and the text names the admins
   * to ask; otherwise the party asked for is not one of theirs.
   */
  | { readonly refused: string; readonly noParty: boolean };

/** Which admins to ask, as mentions; an admin who is no member is told how to add themselves. */
export async function notMemberText(ctx: RequestContext): Promise<string> {
  if ((await ctx.actor()).isAdmin) return sv.lagesbild.adminNotMember;
  return sv.lagesbild.notMember(askAdminsText(await listAdmins(ctx.db)));
}

/**
 * The one membership check for acting on a party's picture (submitting, saying "inget", changing an entry):
 * the party the user named, or their first. Refused when they belong to none, or not to that one.
 */
export async function actingParty(ctx: RequestContext, requested: string | null): Promise<ActingParty> {
  const [actor, catalogue] = await Promise.all([ctx.actor(), ctx.catalogue()]);
  const own = actor.partyKeys;
  if (own.length === 0) return { refused: await notMemberText(ctx), noParty: true };
  const key = requested ?? (own[0] as string);
  if (!own.includes(key)) {
    const ownNames = own.map((k) => `*${escapeMrkdwn(catalogue.partyName(k))}* (\`${k}\`)`).join(', ');
    return {
      refused: sv.lagesbild.notMemberOfParty(escapeMrkdwn(catalogue.partyName(key)), ownNames),
      noParty: false,
    };
  }
  return { party: { key, name: catalogue.partyName(key) } };
}

/** The access log's record of a change to a party's picture: what and where, never its text. */
export function auditEntryChange(
  ctx: RequestContext,
  change: {
    week: MeetingWeek;
    partyKey: string;
    entryId?: number;
    kind: 'ny' | 'andrad' | 'borttagen' | 'inget';
  },
): Promise<void> {
  return ctx.audit({
    action: 'change',
    resource: 'entry',
    meetingWeek: change.week,
    partyKey: change.partyKey,
    ...(change.entryId === undefined ? {} : { entryIds: [change.entryId] }),
    detail: { kind: change.kind },
  });
}

/**
 * The receipt for a changed entry (the form's Ändra, an edited chat message): `heading` gets the party, the
 * meeting's time and its week number, as sv.lagesbild.changed does.
 */
export async function changeReceipt(
  ctx: RequestContext,
  changed: Entry,
  options: { heading: typeof sv.lagesbild.changed; buttons: boolean; note?: string | null },
): Promise<SlackMessage> {
  const [catalogue, { meeting }] = await Promise.all([
    ctx.catalogue(),
    ctx.deps.meetings.ofWeek(changed.meetingWeek, ctx.db),
  ]);
  const { timezone } = ctx.deps.config.schedule;
  return entryReceipt({
    heading: options.heading(
      escapeMrkdwn(catalogue.partyName(changed.partyKey)),
      meetingWhen(meeting, timezone, ctx.deps.clock.now()),
      weekNumberOf(changed.meetingWeek),
    ),
    entry: changed,
    areaName: catalogue.areaName(changed.areaKey),
    timezone,
    buttons: options.buttons,
    note: options.note ?? null,
    footer: sv.lagesbild.manageHint,
  });
}

/** A change of a party's picture: its access-log record now, and the announcements after the commit. */
export async function entryChanged(
  ctx: RequestContext,
  change: Parameters<typeof auditEntryChange>[1],
): Promise<void> {
  await auditEntryChange(ctx, change);
  announceChange(ctx, change.week);
}

/** After a change of a party's picture is committed: the live agenda and the user's App Home follow. */
export function announceChange(ctx: RequestContext, week: MeetingWeek): void {
  ctx.after(() => ctx.deps.notify.statusChanged(week));
  ctx.after(() => ctx.deps.notify.homeChanged(ctx.userId));
  // The compiled picture names each entry's author: their name is stored now, outside the transaction.
  ctx.after(() => refreshDisplayName(nameSourceOf(ctx.deps), ctx.userId));
}

/**
 * One entry from the one-liner (`/lagesbild trafik: …`) or an answer in chat, for the coming meeting.
 * `example` is how the user would type a correct one in the same place, for the messages about mistakes.
 */
export async function submitEntry(
  ctx: RequestContext,
  input: { request: EntryRequest; source: EntrySource; idempotencyKey: string; example: string },
): Promise<SubmitOutcome> {
  const acting = await actingParty(ctx, input.request.partyKey);
  if ('refused' in acting) return { kind: 'refused', text: acting.refused };

  const fields = entryFields({ text: input.request.text });
  const [problem] = checkEntryFields(fields);
  if (problem !== undefined) {
    const text =
      problem.kind === 'empty'
        ? sv.lagesbild.oneLinerTextMissing(input.example)
        : problem.kind === 'tooLong'
          ? sv.lagesbild.textTooLong(problem.limit, problem.length)
          : sv.lagesbild.oneLinerPersonalNumber;
    return { kind: 'refused', text };
  }

  // The meeting is decided at the moment of storing: the next held one that has not started is always open.
  const meeting = await ctx.deps.meetings.open(ctx.db);
  const { entry, created, replacedNothing } = await insertEntry(ctx.db, {
    meetingWeek: meeting.week,
    partyKey: acting.party.key,
    areaKey: input.request.areaKey,
    text: fields.text,
    place: null,
    when: null,
    trend: null,
    authorUserId: ctx.userId,
    source: input.source,
    idempotencyKey: input.idempotencyKey,
  });
  if (created) {
    ctx.log.info(
      { entryId: entry.id, week: entry.meetingWeek, party: entry.partyKey, source: input.source },
      'entry stored',
    );
    await entryChanged(ctx, {
      week: entry.meetingWeek,
      partyKey: entry.partyKey,
      entryId: entry.id,
      kind: 'ny',
    });
  }
  // A repeat of a submission made just before a meeting started still names the meeting it landed in.
  const landed =
    entry.meetingWeek === meeting.week
      ? meeting
      : (await ctx.deps.meetings.ofWeek(entry.meetingWeek, ctx.db)).meeting;
  const passed = await ctx.deps.meetings.justLocked(landed, ctx.db);
  return {
    kind: 'stored',
    entry,
    created,
    meeting: landed,
    party: acting.party,
    passed,
    replacedNothing,
    otherParties: await otherPartiesOf(ctx, input.request.partyKey, acting.party.key),
  };
}

/** "Inget att rapportera" for the coming meeting; refused while the party has entries for it. */
export async function reportNothing(
  ctx: RequestContext,
  input: { request: NothingRequest },
): Promise<SubmitOutcome> {
  const acting = await actingParty(ctx, input.request.partyKey);
  if ('refused' in acting) return { kind: 'refused', text: acting.refused };
  // A party's "inget" is about the whole party: a member of several is asked which, never booked on the first.
  if (input.request.partyKey === null) {
    const others = await otherPartiesOf(ctx, null, acting.party.key);
    if (others.length > 0) return { kind: 'chooseParty', parties: [acting.party, ...others] };
  }
  const meeting = await ctx.deps.meetings.open(ctx.db);
  const recorded = await recordNothingToReport(ctx.db, {
    week: meeting.week,
    partyKey: acting.party.key,
    userId: ctx.userId,
    assessment: null,
  });
  if (recorded.kind === 'hasEntries') {
    return {
      kind: 'refused',
      text: sv.lagesbild.nothingButEntries(
        escapeMrkdwn(acting.party.name),
        recorded.entryCount,
        weekNumberOf(meeting.week),
      ),
    };
  }
  const changed = recorded.kind === 'recorded';
  if (changed) {
    ctx.log.info({ week: meeting.week, party: acting.party.key }, 'nothing to report recorded');
    await entryChanged(ctx, { week: meeting.week, partyKey: acting.party.key, kind: 'inget' });
  }
  const passed = await ctx.deps.meetings.justLocked(meeting, ctx.db);
  return { kind: 'nothing', meeting, party: acting.party, changed, passed };
}

/** `/lagesbild trafik: …` with the area's first alias, for messages that show the right form. */
export function exampleFor(catalogue: Catalogue, areaKey: string, prefix = `${COMMAND} `): string {
  const area = catalogue.areas.find((a) => a.key === areaKey);
  return `${prefix}${area?.aliases[0] ?? areaKey}: …`;
}

/** The answer to a stored entry or "inget": a receipt, with Ändra and Ta bort for an entry. */
export function outcomeMessage(
  ctx: RequestContext,
  outcome: SubmitOutcome,
  catalogue: Catalogue,
): SlackMessage | string {
  const timezone = ctx.deps.config.schedule.timezone;
  switch (outcome.kind) {
    case 'refused':
      return outcome.text;
    case 'chooseParty':
      return {
        text: sv.lagesbild.chooseNothingParty,
        blocks: [section(sv.lagesbild.chooseNothingParty), ...nothingPartyButtons(outcome.parties)],
      };
    case 'nothing':
      return withPassedNote(
        outcome,
        (outcome.changed ? sv.lagesbild.nothingSaved : sv.lagesbild.nothingAlready)(
          escapeMrkdwn(outcome.party.name),
          meetingWhen(outcome.meeting, timezone, ctx.deps.clock.now()),
          weekNumberOf(outcome.meeting.week),
        ),
      );
    case 'stored': {
      const heading = withPassedNote(
        outcome,
        sv.lagesbild.saved(
          escapeMrkdwn(outcome.party.name),
          meetingWhen(outcome.meeting, timezone, ctx.deps.clock.now()),
          weekNumberOf(outcome.meeting.week),
        ),
      );
      const receipt = entryReceipt({
        heading,
        entry: outcome.entry,
        areaName: catalogue.areaName(outcome.entry.areaKey),
        timezone,
        buttons: true,
        note: outcome.replacedNothing
          ? sv.lagesbild.replacedNothing(escapeMrkdwn(outcome.party.name), weekNumberOf(outcome.meeting.week))
          : null,
        footer: sv.lagesbild.manageHint,
      });
      if (outcome.otherParties.length === 0) return receipt;
      // Stored for the first of the member's parties: said, with one click to move it to another.
      const note = section(sv.lagesbild.firstPartyChosen(escapeMrkdwn(outcome.party.name)));
      return {
        text: `${receipt.text}\n${sv.lagesbild.firstPartyChosen(escapeMrkdwn(outcome.party.name))}`,
        blocks: [...receipt.blocks, note, ...movePartyButtons(outcome.entry.id, outcome.otherParties)],
      };
    }
  }
}

/** A receipt's heading, after the note that the meeting it may have been meant for is locked (if it is). */
function withPassedNote(outcome: { meeting: Meeting; passed: PassedMeeting }, heading: string): string {
  if (outcome.passed === null) return heading;
  const note = (
    outcome.passed.lock.kind === 'started' ? sv.lagesbild.passedStarted : sv.lagesbild.passedCompiled
  )(weekNumberOf(outcome.passed.meeting.week), weekNumberOf(outcome.meeting.week));
  return `${note}\n${heading}`;
}

/** The member's parties other than `chosen`, when they named none (their first was taken); else none. */
async function otherPartiesOf(
  ctx: RequestContext,
  requested: string | null,
  chosen: string,
): Promise<Party[]> {
  if (requested !== null) return [];
  const [actor, catalogue] = await Promise.all([ctx.actor(), ctx.catalogue()]);
  return actor.partyKeys
    .filter((key) => key !== chosen)
    .map((key) => ({ key, name: catalogue.partyName(key) }));
}
