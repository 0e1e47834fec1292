import { DomainError } from '../domain/errors.ts';
import { findProcess, riskYear } from '../domain/risks/access.ts';
import { controlsText } from '../domain/risks/cells.ts';
import { isExampleRisk } from '../domain/risks/examples.ts';
import { roundPercent } from '../domain/risks/levels.ts';
import { type RiskDraft, readRegister, registerColumns } from '../domain/risks/register-rows.ts';
import {
  type ProcessReplacement,
  type RiskView,
  replaceRegisters,
  risksOf,
} from '../domain/risks/register-store.ts';
import { readTable, rowsOf, type SheetColumn, type SheetValue, tableFile } from '../domain/tabular.ts';
import { option } from './args.ts';
import { streamedExporter } from './exporter.ts';
import type { CliArgs, CliEnv, Exporter, Importer } from './types.ts';

function replacementLine(r: ProcessReplacement): string {
  const parts = [
    `${r.created.length} nuevos`,
    `${r.updated.length} actualizados`,
    `${r.unchanged.length} sin cambios`,
    `${r.removed.length} eliminados${r.removed.length > 0 ? ` (${r.removed.join(', ')})` : ''}`,
  ];
  return `• ${r.processCode}: ${parts.join(', ')}.`;
}

/**
 * The example risks this file takes the place of: those of the processes in the file whose code
 * the file drops or fills with a real risk (re-importing the example file replaces nothing).
 */
function examplesReplaced(env: CliEnv, year: number, drafts: RiskDraft[]): RiskView[] {
  const processIds = new Set(drafts.map((d) => d.process.id));
  const byCode = new Map(drafts.map((d) => [d.code, d]));
  return risksOf(env.db, year).filter((r) => {
    if (!processIds.has(r.processId) || !isExampleRisk(r)) return false;
    const next = byCode.get(r.code);
    return next === undefined || !isExampleRisk(next);
  });
}

function examplesLine(replaced: RiskView[]): string[] {
  if (replaced.length === 0) return [];
  return [
    `Se reemplazaron ${replaced.length} riesgos de ejemplo (${replaced.map((r) => r.code).join(', ')}): ` +
      'los procesos del archivo ya tienen su matriz real.',
  ];
}

/** `mipg importar riesgos <csv|xlsx>`: each process in the file replaces its register for the vigencia. */
export const risksImporter: Importer = {
  kind: 'riesgos',
  summary: 'Matriz de riesgos de uno o varios procesos (CSV o XLSX).',
  async run(file, env) {
    const year = riskYear(env.db, env.clock);
    const method = env.config.MIPG_RISK_METHOD;
    const table = await readTable(file);
    const drafts = readRegister(env.db, table, year, {
      method,
      acceptableZones: env.config.MIPG_RISK_ACCEPTABLE_ZONES,
    });
    const examples = examplesReplaced(env, year, drafts);
    const result = replaceRegisters(env.db, env.clock, env.author, year, drafts);
    const report = [
      `Matriz de riesgos ${year} importada: ${drafts.length} riesgos de ${result.length} procesos (metodología DAFP ${method}).`,
      'Cada proceso del archivo reemplaza su matriz de la vigencia: se agregan los códigos nuevos, se actualizan los ' +
        'que cambiaron y se eliminan los que ya no están. Los procesos que no aparecen en el archivo no cambian.',
      ...result.map(replacementLine),
      ...examplesLine(examples),
    ].join('\n');
    const total = (key: 'created' | 'updated' | 'unchanged' | 'removed') =>
      result.reduce((sum, r) => sum + r[key].length, 0);
    return {
      report,
      counts: {
        year,
        processes: result.length,
        added: total('created'),
        changed: total('updated'),
        unchanged: total('unchanged'),
        removed: total('removed'),
      },
    };
  },
};

/** Input columns as the import reads them, then the computed ones. */
const columns: SheetColumn[] = [
  ...registerColumns.map((key) => ({ key, header: key })),
  { key: 'metodologia', header: 'metodologia' },
  { key: 'probabilidad_inherente', header: 'probabilidad_inherente' },
  { key: 'probabilidad_inherente_pct', header: 'probabilidad_inherente_pct' },
  { key: 'impacto_inherente', header: 'impacto_inherente' },
  { key: 'impacto_inherente_pct', header: 'impacto_inherente_pct' },
  { key: 'zona_inherente', header: 'zona_inherente' },
  { key: 'probabilidad_residual_pct', header: 'probabilidad_residual_pct' },
  { key: 'probabilidad_residual', header: 'probabilidad_residual' },
  { key: 'impacto_residual_pct', header: 'impacto_residual_pct' },
  { key: 'impacto_residual', header: 'impacto_residual' },
  { key: 'zona_residual', header: 'zona_residual' },
];

function sheetRow(r: RiskView): Record<string, SheetValue> {
  return {
    codigo: r.code,
    proceso: r.processCode,
    tipo: r.type,
    riesgo: r.description,
    causa: r.cause,
    consecuencia: r.consequence,
    frecuencia_anual: r.timesPerYear,
    impacto_economico: r.economicImpact,
    impacto_reputacional: r.reputationalImpact,
    controles: controlsText(r.controls),
    tratamiento: r.treatment,
    responsable: r.responsible,
    metodologia: r.method,
    probabilidad_inherente: r.inherentProbability,
    probabilidad_inherente_pct: roundPercent(r.inherentProbabilityPercent),
    impacto_inherente: r.inherentImpact,
    impacto_inherente_pct: roundPercent(r.inherentImpactPercent),
    zona_inherente: r.inherentZone,
    probabilidad_residual_pct: roundPercent(r.residualProbabilityPercent),
    probabilidad_residual: r.residualProbability,
    impacto_residual_pct: roundPercent(r.residualImpactPercent),
    impacto_residual: r.residualImpact,
    zona_residual: r.residualZone,
  };
}

/** The integral risk map as data: English camelCase keys, percentages rounded to 2 decimals. */
function jsonRisk(r: RiskView) {
  return {
    code: r.code,
    process: r.processCode,
    processName: r.processName,
    type: r.type,
    description: r.description,
    cause: r.cause,
    consequence: r.consequence,
    timesPerYear: r.timesPerYear,
    economicImpact: r.economicImpact,
    reputationalImpact: r.reputationalImpact,
    controls: r.controls,
    treatment: r.treatment,
    responsible: r.responsible,
    method: r.method,
    inherentProbability: r.inherentProbability,
    inherentProbabilityPercent: roundPercent(r.inherentProbabilityPercent),
    inherentImpact: r.inherentImpact,
    inherentImpactPercent: roundPercent(r.inherentImpactPercent),
    inherentZone: r.inherentZone,
    residualProbability: r.residualProbability,
    residualProbabilityPercent: roundPercent(r.residualProbabilityPercent),
    residualImpact: r.residualImpact,
    residualImpactPercent: roundPercent(r.residualImpactPercent),
    residualZone: r.residualZone,
  };
}

function exportYear(args: CliArgs, env: CliEnv): number {
  const text = option(args, 'vigencia');
  if (text === undefined) return riskYear(env.db, env.clock);
  if (!/^\d{4}$/.test(text)) {
    throw new DomainError(`--vigencia «${text}» no es un año.`, 'Ejemplo: --vigencia 2026');
  }
  return Number(text);
}

/** `mipg exportar riesgos [--proceso P] [--vigencia AAAA] --formato csv|xlsx|json`: the integral risk map. */
export const risksExporter: Exporter = streamedExporter({
  kind: 'riesgos',
  summary: 'Mapa de riesgos integral (tarea 4.5), de todos los procesos o de uno con --proceso.',
  formats: ['csv', 'xlsx', 'json'],
  async stream(format, args, env) {
    const year = exportYear(args, env);
    const processText = option(args, 'proceso');
    const process = processText === undefined ? undefined : findProcess(env.db, processText);
    const risks = risksOf(env.db, year, process?.id);
    if (format === 'json') {
      return `${JSON.stringify({ year, process: process?.code ?? null, risks: risks.map(jsonRisk) }, null, 2)}\n`;
    }
    return tableFile(format, { name: `Mapa de riesgos ${year}`, columns, rows: rowsOf(risks, sheetRow) });
  },
});
