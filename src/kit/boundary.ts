/**
 * The one boundary every request from Slack crosses before Bolt sees it:
 * - a request whose signed timestamp is more than five minutes in the future is refused with 401 (Bolt itself
 *   refuses only those more than five minutes old; Slack's rule is both ways);
 * - a signed payload whose envelope is malformed (an event without an event, a button without a user) gets 400
 *   and a log line, never a 500 from deep inside Bolt;
 * - an event that changes data (a direct message to the bot) is stored before Bolt acks it, since Bolt acks
 *   events before any listener runs.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type App,
  HTTPModuleFunctions,
  type HTTPReceiver,
  type Receiver,
  type ReceiverEvent,
  type SocketModeReceiver,
} from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../logger.js';

/** Slack's tolerance for a request's timestamp, both ways. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;

/** Thrown to answer 400: the payload was signed but is not one Slack sends. */
export class MalformedRequest extends Error {
  constructor(readonly problem: string) {
    super(`malformed request: ${problem}`);
    this.name = 'MalformedRequest';
  }
}

const user = z.object({ id: z.string().min(1) }).loose();
const ENVELOPES: Record<string, z.ZodType> = {
  event_callback: z.object({ event: z.object({ type: z.string() }).loose() }).loose(),
  block_actions: z
    .object({
      user,
      actions: z.array(z.object({ action_id: z.string(), type: z.string() }).loose()).min(1),
    })
    .loose(),
  view_submission: z
    .object({
      user,
      view: z.object({ id: z.string(), callback_id: z.string(), private_metadata: z.string() }).loose(),
    })
    .loose(),
  view_closed: z.object({ user, view: z.object({ id: z.string() }).loose() }).loose(),
};
const SLASH_COMMAND = z
  .object({
    command: z.string().startsWith('/'),
    user_id: z.string().min(1),
    channel_id: z.string(),
    trigger_id: z.string().min(1),
    response_url: z.string().min(1),
    text: z.string(),
  })
  .loose();

/** Why a signed body is not a request Slack sends, or null when it looks like one. */
export function envelopeProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return 'not an object';
  const record = body as Record<string, unknown>;
  if (typeof record.command === 'string') {
    return SLASH_COMMAND.safeParse(record).success ? null : 'slash command without its fields';
  }
  const type = record.type;
  if (typeof type !== 'string') return 'no type';
  const schema = ENVELOPES[type];
  if (schema === undefined) return null;
  const parsed = schema.safeParse(record);
  return parsed.success ? null : `${type}: ${parsed.error.issues[0]?.path.join('.') ?? 'shape'}`;
}

/** Stores what must be stored before an event is acked; throws to leave the event un-acked (Slack retries). */
export type EventAdmission = (event: Record<string, unknown>, body: Record<string, unknown>) => Promise<void>;

/**
 * Wraps Bolt's receiver (HTTP or Socket Mode): every event reaches Bolt through `check`. In HTTP mode it also
 * owns the server, so the timestamp is checked before Bolt reads the body.
 */
export class BoundaryReceiver implements Receiver {
  private server: Server | null = null;
  private readonly admissions = new Map<string, EventAdmission[]>();

  constructor(
    private readonly inner: HTTPReceiver | SocketModeReceiver,
    private readonly options: { http: boolean; eventsPath: string; logger: Logger },
  ) {}

  /** Registers what to store before an event of `type` is acked. */
  admitEvents(type: string, admission: EventAdmission): void {
    this.admissions.set(type, [...(this.admissions.get(type) ?? []), admission]);
  }

  init(app: App): void {
    this.inner.init({ processEvent: (event: ReceiverEvent) => this.check(app, event) } as unknown as App);
  }

  private async check(app: App, event: ReceiverEvent): Promise<void> {
    const problem = envelopeProblem(event.body);
    if (problem !== null) {
      this.options.logger.warn({ problem }, 'malformed signed request refused');
      // Over HTTP the error handler answers 400; over Socket Mode an ack is all there is.
      if (!this.options.http) return event.ack();
      throw new MalformedRequest(problem);
    }
    const body = event.body as Record<string, unknown>;
    if (body.type === 'event_callback') {
      const inner = body.event as Record<string, unknown>;
      for (const admit of this.admissions.get(String(inner.type)) ?? []) await admit(inner, body);
    }
    await app.processEvent(event);
  }

  async start(port: number): Promise<Server | unknown> {
    if (!this.options.http) return (this.inner as SocketModeReceiver).start();
    const http = this.inner as HTTPReceiver;
    const server = createServer((req, res) => this.handle(http, req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server;
  }

  private handle(http: HTTPReceiver, req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST' && path === this.options.eventsPath) {
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      if (Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > TIMESTAMP_TOLERANCE_S) {
        this.options.logger.warn('request with a timestamp in the future refused');
        res.writeHead(401).end();
        return;
      }
    }
    try {
      http.requestListener(req, res);
    } catch (error) {
      this.options.logger.warn({ err: { message: (error as Error).message } }, 'request not dispatched');
      if (!res.headersSent) res.writeHead(404).end();
    }
  }

  async stop(): Promise<void> {
    if (!this.options.http) {
      await (this.inner as SocketModeReceiver).stop();
      return;
    }
    const server = this.server;
    this.server = null;
    if (server === null) return;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The HTTP port listened on; null in Socket Mode or before start. */
  port(): number | null {
    const address = this.server?.address();
    return typeof address === 'object' && address !== null ? (address as AddressInfo).port : null;
  }
}

/** Answers 400 for a malformed request, and as Bolt does for everything else. */
export const processEventErrorHandler: typeof HTTPModuleFunctions.defaultProcessEventErrorHandler = async (
  args,
) => {
  if (args.error instanceof MalformedRequest && !args.response.headersSent) {
    args.response.writeHead(400).end();
    return false;
  }
  return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
};
