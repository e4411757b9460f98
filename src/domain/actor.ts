/** Who is acting on a request: their parties and whether they administer the bot. */
export interface Actor {
  readonly userId: string;
  readonly partyKeys: readonly string[];
  readonly isAdmin: boolean;
}

/**
 * Takes part in the cooperation: a member of any party, or an admin. Participants read the compiled picture,
 * the parties' status and the joint priorities; everyone else is told which admins to ask.
 */
export function isParticipant(actor: Actor): boolean {
  return actor.partyKeys.length > 0 || actor.isAdmin;
}
