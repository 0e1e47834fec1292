import { DomainError } from '../errors.ts';
import { truncate } from '../text.ts';

/**
 * Numbers as people in Colombia type them: «45», «12,5» or «12.5» (one decimal separator,
 * no thousands separator). Returns `undefined` when the text is not such a number.
 */
export function parseDecimal(text: string): number | undefined {
  const compact = text.trim().replace(/\s+/g, '');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(compact)) return undefined;
  return Number(compact.replace(',', '.'));
}

/**
 * Beyond 15 significant digits a double no longer holds every digit typed (and 400 of them are
 * Infinity): no measurement or target needs more.
 */
export const MAX_DIGITS = 15;

/** How many digits a typed number has, leaving out its sign, its decimal separator and leading zeros. */
export function digitCount(text: string): number {
  return text.replace(/\D/g, '').replace(/^0+/, '').length;
}

/** The Spanish reason a typed number has too many digits to be stored as typed, or undefined. */
export function tooManyDigits(text: string): string | undefined {
  const digits = digitCount(text);
  return digits > MAX_DIGITS ? `tiene ${digits} cifras y se admiten hasta ${MAX_DIGITS}` : undefined;
}

/** A measured amount (`numerador`, `denominador`, `valor`): a number of 0 or more, or a Spanish error. */
export function parseAmount(text: string, noun: string): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new DomainError(`Falta el ${noun}.`, 'Escriba una cifra, por ejemplo 45.');
  const value = parseDecimal(trimmed);
  if (value === undefined) {
    throw new DomainError(
      `El ${noun} debe ser un número: «${truncate(trimmed, 40)}» no lo es.`,
      'Escriba solo cifras, con coma o punto para los decimales: 45 o 12,5.',
    );
  }
  const long = tooManyDigits(trimmed);
  if (long !== undefined || !Number.isFinite(value)) {
    throw new DomainError(
      `El ${noun} ${long ?? 'no es un número finito'}.`,
      'Escriba la cifra como la mide, por ejemplo 45 o 12,5.',
    );
  }
  if (value < 0) {
    throw new DomainError(
      `El ${noun} no puede ser negativo (${trimmed}).`,
      'Escriba una cifra de 0 en adelante.',
    );
  }
  return value;
}

/** A typed measurement: `<num>/<den>` or a direct value. */
export interface TypedMeasure {
  numerator?: number;
  denominator?: number;
  value?: number;
}

/** Reads «45/50» (numerator and denominator) or «90» (a value) as the one-line report writes them. */
export function parseMeasure(text: string): TypedMeasure {
  const trimmed = text.trim();
  if (trimmed.includes('/')) {
    const [numerator = '', denominator = '', ...extra] = trimmed.split('/');
    if (extra.length > 0) {
      throw new DomainError(
        `«${trimmed}» no es una medición válida.`,
        'Escriba <numerador>/<denominador>, por ejemplo 45/50, o solo el valor.',
      );
    }
    return {
      numerator: parseAmount(numerator, 'numerador'),
      denominator: parseAmount(denominator, 'denominador'),
    };
  }
  return { value: parseAmount(trimmed, 'valor') };
}

const decimal = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 2 });

/** A number for people: «12,5», «1.234», at most two decimals. */
export function formatNumber(value: number): string {
  return decimal.format(value);
}
