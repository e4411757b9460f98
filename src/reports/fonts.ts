/**
 * The fonts every report file is drawn with: DejaVu Sans from the npm package `dejavu-fonts-ttf`, never the
 * server's own fonts, so å, ä and ö look the same on any machine (and the PDF can embed them, as PDF/A asks).
 */

import { createRequire } from 'node:module';
import path from 'node:path';

const directory = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);

export const FONTS = {
  family: 'DejaVu Sans',
  regular: path.join(directory, 'DejaVuSans.ttf'),
  bold: path.join(directory, 'DejaVuSans-Bold.ttf'),
  oblique: path.join(directory, 'DejaVuSans-Oblique.ttf'),
} as const;
