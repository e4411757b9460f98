/**
 * Leavers: when Slack says a user was deactivated (`user_change` with `deleted: true`), their memberships and admin
 * rights end at once, the access log records it, and the admins are told in a direct message — once, however
 * often Slack delivers the event. A `team_join` changes nothing (a new member is added by an admin).
 */

import type { InboxRequest } from '../src/db/inbox.repository.js';
import { listAdmins } from '../src/db/members.repository.js';
import { sv } from '../src/i18n/sv.js';
import type { RequestContext } from '../src/kit/context.js';
import type { Kit } from '../src/kit/create.js';
import { type DurableEventSpec, eventScope } from '../src/kit/events.js';
import type { NewRequest } from '../src/kit/pipeline.js';
import { endAccess } from '../src/services/leavers.js';
import { escapeMrkdwn, mention } from '../src/slack/mrkdwn.js';

const LEAVER = 'event:user_change:deactivated';

interface Deactivated {
  readonly userId: string;
}

function admitUserChange(event: Record<string, unknown>): NewRequest | null {
  const user = event.user as { id?: unknown; deleted?: unknown } | undefined;
  if (typeof user?.id !== 'string' || user.deleted !== true) return null;
  return {
    key: `avaktiverad:${user.id}:${String(event.event_ts ?? '')}`,
    kind: LEAVER,
    userId: user.id,
    payload: { userId: user.id } satisfies Deactivated,
  };
}

function leaverHandler(request: InboxRequest) {
  const { userId } = request.payload as Deactivated;
  return {
    // The bot acts for itself here; nobody asked, so nobody is answered — the admins are told.
    scope: eventScope(request, null, 'system'),
    async run(ctx: RequestContext) {
      const ended = await endAccess(ctx.db, userId, { by: 'system', reason: 'avaktiverad', via: 'handelse' });
      if (ended.partyKeys.length === 0 && !ended.wasAdmin) return;
      ctx.log.info(
        { subject: userId, parties: ended.partyKeys, wasAdmin: ended.wasAdmin },
        'access ended: deactivated',
      );
      const catalogue = await ctx.catalogue();
      const parties = ended.partyKeys.map((key) => `*${escapeMrkdwn(catalogue.partyName(key))}*`).join(', ');
      const l = sv.dataskydd.leaver;
      const lines = [l.adminNotice(mention(userId), parties, ended.wasAdmin)];
      if (ctx.deps.config.adminUserIds.includes(userId)) lines.push(l.configuredAdmin(mention(userId)));
      const admins = await listAdmins(ctx.db);
      if (ended.noAdminsLeft || admins.length === 0) {
        ctx.log.error({ subject: userId }, 'the last admin was deactivated; add one with ADMIN_USER_IDS');
        return;
      }
      for (const admin of admins) {
        ctx.send(admin, lines.join('\n'));
        // The admins' App Home lists the members.
        ctx.after(() => ctx.deps.notify.homeChanged(admin));
      }
    },
  };
}

export const leavers: DurableEventSpec = {
  type: 'user_change',
  admit: admitUserChange,
  handlers: { [LEAVER]: leaverHandler },
};

export function register(kit: Kit): void {
  kit.durableEvent(leavers);
}
