/**
 * `/samverkan radera <post-id> <orsak>`: an admin removes one entry's free text at any time, for what must not
 * be kept. The row stays (its week, party, area and trend still count); the reason is stored on the entry, and
 * the access log records that it was done — never the reason, which is an admin's own words.
 * The caller has checked that the actor is an admin (and logged a refusal otherwise).
 */

import { recordAccess } from '../db/access-log.repository.js';
import { type Executor, inTransaction } from '../db/database.js';
import { purgeEntryText } from '../db/retention.repository.js';
import type { AccessVia } from '../domain/access-log.js';
import { type PurgeReasonProblem, purgeReasonProblem } from '../domain/retention.js';

export type EntryTextRemoval =
  | { readonly kind: 'removed'; readonly meetingWeek: string; readonly partyKey: string }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'alreadyPurged'; readonly purgedAt: Date }
  | { readonly kind: 'badReason'; readonly problem: PurgeReasonProblem };

export async function removeEntryText(
  db: Executor,
  input: {
    readonly entryId: number;
    readonly actorUserId: string;
    readonly reason: string;
    readonly via: AccessVia;
  },
): Promise<EntryTextRemoval> {
  const problem = purgeReasonProblem(input.reason);
  if (problem !== null) return { kind: 'badReason', problem };
  return inTransaction(db, async (trx) => {
    const result = await purgeEntryText(trx, {
      entryId: input.entryId,
      by: input.actorUserId,
      reason: input.reason.trim(),
    });
    if (result.kind !== 'purged') return result;
    await recordAccess(trx, {
      actorUserId: input.actorUserId,
      action: 'change',
      resource: 'entry',
      via: input.via,
      meetingWeek: result.meetingWeek,
      partyKey: result.partyKey,
      entryIds: [input.entryId],
      detail: { reason: 'begaran', fields: ['text', 'place', 'when'] },
    });
    return { kind: 'removed', meetingWeek: result.meetingWeek, partyKey: result.partyKey };
  });
}
