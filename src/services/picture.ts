import type { Config } from '../config.js';
import type { Executor } from '../db/database.js';
import { listEntriesForWeek, listPartyStatuses } from '../db/entries.repository.js';
import type { Meeting } from '../domain/schedule.js';
import type { SlackMessage } from '../slack/blocks.js';
import { renderCompiledPicture } from '../slack/compiled.js';
import { loadCatalogue } from './catalogue.js';

/**
 * The compiled lägesbild of a meeting, in as many messages as Slack's limits need: what the meeting's thread gets
 * at its start, and what "Visa lägesbild" shows.
 */
export async function compiledPictureParts(
  env: { db: Executor; config: Pick<Config, 'schedule'> },
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
  });
}
