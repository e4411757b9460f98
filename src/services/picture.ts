/**
 * The compiled lägesbild of a meeting, in as many messages as Slack's limits need: what the meeting's thread gets
 * at its start, and what "Visa lägesbild" shows. Each entry names its author (a name, not a mention) and when it
 * was given.
 */

import type { Config } from '../config.js';
import type { Executor } from '../db/database.js';
import { listEntriesForWeek } from '../db/entries.repository.js';
import { listPartyStatuses } from '../db/party-reports.repository.js';
import type { Entry } from '../domain/entry.js';
import type { Meeting } from '../domain/schedule.js';
import type { SlackMessage } from '../slack/blocks.js';
import { renderCompiledPicture } from '../slack/compiled.js';
import { loadCatalogue } from './catalogue.js';
import { displayNames, type NameSource, storedDisplayNames } from './user-names.js';

/**
 * The authors' names: the stored ones, and with `names` (someone asked, outside a transaction) Slack asked for
 * the missing. The cycle renders with stored names only, so that planning and posting see the same parts; names
 * are stored after each submission (commands/lagesbild/submit.ts).
 */
export async function authorNames(
  env: { db: Executor; names?: NameSource },
  entries: readonly Entry[],
): Promise<ReadonlyMap<string, string>> {
  const authors = [...new Set(entries.map((entry) => entry.authorUserId))];
  return env.names === undefined || env.db.isTransaction
    ? storedDisplayNames(env.db, authors)
    : displayNames(env.names, authors);
}

export async function compiledPictureParts(
  env: { db: Executor; config: Pick<Config, 'schedule'>; names?: NameSource },
  meeting: Meeting,
): Promise<SlackMessage[]> {
  const [statuses, entries, catalogue] = await Promise.all([
    listPartyStatuses(env.db, meeting.week),
    listEntriesForWeek(env.db, meeting.week),
    loadCatalogue(env.db),
  ]);
  return renderCompiledPicture({
    meeting,
    timezone: env.config.schedule.timezone,
    statuses,
    entries,
    areaNames: catalogue.areaNames,
    authorNames: await authorNames(env, entries),
  });
}
