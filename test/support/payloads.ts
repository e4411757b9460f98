import { randomUUID } from 'node:crypto';
import { FAKE_BOT } from './slack-fake.js';

/**
 * Builders for what Slack sends to /slack/events, each as the wire body and its content type:
 * slash commands and interactivity form-encoded (interactivity as a `payload` JSON field), events as JSON.
 */
export interface SlackRequest {
  readonly body: string;
  readonly contentType: string;
}

const TEAM = { id: FAKE_BOT.teamId, domain: 'vastervik' };

function form(fields: Record<string, string>): SlackRequest {
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export function triggerId(): string {
  return `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export function slashCommand(options: {
  command: string;
  text?: string;
  userId: string;
  channelId?: string;
  responseUrl: string;
  triggerId?: string;
}): SlackRequest {
  return form({
    token: 'deprecated-verification-token',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: options.channelId ?? 'C0MEETING',
    channel_name: 'fredagsmotet',
    user_id: options.userId,
    user_name: options.userId.toLowerCase(),
    command: options.command,
    text: options.text ?? '',
    api_app_id: 'A0FREDAG',
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: options.triggerId ?? triggerId(),
  });
}

function interactive(payload: Record<string, unknown>): SlackRequest {
  return form({ payload: JSON.stringify(payload) });
}

export function blockAction(options: {
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  responseUrl?: string;
  channelId?: string;
  messageTs?: string;
  /** Set when the action came from inside a modal. */
  view?: Record<string, unknown>;
  /** The whole action object, for selects and other element types. */
  action?: Record<string, unknown>;
}): SlackRequest {
  const action = options.action ?? {
    type: 'button',
    action_id: options.actionId,
    block_id: options.blockId ?? 'actions',
    value: options.value,
    action_ts: String(Date.now() / 1000),
  };
  return interactive({
    type: 'block_actions',
    team: TEAM,
    user: { id: options.userId, username: options.userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A0FREDAG',
    trigger_id: triggerId(),
    container: options.view
      ? { type: 'view', view_id: options.view.id }
      : {
          type: 'message',
          message_ts: options.messageTs ?? '1.000001',
          channel_id: options.channelId ?? 'C0MEETING',
        },
    channel: options.view ? undefined : { id: options.channelId ?? 'C0MEETING', name: 'fredagsmotet' },
    message: options.view ? undefined : { ts: options.messageTs ?? '1.000001', text: '' },
    view: options.view,
    response_url: options.view ? undefined : options.responseUrl,
    actions: [action],
  });
}

/** Values of a submitted modal, keyed `block_id → action_id → element state`, as Slack sends them. */
export type ViewState = Record<string, Record<string, Record<string, unknown>>>;

export function viewSubmission(options: {
  userId: string;
  callbackId: string;
  privateMetadata?: string;
  values: ViewState;
  viewId?: string;
}): SlackRequest {
  return interactive({
    type: 'view_submission',
    team: TEAM,
    user: { id: options.userId, username: options.userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A0FREDAG',
    trigger_id: triggerId(),
    view: {
      id: options.viewId ?? `V${randomUUID().slice(0, 8).toUpperCase()}`,
      type: 'modal',
      callback_id: options.callbackId,
      private_metadata: options.privateMetadata ?? '',
      state: { values: options.values },
      hash: '1.abc',
    },
  });
}

export function eventCallback(
  event: Record<string, unknown>,
  options: { eventId?: string } = {},
): SlackRequest {
  return {
    contentType: 'application/json',
    body: JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: TEAM.id,
      api_app_id: 'A0FREDAG',
      event,
      type: 'event_callback',
      event_id: options.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM.id, user_id: FAKE_BOT.userId, is_bot: true }],
    }),
  };
}

/** A user's direct message to the bot (`message.im`), optionally a reply in a thread. */
export function directMessage(options: {
  userId: string;
  channelId: string;
  text: string;
  ts?: string;
  threadTs?: string;
  clientMsgId?: string;
}): Record<string, unknown> {
  return {
    type: 'message',
    channel_type: 'im',
    channel: options.channelId,
    user: options.userId,
    text: options.text,
    ts:
      options.ts ??
      `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    thread_ts: options.threadTs,
    client_msg_id: options.clientMsgId ?? randomUUID(),
    team: TEAM.id,
  };
}

export function appHomeOpened(userId: string): Record<string, unknown> {
  return {
    type: 'app_home_opened',
    user: userId,
    channel: `D${userId.slice(1)}`,
    tab: 'home',
    event_ts: String(Date.now() / 1000),
  };
}
