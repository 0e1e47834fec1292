import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  assertPeriodEnded,
  dueDate,
  isFuturePeriod,
  parsePeriod,
  parsePeriodCode,
  periodBounds,
  periodContaining,
  periodDueNow,
  periodLabel,
  periodsOfYear,
  previousPeriod,
} from '../../../src/domain/indicators/periods.ts';

describe('parsePeriod', () => {
  it.each([
    ['mensual', '2026-09', 9],
    ['bimestral', '2026-B5', 5],
    ['trimestral', '2026-T3', 3],
    ['semestral', '2026-S2', 2],
    ['anual', '2026', 1],
    ['trimestral', ' 2026-t3 ', 3],
  ] as const)('%s %s', (frequency, code, index) => {
    expect(parsePeriod(frequency, code)).toEqual({
      frequency,
      year: 2026,
      index,
      code: code.trim().toUpperCase(),
    });
  });

  it.each([
    ['trimestral', '2026-T5', 'Use AAAA-T1 a AAAA-T4, por ejemplo 2026-T4.'],
    ['trimestral', '2026-09', 'Use AAAA-T1 a AAAA-T4, por ejemplo 2026-T4.'],
    ['mensual', '2026-13', 'Use AAAA-01 a AAAA-12, por ejemplo 2026-09.'],
    ['mensual', '2026-T1', 'Use AAAA-01 a AAAA-12, por ejemplo 2026-09.'],
    ['bimestral', '2026-B7', 'Use AAAA-B1 a AAAA-B6, por ejemplo 2026-B6.'],
    ['semestral', '2027-S3', 'Use AAAA-S1 a AAAA-S2, por ejemplo 2027-S2.'],
    ['anual', '2026-S1', 'Un periodo anual se escribe con el año, por ejemplo 2026.'],
    ['mensual', 'septiembre', 'Use AAAA-01 a AAAA-12, por ejemplo 2026-09.'],
  ] as const)('refuses %s %s', (frequency, code, help) => {
    expect(() => parsePeriod(frequency, code)).toThrow(DomainError);
    expect(() => parsePeriod(frequency, code)).toThrow(
      `«${code}» no es un periodo válido para un indicador ${frequency}.`,
    );
    expect(() => parsePeriod(frequency, code)).toThrow(expect.objectContaining({ help: [help] }));
  });

  it('recognises codes of any frequency', () => {
    expect(parsePeriodCode('2026-B1')?.frequency).toBe('bimestral');
    expect(parsePeriodCode('2026-T0')).toBeNull();
    expect(parsePeriodCode('26-T1')).toBeNull();
  });
});

describe('periodBounds', () => {
  it.each([
    ['2026-09', '2026-09-01', '2026-09-30'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-12', '2026-12-01', '2026-12-31'],
    ['2026-B1', '2026-01-01', '2026-02-28'],
    ['2026-B5', '2026-09-01', '2026-10-31'],
    ['2026-B6', '2026-11-01', '2026-12-31'],
    ['2026-T1', '2026-01-01', '2026-03-31'],
    ['2026-T3', '2026-07-01', '2026-09-30'],
    ['2026-T4', '2026-10-01', '2026-12-31'],
    ['2026-C1', '2026-01-01', '2026-04-30'],
    ['2026-C2', '2026-05-01', '2026-08-31'],
    ['2026-C3', '2026-09-01', '2026-12-31'],
    ['2026-S1', '2026-01-01', '2026-06-30'],
    ['2026-S2', '2026-07-01', '2026-12-31'],
    ['2026', '2026-01-01', '2026-12-31'],
  ])('%s runs %s to %s', (code, start, end) => {
    expect(periodBounds(code)).toEqual({ start, end });
  });

  it('refuses an unknown code', () => {
    expect(() => periodBounds('2026-X1')).toThrow(/no es un periodo válido/);
    expect(() => periodBounds('2026-C4')).toThrow(/no es un periodo válido/);
  });

  it('names four-month periods (PTEP, corruption risk map) in Spanish and checks them against the frequency', () => {
    expect(periodLabel('2026-C2')).toBe('2.º cuatrimestre de 2026');
    expect(parsePeriod('cuatrimestral', '2026-c3').code).toBe('2026-C3');
    expect(() => parsePeriod('cuatrimestral', '2026-T3')).toThrow(
      '«2026-T3» no es un periodo válido para un indicador cuatrimestral.',
    );
  });
});

describe('periodsOfYear', () => {
  it.each([
    ['mensual', 12, '2026-01', '2026-12'],
    ['bimestral', 6, '2026-B1', '2026-B6'],
    ['trimestral', 4, '2026-T1', '2026-T4'],
    ['semestral', 2, '2026-S1', '2026-S2'],
    ['anual', 1, '2026', '2026'],
  ] as const)('%s has %d periods', (frequency, count, first, last) => {
    const periods = periodsOfYear(frequency, 2026);
    expect(periods).toHaveLength(count);
    expect(periods[0]?.code).toBe(first);
    expect(periods.at(-1)?.code).toBe(last);
  });

  it('covers the year without gaps', () => {
    for (const frequency of ['mensual', 'bimestral', 'trimestral', 'semestral'] as const) {
      const codes = periodsOfYear(frequency, 2026).map((p) => p.code);
      for (let i = 1; i < codes.length; i += 1) {
        expect(previousPeriod(codes[i] as string).code).toBe(codes[i - 1]);
      }
    }
  });
});

describe('periodContaining and previousPeriod', () => {
  it.each([
    ['mensual', '2026-09-30', '2026-09'],
    ['bimestral', '2026-09-01', '2026-B5'],
    ['bimestral', '2026-08-31', '2026-B4'],
    ['trimestral', '2026-10-01', '2026-T4'],
    ['semestral', '2026-06-30', '2026-S1'],
    ['semestral', '2026-07-01', '2026-S2'],
    ['anual', '2026-12-31', '2026'],
  ] as const)('%s on %s is %s', (frequency, date, code) => {
    expect(periodContaining(frequency, date).code).toBe(code);
  });

  it.each([
    ['2026-01', '2025-12'],
    ['2026-B1', '2025-B6'],
    ['2026-T1', '2025-T4'],
    ['2026-S1', '2025-S2'],
    ['2026', '2025'],
    ['2026-T3', '2026-T2'],
  ])('before %s comes %s', (code, previous) => {
    expect(previousPeriod(code).code).toBe(previous);
  });
});

describe('dueDate (working days after the period ends)', () => {
  it.each([
    ['2026-10', 1, '2026-11-03'], // ends Sat 31; Sun 1 and Mon 2 (Todos los Santos) skipped
    ['2026-B5', 10, '2026-11-17'], // also skips Mon 16 (Independencia de Cartagena)
    ['2026-T3', 10, '2026-10-15'], // skips Mon 12 Oct (Día de la Raza)
    ['2026', 5, '2027-01-08'], // skips 1 Jan 2027 and the weekend
    ['2026', 6, '2027-01-12'], // skips Mon 11 Jan 2027 (Reyes)
    ['2026-09', 0, '2026-09-30'],
  ])('%s with %d working days is due %s', (code, days, expected) => {
    expect(dueDate(code, days)).toBe(expected);
  });

  it('refuses a negative or fractional term', () => {
    expect(() => dueDate('2026-09', -1)).toThrow(DomainError);
    expect(() => dueDate('2026-09', 2.5)).toThrow(/plazo válido/);
  });
});

describe('isFuturePeriod (reporting opens the day after the period ends)', () => {
  it.each([
    ['2026-09', '2026-09-15', true], // running
    ['2026-09', '2026-09-30', true], // last day: not over yet
    ['2026-09', '2026-10-01', false],
    ['2026-T4', '2026-12-31', true],
    ['2026-T4', '2027-01-01', false],
    ['2027', '2026-12-31', true],
    ['2025-S2', '2026-03-01', false],
  ] as const)('%s on %s → %s', (code, today, expected) => {
    expect(isFuturePeriod(code, today)).toBe(expected);
  });

  it('says in Spanish when a period can be reported', () => {
    expect(() => assertPeriodEnded('2026-09', '2026-09-30')).toThrow(
      'El periodo septiembre de 2026 aún no ha terminado: no se puede reportar todavía.',
    );
    expect(() => assertPeriodEnded('2026-09', '2026-09-30')).toThrow(
      expect.objectContaining({ help: ['Podrá reportarlo desde el 1 de octubre de 2026.'] }),
    );
    expect(() => assertPeriodEnded('2026-09', '2026-10-01')).not.toThrow();
  });
});

describe('periodDueNow', () => {
  it.each([
    ['mensual', '2026-10-15', '2026-09', '2026-10-15', false], // skips Mon 12 Oct
    ['mensual', '2026-10-16', '2026-09', '2026-10-15', true],
    ['bimestral', '2026-11-10', '2026-B5', '2026-11-17', false],
    ['trimestral', '2026-01-20', '2025-T4', '2026-01-16', true],
    ['semestral', '2026-07-01', '2026-S1', '2026-07-14', false],
    ['anual', '2026-03-01', '2025', '2026-01-16', true],
  ] as const)('%s on %s: %s due %s (overdue %s)', (frequency, today, code, due, overdue) => {
    const result = periodDueNow(frequency, today, 10);
    expect(result.period.code).toBe(code);
    expect(result.dueDate).toBe(due);
    expect(result.overdue).toBe(overdue);
  });
});

describe('periodLabel', () => {
  it.each([
    ['2026-09', 'septiembre de 2026'],
    ['2026-01', 'enero de 2026'],
    ['2026-B1', '1.er bimestre de 2026'],
    ['2026-B5', '5.º bimestre de 2026'],
    ['2026-T3', '3.er trimestre de 2026'],
    ['2026-T4', '4.º trimestre de 2026'],
    ['2026-S1', '1.er semestre de 2026'],
    ['2026-S2', '2.º semestre de 2026'],
    ['2026', 'año 2026'],
  ])('%s → %s', (code, label) => {
    expect(periodLabel(code)).toBe(label);
  });
});
