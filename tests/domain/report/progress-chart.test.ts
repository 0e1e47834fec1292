import { describe, expect, it } from 'vitest';
import {
  type ChartActivity,
  MAX_PNG_BYTES,
  progressChartPng,
  progressChartSvg,
} from '../../../src/domain/report/progress-chart.ts';
import { cut } from './fixture.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TITLE = 'Avance por actividad · corte 2026-T3';

/** The bar of an activity's scheduled or executed %, by the tooltip the SVG gives it. */
function barWidth(svg: string, label: string): number {
  const match = new RegExp(`<rect[^>]*width="([\\d.]+)"[^>]*><title>${label}</title>`).exec(svg);
  if (!match?.[1]) throw new Error(`no bar «${label}»`);
  return Number(match[1]);
}

describe('the progress chart', () => {
  it('draws scheduled against executed % of each activity, with a legend and a 0–100 % axis', () => {
    const svg = progressChartSvg(cut.activities, TITLE);
    expect(svg).toContain(`<title id="progress-title">${TITLE}</title>`);
    expect(svg).toContain('role="img"');
    expect(svg).toContain(
      'Actividad 1, Levantar la información de los grupos de valor: programado 87,5 %, ejecutado 74,2 %.',
    );
    expect(svg).toContain('>Programado</text>');
    expect(svg).toContain('>Ejecutado</text>');
    for (const tick of ['0 %', '25 %', '50 %', '75 %', '100 %']) expect(svg).toContain(`>${tick}</text>`);
    // Names are shortened to fit left of the bars, after the activity's number.
    expect(svg).toContain('>1. Levantar la información de…</text>');
    expect(svg).toContain('>2. Formular las estrategias d…</text>');
    expect(svg).toContain('>87,5 %</text>');
    expect(svg).toContain('>74,2 %</text>');
    // Bars are proportional: activity 2 is scheduled at 50 %, activity 1 at 87.5 %; 0 % draws nothing.
    const half = barWidth(svg, 'Programado: 50 %');
    expect(barWidth(svg, 'Programado: 87,5 %') / half).toBeCloseTo(1.75, 2);
    expect(barWidth(svg, 'Ejecutado: 0 %')).toBe(0);
  });

  it('keeps a value beyond 100 % inside the axis and escapes what it prints', () => {
    const odd: ChartActivity[] = [
      { number: 7, name: 'Riesgos <b> & "otros"', scheduled: 130, executed: 100 },
    ];
    const svg = progressChartSvg(odd, 'Plan <2026> & "anexos"');
    expect(barWidth(svg, 'Programado: 130 %')).toBe(barWidth(svg, 'Ejecutado: 100 %'));
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Plan &#60;2026&#62; &#38; &#34;anexos&#34;');
  });

  it('says so when there are no activities', () => {
    expect(progressChartSvg([], TITLE)).toContain('>Sin actividades.</text>');
  });

  it('is a PNG under the byte bound, for the plan and for one with many activities', () => {
    const png = progressChartPng(cut.activities, TITLE);
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.byteLength).toBeLessThanOrEqual(MAX_PNG_BYTES);
    const many = Array.from({ length: 20 }, (_, i) => ({
      number: i + 1,
      name: `Actividad del plan con un nombre bastante largo número ${i + 1}`,
      scheduled: (i * 37) % 101,
      executed: (i * 53) % 101,
    }));
    const big = progressChartPng(many, TITLE);
    expect([...big.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(big.byteLength).toBeLessThanOrEqual(MAX_PNG_BYTES);
  });
});
