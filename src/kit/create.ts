/**
 * What each feature's `register(kit)` gets: one method per kind of listener, each wiring Bolt to the kit's named
 * listener (src/kit/listeners.ts, src/kit/events.ts) with the app's dependencies.
 */

import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import type { Deps } from '../deps.js';
import type { BoundaryReceiver } from './boundary.js';
import { type DurableEventSpec, registerDurableEvent, registerEvent } from './events.js';
import type { ActionSpec, CommandSpec, ViewSpec } from './kit.js';
import { actionListener, commandListener, viewListener } from './listeners.js';
import type { Pipeline } from './pipeline.js';

export interface Kit {
  readonly deps: Deps;
  command(spec: CommandSpec): void;
  action(spec: ActionSpec): void;
  view<S extends z.ZodType>(spec: ViewSpec<S>): void;
  durableEvent(spec: DurableEventSpec): void;
  event<E>(type: string, run: (event: E, client: WebClient) => Promise<void>): void;
}

export function createKit(app: App, deps: Deps, pipe: Pipeline, boundary: BoundaryReceiver): Kit {
  return {
    deps,
    command: (spec) => app.command(spec.command, commandListener(spec, deps, pipe)),
    action: (spec) =>
      app.action<BlockAction<ButtonAction>>(
        { action_id: spec.actionId, type: 'block_actions' },
        actionListener(spec, deps, pipe),
      ),
    view: (spec) => app.view(spec.callbackId, viewListener(spec, deps, pipe)),
    durableEvent: (spec) => registerDurableEvent(app, deps, pipe, boundary, spec),
    event: (type, run) => registerEvent(app, deps, type, run),
  };
}
