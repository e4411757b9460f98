/**
 * The report's charts: a Vega-Lite spec each, compiled and laid out by vega into SVG, drawn to PNG by resvg
 * with the DejaVu fonts. No chart geometry is computed here. A chart with nothing to show is not made.
 * Heavy work: run it in the rendering worker (render-worker.ts), never on the bot's event loop.
 */

import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../domain/report-model.js';
import { rapport } from '../i18n/rapport.js';
import { FONTS } from './fonts.js';

export type ChartKind = 'weekly' | 'grid' | 'monthly';

export interface ChartImage {
  readonly kind: ChartKind;
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Each chart's size in CSS pixels, legends included (autosize `fit`), and the scale of its PNG: 1500 pixels
 * wide, about 220 dpi across an A4 page. One image serves the PNG file and the PDF; more pixels would cost the
 * PDF dearly, as pdfkit splits the alpha channel of every PNG it embeds pixel by pixel.
 */
export const CHART_SIZE = { width: 1000, height: 520, scale: 1.5 } as const;

const GRID_COLOURS: Record<string, string> = {
  normallage: '#4e9a5b',
  forhojt: '#f0a030',
  allvarligt: '#c8362c',
  none: '#8fa3b0',
  nothing: '#d5dde2',
  missing: '#ffffff',
};

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: CHART_SIZE.width,
  height: CHART_SIZE.height,
  autosize: { type: 'fit', contains: 'padding' },
  padding: 16,
  background: '#ffffff',
  config: {
    font: FONTS.family,
    title: { fontSize: 18, anchor: 'start' },
    axis: { labelFontSize: 12, titleFontSize: 13 },
    legend: { labelFontSize: 12, titleFontSize: 13, labelLimit: 420, orient: 'bottom', columns: 2 },
  },
} as const;

/** The specs of the charts that have something to show, in the order the report shows them. */
export function chartSpecs(model: ReportModel): { kind: ChartKind; spec: TopLevelSpec }[] {
  const t = rapport.charts;
  const areaName = new Map(model.areas.map((a) => [a.key, a.name]));
  const partyName = new Map(model.parties.map((p) => [p.key, p.name]));
  // Week labels repeat across years (`v. 1`), so a period over several years names them in full.
  const years = new Set([...model.grid.weeks, ...model.weeklyByArea].map((w) => w.week.slice(0, 4)));
  const weekLabel = (week: string) => (years.size > 1 ? week : t.weekLabel(week));
  // The held meetings' weeks, and any week with observations (given before its meeting was cancelled).
  const weeks = [
    ...new Set([...model.grid.weeks.map((w) => w.week), ...model.weeklyByArea.map((w) => w.week)]),
  ];
  const weekDomain = weeks.sort().map(weekLabel);
  const gridDomain = model.grid.weeks.map((w) => weekLabel(w.week));
  const specs: { kind: ChartKind; spec: TopLevelSpec }[] = [];

  if (model.weeklyByArea.length > 0) {
    const areaDomain = model.areas.filter((a) => model.weeklyByArea.some((w) => w.areaKey === a.key));
    specs.push({
      kind: 'weekly',
      spec: {
        ...BASE,
        title: t.weekly,
        data: {
          values: model.weeklyByArea.map((w) => ({
            week: weekLabel(w.week),
            area: areaName.get(w.areaKey) ?? w.areaKey,
            count: w.count,
          })),
        },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'week', type: 'ordinal', title: t.week, scale: { domain: weekDomain } },
          y: { field: 'count', type: 'quantitative', aggregate: 'sum', title: t.count },
          color: {
            field: 'area',
            type: 'nominal',
            title: t.area,
            scale: { domain: areaDomain.map((a) => a.name), scheme: 'tableau10' },
          },
        },
      } as TopLevelSpec,
    });
  }

  if (model.grid.cells.some((c) => c.value !== 'missing')) {
    const values = Object.keys(GRID_COLOURS);
    specs.push({
      kind: 'grid',
      spec: {
        ...BASE,
        title: t.grid,
        data: {
          values: model.grid.cells.map((c) => ({
            week: weekLabel(c.week),
            party: partyName.get(c.partyKey) ?? c.partyKey,
            value: rapport.grid[c.value],
          })),
        },
        mark: { type: 'rect', stroke: '#b0bec5', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'week', type: 'ordinal', title: t.week, scale: { domain: gridDomain } },
          y: {
            field: 'party',
            type: 'nominal',
            title: t.party,
            axis: { labelLimit: 320 },
            scale: { domain: model.grid.partyKeys.map((k) => partyName.get(k) ?? k) },
          },
          color: {
            field: 'value',
            type: 'nominal',
            title: t.assessment,
            scale: {
              domain: values.map((v) => rapport.grid[v as keyof typeof rapport.grid]),
              range: values.map((v) => GRID_COLOURS[v] as string),
            },
          },
        },
      } as TopLevelSpec,
    });
  }

  const months = model.priorities.byMonth;
  if (months.some((m) => m.opened + m.closed > 0)) {
    specs.push({
      kind: 'monthly',
      spec: {
        ...BASE,
        title: t.monthly,
        data: {
          values: months.flatMap((m) => [
            { month: t.monthLabel(m.month), series: t.opened, count: m.opened },
            { month: t.monthLabel(m.month), series: t.closed, count: m.closed },
          ]),
        },
        mark: { type: 'bar' },
        encoding: {
          x: {
            field: 'month',
            type: 'ordinal',
            title: t.month,
            scale: { domain: months.map((m) => t.monthLabel(m.month)) },
          },
          xOffset: { field: 'series', type: 'nominal', scale: { domain: [t.opened, t.closed] } },
          y: { field: 'count', type: 'quantitative', title: t.count, axis: { tickMinStep: 1 } },
          color: {
            field: 'series',
            type: 'nominal',
            title: t.series,
            scale: { domain: [t.opened, t.closed], range: ['#3b6ea8', '#7fb77e'] },
          },
        },
      } as TopLevelSpec,
    });
  }
  return specs;
}

/** Draws the charts that have something to show as PNG. */
export async function renderCharts(model: ReportModel): Promise<ChartImage[]> {
  const specs = chartSpecs(model);
  if (specs.length === 0) return [];
  // Both are ECMAScript modules only; loaded when first needed.
  const vega = await import('vega');
  const vegaLite = await import('vega-lite');
  const images: ChartImage[] = [];
  for (const { kind, spec } of specs) {
    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
    try {
      const svg = await view.toSVG();
      images.push({ kind, ...rasterize(svg, CHART_SIZE.scale) });
    } finally {
      view.finalize();
    }
  }
  return images;
}

/** An SVG drawn to PNG by resvg at `scale`, with the DejaVu fonts only. */
function rasterize(svg: string, scale: number): { png: Uint8Array; width: number; height: number } {
  const image = new Resvg(svg, {
    font: {
      fontFiles: [FONTS.regular, FONTS.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONTS.family,
      sansSerifFamily: FONTS.family,
    },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  }).render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}
