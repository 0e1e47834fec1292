import type * as resvg from '@resvg/resvg-js';
import { lazyRequire } from '../lazy.ts';
import {
  impactLabels,
  impactLevels,
  probabilityLabels,
  probabilityLevels,
  type RiskZone,
  zone,
} from './levels.ts';
import type { HeatCounts } from './overview.ts';

const renderer = lazyRequire<typeof resvg>('@resvg/resvg-js');

/**
 * The DAFP heat map as a PNG for platforms that show images: the 5×5 grid coloured by zone, each
 * cell with how many risks sit there before controls (inherentes) and after them (residuales), as
 * "3 → 1".
 * Drawn as SVG and rasterised by resvg, as the indicator charts are, so no browser is needed.
 */

const CELL_W = 108;
const CELL_H = 64;
const LEFT = 96;
const TOP = 84;
const WIDTH = LEFT + CELL_W * 5 + 16;
const HEIGHT = TOP + CELL_H * 5 + 56;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
/** Teams drops embedded images above about 18 KB; the fullest grid stays under this. */
export const MAX_PNG_BYTES = 18_000;

const fills: Record<RiskZone, string> = {
  bajo: '#7cc47f',
  moderado: '#f7d154',
  alto: '#f39c34',
  extremo: '#e0483e',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(content)}</text>`;
}

function cell(counts: HeatCounts, row: number, column: number): string[] {
  const p = [...probabilityLevels].reverse()[row] ?? 'muy_baja';
  const i = impactLevels[column] ?? 'leve';
  const x = LEFT + column * CELL_W;
  const y = TOP + row * CELL_H;
  const cellZone = zone(p, i);
  const inherent = counts.inherent[p][i];
  const residual = counts.residual[p][i];
  const centre = x + CELL_W / 2;
  const parts = [
    `<rect x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}" fill="${fills[cellZone]}" stroke="#ffffff" stroke-width="2"/>`,
  ];
  if (inherent > 0 || residual > 0) {
    parts.push(
      text(
        centre,
        y + CELL_H / 2 + 6,
        `${inherent} → ${residual}`,
        'font-size="17" font-weight="bold" text-anchor="middle" fill="#202124"',
      ),
    );
  }
  return parts;
}

/** The heat map as SVG text (kept apart so its content can be checked without rasterising). */
export function heatMapSvg(counts: HeatCounts, title = 'Mapa de calor de riesgos'): string {
  const parts = [
    // Unsmoothed text keeps the PNG small enough to travel inside a Teams card (see MAX_PNG_BYTES).
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}" text-rendering="optimizeSpeed">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    text(16, 24, title, 'font-size="16" font-weight="bold" fill="#202124"'),
    text(
      16,
      42,
      'Cada celda: riesgos inherentes (sin controles) → residuales.',
      'font-size="11" fill="#5f6368"',
    ),
    text(
      16,
      57,
      'Verde bajo · amarillo moderado · naranja alto · rojo extremo.',
      'font-size="11" fill="#5f6368"',
    ),
    text(LEFT - 8, TOP - 6, 'Probabilidad', 'font-size="11" text-anchor="end" fill="#5f6368"'),
  ];
  [...probabilityLevels].reverse().forEach((p, row) => {
    parts.push(
      text(
        LEFT - 8,
        TOP + row * CELL_H + CELL_H / 2 + 4,
        probabilityLabels[p],
        'font-size="12" text-anchor="end" fill="#202124"',
      ),
    );
    for (let column = 0; column < 5; column += 1) parts.push(...cell(counts, row, column));
  });
  impactLevels.forEach((i, column) => {
    parts.push(
      text(
        LEFT + column * CELL_W + CELL_W / 2,
        TOP + 5 * CELL_H + 18,
        impactLabels[i],
        'font-size="12" text-anchor="middle" fill="#202124"',
      ),
    );
  });
  parts.push(
    text(
      LEFT + (5 * CELL_W) / 2,
      TOP + 5 * CELL_H + 40,
      'Impacto',
      'font-size="11" text-anchor="middle" fill="#5f6368"',
    ),
  );
  parts.push('</svg>');
  return parts.join('\n');
}

/** The heat map as PNG bytes. */
export function riskHeatMapPng(counts: HeatCounts, title?: string): Uint8Array {
  const png = new (renderer().Resvg)(heatMapSvg(counts, title), {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}
