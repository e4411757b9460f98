/**
 * The Bolt listeners built from the kit's specs (src/kit/kit.ts) for a slash command, a button and a form's
 * submission: routing, the ack, storing `write` requests before it, and the error boundary. Apart from the specs
 * because listener modules import only those, and only src/kit/create.ts wires these.
 */

import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewResponseAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { z } from 'zod';
import type { InboxRequest } from '../db/inbox.repository.js';
import type { Deps } from '../deps.js';
import { postToResponseUrl } from '../effects/response-url.js';
import { sv } from '../i18n/sv.js';
import { errorFields } from '../logger.js';
import { escapeMrkdwn, plainTextFromSlack } from '../slack/mrkdwn.js';
import { matchSubcommand } from '../slack/subcommands.js';
import type { ReplyTarget, RequestContext } from './context.js';
import type { ActionContext, ActionSpec, CommandContext, CommandSpec, Fallback, ViewSpec } from './kit.js';
import { decodeMetadata } from './metadata.js';
import type { Pipeline, ScopeInput } from './pipeline.js';

interface StoredCommand {
  readonly text: string;
  readonly channelId: string;
  readonly responseUrl: string;
  readonly receivedAt: string;
}

/** Which subcommand a text names, and the text after its words. */
export function routeCommand(spec: CommandSpec, text: string): { target: Fallback; rest: string } | null {
  if (text.trim() === '') return { target: spec.empty, rest: '' };
  const match = matchSubcommand(spec.subcommands, text);
  if (match !== null) return { target: match.subcommand, rest: match.rest };
  return spec.otherwise === undefined ? null : { target: spec.otherwise, rest: text.trim() };
}

function commandTarget(responseUrl: string, channelId: string, issuedAt: Date): ReplyTarget {
  return { responseUrl, issuedAt, channelId, thread: null, replaceOnRetry: true };
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** The Bolt listener of a slash command: routes, stores or runs, and never lets an error reach Slack. */
export function commandListener(spec: CommandSpec, deps: Deps, pipe: Pipeline) {
  const kind = `command:${spec.command}`;
  const run =
    (
      target: Fallback,
      rest: string,
      extra: Omit<CommandContext, keyof RequestContext | 'text' | 'rawText'>,
    ) =>
    (ctx: RequestContext) =>
      target.run({ ...ctx, ...extra, text: plainTextFromSlack(rest), rawText: rest });
  pipe.register(kind, (request: InboxRequest) => {
    const stored = request.payload as StoredCommand;
    const route = routeCommand(spec, stored.text) ?? { target: unknownSubcommand(spec), rest: stored.text };
    const scope: ScopeInput = {
      userId: request.userId,
      via: 'kommando',
      requestKey: request.key,
      target: commandTarget(stored.responseUrl, stored.channelId, new Date(stored.receivedAt)),
    };
    return {
      scope,
      run: run(route.target, route.rest, {
        command: spec.command,
        channelId: stored.channelId,
        responseUrl: stored.responseUrl,
        openView: notModal,
      }),
    };
  });

  return async function onCommand({ command, ack, client }: CommandArgs): Promise<void> {
    const text = command.text ?? '';
    const route = routeCommand(spec, text) ?? { target: unknownSubcommand(spec), rest: text };
    const requestKey = `kommando:${command.trigger_id}`;
    const receivedAt = deps.clock.now();
    const log = deps.logger.child({ user: command.user_id, command: spec.command, mode: route.target.mode });
    if (route.target.mode === 'write') {
      const refusal = spec.screen?.(plainTextFromSlack(text)) ?? null;
      if (refusal !== null) {
        await ack({ response_type: 'ephemeral', text: refusal });
        return;
      }
      try {
        await pipe.store({
          key: requestKey,
          kind,
          userId: command.user_id,
          payload: {
            text,
            channelId: command.channel_id,
            responseUrl: command.response_url,
            receivedAt: receivedAt.toISOString(),
          } satisfies StoredCommand,
        });
      } catch (error) {
        log.error({ err: errorFields(error) }, 'request not stored; the user is told');
        await ack({ response_type: 'ephemeral', text: sv.common.notReceived });
        return;
      }
      await ack();
      pipe.afterAck.acked();
      await pipe.afterAck.run(() => pipe.process(requestKey));
      return;
    }
    await ack();
    pipe.afterAck.acked();
    const scope: ScopeInput = {
      userId: command.user_id,
      via: 'kommando',
      requestKey,
      target: commandTarget(command.response_url, command.channel_id, receivedAt),
    };
    const work = run(route.target, route.rest, {
      command: spec.command,
      channelId: command.channel_id,
      responseUrl: command.response_url,
      openView: async (view) => {
        await client.views.open({ trigger_id: command.trigger_id, view });
      },
    });
    try {
      // A form cannot wait its turn: its trigger expires three seconds after the user pressed enter.
      if (route.target.mode === 'modal') await pipe.runNow(scope, work);
      else await pipe.afterAck.run(() => pipe.runNow(scope, work));
    } catch (error) {
      log.error({ err: errorFields(error) }, 'command failed');
    }
  };
}

/** Text naming no subcommand of a command without a fallback: said so, with the help. */
function unknownSubcommand(spec: CommandSpec): Fallback {
  return {
    mode: 'read',
    async run(ctx) {
      const given = ctx.text.trim().split(/\s+/)[0] ?? '';
      ctx.reply(`${sv.common.unknownSubcommand(spec.command, escapeMrkdwn(given))}\n${await spec.help(ctx)}`);
    },
  };
}

async function notModal(): Promise<void> {
  throw new Error('a stored request cannot open a form');
}

interface StoredAction {
  readonly value: string;
  readonly responseUrl: string | null;
  readonly channelId: string | null;
  readonly messageTs: string | null;
  readonly receivedAt: string;
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function actionTarget(stored: StoredAction): ReplyTarget {
  return {
    responseUrl: stored.responseUrl,
    issuedAt: new Date(stored.receivedAt),
    channelId: stored.channelId,
    thread: null,
    replaceOnRetry: false,
  };
}

/** The Bolt listener of a button, wherever it is (a message, App Home, a form). */
export function actionListener(spec: ActionSpec, deps: Deps, pipe: Pipeline) {
  const kind = `action:${spec.actionId}`;
  const context =
    (stored: StoredAction, openView: ActionContext['openView']) =>
    (ctx: RequestContext): ActionContext => ({
      ...ctx,
      actionId: spec.actionId,
      value: stored.value,
      decode: (schema) => decodeMetadata(schema, stored.value),
      channelId: stored.channelId,
      messageTs: stored.messageTs,
      responseUrl: stored.responseUrl,
      openView,
    });
  pipe.register(kind, (request) => {
    const stored = request.payload as StoredAction;
    const scope: ScopeInput = {
      userId: request.userId,
      via: 'knapp',
      requestKey: request.key,
      target: actionTarget(stored),
    };
    return { scope, run: (ctx) => spec.run(context(stored, notModal)(ctx)) };
  });

  return async function onAction({ ack, body, action, client }: ButtonArgs): Promise<void> {
    const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
    const stored: StoredAction = {
      value: action.value ?? '',
      responseUrl: body.response_url ?? null,
      channelId: body.channel?.id ?? container?.channel_id ?? null,
      messageTs: body.message?.ts ?? container?.message_ts ?? null,
      receivedAt: deps.clock.now().toISOString(),
    };
    const requestKey = `knapp:${body.trigger_id ?? `${action.action_ts}.${body.user.id}`}`;
    const log = deps.logger.child({ user: body.user.id, action: spec.actionId });
    if (spec.mode === 'write') {
      // An ack means stored: Bolt sends a button's HTTP 200 when ack() is called, so the click is kept first.
      try {
        await pipe.store({ key: requestKey, kind, userId: body.user.id, payload: stored });
      } catch (error) {
        log.error({ err: errorFields(error) }, 'click not stored; the user is told');
        await ack();
        await tellNotReceived(deps, body.user.id, stored).catch((e: unknown) =>
          log.warn({ err: errorFields(e) }, 'could not tell the user that the click was not stored'),
        );
        return;
      }
      await ack();
      pipe.afterAck.acked();
      await pipe.afterAck
        .run(() => pipe.process(requestKey))
        .catch((error: unknown) =>
          log.error({ err: errorFields(error) }, 'click not carried out now; swept'),
        );
      return;
    }
    await ack();
    pipe.afterAck.acked();
    try {
      const scope: ScopeInput = {
        userId: body.user.id,
        via: 'knapp',
        requestKey,
        target: actionTarget(stored),
      };
      const openView = async (view: ModalView) => {
        await client.views.open({ trigger_id: body.trigger_id, view });
      };
      const work = (ctx: RequestContext) => spec.run(context(stored, openView)(ctx));
      if (spec.mode === 'modal') await pipe.runNow(scope, work);
      else await pipe.afterAck.run(() => pipe.runNow(scope, work));
    } catch (error) {
      log.error({ err: errorFields(error) }, 'button failed');
    }
  };
}

/**
 * Tells the person that a click was not stored, where they clicked: the message's response_url, else
 * ephemerally in its channel, else (App Home, a form) by direct message. Sent directly, not as a recorded
 * reply: the database that would record it is what failed.
 */
async function tellNotReceived(deps: Deps, userId: string, stored: StoredAction): Promise<void> {
  const text = sv.common.notReceived;
  if (stored.responseUrl !== null) {
    await postToResponseUrl(stored.responseUrl, {
      response_type: 'ephemeral',
      replace_original: false,
      text,
    });
  } else if (stored.channelId !== null) {
    await deps.slack.web.chat.postEphemeral({ channel: stored.channelId, user: userId, text });
  } else {
    await deps.slack.web.chat.postMessage({ channel: userId, text });
  }
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The Bolt listener of a form's submission: validates and stores before the ack, in one transaction with the
 * replies it records; an error keeps the form open with what the person typed and says saving failed.
 */
export function viewListener<S extends z.ZodType>(spec: ViewSpec<S>, deps: Deps, pipe: Pipeline) {
  return async function onView({ ack, body, view }: ViewArgs): Promise<void> {
    const userId = body.user.id;
    const log = deps.logger.child({ user: userId, view: spec.callbackId });
    const metadata = decodeMetadata(spec.metadata, view.private_metadata);
    if (metadata === null) {
      log.warn('form metadata not readable; refused');
      await ack({ response_action: 'errors', errors: { [spec.errorBlock]: sv.common.genericError } });
      return;
    }
    const replyTo = spec.replyTo?.(metadata) ?? null;
    const scope: ScopeInput = {
      userId,
      via: 'modal',
      requestKey: `modal:${view.id}:${view.hash}`,
      target: {
        responseUrl: replyTo?.responseUrl ?? null,
        issuedAt: replyTo?.issuedAt ?? new Date(0),
        channelId: replyTo?.channelId ?? null,
        thread: null,
        replaceOnRetry: false,
      },
    };
    let outcome: Awaited<ReturnType<typeof pipe.runInTransaction<ViewResponseAction | undefined>>>;
    try {
      outcome = await pipe.runInTransaction(scope, (ctx) =>
        spec.run({ ...ctx, metadata, values: view.state.values }),
      );
    } catch (error) {
      log.error({ err: errorFields(error) }, 'form not saved');
      await ack({ response_action: 'errors', errors: { [spec.errorBlock]: spec.saveFailed } });
      return;
    }
    await ack(outcome.result);
    pipe.afterAck.acked();
    await pipe.afterAck.run(outcome.finish).catch((error: unknown) => {
      log.error({ err: errorFields(error) }, 'replies of a form not sent now; the sweep sends them');
    });
  };
}
