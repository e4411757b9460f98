import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkMessage, checkSlackCall, type Violation } from './block-kit.js';

/** One Web API call the bot made, with its arguments decoded as Slack would read them. */
export interface RecordedCall {
  readonly method: string;
  // biome-ignore lint/suspicious/noExplicitAny: Web API arguments are free-form; tests narrow them.
  readonly args: Record<string, any>;
  readonly token: string | null;
  readonly at: number;
  /** What the fake answered: ok, an error code, or `ratelimited` for a 429. */
  readonly outcome: string;
  /**
   * For a call the fake carried out but answered badly (see `answerLate`, `answerServerError`): `late` or
   * `http_503`. Its outcome is still `ok`: what it posted is there for users to see.
   */
  readonly answered?: string;
}

/** A message the fake keeps, as `conversations.history` and `conversations.replies` return it. */
export interface StoredMessage {
  readonly ts: string;
  readonly thread_ts?: string;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit as the bot sent it.
  readonly blocks?: any;
  readonly metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** A file share's files, as the message Slack posts for files.completeUploadExternal shows them. */
  readonly files?: readonly { id: string; name: string }[];
  readonly bot_id: string;
  readonly user: string;
}

/** A Block Kit violation in something the bot sent (see block-kit.ts): a Web API method or `response_url`. */
export interface RecordedViolation extends Violation {
  readonly where: string;
  readonly at: number;
}

/**
 * Every fake started in this test file, so the setup file (block-kit-setup.ts) can fail a test whose messages
 * and views break Slack's limits, whichever fake recorded them.
 */
export const startedFakes = new Set<SlackFake>();

/** One POST the bot made to a `response_url`. */
export interface RecordedResponse {
  readonly id: string;
  // biome-ignore lint/suspicious/noExplicitAny: response_url bodies are free-form message payloads.
  readonly body: Record<string, any>;
  readonly at: number;
  /** Set when the fake refused it as Slack would (`invalid_blocks`, `msg_too_long`); users saw nothing. */
  readonly error?: string;
  /** The answer came in the ack itself, not through the response_url (set by the test helper). */
  readonly inAck?: boolean;
}

/** A response_url as Slack keeps it: when it was issued, how many posts it took, what the user sees of them. */
interface ResponseUrlState {
  issuedAt: number;
  posts: number;
  visible: Array<Record<string, unknown>>;
}

/** Slack's rules for a response_url: 30 minutes, five posts. */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;
export const RESPONSE_URL_MAX_POSTS = 5;

interface Failure {
  error: string;
  remaining: number;
}

interface RateLimit {
  retryAfterSeconds: number;
  remaining: number;
}

/** A call that is carried out, but answered late or with an HTTP error. */
interface BadAnswer {
  delayMs: number;
  status: number;
  remaining: number;
}

interface Quota {
  perSecond: number;
  retryAfterSeconds: number;
  windowStart: number;
  used: number;
}

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  isBot?: boolean;
  deleted?: boolean;
}

export const FAKE_BOT = { userId: 'UBOT0001', botId: 'BBOT0001', teamId: 'T0000001' } as const;
export const FAKE_TOKEN = 'xoxb-test-token';

/** Files shared in one message by files.completeUploadExternal, with the bytes uploaded for each. */
export interface FakeUpload {
  readonly channel: string;
  readonly threadTs?: string;
  readonly initialComment?: string;
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit as the bot sent it.
  readonly blocks?: any;
  readonly files: readonly { id: string; filename: string; title: string; bytes: Buffer }[];
}

/**
 * A local stand-in for Slack's Web API, over HTTP like the real one: form-encoded calls with a bearer token,
 * `{ ok: false, error }` answers, HTTP 429 with Retry-After. It records every call and every response_url post
 * so tests assert what a user would have seen.
 */
export class SlackFake {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  /** What broke Slack's Block Kit limits, refused or accepted (see block-kit.ts); `reset` keeps them. */
  readonly violations: RecordedViolation[] = [];
  /** Texts a test's users typed with markup in them, which plain text rightly shows as typed (see `typedByUsers`). */
  private readonly typed = new Set<string>();
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, { name: string; members: string[]; isMember: boolean }>();
  private readonly failures = new Map<string, Failure>();
  private readonly rateLimits = new Map<string, RateLimit>();
  private readonly quotas = new Map<string, Quota>();
  private readonly badAnswers = new Map<string, BadAnswer>();
  private readonly responseUrls = new Map<string, ResponseUrlState>();
  private readonly serverErrors = new Map<string, Failure>();
  private responseFailures: { status: number; remaining: number } | null = null;
  private readonly methodLatency = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly dmChannels = new Map<string, string>();
  /** Every message posted, per channel (a user's direct messages under the DM channel's id), oldest first. */
  readonly messages = new Map<string, StoredMessage[]>();
  /** Every file share (files.completeUploadExternal), oldest first. */
  readonly uploads: FakeUpload[] = [];
  /** Files announced by files.getUploadURLExternal; `bytes` once uploaded to their upload_url. */
  private readonly pendingFiles = new Map<string, { filename: string; bytes: Buffer | null }>();
  private server: Server | null = null;
  private tsCounter = 0;
  private baseUrl = '';
  private readonly waiters = new Set<() => void>();
  /** Milliseconds each Web API call takes to answer; the benchmark sets a realistic latency. */
  latencyMs = 0;

  /** Socket Mode: the app-level token and the websocket URL apps.connections.open hands out (see socket-mode.ts). */
  appToken = 'xapp-test-token';
  socketUrl: string | null = null;

  constructor(readonly token: string = FAKE_TOKEN) {}

  /** The Web API base URL to give the app as SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    startedFakes.add(this);
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A fresh response_url for a slash command or an action. */
  responseUrl(): string {
    const id = randomUUID();
    this.responseUrls.set(id, { issuedAt: Date.now(), posts: 0, visible: [] });
    return `${this.baseUrl}/response/${id}`;
  }

  /** Makes a response_url as old as `ms` (past 30 minutes Slack answers `expired_url`). */
  ageResponseUrl(url: string, ms: number): this {
    const state = this.responseUrls.get(url.slice(url.lastIndexOf('/') + 1));
    if (state !== undefined) state.issuedAt -= ms;
    return this;
  }

  /** The next `times` response_url posts are not carried out and answered with HTTP `status`. */
  failResponses(status = 500, times = 1): this {
    this.responseFailures = { status, remaining: times };
    return this;
  }

  /**
   * What the user sees of a response_url's posts: ephemeral messages in order, where a post with
   * `replace_original` replaced the one before it (and `delete_original` removed it).
   */
  // biome-ignore lint/suspicious/noExplicitAny: message payloads are free-form.
  visibleResponses(url: string): Array<Record<string, any>> {
    return this.responseUrls.get(url.slice(url.lastIndexOf('/') + 1))?.visible ?? [];
  }

  /** Takes a response_url post as Slack would: refused when expired, used up or failing; kept otherwise. */
  private takeResponse(id: string, body: Record<string, unknown>): { status: number; text: string } {
    let state = this.responseUrls.get(id);
    if (state === undefined) {
      state = { issuedAt: Date.now(), posts: 0, visible: [] };
      this.responseUrls.set(id, state);
    }
    if (this.responseFailures !== null && this.responseFailures.remaining > 0) {
      this.responseFailures.remaining -= 1;
      return { status: this.responseFailures.status, text: 'upstream failure' };
    }
    if (Date.now() - state.issuedAt >= RESPONSE_URL_LIFETIME_MS) return { status: 404, text: 'expired_url' };
    if (state.posts >= RESPONSE_URL_MAX_POSTS) return { status: 404, text: 'used_url' };
    state.posts += 1;
    if (body.delete_original === true) state.visible.pop();
    else if (body.replace_original === true && state.visible.length > 0)
      state.visible[state.visible.length - 1] = body;
    else state.visible.push(body);
    return { status: 200, text: '' };
  }

  addUser(user: FakeUser): this {
    this.users.set(user.id, user);
    return this;
  }

  addChannel(id: string, options: { name?: string; members?: string[]; isMember?: boolean } = {}): this {
    this.channels.set(id, {
      name: options.name ?? id.toLowerCase(),
      members: options.members ?? [],
      isMember: options.isMember ?? true,
    });
    return this;
  }

  /** The id of the bot's direct-message channel with a user, as Slack returns it for chat.postMessage. */
  dmChannelOf(userId: string): string {
    let channel = this.dmChannels.get(userId);
    if (!channel) {
      channel = `D${userId.slice(1)}`;
      this.dmChannels.set(userId, channel);
    }
    return channel;
  }

  /** The next `times` calls of `method` answer `{ ok: false, error }` (Infinity: until cleared). */
  failWith(method: string, error: string, times = Number.POSITIVE_INFINITY): this {
    this.failures.set(method, { error, remaining: times });
    return this;
  }

  /**
   * The next `times` calls of `method` are NOT carried out and answered with HTTP `status` (Slack's own trouble:
   * nothing was posted). Compare `answerServerError`, where the call is carried out and only the answer is bad.
   */
  refuseWithServerError(method: string, status = 500, times = 1): this {
    this.serverErrors.set(method, { error: `http_${status}`, remaining: times });
    return this;
  }

  /** The next `times` calls of `method` answer HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, retryAfterSeconds: number, times = 1): this {
    this.rateLimits.set(method, { retryAfterSeconds, remaining: times });
    return this;
  }

  /**
   * The next `times` calls of `method` are carried out (a message is posted and kept, and recorded as `ok`), but
   * the answer comes only after `delayMs`: longer than the client waits, it never learns that it worked.
   */
  answerLate(method: string, delayMs: number, times = 1): this {
    this.badAnswers.set(method, { delayMs, status: 200, remaining: times });
    return this;
  }

  /** The next `times` calls of `method` are carried out (and recorded `ok`), but answered with HTTP `status`. */
  answerServerError(method: string, status = 503, times = 1): this {
    this.badAnswers.set(method, { delayMs: 0, status, remaining: times });
    return this;
  }

  /** Every call of `method` waits `ms` before the fake handles it (nothing is done until then). */
  slowDown(method: string, ms: number): this {
    this.methodLatency.set(method, ms);
    return this;
  }

  /** Enforces at most `perSecond` calls of `method` per one-second window; past it, 429 with Retry-After. */
  enforceQuota(method: string, perSecond: number, retryAfterSeconds = 1): this {
    this.quotas.set(method, { perSecond, retryAfterSeconds, windowStart: 0, used: 0 });
    return this;
  }

  clearFailures(): this {
    this.responseFailures = null;
    this.serverErrors.clear();
    this.failures.clear();
    this.rateLimits.clear();
    this.quotas.clear();
    this.badAnswers.clear();
    this.methodLatency.clear();
    return this;
  }

  /**
   * Declares texts the test's users type with mrkdwn in them on purpose (`<!channel>` in a title): a plain_text
   * field showing them as typed is right, not a violation.
   */
  typedByUsers(...texts: string[]): this {
    for (const text of texts) this.typed.add(text);
    return this;
  }

  reset(): this {
    this.calls.length = 0;
    this.responses.length = 0;
    return this.clearFailures();
  }

  /** Calls of one method that succeeded, in order. */
  // biome-ignore lint/suspicious/noExplicitAny: see RecordedCall.args.
  succeeded(method: string): Array<Record<string, any>> {
    return this.calls.filter((c) => c.method === method && c.outcome === 'ok').map((c) => c.args);
  }

  /** Resolves when `predicate` holds over what was recorded; rejects after `timeoutMs`. */
  async waitFor(
    predicate: () => boolean,
    timeoutMs = 10_000,
    what = 'the expected Slack calls',
  ): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (predicate()) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const poll = setInterval(check, 50);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (url.pathname.startsWith('/upload/')) return this.receiveUpload(url, req, res);
    const raw = await readBody(req);
    if (url.pathname.startsWith('/response/')) {
      const body = raw === '' ? {} : JSON.parse(raw);
      const error = this.refusal('response_url', checkMessage(body, 'response_url', { typed: this.typed }));
      const id = url.pathname.slice('/response/'.length);
      const taken = error === null ? this.takeResponse(id, body) : { status: 200, text: '' };
      const outcome =
        taken.status === 200
          ? error
          : taken.text === 'upstream failure'
            ? `http_${taken.status}`
            : taken.text;
      this.responses.push({ id, body, at: Date.now(), ...(outcome === null ? {} : { error: outcome }) });
      if (taken.status !== 200) res.writeHead(taken.status, { 'content-type': 'text/plain' }).end(taken.text);
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(error === null ? { ok: true } : { ok: false, error }));
      this.notify();
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const args = decodeArgs(raw, String(req.headers['content-type'] ?? ''));
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ')
      ? auth.slice('Bearer '.length)
      : ((args.token as string) ?? null);
    const latency = this.latencyMs + (this.methodLatency.get(method) ?? 0);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

    const bad = this.badAnswerFor(method);
    const record = (outcome: string) => {
      const answered =
        bad === null || outcome !== 'ok'
          ? {}
          : { answered: bad.status === 200 ? 'late' : `http_${bad.status}` };
      this.calls.push({ method, args, token, at: Date.now(), outcome, ...answered });
      this.notify();
    };

    const serverError = this.serverErrors.get(method);
    if (serverError !== undefined && serverError.remaining > 0) {
      serverError.remaining -= 1;
      record(serverError.error);
      res
        .writeHead(Number(serverError.error.slice(5)), { 'content-type': 'text/plain' })
        .end('upstream failure');
      return;
    }
    const limited = this.rateLimitFor(method);
    if (limited !== null) {
      record('ratelimited');
      res.writeHead(429, { 'retry-after': String(limited), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    // Socket Mode opens its connection with the app-level token; every other method takes the bot token.
    const expected = method === 'apps.connections.open' ? this.appToken : this.token;
    const error =
      token !== expected
        ? 'invalid_auth'
        : (this.failureFor(method) ??
          this.refusal(method, checkSlackCall(method, args, { typed: this.typed })));
    const answer = error === null ? this.answer(method, args) : { ok: false, error };
    record(answer.ok ? 'ok' : String(answer.error));
    if (bad !== null && answer.ok) {
      const respond = () => {
        if (res.destroyed || res.writableEnded) return;
        const body = bad.status === 200 ? JSON.stringify(answer) : 'upstream unavailable';
        res.writeHead(bad.status, { 'content-type': 'application/json' }).end(body);
      };
      if (bad.delayMs === 0) respond();
      else {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          respond();
        }, bad.delayMs);
        this.timers.add(timer);
      }
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  /**
   * Records the violations; returns the error Slack answers when one of them makes it refuse the call
   * (`msg_too_long` before `invalid_blocks`), else null: what is only shown badly is accepted.
   */
  private refusal(where: string, violations: readonly Violation[]): string | null {
    const at = Date.now();
    for (const violation of violations) this.violations.push({ ...violation, where, at });
    const errors = violations.flatMap((v) => (v.severity === 'refused' ? [v.error ?? 'invalid_blocks'] : []));
    if (errors.length === 0) return null;
    return errors.includes('msg_too_long') ? 'msg_too_long' : 'invalid_blocks';
  }

  private badAnswerFor(method: string): BadAnswer | null {
    const bad = this.badAnswers.get(method);
    if (!bad || bad.remaining <= 0) return null;
    bad.remaining -= 1;
    return bad;
  }

  private rateLimitFor(method: string): number | null {
    const once = this.rateLimits.get(method);
    if (once && once.remaining > 0) {
      once.remaining -= 1;
      return once.retryAfterSeconds;
    }
    const quota = this.quotas.get(method);
    if (quota) {
      const now = Date.now();
      if (now - quota.windowStart >= 1000) {
        quota.windowStart = now;
        quota.used = 0;
      }
      if (quota.used >= quota.perSecond) return quota.retryAfterSeconds;
      quota.used += 1;
    }
    return null;
  }

  private failureFor(method: string): string | null {
    const failure = this.failures.get(method);
    if (!failure || failure.remaining <= 0) return null;
    failure.remaining -= 1;
    return failure.error;
  }

  // biome-ignore lint/suspicious/noExplicitAny: answers mirror Slack's free-form JSON.
  private answer(method: string, args: Record<string, any>): Record<string, any> {
    switch (method) {
      case 'apps.connections.open':
        if (this.socketUrl === null) return { ok: false, error: 'not_allowed_token_type' };
        return { ok: true, url: this.socketUrl };
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Västervik',
          user: 'fredagsmotet',
          team_id: FAKE_BOT.teamId,
          user_id: FAKE_BOT.userId,
          bot_id: FAKE_BOT.botId,
        };
      case 'chat.postMessage': {
        const channel = this.resolveChannel(String(args.channel ?? ''));
        if (channel === null) return { ok: false, error: 'channel_not_found' };
        const ts = this.nextTs();
        const message: StoredMessage = {
          ts,
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          text: String(args.text ?? ''),
          blocks: args.blocks,
          ...(args.metadata ? { metadata: args.metadata } : {}),
          bot_id: FAKE_BOT.botId,
          user: FAKE_BOT.userId,
        };
        const kept = this.messages.get(channel) ?? [];
        kept.push(message);
        this.messages.set(channel, kept);
        return { ok: true, channel, ts, message };
      }
      case 'conversations.history':
      case 'conversations.replies': {
        const channel = String(args.channel ?? '');
        const known = this.channels.get(channel);
        if (known === undefined && ![...this.dmChannels.values()].includes(channel))
          return { ok: false, error: 'channel_not_found' };
        if (known?.isMember === false) return { ok: false, error: 'not_in_channel' };
        const oldest = Number(args.oldest ?? 0);
        const all = this.messages.get(channel) ?? [];
        const inView =
          method === 'conversations.history'
            ? all.filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts).reverse()
            : all.filter((m) => m.ts === args.ts || m.thread_ts === args.ts);
        // A thread under a person's direct message to the bot: the fake never saw that message (it reached the
        // bot as an event), but Slack knows it.
        const isDm = known === undefined;
        if (method === 'conversations.replies' && !isDm && !all.some((m) => m.ts === args.ts))
          return { ok: false, error: 'thread_not_found' };
        const withMetadata = ['true', '1', true].includes(args.include_all_metadata);
        const messages = inView
          .filter((m) => Number(m.ts) > oldest)
          .map(({ metadata, ...m }) => (withMetadata && metadata ? { ...m, metadata } : m));
        return { ok: true, messages, has_more: false, response_metadata: { next_cursor: '' } };
      }
      case 'chat.postEphemeral':
        if (this.resolveChannel(String(args.channel ?? '')) === null)
          return { ok: false, error: 'channel_not_found' };
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
      case 'chat.delete':
        if (!args.ts) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'conversations.open': {
        const userId = String(args.users ?? '').split(',')[0] ?? '';
        if (!this.knownUser(userId)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: this.dmChannelOf(userId) } };
      }
      case 'views.open':
      case 'views.update':
      case 'views.push':
        return {
          ok: true,
          view: { ...(args.view ?? {}), id: args.view_id ?? `V${randomUUID().slice(0, 8).toUpperCase()}` },
        };
      case 'views.publish':
        return { ok: true, view: { ...(args.view ?? {}), id: `VHOME${String(args.user_id ?? '')}` } };
      case 'users.info': {
        const user = this.users.get(String(args.user ?? ''));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.realName ?? user.name,
            is_bot: user.isBot ?? false,
            deleted: user.deleted ?? false,
            profile: { real_name: user.realName ?? user.name, display_name: user.name },
          },
        };
      }
      case 'conversations.info': {
        const channel = this.channels.get(String(args.channel ?? ''));
        if (!channel) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: { id: args.channel, name: channel.name, is_member: channel.isMember } };
      }
      case 'conversations.members': {
        const channel = this.channels.get(String(args.channel ?? ''));
        if (!channel) return { ok: false, error: 'channel_not_found' };
        return { ok: true, members: channel.members, response_metadata: { next_cursor: '' } };
      }
      case 'files.getUploadURLExternal':
      case 'files.completeUploadExternal':
        return this.fileUpload(method, args);
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /**
   * The two Web API steps of a file upload: an upload_url on this fake for each file, then the share of the
   * uploaded files in a channel. Refusals (file_uploads_disabled, …) come from `failWith`.
   */
  // biome-ignore lint/suspicious/noExplicitAny: answers mirror Slack's free-form JSON.
  private fileUpload(method: string, args: Record<string, any>): Record<string, any> {
    if (method === 'files.getUploadURLExternal') {
      if (!args.filename || !(Number(args.length) > 0)) return { ok: false, error: 'invalid_arguments' };
      const id = `F${String(this.pendingFiles.size + 1).padStart(8, '0')}`;
      this.pendingFiles.set(id, { filename: String(args.filename), bytes: null });
      return { ok: true, upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
    }
    const channel = args.channel_id === undefined ? null : this.resolveChannel(String(args.channel_id));
    if (channel === null) return { ok: false, error: 'channel_not_found' };
    const shared: { id: string; title?: string }[] = Array.isArray(args.files) ? args.files : [];
    const files = shared.map((f) => ({ ...f, pending: this.pendingFiles.get(f.id) }));
    if (files.length === 0 || files.some((f) => !f.pending?.bytes))
      return { ok: false, error: 'file_not_found' };
    this.uploads.push({
      channel,
      ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}),
      ...(args.initial_comment ? { initialComment: String(args.initial_comment) } : {}),
      ...(args.blocks ? { blocks: args.blocks } : {}),
      files: files.map((f) => ({
        id: f.id,
        filename: f.pending?.filename ?? '',
        title: f.title ?? f.pending?.filename ?? '',
        bytes: f.pending?.bytes ?? Buffer.alloc(0),
      })),
    });
    // Slack shows a share as a message of the bot's with the files, in the channel or the thread.
    const kept = this.messages.get(channel) ?? [];
    kept.push({
      ts: this.nextTs(),
      ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
      text: String(args.initial_comment ?? ''),
      files: files.map((f) => ({ id: f.id, name: f.pending?.filename ?? '' })),
      bot_id: FAKE_BOT.botId,
      user: FAKE_BOT.userId,
    });
    this.messages.set(channel, kept);
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
  }

  /** The upload_url: the client POSTs the bytes, as a multipart form (the Web API client) or as the raw body. */
  private async receiveUpload(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await readBytes(req);
    const pending = this.pendingFiles.get(url.pathname.slice('/upload/'.length));
    if (pending === undefined) {
      res.writeHead(404).end();
      return;
    }
    const contentType = String(req.headers['content-type'] ?? '');
    let body = bytes;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
      const file = [...form.values()].find((value) => typeof value !== 'string');
      if (file !== undefined) body = Buffer.from(await (file as Blob).arrayBuffer());
    }
    pending.bytes = body;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${body.length}`);
    this.notify();
  }

  /** Channels as Slack resolves them: a known channel, a user's DM (by user or D-id), else not found. */
  private resolveChannel(channel: string): string | null {
    if (this.channels.has(channel)) {
      return this.channels.get(channel)?.isMember === false ? null : channel;
    }
    if (/^[UW]/.test(channel)) return this.knownUser(channel) ? this.dmChannelOf(channel) : null;
    if (channel.startsWith('D') && [...this.dmChannels.values()].includes(channel)) return channel;
    return null;
  }

  /** With no users registered the fake accepts any user id; once some are, only those exist. */
  private knownUser(userId: string): boolean {
    return this.users.size === 0 ? /^[UW][A-Z0-9]+$/.test(userId) : this.users.has(userId);
  }
}

function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Web API arguments arrive form-encoded, with nested values (blocks, views) as JSON strings. */
// biome-ignore lint/suspicious/noExplicitAny: decoded arguments are free-form.
function decodeArgs(raw: string, contentType: string): Record<string, any> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw);
  // biome-ignore lint/suspicious/noExplicitAny: decoded arguments are free-form.
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
