import type { Store } from '../../../db/client.ts';
import { DomainError } from '../errors.ts';
import type { ImportProblem, Table, TableRow } from '../tabular.ts';
import { ImportError, requireColumns } from '../tabular.ts';
import { normalize } from '../text.ts';
import { allProcesses, type ProcessRow } from './access.ts';
import {
  type Cell,
  readControls,
  readImpact,
  readRiskCode,
  readRiskType,
  readTimesPerYear,
  readTreatment,
  type Treatment,
} from './cells.ts';
import { type RiskZone, zoneLabels } from './levels.ts';
import { assessRisk, canAccept, type RiskMethod, type RiskType } from './method.ts';
import { codesOfOtherProcesses } from './register-store.ts';
import type { RiskDraft } from './risk-draft.ts';

export type { RiskDraft } from './risk-draft.ts';

/** The columns of `mipg importar riesgos`, in the order the export writes them. */
export const registerColumns = [
  'codigo',
  'proceso',
  'tipo',
  'riesgo',
  'causa',
  'consecuencia',
  'frecuencia_anual',
  'impacto_economico',
  'impacto_reputacional',
  'controles',
  'tratamiento',
  'responsable',
] as const;

/** How the entity rates and treats its risks: the DAFP method and its risk appetite. */
export interface RiskPolicy {
  method: RiskMethod;
  /** The residual zones a risk may be accepted in (MIPG_RISK_ACCEPTABLE_ZONES). */
  acceptableZones: readonly RiskZone[];
}

function zonesText(zones: readonly RiskZone[]): string {
  return zones.map((z) => zoneLabels[z].toLowerCase()).join(', ') || 'ninguna';
}

/**
 * Refuses a treatment a risk may not have: corruption is never accepted, and any other risk is
 * accepted only when its residual zone is within the entity's risk appetite.
 */
export function assertTreatmentAllowed(
  type: RiskType,
  treatment: Treatment,
  residualZone: RiskZone,
  acceptableZones: readonly RiskZone[],
): void {
  if (treatment !== 'aceptar' || canAccept(type, residualZone, acceptableZones)) return;
  throw new DomainError(
    `Un riesgo en zona residual ${zoneLabels[residualZone].toLowerCase()} no se puede aceptar: ` +
      `el apetito de riesgo de la entidad solo permite aceptar las zonas: ${zonesText(acceptableZones)}.`,
    'Elija otro tratamiento: reducir (mitigar), compartir o evitar.',
  );
}

/** Reads every row, collecting all problems so the person can fix the file in one pass. */
class RowReader {
  readonly problems: ImportProblem[] = [];
  constructor(private readonly row: TableRow) {}

  text(column: string, required = true): string {
    const value = (this.row.values[column] ?? '').trim();
    if (required && value === '') this.problem(column, 'está vacía.');
    return value;
  }

  cell<T>(column: string, read: (text: string) => Cell<T>, required = true): T | undefined {
    const text = this.text(column, required);
    if (required && text === '') return undefined;
    const result = read(text);
    if (result.ok) return result.value;
    this.problem(column, result.message);
    return undefined;
  }

  problem(column: string, message: string): void {
    this.problems.push({ line: this.row.line, column, message });
  }
}

function findIn(list: ProcessRow[], text: string): ProcessRow | undefined {
  const wanted = normalize(text);
  return list.find((p) => normalize(p.code) === wanted || normalize(p.name) === wanted);
}

function readRow(row: TableRow, processes: ProcessRow[], policy: RiskPolicy) {
  const r = new RowReader(row);
  const code = r.cell('codigo', readRiskCode);
  const processText = r.text('proceso');
  const process = processText ? findIn(processes, processText) : undefined;
  if (processText && !process) r.problem('proceso', `no existe el proceso «${processText}» (use su código).`);
  const type = r.cell('tipo', readRiskType);
  const description = r.text('riesgo');
  const cause = r.text('causa');
  const consequence = r.text('consecuencia');
  const timesPerYear = r.cell('frecuencia_anual', readTimesPerYear);
  const economicImpact = r.cell('impacto_economico', readImpact, false);
  const reputationalImpact = r.cell('impacto_reputacional', readImpact, false);
  if (!r.text('impacto_economico', false) && !r.text('impacto_reputacional', false)) {
    r.problem(
      'impacto_economico',
      'falta el impacto: llene impacto_economico, impacto_reputacional o ambos.',
    );
  }
  const controls = r.cell('controles', readControls, false) ?? [];
  const treatment = r.cell('tratamiento', readTreatment);
  const responsible = r.text('responsable');
  if (r.problems.length > 0 || !code || !process || !type || timesPerYear === undefined || !treatment) {
    return { problems: r.problems };
  }
  const assessment = assessRisk(
    {
      type,
      probability: { timesPerYear },
      impact: { economic: economicImpact, reputational: reputationalImpact },
      controls,
    },
    { method: policy.method },
  );
  try {
    assertTreatmentAllowed(type, treatment, assessment.residual.zone, policy.acceptableZones);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    r.problem('tratamiento', error.message);
    return { problems: r.problems };
  }
  const draft: RiskDraft = {
    line: row.line,
    code,
    process,
    type,
    description,
    cause,
    consequence,
    timesPerYear,
    economicImpact,
    reputationalImpact,
    controls,
    treatment,
    responsible,
    assessment,
  };
  return { problems: r.problems, draft };
}

/** Codes repeated in the file, or already used this vigencia by a process the file does not replace. */
function codeConflicts(store: Store, year: number, drafts: RiskDraft[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const d of drafts) {
    const first = seen.get(d.code);
    if (first !== undefined) {
      problems.push({
        line: d.line,
        column: 'codigo',
        message: `el código ${d.code} ya está en la línea ${first}.`,
      });
    } else seen.set(d.code, d.line);
  }
  const replaced = new Set(drafts.map((d) => d.process.id));
  const others = codesOfOtherProcesses(store, year, [...replaced]);
  for (const d of drafts) {
    const owner = others.get(d.code);
    if (owner) {
      problems.push({
        line: d.line,
        column: 'codigo',
        message: `el código ${d.code} ya pertenece a un riesgo del proceso ${owner} en ${year}.`,
      });
    }
  }
  return problems;
}

/**
 * Validates a register file completely and computes each risk. Throws ImportError with every
 * problem by line and column; nothing is stored by this function.
 */
export function readRegister(store: Store, table: Table, year: number, policy: RiskPolicy): RiskDraft[] {
  requireColumns(table, [...registerColumns]);
  if (table.rows.length === 0) {
    throw new ImportError([{ line: 2, message: 'el archivo no tiene riesgos debajo de los encabezados.' }]);
  }
  const processes = allProcesses(store);
  const problems: ImportProblem[] = [];
  const drafts: RiskDraft[] = [];
  for (const row of table.rows) {
    const read = readRow(row, processes, policy);
    problems.push(...read.problems);
    if (read.draft) drafts.push(read.draft);
  }
  problems.push(...codeConflicts(store, year, drafts));
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    throw new ImportError(problems, `Columnas: ${registerColumns.join(', ')}.`);
  }
  return drafts;
}
