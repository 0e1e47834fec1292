import {
  type ImpactLevel,
  impactLevels,
  type ProbabilityLevel,
  probabilityLevels,
  type RiskZone,
  riskZones,
} from './levels.ts';
import type { RiskView } from './register-store.ts';

/** How many risks fall in each cell of the 5×5 heat map, before and after controls. */
export interface HeatCounts {
  inherent: Record<ProbabilityLevel, Record<ImpactLevel, number>>;
  residual: Record<ProbabilityLevel, Record<ImpactLevel, number>>;
}

function emptyGrid(): Record<ProbabilityLevel, Record<ImpactLevel, number>> {
  const grid = {} as Record<ProbabilityLevel, Record<ImpactLevel, number>>;
  for (const p of probabilityLevels) {
    grid[p] = {} as Record<ImpactLevel, number>;
    for (const i of impactLevels) grid[p][i] = 0;
  }
  return grid;
}

export function heatCounts(risks: readonly RiskView[]): HeatCounts {
  const counts = { inherent: emptyGrid(), residual: emptyGrid() };
  for (const r of risks) {
    counts.inherent[r.inherentProbability][r.inherentImpact] += 1;
    counts.residual[r.residualProbability][r.residualImpact] += 1;
  }
  return counts;
}

export interface ZoneCount {
  zone: RiskZone;
  inherent: number;
  residual: number;
}

/** Risks per zone, most severe first. */
export function zoneCounts(risks: readonly RiskView[]): ZoneCount[] {
  return [...riskZones].reverse().map((zone) => ({
    zone,
    inherent: risks.filter((r) => r.inherentZone === zone).length,
    residual: risks.filter((r) => r.residualZone === zone).length,
  }));
}

const severity = (zone: RiskZone) => riskZones.indexOf(zone);

/** Most severe residual zone first, then by residual probability × impact, then by code. */
export function bySeverity(a: RiskView, b: RiskView): number {
  return (
    severity(b.residualZone) - severity(a.residualZone) ||
    b.residualProbabilityPercent * b.residualImpactPercent -
      a.residualProbabilityPercent * a.residualImpactPercent ||
    a.code.localeCompare(b.code)
  );
}
