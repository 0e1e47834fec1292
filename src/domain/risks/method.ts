import { DomainError } from '../errors.ts';
import {
  higherImpact,
  type ImpactLevel,
  impactPercent,
  levelFromPercent,
  type ProbabilityLevel,
  probabilityPercent,
  type RiskZone,
  zone,
} from './levels.ts';

export * from './levels.ts';

/**
 * The DAFP risk method: inherent risk from frequency and impact, controls applied one after
 * another, residual risk, and which risks may be accepted. `v6` and `v7` differ only in how a
 * corruption (v7: public-integrity) risk's impact is valued.
 */

export type RiskMethod = 'v6' | 'v7';
/** `corrupcion` also covers v7's integridad pública (soborno, fraude, conflicto de intereses, LA/FT/FP). */
export type RiskType = 'gestion' | 'corrupcion' | 'seguridad_digital' | 'fiscal';

export const riskTypeLabels: Record<RiskType, string> = {
  gestion: 'Gestión',
  corrupcion: 'Corrupción / integridad pública',
  seguridad_digital: 'Seguridad de la información / digital',
  fiscal: 'Fiscal',
};

export type ControlType = 'preventivo' | 'detectivo' | 'correctivo';
export type ControlImplementation = 'automatico' | 'manual';

/** Documentation, frequency and evidence may travel along; they carry no weight. */
export interface Control {
  type: ControlType;
  implementation: ControlImplementation;
}

export const controlTypeLabels: Record<ControlType, string> = {
  preventivo: 'Preventivo',
  detectivo: 'Detectivo',
  correctivo: 'Correctivo',
};

export const controlImplementationLabels: Record<ControlImplementation, string> = {
  automatico: 'Automático',
  manual: 'Manual',
};

const typeWeight: Record<ControlType, number> = {
  preventivo: 25,
  detectivo: 15,
  correctivo: 10,
};
const implementationWeight: Record<ControlImplementation, number> = {
  automatico: 25,
  manual: 15,
};

export interface Rated<L> {
  level: L;
  percent: number;
}

/** Probability from how many times a year the exposed activity is performed. */
export function probabilityFromFrequency(timesPerYear: number): Rated<ProbabilityLevel> {
  if (!Number.isFinite(timesPerYear) || timesPerYear < 0) {
    throw new DomainError(
      `«${timesPerYear}» no es una frecuencia válida.`,
      'Indique cuántas veces al año se realiza la actividad, por ejemplo 12.',
    );
  }
  const level: ProbabilityLevel =
    timesPerYear <= 2
      ? 'muy_baja'
      : timesPerYear <= 24
        ? 'baja'
        : timesPerYear <= 500
          ? 'media'
          : timesPerYear <= 5000
            ? 'alta'
            : 'muy_alta';
  return { level, percent: probabilityPercent(level) };
}

/** The higher of the economic and the reputational impact. */
export function impactLevel(economic?: ImpactLevel, reputational?: ImpactLevel): ImpactLevel {
  if (economic && reputational) return higherImpact(economic, reputational);
  const only = economic ?? reputational;
  if (!only) {
    throw new DomainError(
      'Falta el impacto del riesgo.',
      'Indique el impacto económico, el reputacional o ambos (leve, menor, moderado, mayor o catastrófico).',
    );
  }
  return only;
}

/** v6 corruption impact from how many of the 19 questions were answered «sí». */
export function corruptionImpactFromAnswers(yesCount: number): ImpactLevel {
  if (!Number.isInteger(yesCount) || yesCount < 1 || yesCount > 19) {
    throw new DomainError(
      `«${yesCount}» no es un número válido de respuestas afirmativas.`,
      'El cuestionario de corrupción tiene 19 preguntas: indique entre 1 y 19 respuestas «sí».',
    );
  }
  if (yesCount <= 5) return 'moderado';
  if (yesCount <= 11) return 'mayor';
  return 'catastrofico';
}

/** A control's weight in %: its type plus its implementation. */
export function controlWeight(control: Control): number {
  return typeWeight[control.type] + implementationWeight[control.implementation];
}

export interface ControlStep {
  /** 1-based position of the control in the list. */
  order: number;
  control: Control;
  weight: number;
  dimension: 'probability' | 'impact';
  before: number;
  after: number;
}

export interface ControlledPercents {
  probability: number;
  impact: number;
  trail: ControlStep[];
}

function assertPercent(percent: number, what: string): void {
  if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
    throw new DomainError(
      `El porcentaje de ${what} (${percent}) está fuera de la escala.`,
      'Debe ser mayor que 0 y a lo sumo 100, por ejemplo 60.',
    );
  }
}

/**
 * Applies each control in order on what remains: preventive and detective ones reduce the
 * probability, corrective ones the impact. Nothing is rounded; round only to display.
 */
export function applyControls(
  probabilityPct: number,
  impactPct: number,
  controls: readonly Control[],
): ControlledPercents {
  assertPercent(probabilityPct, 'probabilidad');
  assertPercent(impactPct, 'impacto');
  let probability = probabilityPct;
  let impact = impactPct;
  const trail = controls.map((control, index): ControlStep => {
    const weight = controlWeight(control);
    const dimension = control.type === 'correctivo' ? 'impact' : 'probability';
    const before = dimension === 'impact' ? impact : probability;
    const after = before * (1 - weight / 100);
    if (dimension === 'impact') impact = after;
    else probability = after;
    return { order: index + 1, control, weight, dimension, before, after };
  });
  return { probability, impact, trail };
}

/**
 * How a risk's impact was rated: by economic and/or reputational level, or (corruption under
 * v6 only) by the number of «sí» answers of the 19-question questionnaire.
 */
export type ImpactInput =
  | { economic?: ImpactLevel; reputational?: ImpactLevel }
  | { corruptionYesAnswers: number };

export interface RiskInput {
  type: RiskType;
  /** Times a year the exposed activity is performed, or the level when already rated. */
  probability: { timesPerYear: number } | { level: ProbabilityLevel };
  impact: ImpactInput;
  controls?: readonly Control[];
}

export interface RiskLevels {
  probability: Rated<ProbabilityLevel>;
  impact: Rated<ImpactLevel>;
  zone: RiskZone;
}

export interface RiskAssessment {
  method: RiskMethod;
  inherent: RiskLevels;
  residual: RiskLevels;
  trail: ControlStep[];
}

const atLeastModerate = (level: ImpactLevel): ImpactLevel => higherImpact(level, 'moderado');

function inherentImpact(input: RiskInput, method: RiskMethod): ImpactLevel {
  const corruptionUnderV6 = input.type === 'corrupcion' && method === 'v6';
  if ('corruptionYesAnswers' in input.impact) {
    if (!corruptionUnderV6) {
      throw new DomainError(
        'El cuestionario de 19 preguntas solo valora el impacto de riesgos de corrupción con la metodología v6.',
        'Con v7, o para otros tipos de riesgo, indique el impacto económico y reputacional.',
      );
    }
    return corruptionImpactFromAnswers(input.impact.corruptionYesAnswers);
  }
  const level = impactLevel(input.impact.economic, input.impact.reputational);
  // Under v6 the questionnaire can only yield moderado or above, so a corruption risk rated
  // by level alone is raised to moderado rather than left at leve/menor, which v6 never gives.
  return corruptionUnderV6 ? atLeastModerate(level) : level;
}

/** Inherent and residual risk by the DAFP method of the chosen guide version. */
export function assessRisk(input: RiskInput, options: { method: RiskMethod }): RiskAssessment {
  const { method } = options;
  const probability =
    'level' in input.probability
      ? {
          level: input.probability.level,
          percent: probabilityPercent(input.probability.level),
        }
      : probabilityFromFrequency(input.probability.timesPerYear);
  const impactLvl = inherentImpact(input, method);
  const impact = { level: impactLvl, percent: impactPercent(impactLvl) };

  const controlled = applyControls(probability.percent, impact.percent, input.controls ?? []);
  const residualProbability = levelFromPercent('probability', controlled.probability);
  let residualImpact = levelFromPercent('impact', controlled.impact);
  // The same v6 floor holds after corrective controls: a corruption impact is never leve/menor.
  // The percentage is kept as computed; only the level is raised.
  if (input.type === 'corrupcion' && method === 'v6') residualImpact = atLeastModerate(residualImpact);

  return {
    method,
    inherent: {
      probability,
      impact,
      zone: zone(probability.level, impact.level),
    },
    residual: {
      probability: {
        level: residualProbability,
        percent: controlled.probability,
      },
      impact: { level: residualImpact, percent: controlled.impact },
      zone: zone(residualProbability, residualImpact),
    },
    trail: controlled.trail,
  };
}

/** The entity's default risk appetite when its policy says nothing else. */
export const defaultAcceptableZones: readonly RiskZone[] = ['bajo'];

/**
 * Whether a risk in this zone may be treated by accepting it. Which zones are acceptable is the
 * entity's risk-appetite policy. Asking to accept a corruption risk is always refused.
 */
export function canAccept(
  type: RiskType,
  riskZone: RiskZone,
  acceptableZones: readonly RiskZone[] = defaultAcceptableZones,
): boolean {
  if (type === 'corrupcion') {
    throw new DomainError(
      'Un riesgo de corrupción (integridad pública) nunca se puede aceptar.',
      'Elija otro tratamiento: reducir (mitigar, transferir o compartir) o evitar.',
    );
  }
  return acceptableZones.includes(riskZone);
}
