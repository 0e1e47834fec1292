import type * as resvg from '@resvg/resvg-js';
import { lazyRequire } from '../lazy.ts';
import { truncate } from '../text.ts';
import type { IndicatorRanges, Semaforo } from './math.ts';
import { formatNumber } from './numbers.ts';

const renderer = lazyRequire<typeof resvg>('@resvg/resvg-js');

/**
 * The trend of an indicator as a small PNG (for platforms that show images): its results over
 * the periods, coloured by semáforo, over the bands of its ranges, with the target as a dashed line.
 * Drawn as SVG and rasterised by resvg, so no browser is needed.
 */

export interface TrendPoint {
  period: string;
  result: number;
  status: Semaforo;
}

export interface TrendChart extends IndicatorRanges {
  title: string;
  percent: boolean;
  target: number;
  points: TrendPoint[];
  /** A line under the chart, e.g. that only the latest periods are drawn. */
  note?: string;
}

const WIDTH = 640;
const HEIGHT = 320;
const PAD = { left: 56, right: 20, top: 36, bottom: 44 };
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const colours: Record<Semaforo, string> = {
  critico: '#d93025',
  aceptable: '#f2a900',
  satisfactorio: '#1e8e3e',
};
const bands: Record<Semaforo, string> = {
  critico: '#fde8e7',
  aceptable: '#fff6d6',
  satisfactorio: '#e6f4ea',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Title characters that fit left of the target's legend. */
const TITLE_CHARS = 52;

/** A round step for about four intervals: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(span: number): number {
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
}

/** A y axis from 0 (or the lowest value) to the first round tick above every value, bound and target. */
function yAxis(chart: TrendChart): { low: number; high: number; ticks: number[] } {
  const values = [...chart.points.map((p) => p.result), chart.target, chart.critical, chart.satisfactory];
  const step = niceStep(Math.max(...values, 1) - Math.min(0, ...values));
  const low = Math.floor(Math.min(0, ...values) / step) * step;
  const high = Math.ceil((Math.max(...values) * 1.05) / step) * step || step;
  const ticks = Array.from({ length: Math.round((high - low) / step) + 1 }, (_, i) => low + i * step);
  return { low, high, ticks };
}

function rangeBands(chart: TrendChart, y: (v: number) => number, low: number, high: number): string[] {
  const lower = Math.min(chart.critical, chart.satisfactory);
  const upper = Math.max(chart.critical, chart.satisfactory);
  const rising = chart.direction === 'creciente';
  const bottom: Semaforo = rising ? 'critico' : 'satisfactorio';
  const top: Semaforo = rising ? 'satisfactorio' : 'critico';
  const rect = (from: number, to: number, light: Semaforo) =>
    `<rect x="${PAD.left}" y="${y(to)}" width="${WIDTH - PAD.left - PAD.right}" height="${Math.max(0, y(from) - y(to))}" fill="${bands[light]}"/>`;
  return [rect(low, lower, bottom), rect(lower, upper, 'aceptable'), rect(upper, high, top)];
}

/** The chart as SVG text (kept separate so its content can be checked without rasterising). */
export function trendSvg(chart: TrendChart): string {
  const { low, high, ticks } = yAxis(chart);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => Number((PAD.top + plotH - ((v - low) / (high - low)) * plotH).toFixed(1));
  const inner = 32;
  const step = chart.points.length > 1 ? (plotW - 2 * inner) / (chart.points.length - 1) : 0;
  const x = (i: number) =>
    Number((PAD.left + (chart.points.length > 1 ? inner + i * step : plotW / 2)).toFixed(1));
  const unit = chart.percent ? ' %' : '';
  // At most eight labelled periods, counted back from the latest so it is always labelled.
  const labelEvery = Math.ceil(chart.points.length / 8);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="22" font-size="14" font-weight="bold" fill="#202124">${escapeXml(truncate(chart.title, TITLE_CHARS))}</text>`,
    ...rangeBands(chart, y, low, high),
    ...ticks.map(
      (t) =>
        `<text x="${PAD.left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end" fill="#5f6368">${escapeXml(formatNumber(t))}${unit}</text>`,
    ),
    `<line x1="${PAD.left}" y1="${y(chart.target)}" x2="${WIDTH - PAD.right}" y2="${y(chart.target)}" stroke="#1a73e8" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<line x1="${WIDTH - PAD.right - 110}" y1="18" x2="${WIDTH - PAD.right - 86}" y2="18" stroke="#1a73e8" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${WIDTH - PAD.right}" y="22" font-size="12" text-anchor="end" fill="#1a73e8">Meta ${escapeXml(formatNumber(chart.target))}${unit}</text>`,
  ];
  if (chart.points.length > 1) {
    const path = chart.points.map((p, i) => `${x(i)},${y(p.result)}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="#3c4043" stroke-width="2"/>`);
  }
  chart.points.forEach((p, i) => {
    parts.push(
      `<circle cx="${x(i)}" cy="${y(p.result)}" r="5" fill="${colours[p.status]}" stroke="#ffffff" stroke-width="1.5"/>`,
    );
    if ((chart.points.length - 1 - i) % labelEvery === 0) {
      parts.push(
        `<text x="${x(i)}" y="${y(p.result) - 9}" font-size="11" text-anchor="middle" fill="#202124">${escapeXml(formatNumber(p.result))}${unit}</text>`,
      );
      parts.push(
        `<text x="${x(i)}" y="${HEIGHT - PAD.bottom + 18}" font-size="11" text-anchor="middle" fill="#5f6368">${escapeXml(p.period)}</text>`,
      );
    }
  });
  if (chart.note) {
    parts.push(
      `<text x="${PAD.left}" y="${HEIGHT - 6}" font-size="11" fill="#5f6368">${escapeXml(chart.note)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Teams drops embedded images above about 18 KB; charts are drawn to fit under it. */
export const MAX_PNG_BYTES = 18_000;
/** Widths tried in turn until the PNG fits: a chart with many periods is drawn narrower. */
const WIDTHS = [WIDTH, 560, 480, 400, 360, 320];
/** The periods drawn when even the narrowest chart of all of them does not fit. */
const RECENT_PERIODS = 12;

function render(svg: string, width: number): Uint8Array {
  const png = new (renderer().Resvg)(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}

/**
 * The chart as PNG bytes, at most MAX_PNG_BYTES where possible: at full width when it fits, else
 * narrower, else only the latest periods (the table beside it lists them all).
 */
export function trendPng(chart: TrendChart): Uint8Array {
  const svg = trendSvg(chart);
  let png: Uint8Array = new Uint8Array();
  for (const width of WIDTHS) {
    png = render(svg, width);
    if (png.byteLength <= MAX_PNG_BYTES) return png;
  }
  if (chart.points.length <= RECENT_PERIODS) return png;
  return trendPng({
    ...chart,
    note: `Últimos ${RECENT_PERIODS} de ${chart.points.length} periodos; la tabla los muestra todos.`,
    points: chart.points.slice(-RECENT_PERIODS),
  });
}
