/**
 * The meeting's minutes besides the joint priorities: the decisions and notes written during it (`/protokoll`,
 * the agenda's "Anteckna" button) and which parties attended. Pure: what a note may hold and how the command's
 * text reads; src/db/minutes.repository.ts stores them, src/slack/minutes.ts shows them in "Beslut och
 * uppföljning".
 */

import { findPersonalIdentityNumber } from './personnummer.js';
import type { MeetingWeek } from './schedule.js';
import { characterCount } from './text.js';

export type MeetingNoteKind = 'beslut' | 'notering';
export const MEETING_NOTE_KINDS: readonly MeetingNoteKind[] = ['beslut', 'notering'];

export const MEETING_NOTE_MAX = 2000;

export interface MeetingNote {
  readonly id: number;
  readonly week: MeetingWeek;
  readonly kind: MeetingNoteKind;
  readonly text: string;
  readonly authorUserId: string;
  readonly createdAt: Date;
}

/** What a meeting's minutes hold besides the priorities: its notes, oldest first, and the parties present. */
export interface Minutes {
  readonly notes: readonly MeetingNote[];
  /** The parties marked present, in the parties' order; empty when nobody marked attendance. */
  readonly presentPartyKeys: readonly string[];
}

export type NoteProblem = 'required' | 'tooLong' | 'personnummer';

export type NoteValidation =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: NoteProblem; readonly length: number };

/** Trims and unifies line breaks; refuses an empty text, one over MEETING_NOTE_MAX and a personal identity number. */
export function validateMeetingNote(text: string): NoteValidation {
  const cleaned = text.replace(/\r\n?/g, '\n').trim();
  const length = characterCount(cleaned);
  if (cleaned === '') return { ok: false, problem: 'required', length };
  if (length > MEETING_NOTE_MAX) return { ok: false, problem: 'tooLong', length };
  if (findPersonalIdentityNumber(cleaned) !== null) return { ok: false, problem: 'personnummer', length };
  return { ok: true, text: cleaned };
}

const KIND_PREFIX = /^(beslut|notering|anteckning)\s*(?::|\s)\s*/i;

/**
 * `/protokoll <text>` is a note; `/protokoll beslut: <text>` (or `beslut <text>`) a decision. `notering:` and
 * `anteckning:` say a note explicitly.
 */
export function readNoteCommand(text: string): { kind: MeetingNoteKind; text: string } {
  const trimmed = text.trim();
  const match = KIND_PREFIX.exec(trimmed);
  if (match === null) return { kind: 'notering', text: trimmed };
  const kind: MeetingNoteKind = match[1]?.toLowerCase() === 'beslut' ? 'beslut' : 'notering';
  return { kind, text: trimmed.slice(match[0].length) };
}
