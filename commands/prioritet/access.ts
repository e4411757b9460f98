/**
 * Who may do what with the joint priorities, one refusal per rule. Reading them and contributing (registering,
 * changing, following up) is for the parties' members and the admins; closing or reopening one, and changing
 * who is responsible, only for members of a responsible party and the admins (mayClose).
 */

import { getPriority } from '../../src/db/priorities.repository.js';
import type { Actor } from '../../src/domain/actor.js';
import type { JointPriority } from '../../src/domain/priorities.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import { participantFieldError, requireParticipant } from '../../src/kit/guards.js';
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
 * Priority `id` for a contributor to open a form on (Ändra, Följ upp, Klarmarkera, Avbryt); null, with the
 * refusal or "not found" answered, otherwise. The two reads run together.
 */
export async function priorityToChange(
  ctx: RequestContext,
  id: number,
): Promise<{ actor: Actor; priority: JointPriority } | null> {
  const [actor, priority] = await Promise.all([requireContributor(ctx), getPriority(ctx.db, id)]);
  if (actor === null) return null;
  if (priority === null) {
    ctx.reply(sv.prioritet.notFound(id));
    return null;
  }
  return { actor, priority };
}

/**
 * The same rule in a form's submission, as a field error. The admins' names are not known here (asking Slack
 * does not fit before the ack), so it names none. Null when the user may contribute.
 */
export function contributorFieldError(ctx: RequestContext): Promise<string | null> {
  return participantFieldError(ctx, (admins) => notMemberFieldError(admins.map(() => null)));
}
