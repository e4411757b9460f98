import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { loadActor } from '../../src/db/members.repository.js';
import { listAreas, listParties } from '../../src/db/parties.repository.js';
import { changePriorityStatus, getPriority } from '../../src/db/priorities.repository.js';
import type { Deps } from '../../src/deps.js';
import {
  mayClose,
  mayContribute,
  type PriorityStatus,
  parsePriorityId,
} from '../../src/domain/priorities.js';
import { isMeetingWeek } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { namesOf, PRIORITY_ACTIONS, priorityNames } from '../../src/slack/priorities.js';
import type { ReplyTo } from '../../src/slack/priority-modals.js';
import {
  type OpenOutcome,
  openEditPriorityModal,
  openFollowUpModal,
  openNewPriorityModal,
} from './modals.js';
import { ephemeral, loadDecisionCalendar, logFailure, notMemberText } from './shared.js';

/**
 * The priority buttons, wherever they are: a /prioritet list, the Friday agenda, a reminder, App Home.
 * Each acks at once; Följ upp, Ändra and Ny open their modal with the fresh trigger.
 */

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * Tells the person who pressed a button something: ephemerally through the response_url of the message it was
 * on, or, from App Home (no response_url), in the bot's direct messages.
 */
async function tell(args: ButtonArgs, deps: Deps, text: string): Promise<void> {
  try {
    if (args.body.response_url) await args.respond(ephemeral(text));
    else await args.client.chat.postMessage({ channel: args.body.user.id, text });
  } catch (error) {
    logFailure(deps, error, 'answer to a priority button not delivered', { user: args.body.user.id });
  }
}

/** Registers a button handler that acks first and turns failures into a Swedish apology. */
function onButton(app: App, deps: Deps, actionId: string, handle: (args: ButtonArgs) => Promise<void>): void {
  app.action<BlockAction<ButtonAction>>({ action_id: actionId, type: 'block_actions' }, async (args) => {
    await args.ack();
    try {
      await handle(args);
    } catch (error) {
      logFailure(deps, error, 'priority button failed', { user: args.body.user.id, action: actionId });
      await tell(args, deps, sv.common.genericError);
    }
  });
}

/** A confirmation goes below the message the button was on; App Home has neither channel nor response_url. */
function replyTo(args: ButtonArgs): ReplyTo {
  return { channelId: args.body.channel?.id ?? null, responseUrl: args.body.response_url ?? null };
}

async function afterOpen(args: ButtonArgs, deps: Deps, outcome: OpenOutcome): Promise<void> {
  if (!outcome.opened) await tell(args, deps, outcome.message);
}

export function registerButtons(app: App, deps: Deps): void {
  onButton(app, deps, PRIORITY_ACTIONS.new, async (args) => {
    const value = args.action.value ?? '';
    const outcome = await openNewPriorityModal(args.client, args.body.trigger_id, deps, {
      userId: args.body.user.id,
      meetingWeek: isMeetingWeek(value) ? value : null,
      replyTo: replyTo(args),
    });
    await afterOpen(args, deps, outcome);
  });

  onButton(app, deps, PRIORITY_ACTIONS.followUp, async (args) => {
    const id = parsePriorityId(args.action.value ?? '');
    if (id === null) return;
    const options = { userId: args.body.user.id, priorityId: id, replyTo: replyTo(args) };
    await afterOpen(args, deps, await openFollowUpModal(args.client, args.body.trigger_id, deps, options));
  });

  onButton(app, deps, PRIORITY_ACTIONS.edit, async (args) => {
    const id = parsePriorityId(args.action.value ?? '');
    if (id === null) return;
    const options = { userId: args.body.user.id, priorityId: id, replyTo: replyTo(args) };
    await afterOpen(
      args,
      deps,
      await openEditPriorityModal(args.client, args.body.trigger_id, deps, options),
    );
  });

  onButton(app, deps, PRIORITY_ACTIONS.complete, (args) => closePriority(args, deps, 'genomford'));
  onButton(app, deps, PRIORITY_ACTIONS.cancel, (args) => closePriority(args, deps, 'avbruten'));
}

/** Klarmarkera and Avbryt: for members of a responsible party and admins; anyone else is told why not. */
async function closePriority(args: ButtonArgs, deps: Deps, status: PriorityStatus): Promise<void> {
  const userId = args.body.user.id;
  const id = parsePriorityId(args.action.value ?? '');
  if (id === null) return;
  const [actor, priority, parties, areas, calendar] = await Promise.all([
    loadActor(deps.db, userId),
    getPriority(deps.db, id),
    listParties(deps.db),
    listAreas(deps.db),
    loadDecisionCalendar(deps),
  ]);
  if (!mayContribute(actor)) {
    await tell(args, deps, await notMemberText(deps));
    return;
  }
  if (priority === null) {
    await tell(args, deps, sv.prioritet.notFound(id));
    return;
  }
  if (!mayClose(actor, priority)) {
    deps.logger.info({ user: userId, priority: id, status }, 'closing refused: not a responsible party');
    const responsible = namesOf(priority.partyKeys, priorityNames(parties, areas).parties);
    await tell(args, deps, sv.prioritet.notAllowedToClose(id, responsible));
    return;
  }
  const result = await changePriorityStatus(deps.db, id, status, {
    actorUserId: userId,
    meetingWeek: calendar.meeting.week,
    at: calendar.now,
  });
  deps.logger.info({ user: userId, priority: id, status, outcome: result.outcome }, 'priority status');
  if (result.outcome === 'notFound') {
    await tell(args, deps, sv.prioritet.notFound(id));
    return;
  }
  const label = sv.prioritet.status[status];
  if (result.outcome === 'changed') {
    await deps.hooks.homeChanged(userId);
    await tell(args, deps, sv.prioritet.statusChanged(id, escapeMrkdwn(result.priority.title), label));
  } else {
    await tell(args, deps, sv.prioritet.alreadyStatus(id, label));
  }
}
