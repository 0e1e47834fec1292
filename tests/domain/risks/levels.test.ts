import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  type ImpactLevel,
  impactLabels,
  levelFromPercent,
  type ProbabilityLevel,
  probabilityLabels,
  type RiskZone,
  roundPercent,
  zone,
  zoneLabels,
} from '../../../src/domain/risks/levels.ts';

describe('heat map (lookup, not a product)', () => {
  const grid: [ProbabilityLevel, RiskZone[]][] = [
    ['muy_alta', ['alto', 'alto', 'alto', 'alto', 'extremo']],
    ['alta', ['moderado', 'moderado', 'alto', 'alto', 'extremo']],
    ['media', ['moderado', 'moderado', 'moderado', 'alto', 'extremo']],
    ['baja', ['bajo', 'moderado', 'moderado', 'alto', 'extremo']],
    ['muy_baja', ['bajo', 'bajo', 'moderado', 'alto', 'extremo']],
  ];
  const impacts: ImpactLevel[] = ['leve', 'menor', 'moderado', 'mayor', 'catastrofico'];
  const cells = grid.flatMap(([p, zones]) => impacts.map((i, k) => [p, i, zones[k] as RiskZone] as const));

  it('has 25 cells', () => expect(cells).toHaveLength(25));

  it.each(cells)('%s × %s → %s', (p, i, expected) => {
    expect(zone(p, i)).toBe(expected);
  });
});

describe('levelFromPercent bands', () => {
  it.each([
    [0.01, 'muy_baja', 'leve'],
    [20, 'muy_baja', 'leve'],
    [20.01, 'baja', 'menor'],
    [25.2, 'baja', 'menor'],
    [40, 'baja', 'menor'],
    [40.01, 'media', 'moderado'],
    [60, 'media', 'moderado'],
    [60.01, 'alta', 'mayor'],
    [80, 'alta', 'mayor'],
    [80.01, 'muy_alta', 'catastrofico'],
    [100, 'muy_alta', 'catastrofico'],
  ] as const)('%d %% → %s / %s', (pct, probability, impact) => {
    expect(levelFromPercent('probability', pct)).toBe(probability);
    expect(levelFromPercent('impact', pct)).toBe(impact);
  });

  it('ignores floating-point noise at a band edge', () => {
    expect(levelFromPercent('probability', 40 + 1e-12)).toBe('baja');
  });

  it.each([0, -5, 100.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (pct) => {
    expect(() => levelFromPercent('impact', pct)).toThrow(DomainError);
  });
});

describe('labels and display', () => {
  it('speaks Spanish', () => {
    expect(probabilityLabels.muy_alta).toBe('Muy alta');
    expect(impactLabels.catastrofico).toBe('Catastrófico');
    expect(zoneLabels.extremo).toBe('Extremo');
  });

  it('rounds to 2 decimals for display only', () => {
    expect(roundPercent(60 * 0.6 * 0.7)).toBe(25.2);
    expect(roundPercent(100 * 0.65 * 0.65 * 0.65)).toBe(27.46);
  });
});
