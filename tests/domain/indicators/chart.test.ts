import { describe, expect, it } from 'vitest';
import { MAX_PNG_BYTES, type TrendChart, trendPng, trendSvg } from '../../../src/domain/indicators/chart.ts';

const chart: TrendChart = {
  title: 'GTH-01 · Cumplimiento del plan de capacitación',
  percent: true,
  direction: 'creciente',
  critical: 70,
  satisfactory: 90,
  target: 95,
  points: [
    { period: '2026-T1', result: 55, status: 'critico' },
    { period: '2026-T2', result: 72.5, status: 'aceptable' },
    { period: '2026-T3', result: 91, status: 'satisfactorio' },
  ],
};

describe('the trend chart', () => {
  it('draws each period in its semáforo colour, the values and the target', () => {
    const svg = trendSvg(chart);
    expect(svg).toContain('GTH-01 · Cumplimiento del plan de capacitación');
    expect(svg).toContain('Meta 95 %');
    for (const label of ['2026-T1', '2026-T2', '2026-T3', '55 %', '72,5 %', '91 %'])
      expect(svg).toContain(label);
    const dots = [...svg.matchAll(/<circle[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(dots).toEqual(['#d93025', '#f2a900', '#1e8e3e']);
  });

  it('puts the red band at the top for a decreasing indicator', () => {
    const svg = trendSvg({ ...chart, direction: 'decreciente', critical: 15, satisfactory: 10, target: 8 });
    const bands = [...svg.matchAll(/<rect x="\d+" y="([\d.]+)"[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => ({
      y: Number(m[1]),
      fill: m[2],
    }));
    const top = bands.reduce((a, b) => (b.y < a.y ? b : a));
    expect(top.fill).toBe('#fde8e7');
  });

  it('escapes text and renders a 640×320 PNG', () => {
    expect(trendSvg({ ...chart, title: 'A < B & "C"' })).toContain('A &#60; B &#38; &#34;C&#34;');
    const png = trendPng(chart);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([640, 320]);
  });

  it('draws a chart of many periods narrower, then only the latest ones, to stay under the size Teams takes', () => {
    const months = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        period: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
        result: 30 + ((i * 37) % 70),
        status: (['critico', 'aceptable', 'satisfactorio'] as const)[i % 3] ?? 'critico',
      }));
    const size = (png: Uint8Array) => {
      const view = new DataView(png.buffer, png.byteOffset);
      return [view.getUint32(16), view.getUint32(20)];
    };
    const year = trendPng({ ...chart, points: months(12) });
    expect(year.byteLength).toBeLessThanOrEqual(MAX_PNG_BYTES);
    expect(size(year)[0]).toBeLessThan(640);
    expect(size(year)[0]).toBeGreaterThanOrEqual(320);
    const threeYears = trendPng({ ...chart, points: months(36) });
    expect(threeYears.byteLength).toBeLessThanOrEqual(MAX_PNG_BYTES);
  });

  it('says under the chart when only the latest periods are drawn, and keeps a long title clear of the legend', () => {
    const svg = trendSvg({
      ...chart,
      title: 'GTH-03 · Ausentismo laboral del personal de planta y contratistas',
      note: 'Últimos 12 de 36 periodos; la tabla los muestra todos.',
    });
    expect(svg).toContain('>Últimos 12 de 36 periodos; la tabla los muestra todos.</text>');
    expect(svg).toContain('>GTH-03 · Ausentismo laboral del personal de planta…</text>');
  });
});
