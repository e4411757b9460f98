import type { App } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import { sv } from '../src/i18n/sv.js';
import { errorFields } from '../src/logger.js';
import { LAGESBILD_CALLBACK_ID, type ModalStateValues } from '../src/slack/lagesbild.js';
import { registerButtons } from './lagesbild/buttons.js';
import { COMMAND, handleLagesbildCommand } from './lagesbild/command.js';
import { afterSubmission, handleSubmission } from './lagesbild/modal.js';
import { followUpQueue } from './lagesbild/shared.js';

export { type OpenModalResult, openSubmissionModal } from './lagesbild/modal.js';
export { COMMAND };

/**
 * `/lagesbild …`: a party's situational picture for the coming Friday meeting — the command, its modal, and
 * the buttons (Lämna lägesbild, Ändra, Ta bort) wherever they appear.
 */
export function register(app: App, deps: Deps): void {
  const followUps = followUpQueue(deps);
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    // Ack first: nothing slow may stand between Slack's request and its answer.
    await ack();
    followUps.acked();
    try {
      // The modal cannot wait its turn: its trigger_id expires three seconds after the user pressed enter.
      if (command.text.trim() === '') await handleLagesbildCommand(command, respond, client, deps);
      else await followUps.run(() => handleLagesbildCommand(command, respond, client, deps));
    } catch (error) {
      deps.logger.error({ err: errorFields(error), user: command.user_id }, 'lagesbild command failed');
      await respond({ response_type: 'ephemeral', text: sv.common.genericError }).catch(() => {});
    }
  });

  registerButtons(app, deps);

  app.view(LAGESBILD_CALLBACK_ID, async ({ ack, body, view }) => {
    // Field errors can only travel in the ack, so validation and storing come first (see handleSubmission).
    let result: Awaited<ReturnType<typeof handleSubmission>>;
    try {
      result = await handleSubmission(
        deps,
        body.user.id,
        view.private_metadata,
        view.state.values as ModalStateValues,
      );
    } catch (error) {
      deps.logger.error({ err: errorFields(error), user: body.user.id }, 'lagesbild submission failed');
      await ack({ response_action: 'errors', errors: { text: sv.lagesbild.saveFailed } });
      return;
    }
    await ack(result.response);
    await afterSubmission(deps, result, body.user.id);
  });
}
