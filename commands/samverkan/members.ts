import type { WebClient } from '@slack/web-api';
import {
  addAdmin,
  addMember,
  isAdmin,
  listAdmins,
  listMembers,
  partiesOfUser,
  removeAdminUnlessLast,
  removeMember,
} from '../../src/db/members.repository.js';
import { listAreas, listParties, type Party } from '../../src/db/parties.repository.js';
import type { Deps } from '../../src/deps.js';
import { parseUserReference } from '../../src/domain/command-text.js';
import { findParty } from '../../src/domain/lookup.js';
import { sv } from '../../src/i18n/sv.js';
import { errorFields } from '../../src/logger.js';
import { packLines, paginate } from '../../src/slack/blocks.js';
import { askAdminsText } from '../../src/slack/lagesbild.js';
import { escapeMrkdwn, mention } from '../../src/slack/mrkdwn.js';
import type { Subcommand, SubcommandContext } from '../../src/slack/subcommands.js';
import { refreshHome } from '../lagesbild/shared.js';

const t = sv.samverkan.members;

async function reply(ctx: SubcommandContext, text: string): Promise<void> {
  await ctx.respond({ response_type: 'ephemeral', text });
}

/** True for admins; everyone else is told who the admins are. */
async function requireAdmin(ctx: SubcommandContext): Promise<boolean> {
  if (await isAdmin(ctx.deps.db, ctx.command.user_id)) return true;
  await reply(ctx, t.adminOnly(askAdminsText(await listAdmins(ctx.deps.db), t.admins)));
  return false;
}

function partyList(parties: readonly Party[]): string {
  return parties.map((p) => `\`${escapeMrkdwn(p.key)}\` (${escapeMrkdwn(p.name)})`).join(', ');
}

type UserCheck = { ok: true } | { ok: false; text: string };

/** Asks Slack whether the user exists and is a person with an active account (users:read). */
async function checkSlackUser(client: WebClient, userId: string, deps: Deps): Promise<UserCheck> {
  try {
    const result = await client.users.info({ user: userId });
    if (result.user?.deleted) return { ok: false, text: t.userDeactivated(mention(userId)) };
    if (result.user?.is_bot) return { ok: false, text: t.userIsBot(mention(userId)) };
    return { ok: true };
  } catch (error) {
    const slackError = (error as { data?: { error?: string } }).data?.error;
    if (slackError === 'user_not_found' || slackError === 'users_not_found') {
      return { ok: false, text: t.userNotFound(escapeMrkdwn(userId)) };
    }
    deps.logger.warn({ err: errorFields(error), user: userId }, 'users.info failed');
    return { ok: false, text: t.slackUnavailable };
  }
}

/** The user named first in the text (Slack's `<@U…|name>`), or a reply saying how to name one. */
async function namedUser(
  ctx: SubcommandContext,
  example: string,
): Promise<{ userId: string; rest: string } | null> {
  const reference = parseUserReference(ctx.rest);
  if (reference === null) {
    await reply(ctx, t.needUser(example));
    return null;
  }
  return { userId: reference.userId, rest: reference.rest };
}

async function addMemberCommand(ctx: SubcommandContext): Promise<void> {
  if (!(await requireAdmin(ctx))) return;
  const named = await namedUser(ctx, t.examples.memberAdd);
  if (named === null) return;
  const parties = await listParties(ctx.deps.db);
  const words = named.rest.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return reply(ctx, t.needParty(partyList(parties)));
  // Several parties at once are fine; any unknown one stops the whole command before anything changes.
  const chosen: Party[] = [];
  for (const word of words) {
    const party = findParty(parties, word);
    if (party === null) return reply(ctx, t.unknownParty(escapeMrkdwn(word), partyList(parties)));
    if (!chosen.includes(party)) chosen.push(party);
  }
  const check = await checkSlackUser(ctx.client, named.userId, ctx.deps);
  if (!check.ok) return reply(ctx, check.text);

  const lines: string[] = [];
  const user = mention(named.userId);
  for (const party of chosen) {
    const added = await addMember(
      ctx.deps.db,
      { userId: named.userId, partyKey: party.key },
      ctx.command.user_id,
    );
    const name = escapeMrkdwn(party.name);
    lines.push(added ? t.added(user, name) : t.alreadyMember(user, name));
    if (added) {
      ctx.deps.logger.info({ user: named.userId, party: party.key, by: ctx.command.user_id }, 'member added');
      await welcome(ctx, named.userId, name);
    }
  }
  await reply(ctx, lines.join('\n'));
  refreshHome(ctx.deps, named.userId);
}

/** A new member hears from the bot what it is and how to use it; a failure here changes nothing. */
async function welcome(ctx: SubcommandContext, userId: string, partyName: string): Promise<void> {
  try {
    await ctx.client.chat.postMessage({
      channel: userId,
      text: t.welcome(partyName, mention(ctx.command.user_id)),
    });
  } catch (error) {
    ctx.deps.logger.warn({ err: errorFields(error), user: userId }, 'welcome message failed');
  }
}

async function removeMemberCommand(ctx: SubcommandContext): Promise<void> {
  if (!(await requireAdmin(ctx))) return;
  const named = await namedUser(ctx, t.examples.memberRemove);
  if (named === null) return;
  const parties = await listParties(ctx.deps.db);
  const user = mention(named.userId);
  let party: Party | null = null;
  if (named.rest !== '') {
    party = findParty(parties, named.rest);
    if (party === null) return reply(ctx, t.unknownParty(escapeMrkdwn(named.rest), partyList(parties)));
  }
  // No check against Slack here: a member whose account is gone must still be removable.
  const removed = await removeMember(ctx.deps.db, named.userId, party?.key ?? null);
  if (removed.length === 0) {
    return reply(
      ctx,
      party === null ? t.notMemberAnywhere(user) : t.notMemberOf(user, escapeMrkdwn(party.name)),
    );
  }
  ctx.deps.logger.info({ user: named.userId, parties: removed, by: ctx.command.user_id }, 'member removed');
  const names = removed
    .map((key) => `*${escapeMrkdwn(parties.find((p) => p.key === key)?.name ?? key)}*`)
    .join(', ');
  await reply(ctx, t.removed(user, names));
  refreshHome(ctx.deps, named.userId);
}

async function listMembersCommand(ctx: SubcommandContext): Promise<void> {
  const { db } = ctx.deps;
  const userId = ctx.command.user_id;
  const [admin, own] = await Promise.all([isAdmin(db, userId), partiesOfUser(db, userId)]);
  if (!admin && own.length === 0) {
    return reply(ctx, t.listNotAllowed(askAdminsText(await listAdmins(db), t.admins)));
  }
  const [parties, members, admins] = await Promise.all([listParties(db), listMembers(db), listAdmins(db)]);
  const lines = [
    ...parties.map((party) => {
      const ids = members.filter((m) => m.partyKey === party.key).map((m) => mention(m.userId));
      return t.listParty(
        escapeMrkdwn(party.name),
        escapeMrkdwn(party.key),
        ids.length === 0 ? t.listNone : ids.join(', '),
      );
    }),
  ];
  const adminLine = t.listAdmins(
    admins.length === 0 ? t.listNone : admins.map((id) => mention(id)).join(', '),
  );
  // Long lists are split over sections and, past Slack's block limit, over messages; never cut.
  const messages = paginate([...packLines(lines), ...packLines([adminLine])], {
    title: (part, total) => (total > 1 ? `${t.listFallback} (${part}/${total})` : t.listFallback),
    fallback: () => t.listFallback,
  });
  for (const message of messages) {
    await ctx.respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  }
}

async function addAdminCommand(ctx: SubcommandContext): Promise<void> {
  if (!(await requireAdmin(ctx))) return;
  const named = await namedUser(ctx, t.examples.adminAdd);
  if (named === null) return;
  if (named.rest !== '') return reply(ctx, t.tooManyWords(t.examples.adminAdd));
  const check = await checkSlackUser(ctx.client, named.userId, ctx.deps);
  if (!check.ok) return reply(ctx, check.text);
  const user = mention(named.userId);
  const added = await addAdmin(ctx.deps.db, named.userId, ctx.command.user_id);
  if (added) ctx.deps.logger.info({ user: named.userId, by: ctx.command.user_id }, 'admin added');
  await reply(ctx, added ? t.adminAdded(user) : t.alreadyAdmin(user));
  if (added) refreshHome(ctx.deps, named.userId);
}

async function removeAdminCommand(ctx: SubcommandContext): Promise<void> {
  if (!(await requireAdmin(ctx))) return;
  const named = await namedUser(ctx, t.examples.adminRemove);
  if (named === null) return;
  if (named.rest !== '') return reply(ctx, t.tooManyWords(t.examples.adminRemove));
  const user = mention(named.userId);
  const outcome = await removeAdminUnlessLast(ctx.deps.db, named.userId);
  if (outcome === 'notAdmin') return reply(ctx, t.notAdmin(user));
  if (outcome === 'last') return reply(ctx, t.lastAdmin);
  ctx.deps.logger.info({ user: named.userId, by: ctx.command.user_id }, 'admin removed');
  const configured = ctx.deps.config.adminUserIds.includes(named.userId);
  await reply(ctx, configured ? `${t.adminRemoved(user)}\n${t.configuredAdmin(user)}` : t.adminRemoved(user));
  refreshHome(ctx.deps, named.userId);
}

async function listPartiesCommand(ctx: SubcommandContext): Promise<void> {
  const parties = await listParties(ctx.deps.db);
  const lines = parties.map((p) => t.partyLine(escapeMrkdwn(p.key), escapeMrkdwn(p.name)));
  await reply(ctx, [t.partiesTitle, ...lines].join('\n'));
}

async function listAreasCommand(ctx: SubcommandContext): Promise<void> {
  const areas = await listAreas(ctx.deps.db);
  const lines = areas.map((a) =>
    t.areaLine(escapeMrkdwn(a.name), a.aliases.map((alias) => `\`${escapeMrkdwn(alias)}\``).join(', ')),
  );
  await reply(ctx, [t.areasTitle, ...lines].join('\n'));
}

/** `/samverkan` subcommands for parties, members and admins; listed in commands/samverkan.ts. */
export const MEMBER_SUBCOMMANDS: readonly Subcommand[] = [
  {
    names: [
      ['medlem', 'lägg', 'till'],
      ['medlem', 'add'],
    ],
    usage: sv.samverkan.subcommands.memberAdd,
    run: addMemberCommand,
  },
  {
    names: [
      ['medlem', 'ta', 'bort'],
      ['medlem', 'remove'],
    ],
    usage: sv.samverkan.subcommands.memberRemove,
    run: removeMemberCommand,
  },
  { names: [['medlemmar'], ['members']], usage: sv.samverkan.subcommands.members, run: listMembersCommand },
  {
    names: [
      ['admin', 'lägg', 'till'],
      ['admin', 'add'],
    ],
    usage: sv.samverkan.subcommands.adminAdd,
    run: addAdminCommand,
  },
  {
    names: [
      ['admin', 'ta', 'bort'],
      ['admin', 'remove'],
    ],
    usage: sv.samverkan.subcommands.adminRemove,
    run: removeAdminCommand,
  },
  { names: [['parter']], usage: sv.samverkan.subcommands.parties, run: listPartiesCommand },
  { names: [['områden']], usage: sv.samverkan.subcommands.areas, run: listAreasCommand },
];
