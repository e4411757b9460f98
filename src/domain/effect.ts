/**
 * An effect's identity and destination: what the bot makes exactly once (a post, a direct message, a reply)
 * is keyed by meeting week, kind and target, and sent to a place.
 */

import type { MeetingWeek } from './schedule.js';

/**
 * What the bot does that a user sees — a post, a direct message, a reply — under a unique key, so that retries,
 * restarts and replicas never make it twice. The key is an identity only: where the effect goes is its place,
 * stored beside it, never read back out of the key.
 */
export interface EffectKey {
  /** The meeting it belongs to (for a reply: the week it was asked in). */
  readonly meetingWeek: MeetingWeek;
  /** `agenda`, `call`, `lastcall`, `compile`, `notice`, `alert`, `svar`, … */
  readonly kind: string;
  /** Which one of its kind: a channel, a user, a message part, a request's reply. */
  readonly target: string;
}

/** A channel the bot posts in, or a user it sends a direct message to. */
export type Place = { readonly channelId: string } | { readonly userId: string };

export function channelOf(place: Place | null): string | null {
  return place !== null && 'channelId' in place ? place.channelId : null;
}

export function userOf(place: Place | null): string | null {
  return place !== null && 'userId' in place ? place.userId : null;
}
