/**
 * `/samverkan` subcommands for memberships and admins (add, remove, list) and the lists of parties and
 * priority areas; listed in commands/samverkan.ts.
 */

import {
  addAdmin,
  addMember,
  listAdmins,
  listMembers,
  removeAdminUnlessLast,
  removeMember,
} from '../../src/db/members.repository.js';
import type { Party } from '../../src/db/parties.repository.js';
import { parseUserReference } from '../../src/domain/command-text.js';
import type { Lookup } from '../../src/domain/lookup.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import { requireAdmin, requireParticipant } from '../../src/kit/guards.js';
import type { CommandContext, Subcommand } from '../../src/kit/kit.js';
import { errorFields } from '../../src/logger.js';
import { packLines, paginate } from '../../src/slack/blocks.js';
import { ambiguousText } from '../../src/slack/catalogue.js';
import { askAdminsText } from '../../src/slack/lagesbild-texts.js';
import { escapeMrkdwn, mention, plainTextFromSlack } from '../../src/slack/mrkdwn.js';

const t = sv.samverkan.members;

function partyList(parties: readonly Party[]): string {
  return parties.map((p) => `\`${escapeMrkdwn(p.key)}\` (${escapeMrkdwn(p.name)})`).join(', ');
}

/** A party that was not found: quoted as typed, with the parties there are, or the ones it could be. */
function partyNotFound(found: Exclude<Lookup<Party>, { kind: 'found' }>, parties: readonly Party[]): string {
  return found.kind === 'ambiguous'
    ? ambiguousText('party', found.typed, found.candidates)
    : t.unknownParty(escapeMrkdwn(found.typed), partyList(parties));
}

type UserCheck = { ok: true } | { ok: false; text: string };

/**
 * Asks Slack whether the user exists and is a person with an active account (users:read). The one Slack call a
 * stored request makes before it changes anything: without it a mistyped id would become a member.
 */
async function checkSlackUser(ctx: RequestContext, userId: string): Promise<UserCheck> {
  try {
    const result = await ctx.deps.slack.web.users.info({ user: userId });
    if (result.user?.deleted) return { ok: false, text: t.userDeactivated(mention(userId)) };
    if (result.user?.is_bot) return { ok: false, text: t.userIsBot(mention(userId)) };
    return { ok: true };
  } catch (error) {
    const slackError = (error as { data?: { error?: string } }).data?.error;
    if (slackError === 'user_not_found' || slackError === 'users_not_found') {
      return { ok: false, text: t.userNotFound(escapeMrkdwn(userId)) };
    }
    ctx.log.warn({ err: errorFields(error), subject: userId }, 'users.info failed');
    return { ok: false, text: t.slackUnavailable };
  }
}

/** The user named first in the text (Slack's `<@U…|name>`), or a reply saying how to name one. */
function namedUser(ctx: CommandContext, example: string): { userId: string; rest: string } | null {
  const reference = parseUserReference(ctx.rawText);
  if (reference === null) {
    ctx.reply(t.needUser(example));
    return null;
  }
  return { userId: reference.userId, rest: plainTextFromSlack(reference.rest) };
}

/** The admin check of every change here; someone else's attempt is refused and logged as what it tried. */
function asAdmin(ctx: RequestContext, resource: 'member' | 'admin', command: string) {
  return requireAdmin(ctx, { action: 'change', resource, detail: { command } });
}

function refreshHomeOf(ctx: RequestContext, userId: string): void {
  ctx.after(() => ctx.deps.notify.homeChanged(userId));
}

async function addMemberCommand(ctx: CommandContext): Promise<void> {
  if (!(await asAdmin(ctx, 'member', 'medlem'))) return;
  const named = namedUser(ctx, t.examples.memberAdd);
  if (named === null) return;
  const catalogue = await ctx.catalogue();
  if (named.rest.trim() === '') return ctx.reply(t.needParty(partyList(catalogue.parties)));
  // Several parties at once are fine (`Region Kalmar län och polisen`); any unknown one stops the whole command
  // before anything changes.
  const found = catalogue.lookupParties(named.rest);
  if (found.kind !== 'found') return ctx.reply(partyNotFound(found, catalogue.parties));
  const chosen = found.items;
  const check = await checkSlackUser(ctx, named.userId);
  if (!check.ok) return ctx.reply(check.text);

  const lines: string[] = [];
  const user = mention(named.userId);
  for (const party of chosen) {
    const added = await addMember(ctx.db, { userId: named.userId, partyKey: party.key }, ctx.userId);
    const name = escapeMrkdwn(party.name);
    lines.push(added ? t.added(user, name) : t.alreadyMember(user, name));
    if (added) {
      ctx.log.info({ subject: named.userId, party: party.key }, 'member added');
      await ctx.audit({
        action: 'change',
        resource: 'member',
        subjectUserId: named.userId,
        partyKey: party.key,
      });
      // A new member hears from the bot what it is and how to use it.
      ctx.send(named.userId, t.welcome(name, mention(ctx.userId)));
    }
  }
  ctx.reply(lines.join('\n'));
  refreshHomeOf(ctx, named.userId);
}

async function removeMemberCommand(ctx: CommandContext): Promise<void> {
  if (!(await asAdmin(ctx, 'member', 'medlem'))) return;
  const named = namedUser(ctx, t.examples.memberRemove);
  if (named === null) return;
  const catalogue = await ctx.catalogue();
  const user = mention(named.userId);
  let party: Party | null = null;
  if (named.rest !== '') {
    const found = catalogue.lookupParty(named.rest);
    if (found.kind !== 'found') return ctx.reply(partyNotFound(found, catalogue.parties));
    party = found.item;
  }
  // No check against Slack here: a member whose account is gone must still be removable.
  const removed = await removeMember(ctx.db, named.userId, party?.key ?? null);
  if (removed.length === 0) {
    return ctx.reply(
      party === null ? t.notMemberAnywhere(user) : t.notMemberOf(user, escapeMrkdwn(party.name)),
    );
  }
  ctx.log.info({ subject: named.userId, parties: removed }, 'member removed');
  await ctx.audit({
    action: 'change',
    resource: 'member',
    subjectUserId: named.userId,
    detail: { partyKeys: removed, kind: 'borttagen' },
  });
  const names = removed.map((key) => `*${escapeMrkdwn(catalogue.partyName(key))}*`).join(', ');
  ctx.reply(t.removed(user, names));
  // The person hears it from the bot, as a new member does, with the change.
  ctx.send(named.userId, t.removedNotice(names, mention(ctx.userId)));
  refreshHomeOf(ctx, named.userId);
}

/** How many users.info calls the member list makes at once: Slack allows far more per minute. */
const USER_CHECKS_AT_ONCE = 8;

/**
 * The users Slack reports as deactivated, asked when the list is shown (users.info); a user Slack cannot tell
 * about now is shown as is. A deactivated user's access also ends when Slack says so (commands/leavers.ts).
 */
async function deactivatedAmong(ctx: RequestContext, userIds: readonly string[]): Promise<Set<string>> {
  const gone = new Set<string>();
  const queue = [...userIds];
  const worker = async () => {
    for (let userId = queue.shift(); userId !== undefined; userId = queue.shift()) {
      try {
        const result = await ctx.deps.slack.web.users.info({ user: userId });
        if (result.user?.deleted === true) gone.add(userId);
      } catch (error) {
        ctx.log.debug({ err: errorFields(error), subject: userId }, 'users.info failed; shown as is');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(USER_CHECKS_AT_ONCE, queue.length) }, worker));
  return gone;
}

async function listMembersCommand(ctx: CommandContext): Promise<void> {
  const allowed = await requireParticipant(ctx, (admins) =>
    t.listNotAllowed(askAdminsText(admins, t.admins)),
  );
  if (allowed === null) return;
  const [catalogue, members, admins] = await Promise.all([
    ctx.catalogue(),
    listMembers(ctx.db),
    listAdmins(ctx.db),
  ]);
  await ctx.audit({ action: 'read', resource: 'member', detail: { count: members.length } });
  const gone = await deactivatedAmong(ctx, [...new Set([...members.map((m) => m.userId), ...admins])]);
  const named = (userId: string) =>
    gone.has(userId) ? `${mention(userId)}${sv.dataskydd.leaver.deactivated}` : mention(userId);
  const lines = catalogue.parties.map((party) => {
    const ids = members.filter((m) => m.partyKey === party.key).map((m) => named(m.userId));
    return t.listParty(
      escapeMrkdwn(party.name),
      escapeMrkdwn(party.key),
      ids.length === 0 ? t.listNone : ids.join(', '),
    );
  });
  const adminLine = t.listAdmins(admins.length === 0 ? t.listNone : admins.map((id) => named(id)).join(', '));
  // Long lists are split over sections and, past Slack's block limit, over messages; never cut.
  const messages = paginate([...packLines(lines), ...packLines([adminLine])], {
    title: (part, total) => (total > 1 ? `${t.listFallback} (${part}/${total})` : t.listFallback),
    fallback: () => t.listFallback,
  });
  for (const message of messages) ctx.reply(message);
}

async function addAdminCommand(ctx: CommandContext): Promise<void> {
  if (!(await asAdmin(ctx, 'admin', 'admin'))) return;
  const named = namedUser(ctx, t.examples.adminAdd);
  if (named === null) return;
  if (named.rest !== '') return ctx.reply(t.tooManyWords(t.examples.adminAdd));
  const check = await checkSlackUser(ctx, named.userId);
  if (!check.ok) return ctx.reply(check.text);
  const user = mention(named.userId);
  const added = await addAdmin(ctx.db, named.userId, ctx.userId);
  if (added) {
    ctx.log.info({ subject: named.userId }, 'admin added');
    await ctx.audit({
      action: 'change',
      resource: 'admin',
      subjectUserId: named.userId,
      detail: { admin: true },
    });
    refreshHomeOf(ctx, named.userId);
  }
  ctx.reply(added ? t.adminAdded(user) : t.alreadyAdmin(user));
}

async function removeAdminCommand(ctx: CommandContext): Promise<void> {
  if (!(await asAdmin(ctx, 'admin', 'admin'))) return;
  const named = namedUser(ctx, t.examples.adminRemove);
  if (named === null) return;
  if (named.rest !== '') return ctx.reply(t.tooManyWords(t.examples.adminRemove));
  const user = mention(named.userId);
  const outcome = await removeAdminUnlessLast(ctx.db, named.userId);
  if (outcome === 'notAdmin') return ctx.reply(t.notAdmin(user));
  if (outcome === 'last') return ctx.reply(t.lastAdmin);
  ctx.log.info({ subject: named.userId }, 'admin removed');
  await ctx.audit({
    action: 'change',
    resource: 'admin',
    subjectUserId: named.userId,
    detail: { admin: false },
  });
  const configured = ctx.deps.config.adminUserIds.includes(named.userId);
  ctx.reply(configured ? `${t.adminRemoved(user)}\n${t.configuredAdmin(user)}` : t.adminRemoved(user));
  refreshHomeOf(ctx, named.userId);
}

async function listPartiesCommand(ctx: CommandContext): Promise<void> {
  const { parties } = await ctx.catalogue();
  const lines = parties.map((p) =>
    sv.katalog.partyLine(
      escapeMrkdwn(p.key),
      escapeMrkdwn(p.name),
      p.aliases.map((alias) => `\`${escapeMrkdwn(alias)}\``).join(', '),
    ),
  );
  ctx.reply([t.partiesTitle, ...lines].join('\n'));
}

async function listAreasCommand(ctx: CommandContext): Promise<void> {
  const { areas } = await ctx.catalogue();
  const lines = areas.map((a) =>
    t.areaLine(escapeMrkdwn(a.name), a.aliases.map((alias) => `\`${escapeMrkdwn(alias)}\``).join(', ')),
  );
  ctx.reply([t.areasTitle, ...lines].join('\n'));
}

const s = sv.samverkan.subcommands;

export const MEMBER_SUBCOMMANDS: readonly Subcommand[] = [
  {
    names: [
      ['medlem', 'lägg', 'till'],
      ['medlem', 'add'],
    ],
    usage: s.memberAdd,
    mode: 'write',
    run: addMemberCommand,
  },
  {
    names: [
      ['medlem', 'ta', 'bort'],
      ['medlem', 'remove'],
    ],
    usage: s.memberRemove,
    mode: 'write',
    run: removeMemberCommand,
  },
  { names: [['medlemmar'], ['members']], usage: s.members, mode: 'read', run: listMembersCommand },
  {
    names: [
      ['admin', 'lägg', 'till'],
      ['admin', 'add'],
    ],
    usage: s.adminAdd,
    mode: 'write',
    run: addAdminCommand,
  },
  {
    names: [
      ['admin', 'ta', 'bort'],
      ['admin', 'remove'],
    ],
    usage: s.adminRemove,
    mode: 'write',
    run: removeAdminCommand,
  },
  { names: [['parter']], usage: s.parties, mode: 'read', run: listPartiesCommand },
  { names: [['områden']], usage: s.areas, mode: 'read', run: listAreasCommand },
];
