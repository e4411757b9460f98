// The rendering worker's entry when the app runs from source (tsx, vitest): Node 20 does not apply a worker's
// `--import tsx` hooks to its entry module, so this plain module loads render-worker.ts through tsx's tsImport.
// From dist/ the compiled render-worker.js is the entry and this file is not used (see render.ts).
import { tsImport } from 'tsx/esm/api';

await tsImport('./render-worker.ts', import.meta.url);
