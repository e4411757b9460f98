/**
 * What `/lagesbild <text>` and a direct message to the bot ask for, read from plain text (slash-command text
 * is turned into plain text with `plainTextFromSlack` first). Pure: the parties and areas come in as lists.
 *
 * The grammar, as the help shows it:
 *   (empty)                          open the modal
 *   hjälp | mina                     subcommands
 *   status [vecka]                   each party's status
 *   visa [vecka] [part]              the compiled picture
 *   [part] inget [att rapportera]    nothing to report (also `inget [part]`)
 *   [part] <område>: <text>          one entry; the part only for users in several parties
 */

import {
  type Aliased,
  type Findable,
  findArea,
  findParty,
  foldForMatch,
  longestAt,
  lookup,
  type Run,
} from './lookup.js';
import { type MeetingSchedule, type MeetingWeek, parseMeetingWeek } from './schedule.js';

export type LagesbildRequest =
  | { readonly kind: 'modal' }
  | { readonly kind: 'help' }
  | { readonly kind: 'status'; readonly args: string }
  | { readonly kind: 'mine' }
  | { readonly kind: 'show'; readonly args: string }
  | { readonly kind: 'nothing'; readonly partyKey: string | null }
  | {
      readonly kind: 'entry';
      readonly partyKey: string | null;
      readonly areaKey: string;
      readonly text: string;
    }
  /** `<alias>:` with a word that is no area; `candidates` (keys) when it could be several. */
  | { readonly kind: 'unknownArea'; readonly word: string; readonly candidates?: readonly string[] }
  /**
   * `<part> <alias>:` (form `entry`) or `inget <part>` (form `nothing`) with a word that is no party;
   * `candidates` (keys) when it could be several.
   */
  | {
      readonly kind: 'unknownParty';
      readonly word: string;
      readonly form: 'entry' | 'nothing';
      readonly candidates?: readonly string[];
    }
  /** `trafik fler bilar` (also `… kl 14:30`): an area without its colon, a one-liner typed slightly wrong. */
  | { readonly kind: 'missingColon'; readonly areaKey: string }
  | { readonly kind: 'unknownSubcommand'; readonly word: string };

export interface Catalogue {
  readonly parties: readonly Findable[];
  readonly areas: readonly Aliased[];
}

/** What an unknown or ambiguous word becomes in a request: the user's spelling, and the keys it could be. */
function notFound(found: ReturnType<typeof lookup>): { word: string; candidates?: readonly string[] } {
  if (found.kind === 'ambiguous')
    return { word: found.typed, candidates: found.candidates.map((c) => c.key) };
  return { word: found.kind === 'unknown' ? found.typed : found.item.key };
}

const HELP_WORDS = ['hjälp', 'help', '?', 'hjalp'];
const NOTHING_WORDS = ['inget', 'ingenting'];
const NOTHING_TAIL = /^(?:att\s+rapportera(?:\s+denna\s+vecka)?|denna\s+vecka)(?:\s+|$)/i;

function isWord(word: string, list: readonly string[]): boolean {
  const folded = foldForMatch(word);
  return list.some((candidate) => foldForMatch(candidate) === folded);
}

/** An area by key, alias or whole Swedish name (`Hedersförtryck: …`). */
export function lookupArea<T extends Aliased>(areas: readonly T[], words: string): T | null {
  const folded = foldForMatch(words).replace(/\s+/g, ' ');
  return findArea(areas, folded) ?? areas.find((area) => foldForMatch(area.name) === folded) ?? null;
}

export function parseLagesbildText(input: string, catalogue: Catalogue): LagesbildRequest {
  const text = input.trim();
  if (text === '') return { kind: 'modal' };
  const [first = '', ...restWords] = text.split(/\s+/);
  const rest = text.slice(first.length).trim();
  const firstFolded = foldForMatch(first);

  if (isWord(first, HELP_WORDS) && rest === '') return { kind: 'help' };
  if (firstFolded === 'status' && !rest.startsWith(':')) return { kind: 'status', args: rest };
  if (firstFolded === 'mina' && rest === '') return { kind: 'mine' };
  if (firstFolded === 'visa' && !rest.startsWith(':')) return { kind: 'show', args: rest };

  const colon = text.indexOf(':');
  if (colon >= 0) return parseOneLiner(text.slice(0, colon), text.slice(colon + 1), catalogue);

  const nothing = parseNothing(first, restWords, catalogue);
  if (nothing !== null) return nothing;

  // Without a colon this may be a sentence: only whole words count, never the beginning of one.
  const exactly = { prefixes: false };
  const area = findArea(catalogue.areas, first, exactly);
  if (area !== null) return { kind: 'missingColon', areaKey: area.key };
  const words = [first, ...restWords];
  const party = longestAt(catalogue.parties, words, 0, exactly);
  if (party !== null && party.found.kind === 'found' && party.end < words.length) {
    const next = words[party.end] ?? '';
    const partyNothing = parseNothing(next, words.slice(party.end + 1), catalogue, party.found.item.key);
    if (partyNothing !== null) return partyNothing;
    const partyArea = findArea(catalogue.areas, next, exactly);
    if (partyArea !== null) return { kind: 'missingColon', areaKey: partyArea.key };
  }
  return { kind: 'unknownSubcommand', word: first };
}

/** "Inget att rapportera." as people write it in chat: the full stop or exclamation mark is not a word. */
function withoutEndPunctuation(text: string): string {
  return text.replace(/[.!,;]+$/, '');
}

/** `inget`, `inget att rapportera`, `inget polisen`, or (after a party word) `polisen inget`. */
function parseNothing(
  word: string,
  after: readonly string[],
  catalogue: Catalogue,
  partyKey: string | null = null,
): LagesbildRequest | null {
  if (!isWord(withoutEndPunctuation(word), NOTHING_WORDS)) return null;
  const tail = withoutEndPunctuation(after.join(' ')).replace(NOTHING_TAIL, '').trim();
  if (tail === '') return { kind: 'nothing', partyKey };
  if (partyKey !== null) return { kind: 'unknownSubcommand', word };
  const party = lookup(catalogue.parties, tail);
  return party.kind === 'found'
    ? { kind: 'nothing', partyKey: party.item.key }
    : { kind: 'unknownParty', ...notFound(party), form: 'nothing' };
}

/** `<område>: <text>` or `<part> <område>: <text>`; the text keeps the user's own line breaks. */
function parseOneLiner(head: string, body: string, catalogue: Catalogue): LagesbildRequest {
  const words = head
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const entryText = body.trim();
  const whole = lookupArea(catalogue.areas, head);
  if (whole !== null) return { kind: 'entry', partyKey: null, areaKey: whole.key, text: entryText };
  if (words.length === 0) return { kind: 'unknownSubcommand', word: ':' };

  // `Västerviks kommun trafik:` — the longest run of words naming a party, then the area.
  for (let end = words.length - 1; end >= 1; end--) {
    const party = findParty(catalogue.parties, words.slice(0, end).join(' '));
    if (party === null) continue;
    const areaWords = words.slice(end).join(' ');
    const area = lookup(catalogue.areas, areaWords);
    if (area.kind === 'found')
      return { kind: 'entry', partyKey: party.key, areaKey: area.item.key, text: entryText };
    const typed = findArea(catalogue.areas, words[end] ?? '', { prefixes: false });
    // `polisen trafik fler bilar kl 14:30`: the colon is in the text, not after the area.
    if (typed !== null) return { kind: 'missingColon', areaKey: typed.key };
    return { kind: 'unknownArea', ...notFound(area) };
  }
  if (words.length === 1)
    return { kind: 'unknownArea', ...notFound(lookup(catalogue.areas, words[0] ?? '')) };
  const typed = findArea(catalogue.areas, words[0] ?? '', { prefixes: false });
  if (typed !== null) return { kind: 'missingColon', areaKey: typed.key };
  if (words.length === 2 && lookupArea(catalogue.areas, words[1] ?? '') !== null) {
    return { kind: 'unknownParty', ...notFound(lookup(catalogue.parties, words[0] ?? '')), form: 'entry' };
  }
  // A sentence with a colon in it ("fler bilar: E22"): not a form we know; say so with the first word.
  return { kind: 'unknownSubcommand', word: words[0] ?? '' };
}

/** What a direct message to the bot asks for: an entry, nothing to report, or something the bot cannot read. */
export type ChatRequest =
  | Extract<LagesbildRequest, { kind: 'entry' | 'nothing' | 'unknownArea' | 'unknownParty' | 'missingColon' }>
  | { readonly kind: 'unreadable' };

export function parseChatMessage(input: string, catalogue: Catalogue): ChatRequest {
  // In chat a message may start with a greeting line or end with a signature; only the one-liner form counts,
  // so the whole message is read as one `<område>: <text>`, the way the call for input asks for it.
  const request = parseLagesbildText(input, catalogue);
  switch (request.kind) {
    case 'entry':
    case 'nothing':
    case 'unknownArea':
    case 'missingColon':
      return request;
    case 'unknownParty':
      // `inget brandkåren` is the form with a misspelt party; `Hej!\ntrafik: …` is a greeting before the form,
      // and a first word that is no party and no area gets the reply showing the form.
      return request.form === 'nothing' ? request : { kind: 'unreadable' };
    default:
      return { kind: 'unreadable' };
  }
}

export type ShowRequest =
  | { readonly kind: 'ok'; readonly week: MeetingWeek | null; readonly partyKey: string | null }
  | { readonly kind: 'badWeek'; readonly text: string };

/**
 * `visa [vecka] [part]`: a week as people type it (`v49`, `49`, `vecka 49`, `2026-W49`) and an optional
 * party, in either order. A null week means the coming meeting.
 */
export function parseShowArguments(
  args: string,
  parties: readonly Findable[],
  now: Date,
  schedule: MeetingSchedule,
): ShowRequest {
  const words = args
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  let partyKey: string | null = null;
  const weekWords: string[] = [];
  for (let at = 0; at < words.length; at++) {
    // `visa v49 Västerviks kommun`: a party's name may be several words.
    const party: Run<Findable> | null = partyKey === null ? longestAt(parties, words, at) : null;
    if (party !== null && party.found.kind === 'found') {
      partyKey = party.found.item.key;
      at = party.end - 1;
    } else weekWords.push(words[at] ?? '');
  }
  if (weekWords.length === 0) return { kind: 'ok', week: null, partyKey };
  const weekText = weekWords.join(' ');
  const week = parseMeetingWeek(weekText, now, schedule);
  return week === null ? { kind: 'badWeek', text: weekText } : { kind: 'ok', week, partyKey };
}

/**
 * A Slack user named in command text, as Slack escapes it (`<@U123|anna>`, `<@U123>`), or a bare user id
 * (`U123ABC`, as admins copy it from a profile). Returns the id and the text after it.
 */
export function parseUserReference(text: string): { userId: string; rest: string } | null {
  const trimmed = text.trim();
  const escaped = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s*/.exec(trimmed);
  if (escaped) return { userId: escaped[1] as string, rest: trimmed.slice(escaped[0].length).trim() };
  const bare = /^([UW][A-Z0-9]{2,})(?=\s|$)\s*/.exec(trimmed);
  if (bare) return { userId: bare[1] as string, rest: trimmed.slice(bare[0].length).trim() };
  return null;
}
