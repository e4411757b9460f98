/**
 * The Friday agenda's "Visa lägesbild" button: the meeting's compiled lägesbild, shown privately to the
 * participant who clicked.
 */

import { sv } from '../src/i18n/sv.js';
import type { Kit } from '../src/kit/create.js';
import { requireParticipant } from '../src/kit/guards.js';
import type { ActionContext } from '../src/kit/kit.js';
import { buttonValue } from '../src/kit/metadata.js';
import { compiledPictureParts } from '../src/services/picture.js';
import { nameSourceOf } from '../src/services/user-names.js';
import { AGENDA_ACTIONS } from '../src/slack/agenda.js';
import { mention } from '../src/slack/mrkdwn.js';
import { MEETING_WEEK } from '../src/slack/priorities.js';

/**
 * "Visa lägesbild" on the agenda: shows the meeting's compiled picture to the one who clicked, privately, every
 * part in order (five through the button's response_url, the rest ephemerally in the channel). The picture holds
 * every party's observations: for the parties' members and the admins only.
 */
async function showPicture(ctx: ActionContext): Promise<void> {
  const week = buttonValue(ctx, MEETING_WEEK, sv.cycle.showPicture.badWeek);
  if (week === null) return;
  const allowed = await requireParticipant(ctx, (admins) =>
    sv.cycle.showPicture.notAllowed(admins.map(mention).join(', ')),
  );
  if (allowed === null) return;
  await ctx.audit({ action: 'read', resource: 'picture', meetingWeek: week });
  const parts = await compiledPictureParts(
    { db: ctx.db, config: ctx.deps.config, names: nameSourceOf({ ...ctx.deps, db: ctx.db }) },
    // As it is held: a moved meeting's picture has its new date.
    (await ctx.deps.meetings.ofWeek(week, ctx.db)).meeting,
  );
  ctx.log.debug({ week, parts: parts.length }, 'showing the compiled picture');
  for (const part of parts) ctx.reply(part);
}

/** The agenda's own button ("Lämna lägesbild", `lagesbild_oppna`, belongs to commands/lagesbild). */
export function register(kit: Kit): void {
  kit.action({ actionId: AGENDA_ACTIONS.showPicture, mode: 'read', run: showPicture });
}
