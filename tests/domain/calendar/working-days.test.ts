import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  holidayName,
  holidaysOfYear,
  isHoliday,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  previousWorkingDayOnOrBefore,
  workingDaysBetween,
} from '../../../src/domain/calendar/working-days.ts';
import { DomainError } from '../../../src/domain/errors.ts';

describe('Colombian holidays in 2026', () => {
  it.each([
    ['2026-01-01', 'Año Nuevo'],
    ['2026-01-12', 'Reyes Magos'],
    ['2026-03-23', 'San José'],
    ['2026-04-02', 'Jueves Santo'],
    ['2026-04-03', 'Viernes Santo'],
    ['2026-05-01', 'Día del Trabajo'],
    ['2026-05-18', 'Ascensión del Señor'],
    ['2026-06-08', 'Corpus Christi'],
    ['2026-06-15', 'Sagrado Corazón de Jesús'],
    ['2026-06-29', 'San Pedro y San Pablo'],
    ['2026-07-20', 'Grito de la Independencia'],
    ['2026-08-07', 'Batalla de Boyacá'],
    ['2026-08-17', 'Asunción de la Virgen'],
    ['2026-10-12', 'Día de la Raza'],
    ['2026-11-02', 'Todos los Santos'],
    ['2026-11-16', 'Independencia de Cartagena'],
    ['2026-12-08', 'Inmaculada Concepción'],
    ['2026-12-25', 'Navidad'],
  ])('%s is a holiday (%s) and not a working day', (date, name) => {
    expect(isHoliday(date)).toBe(true);
    expect(holidayName(date)).toBe(name);
    expect(isWorkingDay(date)).toBe(false);
  });

  it('has the 18 holidays of Ley 51 de 1983', () => {
    expect(holidaysOfYear(2026)).toHaveLength(18);
  });

  it.each([
    '2026-01-06', // Reyes, moved to Monday 12
    '2026-03-19', // San José, moved to Monday 23
    '2026-11-11', // Independencia de Cartagena, moved to Monday 16
    '2026-05-14', // Ascensión's Thursday, moved to Monday 18
    '2026-04-01', // Miércoles Santo is not a holiday
  ])('%s is an ordinary working day', (date) => {
    expect(isHoliday(date)).toBe(false);
    expect(holidayName(date)).toBeNull();
    expect(isWorkingDay(date)).toBe(true);
  });

  it('does not count weekends as working days', () => {
    expect(isWorkingDay('2026-11-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-15')).toBe(false); // Sunday
    expect(isHoliday('2026-11-15')).toBe(false);
  });

  it('rejects text that is not a date, in Spanish', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(DomainError);
    expect(() => isHoliday('30/11/2026')).toThrow(/no es una fecha válida/);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-30', -5, '2026-11-23'], // plain week
    ['2026-11-20', -5, '2026-11-12'], // skips Monday 16 (Cartagena) and a weekend
    ['2026-03-31', 3, '2026-04-07'], // skips Jueves and Viernes Santo and a weekend
    ['2026-12-31', 1, '2027-01-04'], // crosses the year and skips 1 January
    ['2026-01-09', 1, '2026-01-13'], // skips the weekend and Reyes (Monday 12)
    ['2026-11-13', 1, '2026-11-17'],
    ['2026-11-17', -1, '2026-11-13'],
    ['2026-11-14', 1, '2026-11-17'], // from a Saturday
  ])('%s %+d working days is %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('returns the date itself for 0, even a holiday', () => {
    expect(addWorkingDays('2026-11-16', 0)).toBe('2026-11-16');
  });

  it('refuses a fractional count', () => {
    expect(() => addWorkingDays('2026-11-16', 1.5)).toThrow(DomainError);
  });
});

describe('moving a date onto a working day', () => {
  it.each([
    ['2026-11-16', '2026-11-13'], // holiday Monday → Friday before
    ['2026-04-05', '2026-04-01'], // Easter Sunday → before Jueves Santo
    ['2026-01-01', '2025-12-31'],
    ['2026-11-17', '2026-11-17'], // already a working day
  ])('previousWorkingDayOnOrBefore(%s) is %s', (date, expected) => {
    expect(previousWorkingDayOnOrBefore(date)).toBe(expected);
  });

  it.each([
    ['2026-04-02', '2026-04-06'],
    ['2026-11-14', '2026-11-17'],
    ['2026-12-25', '2026-12-28'],
    ['2026-11-17', '2026-11-17'],
  ])('nextWorkingDayOnOrAfter(%s) is %s', (date, expected) => {
    expect(nextWorkingDayOnOrAfter(date)).toBe(expected);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-11-13', '2026-11-17', 1],
    ['2026-11-17', '2026-11-13', -1],
    ['2026-11-13', '2026-11-13', 0],
    ['2026-11-23', '2026-11-30', 5],
    ['2026-03-30', '2026-04-06', 3], // Tue 31, Wed 1, Mon 6
    ['2026-01-01', '2026-12-31', 243], // 261 weekdays minus 18 holidays, all on weekdays
  ])('from %s to %s is %d', (a, b, expected) => {
    expect(workingDaysBetween(a, b)).toBe(expected);
  });

  it('undoes addWorkingDays', () => {
    for (const n of [-12, -5, -1, 0, 1, 7, 30]) {
      expect(workingDaysBetween('2026-11-10', addWorkingDays('2026-11-10', n))).toBe(n);
    }
  });
});
