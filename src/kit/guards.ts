/**
 * Who may do what, checked in one place per rule; a refused person is answered by the guard itself, with the
 * admins to ask named by the caller's text (`refusal` gets their ids). The guards return the actor when allowed,
 * null when refused (the handler then stops).
 */

import { listAdmins } from '../db/members.repository.js';
import type { AccessRecord } from '../domain/access-log.js';
import { type Actor, isParticipant } from '../domain/actor.js';
import { sv } from '../i18n/sv.js';
import { askAdminsText } from '../slack/lagesbild-texts.js';
import { mention } from '../slack/mrkdwn.js';
import type { RequestContext } from './context.js';

type Refusal = (adminIds: readonly string[]) => string;

/** What was attempted, for the access log's record of a refusal. */
export type Attempt = Omit<AccessRecord, 'actorUserId' | 'via' | 'outcome'>;

async function refuse(ctx: RequestContext, refusal: Refusal, rule: string, attempt?: Attempt): Promise<null> {
  ctx.log.info({ rule }, 'refused');
  if (attempt !== undefined) await ctx.audit({ ...attempt, outcome: 'refused' });
  ctx.reply(refusal(await listAdmins(ctx.db)));
  return null;
}

/** A member of any party, or an admin: reads the compiled picture, the parties' status and the priorities. */
export async function requireParticipant(ctx: RequestContext, refusal: Refusal): Promise<Actor | null> {
  const actor = await ctx.actor();
  return isParticipant(actor) ? actor : refuse(ctx, refusal, 'participant');
}

/**
 * The same rule in a form's submission (someone who left their party while the form was open): the refusal as
 * a field error, which Slack shows as plain text, so it should name no one by mention. Null when allowed.
 */
export async function participantFieldError(ctx: RequestContext, refusal: Refusal): Promise<string | null> {
  if (isParticipant(await ctx.actor())) return null;
  ctx.log.info({ rule: 'participant' }, 'refused');
  return refusal(await listAdmins(ctx.db));
}

/** A member of some party: submits a lägesbild for it. */
export async function requireMember(ctx: RequestContext, refusal: Refusal): Promise<Actor | null> {
  const actor = await ctx.actor();
  return actor.partyKeys.length > 0 ? actor : refuse(ctx, refusal, 'member');
}

/** "Only admins may do this", naming the admins (or saying there are none yet). */
const adminOnly: Refusal = (adminIds) =>
  sv.samverkan.members.adminOnly(askAdminsText(adminIds, sv.samverkan.members.admins));

/**
 * An admin: changes members, admins, parties, areas and the calendar, and reads the access log. Someone else's
 * attempt is itself recorded in the access log. A command may refuse in its own words (`sentence`, given the
 * admins as mentions, `<@A>, <@B>`, or '' when there are none); by default the refusal is adminOnly.
 */
export async function requireAdmin(
  ctx: RequestContext,
  attempt: Attempt,
  sentence?: (adminMentions: string) => string,
): Promise<Actor | null> {
  const actor = await ctx.actor();
  if (actor.isAdmin) return actor;
  const refusal: Refusal =
    sentence === undefined ? adminOnly : (adminIds) => sentence(adminIds.map(mention).join(', '));
  return refuse(ctx, refusal, 'admin', attempt);
}
