/**
 * `/samverkan part …` and `/samverkan område …`: admins add, rename and retire parties and areas in Slack. A
 * retired one keeps its key, its name and its history (entries, priorities, reports) and leaves the forms and
 * the lookups; adding it again by the same name brings it back. A retired party's memberships end, and its
 * members are told. Every change, and every refused attempt, is in the access log.
 */

import {
  type CatalogueRow,
  insertArea,
  insertParty,
  listAllAreas,
  listAllParties,
  reactivateItem,
  renameItem,
  retireArea,
  retireParty,
} from '../../src/db/parties.repository.js';
import {
  type CatalogueProblem,
  checkNameAndAliases,
  deriveKey,
  type OtherItem,
  parseNameAndAliases,
} from '../../src/domain/catalogue-admin.js';
import { type Findable, foldPhrase, type Lookup, lookup } from '../../src/domain/lookup.js';
import { sv } from '../../src/i18n/sv.js';
import type { RequestContext } from '../../src/kit/context.js';
import { requireAdmin } from '../../src/kit/guards.js';
import type { CommandContext, Subcommand } from '../../src/kit/kit.js';
import type { Catalogue } from '../../src/services/catalogue.js';
import { ambiguousText } from '../../src/slack/catalogue.js';
import { aliasList, partyKeyList } from '../../src/slack/lagesbild-texts.js';
import { escapeMrkdwn, mention } from '../../src/slack/mrkdwn.js';

type Kind = 'party' | 'area';

const k = sv.katalog;
const ex = k.examples;
const COMMAND_WORD: Record<Kind, string> = { party: 'part', area: 'omrade' };

function asAdmin(ctx: RequestContext, kind: Kind) {
  return requireAdmin(ctx, {
    action: 'change',
    resource: kind,
    detail: { command: COMMAND_WORD[kind] },
  });
}

/** The active items of a kind, as the catalogue has them. */
function itemsOf(catalogue: Catalogue, kind: Kind): readonly Findable[] {
  return kind === 'party' ? catalogue.parties : catalogue.areas;
}

/** Every other active party and area: what a new word must not already be. */
function othersThan(catalogue: Catalogue, key: string | null, kind: Kind): OtherItem[] {
  return [
    ...catalogue.parties.map((item) => ({ kind: 'party' as const, item })),
    ...catalogue.areas.map((item) => ({ kind: 'area' as const, item })),
  ].filter((other) => !(other.kind === kind && other.item.key === key));
}

function whatIs(other: OtherItem): string {
  return (other.kind === 'party' ? k.whatParty : k.whatArea)(escapeMrkdwn(other.item.name));
}

function problemText(problem: CatalogueProblem, example: string): string {
  const p = k.problems;
  switch (problem.kind) {
    case 'nameMissing':
      return p.nameMissing(example);
    case 'nameTooLong':
      return p.nameTooLong(problem.limit, problem.length);
    case 'nameInvalid':
      return p.nameInvalid;
    case 'personalNumber':
      return p.personalNumber;
    case 'tooManyAliases':
      return p.tooManyAliases(problem.limit);
    case 'aliasTooLong':
      return p.aliasTooLong(escapeMrkdwn(problem.alias), problem.limit, problem.length);
    case 'aliasInvalid':
      return p.aliasInvalid(escapeMrkdwn(problem.alias));
    case 'aliasReserved':
      return p.aliasReserved(escapeMrkdwn(problem.alias));
    case 'taken':
      return p.taken(escapeMrkdwn(problem.word), whatIs(problem.by));
  }
}

/** The words an item is typed as, for the confirmation: its short words, else its key. */
function wordsShown(key: string, aliases: readonly string[]): string {
  return (aliases.length === 0 ? [key] : aliases).map((word) => `\`${escapeMrkdwn(word)}\``).join(', ');
}

/** An item that was not found: quoted as typed, with the ones there are, or the ones it could be. */
function notFoundText(kind: Kind, found: Exclude<Lookup<Findable>, { kind: 'found' }>, catalogue: Catalogue) {
  if (found.kind === 'ambiguous') return ambiguousText(kind, found.typed, found.candidates);
  return kind === 'party'
    ? sv.samverkan.members.unknownParty(escapeMrkdwn(found.typed), partyKeyList(catalogue.parties))
    : k.unknownArea(escapeMrkdwn(found.typed), aliasList(catalogue.areas));
}

/** The parties' status in the live agenda follows a party added, renamed or retired. */
async function agendaFollows(ctx: RequestContext): Promise<void> {
  const open = await ctx.deps.meetings.open(ctx.db);
  ctx.after(() => ctx.deps.notify.statusChanged(open.week));
}

async function auditChange(ctx: RequestContext, kind: Kind, key: string, change: string): Promise<void> {
  await ctx.audit(
    kind === 'party'
      ? { action: 'change', resource: 'party', partyKey: key, detail: { kind: change } }
      : { action: 'change', resource: 'area', detail: { kind: change, areaKeys: [key] } },
  );
}

async function add(ctx: CommandContext, kind: Kind): Promise<void> {
  if (!(await asAdmin(ctx, kind))) return;
  const example = kind === 'party' ? ex.partyAdd : ex.areaAdd;
  const { name, aliases: given } = parseNameAndAliases(ctx.text);
  const aliases = given ?? [];
  if (foldPhrase(name) === '') return ctx.reply(k.problems.nameMissing(example));
  const catalogue = await ctx.catalogue();
  const rows: CatalogueRow[] = await (kind === 'party' ? listAllParties(ctx.db) : listAllAreas(ctx.db));
  // The same name (or key) as a retired one brings it back, with its key and history.
  const fallback = kind === 'party' ? 'part' : 'omrade';
  const wanted = deriveKey(aliases[0] ?? name, new Set(), fallback);
  const retired = rows.find(
    (row) => !row.active && (foldPhrase(row.name) === foldPhrase(name) || row.key === wanted),
  );
  const key = retired?.key ?? deriveKey(aliases[0] ?? name, new Set(rows.map((row) => row.key)), fallback);
  const [problem] = checkNameAndAliases({ key, name, aliases }, othersThan(catalogue, null, kind));
  if (problem !== undefined) return ctx.reply(problemText(problem, example));

  if (retired !== undefined) await reactivateItem(ctx.db, kind, { key, name, aliases });
  else await (kind === 'party' ? insertParty : insertArea)(ctx.db, { key, name, aliases });
  ctx.log.info({ kind, key, revived: retired !== undefined }, 'catalogue item added');
  await auditChange(ctx, kind, key, retired === undefined ? 'ny' : 'ateraktiverad');
  const shownName = escapeMrkdwn(name);
  if (retired !== undefined) ctx.reply(k.revived(shownName, escapeMrkdwn(key)));
  else if (kind === 'party')
    ctx.reply(
      k.partyAdded(shownName, escapeMrkdwn(key), aliases.length === 0 ? '' : wordsShown(key, aliases)),
    );
  else ctx.reply(k.areaAdded(shownName, wordsShown(key, aliases)));
  if (kind === 'party') await agendaFollows(ctx);
}

/**
 * Which item `<part> till <nytt namn>` names: split at a `till` whose left side names an item — exactly if one
 * does (`Brottskoncentrationer kopplade till tider och platser till …` has a `till` in the old name), else by
 * its beginning. Otherwise what the first split's left side is.
 */
function splitRename(
  words: readonly string[],
  items: readonly Findable[],
): { found: Lookup<Findable>; rest: string } | null {
  const splits = words.flatMap((word, at) => (at > 0 && foldPhrase(word) === 'till' ? [at] : []));
  if (splits.length === 0) return null;
  const at = (i: number, options = {}) => ({
    found: lookup(items, words.slice(0, i).join(' '), options),
    rest: words.slice(i + 1).join(' '),
  });
  const exact = splits.map((i) => at(i, { prefixes: false })).find((s) => s.found.kind === 'found');
  return exact ?? splits.map((i) => at(i)).find((s) => s.found.kind === 'found') ?? at(splits[0] as number);
}

async function rename(ctx: CommandContext, kind: Kind): Promise<void> {
  if (!(await asAdmin(ctx, kind))) return;
  const example = kind === 'party' ? ex.partyRename : ex.areaRename;
  const catalogue = await ctx.catalogue();
  const words = ctx.text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const split = splitRename(words, itemsOf(catalogue, kind));
  if (split === null) return ctx.reply(k.usageHint(example));
  if (split.found.kind !== 'found') return ctx.reply(notFoundText(kind, split.found, catalogue));
  const item = split.found.item;
  const change = parseNameAndAliases(split.rest);
  if (foldPhrase(change.name) === '') return ctx.reply(k.problems.nameMissing(example));
  const aliases = change.aliases ?? item.aliases ?? [];
  const sameAliases = aliases.join('\n') === (item.aliases ?? []).join('\n');
  if (change.name === item.name && sameAliases) return ctx.reply(k.unchanged(escapeMrkdwn(item.name)));
  const [problem] = checkNameAndAliases(
    { key: item.key, name: change.name, aliases },
    othersThan(catalogue, item.key, kind),
  );
  if (problem !== undefined) return ctx.reply(problemText(problem, example));
  await renameItem(ctx.db, kind, item.key, { name: change.name, aliases: change.aliases });
  ctx.log.info({ kind, key: item.key }, 'catalogue item renamed');
  await auditChange(ctx, kind, item.key, 'nytt-namn');
  ctx.reply(k.renamed(escapeMrkdwn(item.name), escapeMrkdwn(change.name), wordsShown(item.key, aliases)));
  if (kind === 'party') await agendaFollows(ctx);
}

async function retire(ctx: CommandContext, kind: Kind): Promise<void> {
  if (!(await asAdmin(ctx, kind))) return;
  const catalogue = await ctx.catalogue();
  const items = itemsOf(catalogue, kind);
  if (ctx.text.trim() === '')
    return ctx.reply(k.usageHint(kind === 'party' ? ex.partyRemove : ex.areaRemove));
  const found = lookup(items, ctx.text);
  if (found.kind !== 'found') return ctx.reply(notFoundText(kind, found, catalogue));
  const item = found.item;
  if (items.length <= 1) return ctx.reply(kind === 'party' ? k.lastParty : k.lastArea);
  const name = escapeMrkdwn(item.name);

  if (kind === 'area') {
    if (!(await retireArea(ctx.db, item.key)))
      return ctx.reply(notFoundText(kind, { kind: 'unknown', typed: ctx.text.trim() }, catalogue));
    ctx.log.info({ kind, key: item.key }, 'catalogue item retired');
    await auditChange(ctx, kind, item.key, 'borttagen');
    return ctx.reply(k.areaRetired(name));
  }
  const members = await retireParty(ctx.db, item.key);
  if (members === null)
    return ctx.reply(notFoundText(kind, { kind: 'unknown', typed: ctx.text.trim() }, catalogue));
  ctx.log.info({ kind, key: item.key, members: members.length }, 'catalogue item retired');
  await auditChange(ctx, kind, item.key, 'borttagen');
  for (const userId of members) {
    // Each membership that ends is logged as such, like `/samverkan medlem ta bort`.
    await ctx.audit({
      action: 'change',
      resource: 'member',
      subjectUserId: userId,
      detail: { partyKeys: [item.key], kind: 'borttagen' },
    });
    ctx.send(userId, k.memberOfRetired(name, mention(ctx.userId)));
    ctx.after(() => ctx.deps.notify.homeChanged(userId));
  }
  ctx.reply(k.partyRetired(name, members.length));
  await agendaFollows(ctx);
}

const s = k.subcommands;
const both = (kind: Kind, ...names: string[][]) =>
  names.map((n) => [kind === 'party' ? 'part' : 'område', ...n]);

export const CATALOGUE_SUBCOMMANDS: readonly Subcommand[] = (['party', 'area'] as const).flatMap((kind) => [
  {
    names: both(kind, ['lägg', 'till'], ['add']),
    usage: kind === 'party' ? s.partyAdd : s.areaAdd,
    mode: 'write' as const,
    run: (ctx: CommandContext) => add(ctx, kind),
  },
  {
    names: both(kind, ['byt', 'namn'], ['rename']),
    usage: kind === 'party' ? s.partyRename : s.areaRename,
    mode: 'write' as const,
    run: (ctx: CommandContext) => rename(ctx, kind),
  },
  {
    names: both(kind, ['ta', 'bort'], ['remove']),
    usage: kind === 'party' ? s.partyRemove : s.areaRemove,
    mode: 'write' as const,
    run: (ctx: CommandContext) => retire(ctx, kind),
  },
]);
