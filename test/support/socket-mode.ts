import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { SlackFake } from './slack-fake.js';

/**
 * Slack's side of Socket Mode, for one app: apps.connections.open (answered by the SlackFake) hands out this
 * server's URL; on connection it says hello, then tests push envelopes and read the app's acks.
 */
export class SocketModeFake {
  private readonly http: Server = createServer();
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | null = null;
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private connected: (() => void) | null = null;

  async start(slack: SlackFake): Promise<this> {
    this.http.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    slack.socketUrl = `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}/link`;
    return this;
  }

  /** Resolves once the app has connected and been greeted. */
  whenConnected(): Promise<void> {
    if (this.socket !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.connected = resolve;
    });
  }

  /** Sends an envelope as Slack does and resolves with the app's ack (its optional response payload). */
  send(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: Record<string, unknown>,
  ): Promise<unknown> {
    const socket = this.socket;
    if (socket === null) throw new Error('no Socket Mode connection');
    const envelopeId = randomUUID();
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return acked;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.socket = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id !== undefined) this.acks.get(message.envelope_id)?.(message.payload);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake' },
        connection_info: { app_id: 'A0FREDAG' },
      }),
    );
    this.connected?.();
  }
}
