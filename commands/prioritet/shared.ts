import { isAdmin, listAdmins, partiesOfUser } from '../../src/db/members.repository.js';
import type { Deps } from '../../src/deps.js';
import type { Actor } from '../../src/domain/priorities.js';
import { sv } from '../../src/i18n/sv.js';
import type { SlackMessage } from '../../src/slack/blocks.js';
import { mention } from '../../src/slack/mrkdwn.js';

/** Who is acting: their parties and whether they are an admin (two queries, in parallel). */
export async function loadActor(deps: Deps, userId: string): Promise<Actor> {
  const [partyKeys, admin] = await Promise.all([partiesOfUser(deps.db, userId), isAdmin(deps.db, userId)]);
  return { userId, partyKeys, isAdmin: admin };
}

/** "You are not a member; ask one of these admins", naming them. */
export async function notMemberText(deps: Deps): Promise<string> {
  const admins = await listAdmins(deps.db);
  return admins.length === 0 ? sv.prioritet.noAdmins : sv.prioritet.notMember(admins.map(mention).join(', '));
}

/**
 * Logs a failure with ids only. A Postgres error (it has a five-character SQLSTATE code) is logged by its code
 * and the names of the constraint, table and column: its message and detail can quote the values users typed.
 */
export function logFailure(deps: Deps, error: unknown, message: string, ids: Record<string, unknown>): void {
  let err: Record<string, unknown>;
  if (!(error instanceof Error)) err = { message: 'non-error thrown' };
  else {
    const { code, constraint, table, column } = error as Error & Record<string, unknown>;
    err =
      typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
        ? { name: error.name, code, constraint, table, column }
        : { name: error.name, message: error.message, code };
  }
  deps.logger.error({ ...ids, err }, message);
}

/** An ephemeral answer through a response_url, added below the message rather than replacing it. */
export function ephemeral(message: SlackMessage | string) {
  return typeof message === 'string'
    ? { response_type: 'ephemeral' as const, replace_original: false, text: message }
    : { response_type: 'ephemeral' as const, replace_original: false, ...message };
}
