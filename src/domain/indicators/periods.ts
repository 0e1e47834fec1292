import { format, parseISO } from 'date-fns';
import { es } from 'date-fns/locale';
import { addWorkingDays } from '../calendar/working-days.ts';
import { addCalendarDays, isIsoDate } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { memoized } from '../memo.ts';

/**
 * Measurement periods of an indicator, named by code: `2026-09` (mensual), `2026-B5`
 * (bimestral), `2026-T3` (trimestral), `2026-C2` (cuatrimestral: PTEP and the corruption risk map),
 * `2026-S2` (semestral), `2026` (anual).
 */

export type Frequency = 'mensual' | 'bimestral' | 'trimestral' | 'cuatrimestral' | 'semestral' | 'anual';

export interface Period {
  frequency: Frequency;
  year: number;
  /** 1-based position within the year (month, bimester, quarter, semester; 1 for anual). */
  index: number;
  code: string;
}

export const frequencyLabels: Record<Frequency, string> = {
  mensual: 'Mensual',
  bimestral: 'Bimestral',
  trimestral: 'Trimestral',
  cuatrimestral: 'Cuatrimestral',
  semestral: 'Semestral',
  anual: 'Anual',
};

const monthsPer: Record<Frequency, number> = {
  mensual: 1,
  bimestral: 2,
  trimestral: 3,
  cuatrimestral: 4,
  semestral: 6,
  anual: 12,
};

const letterOf: Partial<Record<Frequency, string>> = {
  bimestral: 'B',
  trimestral: 'T',
  cuatrimestral: 'C',
  semestral: 'S',
};
const frequencyOfLetter: Record<string, Frequency> = {
  B: 'bimestral',
  T: 'trimestral',
  C: 'cuatrimestral',
  S: 'semestral',
};

const pad2 = (n: number): string => String(n).padStart(2, '0');
const perYear = (frequency: Frequency): number => 12 / monthsPer[frequency];

function codeOf(frequency: Frequency, year: number, index: number): string {
  if (frequency === 'anual') return String(year);
  if (frequency === 'mensual') return `${year}-${pad2(index)}`;
  return `${year}-${letterOf[frequency]}${index}`;
}

function period(frequency: Frequency, year: number, index: number): Period {
  return { frequency, year, index, code: codeOf(frequency, year, index) };
}

/** How a valid code of this frequency looks, with an example from the given year. */
function codeHelp(frequency: Frequency, year: number): string {
  const n = perYear(frequency);
  if (frequency === 'anual') return `Un periodo anual se escribe con el año, por ejemplo ${year}.`;
  if (frequency === 'mensual') return `Use AAAA-01 a AAAA-12, por ejemplo ${year}-09.`;
  const letter = letterOf[frequency];
  return `Use AAAA-${letter}1 a AAAA-${letter}${n}, por ejemplo ${codeOf(frequency, year, n)}.`;
}

/** A code of any frequency, or `null` when it is not one. */
export function parsePeriodCode(code: string): Period | null {
  const match = /^(\d{4})(?:-(?:(\d{2})|([BTCS])(\d)))?$/.exec(code.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    return month >= 1 && month <= 12 ? period('mensual', year, month) : null;
  }
  if (match[3] === undefined) return period('anual', year, 1);
  const frequency = frequencyOfLetter[match[3]] as Frequency;
  const index = Number(match[4]);
  return index >= 1 && index <= perYear(frequency) ? period(frequency, year, index) : null;
}

/** The period a code names, checked against the indicator's frequency. */
export function parsePeriod(frequency: Frequency, code: string): Period {
  const parsed = parsePeriodCode(code);
  if (parsed && parsed.frequency === frequency) return parsed;
  const year = /^\d{4}/.test(code.trim()) ? Number(code.trim().slice(0, 4)) : 2026;
  throw new DomainError(
    `«${code}» no es un periodo válido para un indicador ${frequencyLabels[frequency].toLowerCase()}.`,
    codeHelp(frequency, year),
  );
}

function requirePeriod(code: string): Period {
  const parsed = parsePeriodCode(code);
  if (!parsed) {
    throw new DomainError(
      `«${code}» no es un periodo válido.`,
      'Ejemplos: 2026-09 (mes), 2026-B5 (bimestre), 2026-T3 (trimestre), 2026-C2 (cuatrimestre), 2026-S2 (semestre), 2026 (año).',
    );
  }
  return parsed;
}

function assertDate(date: string): void {
  if (!isIsoDate(date)) {
    throw new DomainError(`«${date}» no es una fecha válida.`, 'Use AAAA-MM-DD, por ejemplo 2026-09-30.');
  }
}

/**
 * First and last calendar day of the period (`YYYY-MM-DD`, both included). Worked out once per code: the
 * same periods are asked about for every indicator of the catalog.
 */
export const periodBounds: (code: string) => Readonly<{ start: string; end: string }> = memoized((code) => {
  const { frequency, year, index } = requirePeriod(code);
  const months = monthsPer[frequency];
  const firstMonth = (index - 1) * months + 1;
  const afterLast = firstMonth + months;
  const nextStart = afterLast > 12 ? `${year + 1}-01-01` : `${year}-${pad2(afterLast)}-01`;
  return Object.freeze({ start: `${year}-${pad2(firstMonth)}-01`, end: addCalendarDays(nextStart, -1) });
});

/** All the periods of a year, in order. */
export function periodsOfYear(frequency: Frequency, year: number): Period[] {
  return Array.from({ length: perYear(frequency) }, (_, i) => period(frequency, year, i + 1));
}

/** The period of this frequency that contains the date. */
export function periodContaining(frequency: Frequency, date: string): Period {
  assertDate(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return period(frequency, year, Math.floor((month - 1) / monthsPer[frequency]) + 1);
}

/** The period just before, crossing into the previous year when needed. */
export function previousPeriod(code: string): Period {
  const { frequency, year, index } = requirePeriod(code);
  return index > 1 ? period(frequency, year, index - 1) : period(frequency, year - 1, perYear(frequency));
}

/**
 * The last day to report a period: its last calendar day plus `daysToReport` working days
 * (Colombian calendar), so weekends and holidays never eat into the time a leader has.
 * With 0 the due date is the period's last day itself.
 */
export function dueDate(periodCode: string, daysToReport: number): string {
  if (!Number.isInteger(daysToReport) || daysToReport < 0) {
    throw new DomainError(
      `«${daysToReport}» no es un plazo válido para reportar.`,
      'Indique un número entero de días hábiles, por ejemplo 10.',
    );
  }
  return addWorkingDays(periodBounds(periodCode).end, daysToReport);
}

/**
 * Whether the period has not ended yet by `today` (a Bogotá date). A measurement can be reported
 * only once its period is over: from the day after its last day. The period still running (its
 * last day included) and later ones count as future and are refused.
 */
export function isFuturePeriod(code: string, today: string): boolean {
  assertDate(today);
  return periodBounds(code).end >= today;
}

/** Throws a Spanish DomainError when the period cannot be reported yet (see `isFuturePeriod`). */
export function assertPeriodEnded(code: string, today: string): void {
  if (!isFuturePeriod(code, today)) return;
  const opens = addCalendarDays(periodBounds(code).end, 1);
  throw new DomainError(
    `El periodo ${periodLabel(code)} aún no ha terminado: no se puede reportar todavía.`,
    `Podrá reportarlo desde el ${format(parseISO(opens), "d 'de' MMMM 'de' yyyy", { locale: es })}.`,
  );
}

export interface DuePeriod {
  period: Period;
  /** Last day to report it (see `dueDate`). */
  dueDate: string;
  /** `today` is after the due date. */
  overdue: boolean;
}

/**
 * The period a leader should be reporting now: the latest one that has ended by `today`,
 * with its due date. It stays the one due (and becomes overdue) until the next period ends.
 */
export function periodDueNow(frequency: Frequency, today: string, daysToReport: number): DuePeriod {
  const latest = previousPeriod(periodContaining(frequency, today).code);
  const due = dueDate(latest.code, daysToReport);
  return { period: latest, dueDate: due, overdue: today > due };
}

const ordinal = (n: number): string => (n === 1 || n === 3 ? `${n}.er` : `${n}.º`);

/** The period in Spanish: «septiembre de 2026», «3.er trimestre de 2026», «año 2026». */
export function periodLabel(code: string): string {
  const { frequency, year, index } = requirePeriod(code);
  switch (frequency) {
    case 'anual':
      return `año ${year}`;
    case 'mensual':
      return format(parseISO(periodBounds(code).start), "MMMM 'de' yyyy", { locale: es });
    case 'bimestral':
      return `${ordinal(index)} bimestre de ${year}`;
    case 'trimestral':
      return `${ordinal(index)} trimestre de ${year}`;
    case 'cuatrimestral':
      return `${ordinal(index)} cuatrimestre de ${year}`;
    case 'semestral':
      return `${ordinal(index)} semestre de ${year}`;
  }
}
