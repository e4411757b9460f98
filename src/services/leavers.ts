/**
 * A person who leaves the organisation loses access at once: on Slack's `user_change` with `deleted: true`
 * their memberships and admin right end in one transaction, with the access log's record of it.
 */

import { recordAccessMany } from '../db/access-log.repository.js';
import { type Executor, inTransaction } from '../db/database.js';
import { endUserAccess } from '../db/personal-data.repository.js';
import type { AccessRecord, AccessVia } from '../domain/access-log.js';

/** Why access ended, as a category for the log: deactivated in Slack, or ended by an admin. */
export type EndAccessReason = 'avaktiverad' | 'avslutad';

export interface EndAccessResult {
  /** The parties the user was a member of (now ended), in key order. */
  readonly partyKeys: readonly string[];
  readonly wasAdmin: boolean;
  /**
   * The user was the last admin and is removed all the same (a deactivated account cannot administer): the
   * caller must warn — nobody can run admin commands until an admin is added (ADMIN_USER_IDS and a restart).
   */
  readonly noAdminsLeft: boolean;
}

export async function endAccess(
  db: Executor,
  userId: string,
  options: { readonly by: string; readonly reason: EndAccessReason; readonly via?: AccessVia },
): Promise<EndAccessResult> {
  return inTransaction(db, async (trx) => {
    const ended = await endUserAccess(trx, userId);
    const base = {
      actorUserId: options.by,
      action: 'change',
      via: options.via ?? 'handelse',
      subjectUserId: userId,
    } as const;
    const records: AccessRecord[] = [];
    if (ended.partyKeys.length > 0)
      records.push({
        ...base,
        resource: 'member',
        detail: { reason: options.reason, partyKeys: ended.partyKeys },
      });
    if (ended.wasAdmin) records.push({ ...base, resource: 'admin', detail: { reason: options.reason } });
    await recordAccessMany(trx, records);
    return {
      partyKeys: ended.partyKeys,
      wasAdmin: ended.wasAdmin,
      noAdminsLeft: ended.wasAdmin && ended.adminsLeft === 0,
    };
  });
}
