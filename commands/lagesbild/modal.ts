/**
 * Opening the `/lagesbild` form: for a new entry to the coming meeting, or on an existing entry (Ändra). Called at
 * once with a fresh trigger (it expires after three seconds): a few reads, then views.open. Someone who may not
 * is answered instead.
 */

import { randomUUID } from 'node:crypto';
import { getEntry } from '../../src/db/entries.repository.js';
import { listPartyStatuses } from '../../src/db/party-reports.repository.js';
import type { Entry } from '../../src/domain/entry.js';
import { formatLocalDateTime, type MeetingWeek, weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import type { FormOpener } from '../../src/kit/kit.js';
import { type MovedOnWhy, nothingModal, submissionModal } from '../../src/slack/lagesbild-modal.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { actingParty, notMemberText } from './submit.js';

export async function openSubmissionModal(
  ctx: FormOpener,
  options: { origin: string | null; requestedWeek: MeetingWeek | null; nothing?: boolean },
): Promise<void> {
  const [catalogue, actor] = await Promise.all([ctx.catalogue(), ctx.actor()]);
  const own = actor.partyKeys;
  if (own.length === 0) {
    ctx.reply(await notMemberText(ctx));
    return;
  }
  const meeting = await ctx.deps.meetings.open(ctx.db);
  const single = own.length === 1 ? (own[0] as string) : null;
  // With one party its current overall assessment is preselected; with several it depends on the choice.
  const assessment =
    single === null
      ? null
      : ((await listPartyStatuses(ctx.db, meeting.week)).find((s) => s.partyKey === single)?.assessment ??
        null);
  const input = {
    meeting,
    timezone: ctx.deps.config.schedule.timezone,
    parties: own.map((key) => ({ key, name: catalogue.partyName(key) })),
    metadata: {
      key: randomUUID(),
      week: meeting.week,
      origin: options.origin,
      entryId: null,
      partyKey: single,
    },
    assessment,
    requestedWeek: options.requestedWeek,
    requestedWhy: await movedOnWhy(ctx, options.requestedWeek, meeting.week),
    now: ctx.deps.clock.now(),
  };
  await ctx.openView(
    options.nothing === true
      ? nothingModal(input)
      : submissionModal({ ...input, areas: catalogue.areas, entry: null }),
  );
  ctx.log.debug({ week: meeting.week }, 'submission modal opened');
}

/** Why a button's meeting takes no more (the form then says so and is for the open meeting), or null. */
async function movedOnWhy(
  ctx: RequestContext,
  requested: MeetingWeek | null,
  open: MeetingWeek,
): Promise<MovedOnWhy | null> {
  if (requested === null || requested === open) return null;
  const { state, lock } = await ctx.deps.meetings.ofWeek(requested, ctx.db);
  if (state.cancelled) return { kind: 'cancelled', reason: state.reason };
  return lock === null ? null : { kind: lock.kind };
}

/** Why the user may not change an entry now (not of their party, or locked), or null when they may. */
export async function changeRefusal(ctx: RequestContext, entry: Entry): Promise<string | null> {
  const acting = await actingParty(ctx, entry.partyKey);
  if ('refused' in acting) {
    const catalogue = await ctx.catalogue();
    return sv.lagesbild.otherPartysEntry(escapeMrkdwn(catalogue.partyName(entry.partyKey)));
  }
  return lockRefusal(ctx, entry.meetingWeek);
}

/** Entry `entryId` if the user may change it now; otherwise null, with the reason answered. */
export async function changeableEntry(ctx: RequestContext, entryId: number): Promise<Entry | null> {
  const entry = await getEntry(ctx.db, entryId);
  const refusal = entry === null ? sv.lagesbild.entryGone : await changeRefusal(ctx, entry);
  if (refusal !== null) {
    ctx.reply(refusal);
    return null;
  }
  return entry;
}

/**
 * Why a week's lägesbild takes no more changes now (its meeting started, or its picture was compiled early), in
 * the words of the place asking (a reply, or a form's field error), or null while it is open.
 */
export async function lockRefusal(
  ctx: RequestContext,
  week: MeetingWeek,
  texts: { started: LockText; compiled: LockText } = {
    started: sv.lagesbild.locked,
    compiled: sv.lagesbild.lockedCompiled,
  },
): Promise<string | null> {
  const { lock } = await ctx.deps.meetings.ofWeek(week, ctx.db);
  if (lock === null) return null;
  const at = formatLocalDateTime(lock.at, ctx.deps.config.schedule.timezone);
  return (lock.kind === 'started' ? texts.started : texts.compiled)(weekNumberOf(week), at);
}

type LockText = (weekNumber: number, at: string) => string;

/** The access log's record of an entry's text shown to the user (a form prefilled with it, a question about it). */
export function auditEntryRead(ctx: RequestContext, entry: Entry): Promise<void> {
  return ctx.audit({
    action: 'read',
    resource: 'entry',
    meetingWeek: entry.meetingWeek,
    partyKey: entry.partyKey,
    entryIds: [entry.id],
  });
}

/** Opens the form on an existing entry (the Ändra button), after checking the user may change it. */
export async function openEditModal(ctx: FormOpener, entryId: number, origin: string | null): Promise<void> {
  const [catalogue, entry] = await Promise.all([ctx.catalogue(), changeableEntry(ctx, entryId)]);
  if (entry === null) return;
  const status = (await listPartyStatuses(ctx.db, entry.meetingWeek)).find(
    (s) => s.partyKey === entry.partyKey,
  );
  await auditEntryRead(ctx, entry);
  await ctx.openView(
    submissionModal({
      meeting: (await ctx.deps.meetings.ofWeek(entry.meetingWeek, ctx.db)).meeting,
      timezone: ctx.deps.config.schedule.timezone,
      parties: [{ key: entry.partyKey, name: catalogue.partyName(entry.partyKey) }],
      areas: catalogue.areas,
      metadata: {
        key: randomUUID(),
        week: entry.meetingWeek,
        origin,
        entryId: entry.id,
        partyKey: entry.partyKey,
      },
      entry,
      assessment: status?.assessment ?? null,
    }),
  );
}
