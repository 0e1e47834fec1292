import type * as resvg from '@resvg/resvg-js';
import { lazyRequire } from '../lazy.ts';
import type { SnapshotActivity } from '../progress/snapshot-types.ts';
import { truncate } from '../text.ts';
import { percentText } from './wording.ts';

const renderer = lazyRequire<typeof resvg>('@resvg/resvg-js');

/**
 * Scheduled against executed % of each activity of the plan, as grouped horizontal bars on a 0–100 %
 * axis: the Comité report draws it inline and `/estado plan` posts it as a PNG.
 * Drawn as SVG and rasterised by resvg, as the indicator charts are, so no browser is needed.
 */

export type ChartActivity = Pick<SnapshotActivity, 'number' | 'name' | 'scheduled' | 'executed'>;

const WIDTH = 640;
const LABEL_W = 210;
const PAD = { left: LABEL_W + 12, right: 56, top: 64, bottom: 40 };
const BAR_H = 13;
const GAP = 3;
const ROW_H = 2 * BAR_H + GAP + 16;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const SCHEDULED = '#9aa0a6';
const EXECUTED = '#1a73e8';
/** Characters of an activity's name that fit left of its bars. */
const NAME_CHARS = 27;
const TITLE_CHARS = 70;
const TICKS = [0, 25, 50, 75, 100];

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(x: number, y: number, content: string, attrs: string): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(content)}</text>`;
}

const clamp = (value: number) => Math.min(100, Math.max(0, value));

function heightFor(count: number): number {
  return PAD.top + Math.max(1, count) * ROW_H + PAD.bottom;
}

function legend(): string[] {
  const item = (x: number, colour: string, label: string) => [
    `<rect x="${x}" y="36" width="14" height="14" fill="${colour}"/>`,
    text(x + 20, 48, label, 'font-size="12" fill="#202124"'),
  ];
  return [...item(PAD.left, SCHEDULED, 'Programado'), ...item(PAD.left + 120, EXECUTED, 'Ejecutado')];
}

function axis(height: number, x: (v: number) => number): string[] {
  const bottom = height - PAD.bottom;
  return [
    ...TICKS.flatMap((t) => [
      `<line x1="${x(t)}" y1="${PAD.top - 6}" x2="${x(t)}" y2="${bottom}" stroke="#e0e0e0" stroke-width="1"/>`,
      text(x(t), bottom + 16, `${t} %`, 'font-size="11" text-anchor="middle" fill="#5f6368"'),
    ]),
    `<line x1="${x(0)}" y1="${PAD.top - 6}" x2="${x(0)}" y2="${bottom}" stroke="#5f6368" stroke-width="1"/>`,
    text(x(50), bottom + 32, 'Avance (%)', 'font-size="11" text-anchor="middle" fill="#5f6368"'),
  ];
}

function activityRow(activity: ChartActivity, index: number, x: (v: number) => number): string[] {
  const top = PAD.top + index * ROW_H;
  const bar = (y: number, value: number, colour: string, kind: string) => [
    `<rect x="${x(0)}" y="${y}" width="${Number(Math.max(0, x(clamp(value)) - x(0)).toFixed(1))}" height="${BAR_H}" fill="${colour}"><title>${escapeXml(`${kind}: ${percentText(value)}`)}</title></rect>`,
    text(x(clamp(value)) + 4, y + BAR_H - 2, percentText(value), 'font-size="11" fill="#202124"'),
  ];
  return [
    text(
      LABEL_W,
      top + BAR_H + 6,
      `${activity.number}. ${truncate(activity.name, NAME_CHARS)}`,
      'font-size="12" text-anchor="end" fill="#202124"',
    ),
    ...bar(top, activity.scheduled, SCHEDULED, 'Programado'),
    ...bar(top + BAR_H + GAP, activity.executed, EXECUTED, 'Ejecutado'),
  ];
}

/** The chart as SVG text, with an accessible title and description (kept apart to check its content). */
export function progressChartSvg(activities: ChartActivity[], title: string): string {
  const height = heightFor(activities.length);
  const plotW = WIDTH - PAD.left - PAD.right;
  const x = (v: number) => Number((PAD.left + (v / 100) * plotW).toFixed(1));
  const description = activities
    .map(
      (a) =>
        `Actividad ${a.number}, ${a.name}: programado ${percentText(a.scheduled)}, ejecutado ${percentText(a.executed)}.`,
    )
    .join(' ');
  const parts = [
    // Unsmoothed text keeps the PNG small enough to travel inside a Teams card (see MAX_PNG_BYTES).
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" text-rendering="optimizeSpeed" role="img" aria-labelledby="progress-title progress-desc">`,
    `<title id="progress-title">${escapeXml(title)}</title>`,
    `<desc id="progress-desc">${escapeXml(description || 'Sin actividades.')}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(16, 22, truncate(title, TITLE_CHARS), 'font-size="14" font-weight="bold" fill="#202124"'),
    ...legend(),
    ...axis(height, x),
    ...activities.flatMap((a, i) => activityRow(a, i, x)),
  ];
  if (activities.length === 0) {
    parts.push(text(PAD.left + 8, PAD.top + ROW_H / 2, 'Sin actividades.', 'font-size="12" fill="#5f6368"'));
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Teams drops embedded images above about 18 KB; the chart is drawn to fit under it. */
export const MAX_PNG_BYTES = 18_000;
/** Widths tried in turn until the PNG fits: a plan with many activities is drawn smaller. */
const WIDTHS = [WIDTH, 560, 480, 400, 320];

/** The chart as PNG bytes: at full width when it fits under MAX_PNG_BYTES, else narrower. */
export function progressChartPng(activities: ChartActivity[], title: string): Uint8Array {
  const svg = progressChartSvg(activities, title);
  let png = new Uint8Array();
  for (const width of WIDTHS) {
    png = new Uint8Array(
      new (renderer().Resvg)(svg, {
        fitTo: { mode: 'width', value: width },
        font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
      })
        .render()
        .asPng(),
    );
    if (png.byteLength <= MAX_PNG_BYTES) return png;
  }
  return png;
}
