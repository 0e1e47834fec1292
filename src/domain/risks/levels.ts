import { DomainError } from '../errors.ts';

/**
 * The DAFP scales (guide v6 2022 / v7 2025): probability and impact levels with their
 * percentages, the bands that map a percentage back to a level, and the heat map.
 */

export type ProbabilityLevel = 'muy_baja' | 'baja' | 'media' | 'alta' | 'muy_alta';
export type ImpactLevel = 'leve' | 'menor' | 'moderado' | 'mayor' | 'catastrofico';
export type RiskZone = 'bajo' | 'moderado' | 'alto' | 'extremo';

/** Lowest to highest; the position is the band (0 → (0,20], 4 → (80,100]). */
export const probabilityLevels: readonly ProbabilityLevel[] = [
  'muy_baja',
  'baja',
  'media',
  'alta',
  'muy_alta',
];
export const impactLevels: readonly ImpactLevel[] = ['leve', 'menor', 'moderado', 'mayor', 'catastrofico'];
export const riskZones: readonly RiskZone[] = ['bajo', 'moderado', 'alto', 'extremo'];

export const probabilityLabels: Record<ProbabilityLevel, string> = {
  muy_baja: 'Muy baja',
  baja: 'Baja',
  media: 'Media',
  alta: 'Alta',
  muy_alta: 'Muy alta',
};

export const impactLabels: Record<ImpactLevel, string> = {
  leve: 'Leve',
  menor: 'Menor',
  moderado: 'Moderado',
  mayor: 'Mayor',
  catastrofico: 'Catastrófico',
};

export const zoneLabels: Record<RiskZone, string> = {
  bajo: 'Bajo',
  moderado: 'Moderado',
  alto: 'Alto',
  extremo: 'Extremo',
};

/** 20, 40, 60, 80, 100 — the same steps for both dimensions. */
export function probabilityPercent(level: ProbabilityLevel): number {
  return (probabilityLevels.indexOf(level) + 1) * 20;
}

export function impactPercent(level: ImpactLevel): number {
  return (impactLevels.indexOf(level) + 1) * 20;
}

/**
 * Chained control reductions are computed in floating point (no intermediate rounding), so a
 * value meant to be exactly 40 may come out as 40.000000000000007. Bands compare with this
 * tolerance so such noise never pushes a value into the next band; 20.01 is still above 20.
 */
const BAND_TOLERANCE = 1e-9;

function bandOf(percent: number): number {
  if (!Number.isFinite(percent) || percent <= 0 || percent > 100 + BAND_TOLERANCE) {
    throw new DomainError(
      `El porcentaje ${percent} está fuera de la escala.`,
      'Debe ser mayor que 0 y a lo sumo 100.',
    );
  }
  for (let band = 0; band < 4; band += 1) {
    if (percent <= (band + 1) * 20 + BAND_TOLERANCE) return band;
  }
  return 4;
}

/**
 * The level of a percentage by the bands (0,20] (20,40] (40,60] (60,80] (80,100]:
 * exactly 20 is muy baja / leve, 20.01 is baja / menor.
 */
export function levelFromPercent(dimension: 'probability', percent: number): ProbabilityLevel;
export function levelFromPercent(dimension: 'impact', percent: number): ImpactLevel;
export function levelFromPercent(
  dimension: 'probability' | 'impact',
  percent: number,
): ProbabilityLevel | ImpactLevel {
  const band = bandOf(percent);
  const levels = dimension === 'probability' ? probabilityLevels : impactLevels;
  // bandOf only returns 0..4, so the level always exists.
  return levels[band] as ProbabilityLevel | ImpactLevel;
}

/** The heat map as the guide draws it: a lookup, not probability × impact. */
const heatMap: Record<ProbabilityLevel, Record<ImpactLevel, RiskZone>> = {
  muy_alta: {
    leve: 'alto',
    menor: 'alto',
    moderado: 'alto',
    mayor: 'alto',
    catastrofico: 'extremo',
  },
  alta: {
    leve: 'moderado',
    menor: 'moderado',
    moderado: 'alto',
    mayor: 'alto',
    catastrofico: 'extremo',
  },
  media: {
    leve: 'moderado',
    menor: 'moderado',
    moderado: 'moderado',
    mayor: 'alto',
    catastrofico: 'extremo',
  },
  baja: {
    leve: 'bajo',
    menor: 'moderado',
    moderado: 'moderado',
    mayor: 'alto',
    catastrofico: 'extremo',
  },
  muy_baja: {
    leve: 'bajo',
    menor: 'bajo',
    moderado: 'moderado',
    mayor: 'alto',
    catastrofico: 'extremo',
  },
};

/** The risk zone of a probability and impact, read from the heat map. */
export function zone(probability: ProbabilityLevel, impact: ImpactLevel): RiskZone {
  return heatMap[probability][impact];
}

/** The higher of two impact levels. */
export function higherImpact(a: ImpactLevel, b: ImpactLevel): ImpactLevel {
  return impactLevels.indexOf(a) >= impactLevels.indexOf(b) ? a : b;
}

/** A percentage rounded to 2 decimals, for display only: never feed it back into a calculation. */
export function roundPercent(percent: number): number {
  return Math.round((percent + Number.EPSILON) * 100) / 100;
}
