import { DomainError } from '../errors.ts';

/**
 * Management-indicator arithmetic (DAFP guide for management indicators, v4 2018): the
 * result of a measurement, its traffic light against the indicator's ranges, and compliance.
 */

export type IndicatorUnit = 'porcentaje' | 'numero';
/** creciente: higher is better; decreciente: lower is better. */
export type IndicatorDirection = 'creciente' | 'decreciente';
export type Semaforo = 'critico' | 'aceptable' | 'satisfactorio';

export const unitLabels: Record<IndicatorUnit, string> = {
  porcentaje: 'Porcentaje',
  numero: 'Número',
};

export const directionLabels: Record<IndicatorDirection, string> = {
  creciente: 'Creciente (más es mejor)',
  decreciente: 'Decreciente (menos es mejor)',
};

export const semaforoLabels: Record<Semaforo, string> = {
  critico: 'Crítico',
  aceptable: 'Aceptable',
  satisfactorio: 'Satisfactorio',
};

export const semaforoIcons: Record<Semaforo, string> = {
  critico: '🔴',
  aceptable: '🟡',
  satisfactorio: '🟢',
};

/** Icon and label together, e.g. «🟢 Satisfactorio». */
export function semaforoText(light: Semaforo): string {
  return `${semaforoIcons[light]} ${semaforoLabels[light]}`;
}

function assertMeasure(value: number, what: string): void {
  if (!Number.isFinite(value)) {
    throw new DomainError(`${what} debe ser un número.`, 'Escriba una cifra, por ejemplo 45 o 12,5.');
  }
  if (value < 0) {
    throw new DomainError(`${what} no puede ser negativo (${value}).`, 'Escriba una cifra de 0 en adelante.');
  }
}

export interface Measurement {
  unit: IndicatorUnit;
  numerator?: number;
  denominator?: number;
  /** A directly measured result, for indicators without a formula. */
  value?: number;
}

/**
 * The measured result: numerator / denominator (× 100 for a percentage), or the direct value.
 * A `numero` indicator may give only a numerator (a count); a percentage needs both parts.
 */
export function indicatorResult(measurement: Measurement): number {
  const { unit, numerator, denominator, value } = measurement;
  const hasFormula = numerator !== undefined || denominator !== undefined;
  if (value !== undefined && hasFormula) {
    throw new DomainError(
      'Indique el valor directo o el numerador y el denominador, no ambos.',
      'Por ejemplo: numerador 45 y denominador 50, o valor 90.',
    );
  }
  if (value !== undefined) {
    assertMeasure(value, 'El valor');
    return value;
  }
  if (numerator === undefined) {
    throw new DomainError('Falta el numerador del indicador.', 'Por ejemplo: numerador 45 y denominador 50.');
  }
  assertMeasure(numerator, 'El numerador');
  if (denominator === undefined) {
    if (unit === 'numero') return numerator;
    throw new DomainError(
      'Falta el denominador: un indicador en porcentaje necesita numerador y denominador.',
      'Por ejemplo: numerador 45 y denominador 50 (resultado 90 %).',
    );
  }
  assertMeasure(denominator, 'El denominador');
  if (denominator === 0) {
    throw new DomainError(
      'El denominador no puede ser 0.',
      'Si en el periodo no hubo nada que medir, repórtelo como observación y no como medición.',
    );
  }
  const ratio = numerator / denominator;
  return unit === 'porcentaje' ? ratio * 100 : ratio;
}

export interface IndicatorRanges {
  direction: IndicatorDirection;
  /** creciente: below it is crítico; decreciente: above it is crítico. */
  critical: number;
  /** creciente: at or above it is satisfactorio; decreciente: at or below it. */
  satisfactory: number;
}

/** Checks that the ranges make sense for the direction; throws a Spanish DomainError if not. */
export function validateRanges(ranges: IndicatorRanges): void {
  const { direction, critical, satisfactory } = ranges;
  if (!Number.isFinite(critical) || !Number.isFinite(satisfactory)) {
    throw new DomainError(
      'Los límites de los rangos deben ser números.',
      'Por ejemplo: crítico 60 y satisfactorio 80.',
    );
  }
  if (direction === 'creciente' && critical > satisfactory) {
    throw new DomainError(
      `En un indicador creciente el límite crítico (${critical}) no puede ser mayor que el satisfactorio (${satisfactory}).`,
      'Por ejemplo: crítico por debajo de 60, satisfactorio desde 80.',
    );
  }
  if (direction === 'decreciente' && critical < satisfactory) {
    throw new DomainError(
      `En un indicador decreciente el límite crítico (${critical}) no puede ser menor que el satisfactorio (${satisfactory}).`,
      'Por ejemplo: crítico por encima de 10, satisfactorio hasta 5.',
    );
  }
}

/**
 * The traffic light of a result. creciente: below `critical` → crítico, at or above
 * `satisfactory` → satisfactorio, else aceptable. decreciente mirrors: above `critical` →
 * crítico, at or below `satisfactory` → satisfactorio.
 */
export function semaforo(ranges: IndicatorRanges, result: number): Semaforo {
  validateRanges(ranges);
  if (!Number.isFinite(result)) {
    throw new DomainError('El resultado debe ser un número.', 'Por ejemplo: 85.');
  }
  const { direction, critical, satisfactory } = ranges;
  if (direction === 'creciente') {
    if (result < critical) return 'critico';
    if (result >= satisfactory) return 'satisfactorio';
    return 'aceptable';
  }
  if (result > critical) return 'critico';
  if (result <= satisfactory) return 'satisfactorio';
  return 'aceptable';
}

/**
 * Compliance % against the target: result / target × 100 (creciente) or target / result × 100
 * (decreciente). Nothing is capped: 120 means the target was beaten by a fifth.
 * When the ratio would divide by 0 (creciente with target 0, decreciente with result 0) there is
 * no meaningful percentage and the answer is `null`, except when result and target are both 0: the
 * target was met exactly, so 100. A `null` is shown as «meta superada» when `beatsTargetAtZero`
 * (the best result a decreciente indicator can have), else «no aplica».
 */
export function compliance(direction: IndicatorDirection, result: number, target: number): number | null {
  assertMeasure(result, 'El resultado');
  assertMeasure(target, 'La meta');
  if (result === 0 && target === 0) return 100;
  if (direction === 'creciente') return target === 0 ? null : (result / target) * 100;
  return result === 0 ? null : (target / result) * 100;
}

/** A decreciente indicator at 0 with a positive target: beaten as far as it can be, with no finite %. */
export function beatsTargetAtZero(direction: IndicatorDirection, result: number, target: number): boolean {
  return direction === 'decreciente' && result === 0 && target > 0;
}
