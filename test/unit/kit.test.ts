/**
 * The listener kit's own branches, without Slack, HTTP or a database: a fake ack records what Slack would get
 * back, a fake pipeline what would be stored and run.
 */

import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Deps } from '../../src/deps.js';
import { envelopeProblem } from '../../src/kit/boundary.js';
import type { RequestContext } from '../../src/kit/context.js';
import type { CommandSpec, ViewSpec } from '../../src/kit/kit.js';
import { commandListener, routeCommand, viewListener } from '../../src/kit/listeners.js';
import { decodeMetadata } from '../../src/kit/metadata.js';
import type { NewRequest, Pipeline, ScopeInput } from '../../src/kit/pipeline.js';
import { createAfterAckQueue } from '../../src/services/after-ack.js';

const deps = {
  clock: { now: () => new Date('2026-12-01T09:00:00Z') },
  logger: pino({ level: 'silent' }),
} as unknown as Deps;

function fakePipeline(options: { storeFails?: boolean } = {}) {
  const stored: NewRequest[] = [];
  const processed: string[] = [];
  const ran: ScopeInput[] = [];
  const pipe = {
    afterAck: createAfterAckQueue(),
    register: () => {},
    async store(request: NewRequest) {
      if (options.storeFails) throw new Error('connection refused');
      stored.push(request);
    },
    async process(key: string) {
      processed.push(key);
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
  return { pipe, stored, processed, ran };
}

const spec: CommandSpec = {
  command: '/test',
  subcommands: [{ names: [['visa']], mode: 'read', run: async () => {} }],
  empty: { mode: 'modal', run: async () => {} },
  otherwise: { mode: 'write', run: async () => {} },
  help: async () => 'hjälp',
  screen: (text) => (text.includes('hemligt') ? 'Vägrad direkt.' : null),
};

function command(text: string) {
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
      },
      client: {},
    } as never,
  };
}

describe('the kit’s command listener', () => {
  it('stores a write request before it acks, then carries it out under a key from its trigger', async () => {
    const { pipe, stored, processed } = fakePipeline();
    const { acks, args } = command('trafik: fler bilar');
    await commandListener(spec, deps, pipe)(args);
    expect(stored).toEqual([
      expect.objectContaining({ key: 'kommando:T123', kind: 'command:/test', userId: 'U0ANNA' }),
    ]);
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
