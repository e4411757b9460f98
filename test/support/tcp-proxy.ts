import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real service. `cut()` drops every connection and refuses new ones, as when the
 * service goes away; `restore()` lets them through again. Tests use it to take Redis or Postgres away from
 * one app without disturbing the others that share the machine's servers. `hold()` accepts connections but
 * passes nothing on until `release()`, as a service that is slow to answer; `connected` resolves at the first.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private open = true;
  private held: Array<() => void> | null = null;
  private firstConnection: () => void = () => {};
  /** Resolves when the first client has connected. */
  readonly connected = new Promise<void>((resolve) => {
    this.firstConnection = resolve;
  });
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (!this.open) {
        client.destroy();
        return;
      }
      this.firstConnection();
      if (this.held !== null) {
        client.pause();
        this.held.push(() => this.forward(client));
        return;
      }
      this.forward(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  private forward(client: Socket): void {
    {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    }
  }

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const forward of held) forward();
  }

  cut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.open = true;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
