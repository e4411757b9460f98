/**
 * One part of the compiled picture, posted at the meeting's start in the agenda's thread (or earlier, forced from
 * the CLI). Posting it locks the meeting's lägesbild first (src/db/meetings.repository.ts lockPicture, which waits
 * for submissions under way): every part renders from the same picture, and nothing submitted after it goes to
 * the week where no one would see it.
 */

import { lockPicture } from '../src/db/meetings.repository.js';
import { compiledPictureParts } from '../src/services/picture.js';
import { runThreadedParts } from './threaded-parts.js';

export const runCompile = runThreadedParts('compile', async (ctx, meeting) => {
  await lockPicture(ctx.db, meeting.week, ctx.clock.now());
  return compiledPictureParts(ctx, meeting);
});
