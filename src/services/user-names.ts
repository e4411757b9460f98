/**
 * People's names without mentions: a `<@U…>` in a channel post notifies the person, and the bot never pings
 * anyone, so messages that say who did something (a proposer, an author) show the display name instead. Names
 * come from Slack's users.info and are kept in `user_names`; one shared service for every message that names
 * people (the agenda's proposals, the minutes, the compiled picture).
 *
 * Slack is asked only outside a request's transaction: by the cycle's jobs when they render, and after a
 * change is committed (`ctx.after(() => refreshDisplayName(…))`) so the name is usually stored before anything
 * shows it. The names are shown escaped (escapeMrkdwn) by whoever renders them.
 */

import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import { getUserNames, saveUserName } from '../db/user-names.repository.js';
import type { EffectSlack } from '../effects/client.js';
import { sv } from '../i18n/sv.js';
import { errorFields, type Logger } from '../logger.js';

export interface NameSource {
  readonly db: Executor;
  readonly slack: Pick<EffectSlack, 'web'>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The name source of the app's dependencies (a listener's `ctx.deps`, a job's context). */
export function nameSourceOf(deps: {
  readonly db: Executor;
  readonly slack: Pick<EffectSlack, 'web'>;
  readonly clock: Clock;
  readonly logger: Logger;
}): NameSource {
  return { db: deps.db, slack: deps.slack, clock: deps.clock, logger: deps.logger };
}

/** A stored name older than this is asked for again (people change their display names). */
const STALE_MS = 7 * 24 * 60 * 60_000;
/** After someone acts, their name is refreshed when older than this. */
const REFRESH_AFTER_ACT_MS = 24 * 60 * 60_000;
/** How many users.info calls run at once: Slack allows far more per minute. */
const AT_ONCE = 8;
const NAME_MAX = 200;
const USER_ID = /^[UW][A-Z0-9]{2,31}$/;

interface SlackUser {
  readonly name?: string;
  readonly real_name?: string;
  readonly profile?: { readonly display_name?: string; readonly real_name?: string };
}

/** The name Slack shows for a user: the display name, else the full name, else the user name. */
export function nameFromSlackUser(user: SlackUser): string | null {
  const candidates = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name];
  for (const candidate of candidates) {
    const name = candidate?.replace(/\s+/g, ' ').trim() ?? '';
    if (name !== '') return [...name].slice(0, NAME_MAX).join('');
  }
  return null;
}

async function fetchName(env: NameSource, userId: string): Promise<string | null> {
  try {
    const result = await env.slack.web.users.info({ user: userId });
    const name = result.user === undefined ? null : nameFromSlackUser(result.user as SlackUser);
    if (name !== null) await saveUserName(env.db, userId, name, env.clock.now());
    return name;
  } catch (error) {
    env.logger.debug({ err: errorFields(error), subject: userId }, 'users.info failed; name not refreshed');
    return null;
  }
}

/**
 * The stored display names of these users, by id, without asking Slack: for what is rendered often (the live
 * agenda, the summary on every tick of its window) and inside a request's transaction. One query.
 */
export async function storedDisplayNames(
  db: Executor,
  userIds: readonly string[],
): Promise<ReadonlyMap<string, string>> {
  const stored = await getUserNames(
    db,
    userIds.filter((id) => USER_ID.test(id)),
  );
  return new Map([...stored].map(([id, s]) => [id, s.name]));
}

/**
 * The display names of these users, by id: stored ones, and Slack asked for those missing or stale (a stale one
 * is kept when Slack cannot answer). A user Slack cannot tell about is absent: see `nameOf`.
 */
export async function displayNames(
  env: NameSource,
  userIds: readonly string[],
): Promise<ReadonlyMap<string, string>> {
  const ids = [...new Set(userIds.filter((id) => USER_ID.test(id)))];
  const stored = await getUserNames(env.db, ids);
  const names = new Map([...stored].map(([id, s]) => [id, s.name]));
  const now = env.clock.now().getTime();
  const queue = ids.filter((id) => {
    const known = stored.get(id);
    return known === undefined || now - known.fetchedAt.getTime() > STALE_MS;
  });
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const name = await fetchName(env, id);
      if (name !== null) names.set(id, name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, queue.length) }, worker));
  return names;
}

/** Asks Slack for a user's name after they did something, unless it was stored recently. Never throws. */
export async function refreshDisplayName(env: NameSource, userId: string): Promise<void> {
  if (!USER_ID.test(userId)) return;
  try {
    const known = (await getUserNames(env.db, [userId])).get(userId);
    if (known !== undefined && env.clock.now().getTime() - known.fetchedAt.getTime() < REFRESH_AFTER_ACT_MS)
      return;
    await fetchName(env, userId);
  } catch (error) {
    env.logger.debug({ err: errorFields(error), subject: userId }, 'display name not refreshed');
  }
}

/** A user's name for a message (not yet escaped), or a neutral word when it is not known. */
export function nameOf(names: ReadonlyMap<string, string>, userId: string): string {
  return names.get(userId) ?? sv.common.unknownUser;
}
