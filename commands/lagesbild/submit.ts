import { insertEntry, recordNothingToReport } from '../../src/db/entries.repository.js';
import { partiesOfUser } from '../../src/db/members.repository.js';
import type { Party } from '../../src/db/parties.repository.js';
import type { Deps } from '../../src/deps.js';
import type { LagesbildRequest } from '../../src/domain/command-text.js';
import type { Entry, EntrySource } from '../../src/domain/entry.js';
import { checkEntryFields, entryFields } from '../../src/domain/entry-input.js';
import { type Meeting, meetingOfWeek, weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { afterChange, type LoadedCatalogue, notMemberText, openMeeting, partyName } from './shared.js';

export type EntryRequest = Extract<LagesbildRequest, { kind: 'entry' }>;
export type NothingRequest = Extract<LagesbildRequest, { kind: 'nothing' }>;

export type SubmitOutcome =
  | {
      readonly kind: 'stored';
      readonly entry: Entry;
      /** False when this submission (same idempotency key) was stored before: a repeat. */
      readonly created: boolean;
      readonly meeting: Meeting;
      readonly party: Party;
    }
  | { readonly kind: 'nothing'; readonly meeting: Meeting; readonly party: Party; readonly changed: boolean }
  /** Nothing stored; `text` (mrkdwn) says why. */
  | { readonly kind: 'refused'; readonly text: string };

export type ActingParty =
  | { readonly party: Party }
  /**
   * `refused` (mrkdwn) says why. `noParty`: the user belongs to no party at all, and the text names the admins
   * to ask; otherwise the party asked for is not one of theirs.
   */
  | { readonly refused: string; readonly noParty: boolean };

/**
 * The one membership check for acting on a party's picture (submitting, saying "inget", changing an entry):
 * the party the user named, or their first. Refused when they belong to none, or not to that one.
 */
export async function actingParty(
  deps: Deps,
  userId: string,
  requested: string | null,
  catalogue: LoadedCatalogue,
): Promise<ActingParty> {
  const own = await partiesOfUser(deps.db, userId);
  if (own.length === 0) return { refused: await notMemberText(deps, userId), noParty: true };
  const key = requested ?? (own[0] as string);
  if (!own.includes(key)) {
    const ownNames = own.map((k) => `*${escapeMrkdwn(partyName(catalogue, k))}* (\`${k}\`)`).join(', ');
    return {
      refused: sv.lagesbild.notMemberOfParty(escapeMrkdwn(partyName(catalogue, key)), ownNames),
      noParty: false,
    };
  }
  return { party: { key, name: partyName(catalogue, key) } };
}

/**
 * One entry from the one-liner (`/lagesbild trafik: …`) or an answer in chat, for the coming meeting.
 * `example` is how the user would type a correct one in the same place, for the messages about mistakes.
 */
export async function submitEntry(
  deps: Deps,
  input: {
    userId: string;
    request: EntryRequest;
    source: EntrySource;
    idempotencyKey: string;
    catalogue: LoadedCatalogue;
    example: string;
  },
): Promise<SubmitOutcome> {
  const acting = await actingParty(deps, input.userId, input.request.partyKey, input.catalogue);
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
  const meeting = await openMeeting(deps);
  const { entry, created } = await insertEntry(deps.db, {
    meetingWeek: meeting.week,
    partyKey: acting.party.key,
    areaKey: input.request.areaKey,
    text: fields.text,
    place: null,
    when: null,
    trend: null,
    authorUserId: input.userId,
    source: input.source,
    idempotencyKey: input.idempotencyKey,
  });
  if (created) {
    deps.logger.info(
      { entryId: entry.id, week: entry.meetingWeek, party: entry.partyKey, source: input.source },
      'entry stored',
    );
    await afterChange(deps, entry.meetingWeek, input.userId);
  }
  // A repeat of a submission made just before a meeting started still names the meeting it landed in.
  const landed =
    entry.meetingWeek === meeting.week ? meeting : meetingOfWeek(entry.meetingWeek, deps.config.schedule);
  return { kind: 'stored', entry, created, meeting: landed, party: acting.party };
}

/** "Inget att rapportera" for the coming meeting; refused while the party has entries for it. */
export async function reportNothing(
  deps: Deps,
  input: { userId: string; request: NothingRequest; catalogue: LoadedCatalogue },
): Promise<SubmitOutcome> {
  const acting = await actingParty(deps, input.userId, input.request.partyKey, input.catalogue);
  if ('refused' in acting) return { kind: 'refused', text: acting.refused };
  const meeting = await openMeeting(deps);
  const recorded = await recordNothingToReport(deps.db, {
    week: meeting.week,
    partyKey: acting.party.key,
    userId: input.userId,
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
    deps.logger.info({ week: meeting.week, party: acting.party.key }, 'nothing to report recorded');
    await afterChange(deps, meeting.week, input.userId);
  }
  return { kind: 'nothing', meeting, party: acting.party, changed };
}
