// The rendering worker's entry when the app runs from source (tsx, vitest): Node 20 does not apply a worker's
// `--import tsx` hooks to its entry module, so this plain module registers tsx's hooks for this thread and then
// loads render-worker.ts. From dist/ the compiled render-worker.js is the entry and this file is not used.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
