/**
 * The metadata every effect's message carries (its key), so an attempt whose answer was lost can find its
 * message in Slack instead of posting it twice.
 */

import type { MessageMetadata } from '@slack/types';
import type { EffectKey } from '../domain/effect.js';

/** The metadata event type every message of an effect carries, so an interrupted attempt can be looked up. */
export const EFFECT_EVENT_TYPE = 'fredagsmotet_effect';

/** An effect's key as its message carries it: `2026-W49/agenda/C0MEETING`. */
export function effectMetadataKey(key: EffectKey): string {
  return `${key.meetingWeek}/${key.kind}/${key.target}`;
}

export function effectMetadata(key: EffectKey): MessageMetadata {
  return { event_type: EFFECT_EVENT_TYPE, event_payload: { key: effectMetadataKey(key) } };
}
