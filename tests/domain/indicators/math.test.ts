import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  beatsTargetAtZero,
  compliance,
  type IndicatorRanges,
  indicatorResult,
  semaforo,
  semaforoText,
  validateRanges,
} from '../../../src/domain/indicators/math.ts';

describe('indicatorResult', () => {
  it.each([
    [{ unit: 'porcentaje', numerator: 45, denominator: 50 }, 90],
    [{ unit: 'porcentaje', numerator: 0, denominator: 7 }, 0],
    [{ unit: 'porcentaje', numerator: 60, denominator: 50 }, 120], // not capped
    [{ unit: 'numero', numerator: 45, denominator: 50 }, 0.9],
    [{ unit: 'numero', numerator: 12 }, 12], // a count
    [{ unit: 'numero', value: 3.5 }, 3.5],
    [{ unit: 'porcentaje', value: 87.5 }, 87.5],
  ] as const)('%o → %d', (measurement, expected) => {
    expect(indicatorResult(measurement)).toBe(expected);
  });

  it.each([
    [{ unit: 'porcentaje', numerator: 5, denominator: 0 }, /denominador no puede ser 0/],
    [{ unit: 'numero', numerator: 5, denominator: 0 }, /denominador no puede ser 0/],
    [{ unit: 'porcentaje', numerator: -1, denominator: 5 }, /numerador no puede ser negativo/],
    [{ unit: 'porcentaje', numerator: 1, denominator: -5 }, /denominador no puede ser negativo/],
    [{ unit: 'numero', value: -2 }, /valor no puede ser negativo/],
    [{ unit: 'numero', value: Number.NaN }, /debe ser un número/],
    [{ unit: 'porcentaje', numerator: Number.POSITIVE_INFINITY, denominator: 5 }, /debe ser un número/],
    [{ unit: 'porcentaje', numerator: 5 }, /Falta el denominador/],
    [{ unit: 'porcentaje', denominator: 5 }, /Falta el numerador/],
    [{ unit: 'numero' }, /Falta el numerador/],
    [{ unit: 'numero', value: 1, numerator: 1, denominator: 2 }, /no ambos/],
  ] as const)('refuses %o', (measurement, message) => {
    expect(() => indicatorResult(measurement)).toThrow(DomainError);
    expect(() => indicatorResult(measurement)).toThrow(message);
  });
});

describe('semáforo', () => {
  const rising: IndicatorRanges = { direction: 'creciente', critical: 60, satisfactory: 80 };
  const falling: IndicatorRanges = { direction: 'decreciente', critical: 10, satisfactory: 5 };

  it.each([
    [0, 'critico'],
    [59.99, 'critico'],
    [60, 'aceptable'],
    [79.99, 'aceptable'],
    [80, 'satisfactorio'],
    [130, 'satisfactorio'],
  ] as const)('creciente 60/80: %d → %s', (result, expected) => {
    expect(semaforo(rising, result)).toBe(expected);
  });

  it.each([
    [0, 'satisfactorio'],
    [5, 'satisfactorio'],
    [5.01, 'aceptable'],
    [10, 'aceptable'],
    [10.01, 'critico'],
    [40, 'critico'],
  ] as const)('decreciente 10/5: %d → %s', (result, expected) => {
    expect(semaforo(falling, result)).toBe(expected);
  });

  it('allows equal bounds (no yellow band)', () => {
    const flat: IndicatorRanges = { direction: 'creciente', critical: 90, satisfactory: 90 };
    expect(semaforo(flat, 89.9)).toBe('critico');
    expect(semaforo(flat, 90)).toBe('satisfactorio');
    const flatDown: IndicatorRanges = { direction: 'decreciente', critical: 3, satisfactory: 3 };
    expect(semaforo(flatDown, 3)).toBe('satisfactorio');
    expect(semaforo(flatDown, 3.1)).toBe('critico');
  });

  it('refuses ranges that contradict the direction, in Spanish', () => {
    expect(() => validateRanges({ direction: 'creciente', critical: 80, satisfactory: 60 })).toThrow(
      /indicador creciente el límite crítico \(80\) no puede ser mayor/,
    );
    expect(() => semaforo({ direction: 'decreciente', critical: 5, satisfactory: 10 }, 7)).toThrow(
      /indicador decreciente el límite crítico \(5\) no puede ser menor/,
    );
    expect(() => validateRanges({ direction: 'creciente', critical: Number.NaN, satisfactory: 1 })).toThrow(
      DomainError,
    );
  });

  it('shows icon and label', () => {
    expect(semaforoText('satisfactorio')).toBe('🟢 Satisfactorio');
    expect(semaforoText('aceptable')).toBe('🟡 Aceptable');
    expect(semaforoText('critico')).toBe('🔴 Crítico');
  });
});

describe('compliance', () => {
  it.each([
    ['creciente', 45, 50, 90],
    ['creciente', 60, 50, 120],
    ['creciente', 0, 50, 0],
    ['decreciente', 10, 5, 50],
    ['decreciente', 4, 5, 125],
    ['decreciente', 5, 5, 100],
    ['creciente', 0, 0, 100],
    ['decreciente', 0, 0, 100],
  ] as const)('%s result %d, target %d → %d %%', (direction, result, target, expected) => {
    expect(compliance(direction, result, target)).toBe(expected);
  });

  it('has no percentage when it would divide by zero', () => {
    expect(compliance('creciente', 5, 0)).toBeNull();
    expect(compliance('decreciente', 0, 5)).toBeNull();
  });

  it('tells the best result of a decreasing indicator (0 against a positive target) from «no aplica»', () => {
    expect(beatsTargetAtZero('decreciente', 0, 5)).toBe(true);
    expect(beatsTargetAtZero('decreciente', 0, 0)).toBe(false);
    expect(beatsTargetAtZero('decreciente', 1, 5)).toBe(false);
    expect(beatsTargetAtZero('creciente', 0, 5)).toBe(false);
  });

  it('refuses negative or non-numeric values', () => {
    expect(() => compliance('creciente', -1, 5)).toThrow(DomainError);
    expect(() => compliance('decreciente', 1, Number.NaN)).toThrow(/meta debe ser un número/);
  });
});
