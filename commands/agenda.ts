import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { compiledPictureParts } from '../jobs/compile.js';
import { listAdmins, loadActor } from '../src/db/members.repository.js';
import type { Deps } from '../src/deps.js';
import { isParticipant } from '../src/domain/actor.js';
import { isMeetingWeek, meetingOfWeek } from '../src/domain/schedule.js';
import { sv } from '../src/i18n/sv.js';
import { errorFields } from '../src/logger.js';
import { AGENDA_ACTIONS } from '../src/slack/agenda.js';
import { mention } from '../src/slack/mrkdwn.js';

/**
 * The agenda's own button: "Visa lägesbild" shows the meeting's compiled picture to the one who clicked, as
 * ephemeral messages in the channel. ("Lämna lägesbild", `lagesbild_oppna`, belongs to commands/lagesbild.)
 */
export function register(app: App, deps: Deps): void {
  app.action<BlockAction<ButtonAction>>(
    AGENDA_ACTIONS.showPicture,
    async ({ ack, body, action, respond, client }) => {
      await ack();
      try {
        await showPicture(body, action.value ?? '', respond, client, deps);
      } catch (error) {
        deps.logger.error(
          { user: body.user.id, err: errorFields(error) },
          'showing the compiled picture failed',
        );
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: sv.common.genericError,
        }).catch(() => {});
      }
    },
  );
}

async function showPicture(
  body: BlockAction<ButtonAction>,
  week: string,
  respond: RespondFn,
  client: WebClient,
  deps: Deps,
): Promise<void> {
  const userId = body.user.id;
  const ephemeral = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
  if (!isMeetingWeek(week)) {
    await ephemeral(sv.cycle.showPicture.badWeek);
    return;
  }
  // The picture holds every party's observations: for the parties' members and the admins only.
  if (!isParticipant(await loadActor(deps.db, userId))) {
    const admins = await listAdmins(deps.db);
    await ephemeral(sv.cycle.showPicture.notAllowed(admins.map(mention).join(', ')));
    return;
  }
  const parts = await compiledPictureParts(deps, meetingOfWeek(week, deps.config.schedule));
  const channel = body.channel?.id ?? body.container.channel_id;
  deps.logger.debug({ user: userId, week, parts: parts.length }, 'showing the compiled picture');
  // Every part, in order; a response_url takes only five posts, an ephemeral message has no such cap.
  for (const part of parts) {
    if (typeof channel === 'string') {
      await client.chat.postEphemeral({ channel, user: userId, text: part.text, blocks: part.blocks });
    } else {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: part.text,
        blocks: part.blocks,
      });
    }
  }
}
