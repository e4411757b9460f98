/**
 * Who may do what with the joint priorities, one refusal per rule. Reading them and contributing (registering,
 * changing, following up) is for the parties' members and the admins; closing or reopening one, and changing
 * who is responsible, only for members of a responsible party and the admins (mayClose).
 */

import { listAdmins } from '../../src/db/members.repository.js';
import type { Actor } from '../../src/domain/actor.js';
import { mayContribute } from '../../src/domain/priorities.js';
import type { RequestContext } from '../../src/kit/context.js';
import { requireParticipant } from '../../src/kit/guards.js';
import { notMemberFieldError } from '../../src/slack/plain-text.js';
import { mayNotContributeText, mayNotReadText } from '../../src/slack/priority-texts.js';

/** `lista` and `visa`: a refused person is told the priorities are for participants, and whom to ask. */
export function requireReader(ctx: RequestContext): Promise<Actor | null> {
  return requireParticipant(ctx, mayNotReadText);
}

/** Opening a form, or a button that changes a priority: a refused person is told whom to ask. */
export function requireContributor(ctx: RequestContext): Promise<Actor | null> {
  return requireParticipant(ctx, mayNotContributeText);
}

/**
 * The same rule in a form's submission (someone who left their party while the form was open), as a field
 * error: plain text, where a mention would show as `<@U…>`. The admins' names are not known here (asking Slack
 * does not fit before the ack), so it names none. Null when the user may contribute.
 */
export async function contributorFieldError(ctx: RequestContext): Promise<string | null> {
  if (mayContribute(await ctx.actor())) return null;
  ctx.log.info({ rule: 'participant' }, 'refused');
  const admins = await listAdmins(ctx.db);
  return notMemberFieldError(admins.map(() => null));
}
