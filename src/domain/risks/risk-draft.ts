import type { ProcessRow } from './access.ts';
import type { ControlDraft, Treatment } from './cells.ts';
import type { ImpactLevel } from './levels.ts';
import type { RiskAssessment, RiskType } from './method.ts';

/** One valid row of a register file, with what the DAFP method computed for it. */
export interface RiskDraft {
  line: number;
  code: string;
  process: ProcessRow;
  type: RiskType;
  description: string;
  cause: string;
  consequence: string;
  timesPerYear: number;
  economicImpact: ImpactLevel | undefined;
  reputationalImpact: ImpactLevel | undefined;
  controls: ControlDraft[];
  treatment: Treatment;
  responsible: string;
  assessment: RiskAssessment;
}
