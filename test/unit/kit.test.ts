/**
 * The listener kit's own branches, without Slack, HTTP or a database: a fake ack records what Slack would get
 * back, a fake pipeline what would be stored and run.
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Deps } from '../../src/deps.js';
import { sv } from '../../src/i18n/sv.js';
import { envelopeProblem } from '../../src/kit/boundary.js';
import type { RequestContext } from '../../src/kit/context.js';
import type { ActionSpec, CommandSpec, ViewSpec } from '../../src/kit/kit.js';
import { actionListener, commandListener, routeCommand, viewListener } from '../../src/kit/listeners.js';
import { decodeMetadata } from '../../src/kit/metadata.js';
import type { NewRequest, Pipeline, ScopeInput } from '../../src/kit/pipeline.js';
import { createAfterAckQueue } from '../../src/services/after-ack.js';

/** Slack calls made directly (not as recorded replies): only the notice that a click was not stored. */
const slackCalls: Array<{ method: string; args: Record<string, unknown> }> = [];
const deps = {
  clock: { now: () => new Date('2026-12-01T09:00:00Z') },
  logger: pino({ level: 'silent' }),
  slack: {
    web: {
      chat: {
        postEphemeral: async (args: Record<string, unknown>) =>
          slackCalls.push({ method: 'postEphemeral', args }),
        postMessage: async (args: Record<string, unknown>) =>
          slackCalls.push({ method: 'postMessage', args }),
      },
    },
  },
} as unknown as Deps;

/**
 * A pipeline that records what it was asked to do; `events` holds stores, acks and runs in the order they
 * happened (the fake acks push to it too), so a test can tell whether a request was stored before its ack.
 */
function fakePipeline(options: { storeFails?: boolean } = {}) {
  const stored: NewRequest[] = [];
  const processed: string[] = [];
  const ran: ScopeInput[] = [];
  const events: string[] = [];
  const pipe = {
    afterAck: createAfterAckQueue(),
    register: () => {},
    async store(request: NewRequest) {
      // A round trip to the database: an ack that does not wait for it comes first.
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (options.storeFails) throw new Error('connection refused');
      stored.push(request);
      events.push('store');
    },
    async process(key: string) {
      processed.push(key);
      events.push('process');
    },
    async runNow(scope: ScopeInput, run: (ctx: RequestContext) => Promise<void>) {
      ran.push(scope);
      void run;
    },
    async runInTransaction(scope: ScopeInput, run: (ctx: RequestContext) => Promise<unknown>) {
      ran.push(scope);
      return { result: await run({ userId: scope.userId } as RequestContext), finish: async () => {} };
    },
  } as unknown as Pipeline;
  return { pipe, stored, processed, ran, events };
}

const spec: CommandSpec = {
  command: '/test',
  subcommands: [{ names: [['visa']], mode: 'read', run: async () => {} }],
  empty: { mode: 'modal', run: async () => {} },
  otherwise: { mode: 'write', run: async () => {} },
  help: async () => 'hjälp',
  screen: (text) => (text.includes('hemligt') ? 'Vägrad direkt.' : null),
};

function command(text: string, events: string[] = []) {
  const acks: unknown[] = [];
  return {
    acks,
    args: {
      command: {
        text,
        user_id: 'U0ANNA',
        channel_id: 'C0MEETING',
        trigger_id: 'T123',
        response_url: 'https://hooks.example/response/1',
      },
      ack: async (body?: unknown) => {
        acks.push(body);
        events.push('ack');
      },
      client: {},
    } as never,
  };
}

describe('the kit’s command listener', () => {
  it('stores a write request before it acks, then carries it out under a key from its trigger', async () => {
    const { pipe, stored, processed, events } = fakePipeline();
    const { acks, args } = command('trafik: fler bilar', events);
    await commandListener(spec, deps, pipe)(args);
    expect(stored).toEqual([
      expect.objectContaining({ key: 'kommando:T123', kind: 'command:/test', userId: 'U0ANNA' }),
    ]);
    expect(events).toEqual(['store', 'ack', 'process']);
    expect(acks).toEqual([undefined]);
    expect(processed).toEqual(['kommando:T123']);
  });

  it('answers in the ack itself and stores nothing when the screen refuses the text', async () => {
    const { pipe, stored, processed } = fakePipeline();
    const { acks, args } = command('trafik: hemligt nummer');
    await commandListener(spec, deps, pipe)(args);
    expect(acks).toEqual([{ response_type: 'ephemeral', text: 'Vägrad direkt.' }]);
    expect(stored).toEqual([]);
    expect(processed).toEqual([]);
  });

  it('says in the ack that nothing was saved when the request cannot be stored', async () => {
    const { pipe, processed } = fakePipeline({ storeFails: true });
    const { acks, args } = command('trafik: fler bilar');
    await commandListener(spec, deps, pipe)(args);
    expect(acks).toHaveLength(1);
    expect(JSON.stringify(acks[0])).toContain('inget sparades');
    expect(processed).toEqual([]);
  });

  it('acks a read at once and answers it after, without storing it', async () => {
    const { pipe, stored, ran } = fakePipeline();
    const { acks, args } = command('visa v49');
    await commandListener(spec, deps, pipe)(args);
    expect(acks).toEqual([undefined]);
    expect(stored).toEqual([]);
    expect(ran.map((scope) => scope.requestKey)).toEqual(['kommando:T123']);
  });

  it('routes the empty text, a subcommand in any case and with å/ä/ö folded, and the rest', () => {
    expect(routeCommand(spec, '   ')?.target.mode).toBe('modal');
    expect(routeCommand(spec, 'VISA v49')).toMatchObject({ target: { mode: 'read' }, rest: 'v49' });
    expect(routeCommand(spec, 'trafik: x')).toMatchObject({ target: { mode: 'write' }, rest: 'trafik: x' });
  });
});

describe('the kit’s button listener', () => {
  const button = (mode: ActionSpec['mode']): ActionSpec => ({
    actionId: `test_${mode}`,
    mode,
    run: async () => {},
  });
  /** A click on a message (with its response_url), on App Home (neither), or on a message without one. */
  const click = (
    events: string[],
    where: { responseUrl?: string; channelId?: string } = { responseUrl: 'https://hooks.example/r/1' },
  ) => {
    const acks: unknown[] = [];
    return {
      acks,
      args: {
        ack: async (body?: unknown) => {
          acks.push(body);
          events.push('ack');
        },
        body: {
          user: { id: 'U0ANNA' },
          trigger_id: 'T777',
          ...(where.responseUrl === undefined ? {} : { response_url: where.responseUrl }),
          ...(where.channelId === undefined ? {} : { channel: { id: where.channelId } }),
          container: {},
        },
        action: { action_id: 'x', value: 'entry-7', action_ts: '1.2' },
        client: {},
      } as never,
    };
  };

  /** A stand-in for a response_url: records what was posted to it. */
  const posted: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      posted.push(JSON.parse(raw) as Record<string, unknown>);
      res.writeHead(200).end('ok');
    });
  });
  let responseUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('stores a click that changes data before it acks, then carries it out under a key from its trigger', async () => {
    const { pipe, stored, processed, events } = fakePipeline();
    const { acks, args } = click(events);
    await actionListener(button('write'), deps, pipe)(args);
    expect(events).toEqual(['store', 'ack', 'process']);
    expect(acks).toEqual([undefined]);
    expect(stored).toEqual([
      expect.objectContaining({
        key: 'knapp:T777',
        kind: 'action:test_write',
        userId: 'U0ANNA',
        payload: expect.objectContaining({ value: 'entry-7', responseUrl: 'https://hooks.example/r/1' }),
      }),
    ]);
    expect(processed).toEqual(['knapp:T777']);
  });

  it('acks a click that could not be stored, runs nothing, and tells the person through the response_url', async () => {
    posted.length = 0;
    const { pipe, processed, events } = fakePipeline({ storeFails: true });
    const { acks, args } = click(events, { responseUrl });
    await actionListener(button('write'), deps, pipe)(args);
    expect(acks).toEqual([undefined]);
    expect(processed).toEqual([]);
    expect(posted).toEqual([
      expect.objectContaining({
        response_type: 'ephemeral',
        replace_original: false,
        text: sv.common.notReceived,
      }),
    ]);
  });

  it('tells the person ephemerally in the channel, or by direct message from App Home, when a click was not stored', async () => {
    slackCalls.length = 0;
    const inChannel = fakePipeline({ storeFails: true });
    await actionListener(
      button('write'),
      deps,
      inChannel.pipe,
    )(click(inChannel.events, { channelId: 'C0MEETING' }).args);
    const fromHome = fakePipeline({ storeFails: true });
    await actionListener(button('write'), deps, fromHome.pipe)(click(fromHome.events, {}).args);
    expect(slackCalls).toEqual([
      {
        method: 'postEphemeral',
        args: { channel: 'C0MEETING', user: 'U0ANNA', text: sv.common.notReceived },
      },
      { method: 'postMessage', args: { channel: 'U0ANNA', text: sv.common.notReceived } },
    ]);
    expect([...inChannel.events, ...fromHome.events]).toEqual(['ack', 'ack']);
  });

  it('acks a click that only reads at once and runs it after, without storing it', async () => {
    const { pipe, stored, ran: scopes, events } = fakePipeline();
    const { acks, args } = click(events);
    await actionListener(button('read'), deps, pipe)(args);
    expect(acks).toEqual([undefined]);
    expect(stored).toEqual([]);
    expect(scopes.map((scope) => scope.requestKey)).toEqual(['knapp:T777']);
  });
});

describe('the kit’s form listener', () => {
  const metadata = z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/) });
  const view: ViewSpec<typeof metadata> = {
    callbackId: 'test',
    metadata,
    errorBlock: 'text',
    saveFailed: 'Det gick inte att spara.',
    run: async () => {
      throw new Error('database away');
    },
  };
  const submit = (privateMetadata: string) => {
    const acks: unknown[] = [];
    return {
      acks,
      args: {
        ack: async (body?: unknown) => {
          acks.push(body);
        },
        body: { user: { id: 'U0ANNA' } },
        view: { id: 'V1', hash: 'h', private_metadata: privateMetadata, state: { values: {} } },
      } as never,
    };
  };

  it('keeps the form open with an error when its metadata was tampered with, running nothing', async () => {
    const { pipe, ran } = fakePipeline();
    const { acks, args } = submit('{"week":"2099"}');
    await viewListener(view, deps, pipe)(args);
    expect(acks).toEqual([{ response_action: 'errors', errors: { text: expect.any(String) } }]);
    expect(ran).toEqual([]);
  });

  it('keeps the form open and says saving failed when the handler throws', async () => {
    const { pipe } = fakePipeline();
    const { acks, args } = submit('{"week":"2026-W49"}');
    await viewListener(view, deps, pipe)(args);
    expect(acks).toEqual([{ response_action: 'errors', errors: { text: 'Det gick inte att spara.' } }]);
  });
});

describe('decodeMetadata', () => {
  const schema = z.object({ id: z.number().int().positive() });
  it('reads what fits the schema, a plain value as itself, and nothing else', () => {
    expect(decodeMetadata(schema, '{"id":7}')).toEqual({ id: 7 });
    expect(decodeMetadata(schema, '{"id":-1}')).toBeNull();
    expect(decodeMetadata(schema, 'inte json')).toBeNull();
    expect(decodeMetadata(schema, '')).toBeNull();
    expect(decodeMetadata(z.string().regex(/^\d{4}-W\d{2}$/), '2026-W49')).toBe('2026-W49');
  });
});

describe('the boundary’s envelope check', () => {
  it('tells malformed signed payloads from the ones Slack sends', () => {
    expect(envelopeProblem({ type: 'event_callback', event: null })).not.toBeNull();
    expect(envelopeProblem({ type: 'block_actions', user: null, actions: [null] })).not.toBeNull();
    expect(envelopeProblem({ type: 'view_submission', user: { id: 'U1' }, view: null })).not.toBeNull();
    expect(envelopeProblem({ command: '/lagesbild', user_id: 'U1' })).not.toBeNull();
    expect(envelopeProblem({ type: 'event_callback', event: { type: 'message' } })).toBeNull();
    expect(
      envelopeProblem({
        command: '/lagesbild',
        user_id: 'U1',
        channel_id: 'C1',
        trigger_id: 'T1',
        response_url: 'https://x',
        text: '',
      }),
    ).toBeNull();
    expect(envelopeProblem({ type: 'url_verification', challenge: 'x' })).toBeNull();
  });
});
