import { compiledPictureParts } from '../src/services/picture.js';
import { runThreadedParts } from './threaded-parts.js';

/**
 * One part of the compiled picture, posted at the meeting's start in the agenda's thread. The entries lock by
 * time at the start (isOpenForChanges), so every part renders from the same picture.
 */
export const runCompile = runThreadedParts('compile', compiledPictureParts);
