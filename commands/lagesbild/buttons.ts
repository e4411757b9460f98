import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { getEntry, removeEntry } from '../../src/db/entries.repository.js';
import type { Deps } from '../../src/deps.js';
import { isMeetingWeek, type MeetingWeek, weekNumberOf } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { errorFields } from '../../src/logger.js';
import {
  decodeEntryButton,
  entryReceipt,
  LAGESBILD_ACTIONS,
  removalNotice,
} from '../../src/slack/lagesbild.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { mineFor } from './command.js';
import { changeRefusal, openEditModal, openSubmissionModal } from './modal.js';
import { afterChange, areaName, loadCatalogue, partyName } from './shared.js';

type Tell = (text: string) => Promise<void>;

/**
 * Tells the user something privately: ephemerally where the button was (a message has a response_url),
 * otherwise (the App Home, a modal) in their direct messages with the bot.
 */
function teller(body: BlockAction, respond: RespondFn | undefined, client: WebClient): Tell {
  return async (text) => {
    if (body.response_url && respond) {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } else {
      await client.chat.postMessage({ channel: body.user.id, text });
    }
  };
}

function originOf(body: BlockAction): string | null {
  const container = body.container as { channel_id?: string } | undefined;
  return body.channel?.id ?? container?.channel_id ?? null;
}

async function guarded(deps: Deps, what: string, tell: Tell, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger.error({ err: errorFields(error) }, `${what} failed`);
    await tell(sv.common.genericError).catch(() => {});
  }
}

/** The buttons: Lämna lägesbild (anywhere), and Ändra / Ta bort on receipts and the `mina` list. */
export function registerButtons(app: App, deps: Deps): void {
  app.action<BlockAction<ButtonAction>>(
    LAGESBILD_ACTIONS.open,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const tell = teller(body, respond, client);
      await guarded(deps, 'open submission modal', tell, async () => {
        // The agenda's, the call's and the Home's buttons carry the week they were for; an old one opens the
        // form for the meeting now open, and the form says so.
        const result = await openSubmissionModal(client, body.trigger_id, body.user.id, deps, {
          origin: originOf(body),
          requestedWeek: isMeetingWeek(action.value ?? '') ? (action.value as MeetingWeek) : null,
        });
        if (!result.opened) await tell(result.text);
      });
    },
  );

  app.action<BlockAction<ButtonAction>>(
    LAGESBILD_ACTIONS.edit,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const tell = teller(body, respond, client);
      await guarded(deps, 'open edit modal', tell, async () => {
        const value = decodeEntryButton(action.value);
        if (value === null) return tell(sv.common.genericError);
        const result = await openEditModal(client, body.trigger_id, body.user.id, value.id, deps, {
          origin: originOf(body),
        });
        if (!result.opened) await tell(result.text);
      });
    },
  );

  app.action<BlockAction<ButtonAction>>(
    LAGESBILD_ACTIONS.remove,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const tell = teller(body, respond, client);
      await guarded(deps, 'remove entry', tell, async () => {
        const value = decodeEntryButton(action.value);
        if (value === null) return tell(sv.common.genericError);
        const userId = body.user.id;
        const [catalogue, entry] = await Promise.all([loadCatalogue(deps), getEntry(deps.db, value.id)]);
        if (entry === null) return tell(sv.lagesbild.entryGone);
        const refusal = await changeRefusal(deps, userId, entry, catalogue);
        if (refusal !== null) return tell(refusal);
        if (!(await removeEntry(deps.db, entry.id, userId))) return tell(sv.lagesbild.entryGone);
        deps.logger.info(
          { entryId: entry.id, week: entry.meetingWeek, party: entry.partyKey },
          'entry removed',
        );
        await afterChange(deps, entry.meetingWeek, userId);

        const heading = sv.lagesbild.removed(
          escapeMrkdwn(partyName(catalogue, entry.partyKey)),
          weekNumberOf(entry.meetingWeek),
        );
        const name = areaName(catalogue, entry.areaKey);
        const receipt = entryReceipt({ heading, entry, areaName: name, buttons: false });
        if (!body.response_url || !respond) return tell(receipt.text);
        if (value.from === 'mina') {
          // Redraw the message the button was on (its part of a long list), without the entry and with the
          // removal noted on top. Later parts keep what they showed; their buttons still work.
          const parts = (await mineFor(deps, userId, catalogue, Number.POSITIVE_INFINITY)) ?? [];
          const part = parts[Math.min(value.page ?? 1, parts.length) - 1];
          if (part !== undefined) {
            const blocks = [removalNotice(heading, entry, name), ...part.blocks];
            await respond({ replace_original: true, text: part.text, blocks });
            return;
          }
        }
        await respond({ replace_original: true, text: receipt.text, blocks: receipt.blocks });
      });
    },
  );
}
