import { listEntriesForWeek, listPartyStatuses } from '../src/db/entries.repository.js';
import { listAreas } from '../src/db/parties.repository.js';
import type { Meeting } from '../src/domain/schedule.js';
import type { SlackMessage } from '../src/slack/blocks.js';
import { renderCompiledPicture } from '../src/slack/compiled.js';
import { runThreadedParts } from './threaded-parts.js';
import type { CycleContext } from './types.js';

/** The compiled lägesbild of a meeting, in as many messages as Slack's limits need. */
export async function compiledPictureParts(
  ctx: Pick<CycleContext, 'db' | 'config'>,
  meeting: Meeting,
): Promise<SlackMessage[]> {
  const [statuses, entries, areas] = await Promise.all([
    listPartyStatuses(ctx.db, meeting.week),
    listEntriesForWeek(ctx.db, meeting.week),
    listAreas(ctx.db),
  ]);
  return renderCompiledPicture({
    meeting,
    timezone: ctx.config.schedule.timezone,
    statuses,
    entries,
    areaNames: new Map(areas.map((area) => [area.key, area.name])),
  });
}

/**
 * One part of the compiled picture, posted at the meeting's start in the agenda's thread. The entries lock by
 * time at the start (isOpenForChanges), so every part renders from the same picture.
 */
export const runCompile = runThreadedParts('compile', compiledPictureParts);
