/**
 * `/protokoll …`: the meeting's minutes during the meeting. `/protokoll <text>` writes a note and `/protokoll
 * beslut: <text>` a decision to the meeting a decision made now belongs to (the one going on, else the next one
 * held); `närvaro <part…>` marks parties present; `visa` shows the minutes so far; with no text, the form. Every
 * change is stored before the ack and carried out once; a personal identity number is refused in the ack itself.
 */

import { addMeetingNote, getMinutes, listPresent, markPresent } from '../../src/db/minutes.repository.js';
import { lookupList } from '../../src/domain/lookup.js';
import { MEETING_NOTE_MAX, readNoteCommand, validateMeetingNote } from '../../src/domain/minutes.js';
import { findPersonalIdentityNumber } from '../../src/domain/personnummer.js';
import { weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import type { CommandContext, CommandSpec, Subcommand } from '../../src/kit/kit.js';
import { nameSourceOf, refreshDisplayName, storedDisplayNames } from '../../src/services/user-names.js';
import { ambiguousText } from '../../src/slack/catalogue.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { renderMinutesSoFar } from '../../src/slack/protokoll.js';
import { openNoteForm, requireMinutesWriter } from './forms.js';

export const COMMAND = '/protokoll';

const p = sv.protokoll;

function helpText(): string {
  return [p.helpTitle, sv.common.helpLines(Object.values(p.subcommands)), p.helpFooter].join('\n');
}

/** Whose name the minutes will show is at hand before they are posted (src/services/user-names.ts). */
function refreshNameOf(ctx: RequestContext): void {
  ctx.after(() => refreshDisplayName(nameSourceOf(ctx.deps), ctx.userId));
}

/** `/protokoll <text>` and `/protokoll beslut: <text>`. */
async function writeNote(ctx: CommandContext): Promise<void> {
  if ((await requireMinutesWriter(ctx)) === null) return;
  const { kind, text } = readNoteCommand(ctx.text);
  const checked = validateMeetingNote(text);
  if (!checked.ok) {
    const problem = checked.problem;
    ctx.reply(
      problem === 'required'
        ? p.empty
        : problem === 'tooLong'
          ? p.tooLong(MEETING_NOTE_MAX, checked.length)
          : p.personnummer,
    );
    return;
  }
  const { meeting, now } = await ctx.deps.meetings.decisionCalendar(null, ctx.db);
  const { note, created } = await addMeetingNote(ctx.db, {
    week: meeting.week,
    kind,
    text: checked.text,
    authorUserId: ctx.userId,
    idempotencyKey: ctx.requestKey,
    at: now,
  });
  ctx.log.info({ week: meeting.week, kind, created }, 'minutes note written');
  if (created)
    await ctx.audit({ action: 'change', resource: 'note', meetingWeek: meeting.week, detail: { kind } });
  ctx.reply(p.saved(note.kind, weekNumberOf(meeting.week), escapeMrkdwn(note.text)));
  refreshNameOf(ctx);
}

/** `/protokoll närvaro <part…>`: marks the parties named present (`polisen kommunen`, full names too). */
async function markAttendance(ctx: CommandContext): Promise<void> {
  if ((await requireMinutesWriter(ctx)) === null) return;
  const catalogue = await ctx.catalogue();
  const partyList = catalogue.parties.map((party) => `\`${escapeMrkdwn(party.key)}\``).join(', ');
  if (ctx.text.trim() === '') return ctx.reply(p.needParty(partyList));
  const found = lookupList(catalogue.parties, ctx.text);
  if (found.kind === 'unknown') return ctx.reply(p.unknownParty(escapeMrkdwn(found.typed), partyList));
  if (found.kind === 'ambiguous') return ctx.reply(ambiguousText('party', found.typed, found.candidates));
  const { meeting, now } = await ctx.deps.meetings.decisionCalendar(null, ctx.db);
  const added = await markPresent(
    ctx.db,
    meeting.week,
    found.items.map((party) => party.key),
    { userId: ctx.userId, at: now },
  );
  ctx.log.info({ week: meeting.week, added: added.length }, 'attendance marked');
  if (added.length > 0)
    await ctx.audit({
      action: 'change',
      resource: 'meeting',
      meetingWeek: meeting.week,
      detail: { kind: 'narvaro', partyKeys: added },
    });
  const present = (await listPresent(ctx.db, meeting.week))
    .map((key) => escapeMrkdwn(catalogue.partyName(key)))
    .join(', ');
  const week = weekNumberOf(meeting.week);
  ctx.reply(added.length > 0 ? p.marked(week, present) : p.alreadyMarked(week, present));
  refreshNameOf(ctx);
}

/** `/protokoll visa`: the minutes so far of the meeting a note written now would go to. */
async function showMinutes(ctx: CommandContext): Promise<void> {
  if ((await requireMinutesWriter(ctx)) === null) return;
  const [{ meeting }, catalogue] = await Promise.all([
    ctx.deps.meetings.decisionCalendar(null, ctx.db),
    ctx.catalogue(),
  ]);
  const minutes = await getMinutes(ctx.db, meeting.week);
  const people = await storedDisplayNames(
    ctx.db,
    minutes.notes.map((note) => note.authorUserId),
  );
  await ctx.audit({
    action: 'read',
    resource: 'note',
    meetingWeek: meeting.week,
    detail: { count: minutes.notes.length },
  });
  const messages = renderMinutesSoFar({
    meeting,
    timezone: ctx.deps.config.schedule.timezone,
    minutes,
    parties: catalogue.parties,
    people,
  });
  for (const message of messages) ctx.reply(message);
}

const SUBCOMMANDS: readonly Subcommand[] = [
  {
    names: [['närvaro'], ['narvaro'], ['närvarande']],
    usage: p.subcommands.attendance,
    mode: 'write',
    run: markAttendance,
  },
  { names: [['visa']], usage: p.subcommands.show, mode: 'read', run: showMinutes },
  {
    names: [['hjälp'], ['help']],
    usage: p.subcommands.help,
    mode: 'read',
    run: async (ctx) => ctx.reply(helpText()),
  },
];

export const protokollCommand: CommandSpec = {
  command: COMMAND,
  subcommands: SUBCOMMANDS,
  empty: { mode: 'modal', run: (ctx) => openNoteForm(ctx, null) },
  // Any other text is a note or, with `beslut:`, a decision.
  otherwise: { mode: 'write', run: writeNote },
  help: async () => helpText(),
  // The minutes are kept for good: a personal identity number is refused before anything is stored.
  screen: (text) => (findPersonalIdentityNumber(text) !== null ? p.personnummer : null),
};
