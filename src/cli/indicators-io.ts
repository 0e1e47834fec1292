import { bogotaToday } from '../domain/clock.ts';
import { indicatorMatrix, matrixSheet } from '../domain/indicators/export.ts';
import { type CatalogImportReport, importCatalog } from '../domain/indicators/import.ts';
import { jsonArrayFile } from '../domain/streamed.ts';
import { readTable, tableFile } from '../domain/tabular.ts';
import { option } from './args.ts';
import { streamedExporter } from './exporter.ts';
import { type Exporter, type Importer, importCounts } from './types.ts';

/** The sheet's column name of each stored field, for the import summary. */
const COLUMN_OF: Record<string, string> = {
  processId: 'proceso',
  name: 'nombre',
  objective: 'objetivo',
  type: 'tipo',
  formula: 'formula',
  numeratorText: 'numerador',
  denominatorText: 'denominador',
  unit: 'unidad',
  direction: 'sentido',
  frequency: 'frecuencia',
  baseline: 'linea_base',
  target: 'meta',
  critical: 'rango_critico',
  satisfactory: 'rango_satisfactorio',
  dueDays: 'dias_para_reportar',
  responsible: 'responsable',
  example: 'ya no es de ejemplo',
  active: 'reactivado',
};

function importSummary(report: CatalogImportReport): string {
  const lines = [
    `Indicadores importados: ${report.added.length} nuevos, ${report.changed.length} actualizados, ${report.unchanged.length} sin cambios.`,
  ];
  if (report.added.length > 0) lines.push(`Nuevos: ${report.added.join(', ')}.`);
  for (const { code, fields } of report.changed) {
    lines.push(`Actualizado ${code}: ${fields.map((f) => COLUMN_OF[f] ?? f).join(', ')}.`);
  }
  if (report.examplesRemoved.length > 0) {
    lines.push(
      `Indicadores de ejemplo retirados (sus procesos ya tienen catálogo real): ${report.examplesRemoved.join(', ')}.`,
    );
  }
  if (report.examplesDeactivated.length > 0) {
    lines.push(
      `Indicadores de ejemplo desactivados (tenían reportes, que se conservan; ya no se esperan ni se recuerdan): ${report.examplesDeactivated.join(', ')}.`,
    );
  }
  return lines.join('\n');
}

/** `mipg importar indicadores <archivo>`: the technical sheets; each bad row by line and column, nothing stored. */
export const indicatorsImporter: Importer = {
  kind: 'indicadores',
  summary:
    'Catálogo de indicadores (CSV o XLSX: codigo, proceso, nombre, objetivo, tipo, formula, numerador, denominador, unidad, sentido, frecuencia, linea_base, meta, rango_critico, rango_satisfactorio, dias_para_reportar, responsable).',
  async run(file, env) {
    const table = await readTable(file);
    const report = importCatalog(env.db, env.clock, env.author, table);
    return { report: importSummary(report), counts: importCounts(report) };
  },
};

/** `mipg exportar indicadores [--periodo P] --formato csv|xlsx|json`: the consolidated matrix. */
export const indicatorsExporter: Exporter = streamedExporter({
  kind: 'indicadores',
  summary:
    'Matriz consolidada de indicadores: una fila por indicador y periodo con su reporte (la hoja que «importar indicadores» vuelve a leer). Opción: --periodo P.',
  formats: ['csv', 'xlsx', 'json'],
  async stream(format, args, env) {
    const rows = indicatorMatrix(env.db, bogotaToday(env.clock), option(args, 'periodo'));
    return format === 'json' ? jsonArrayFile(rows) : tableFile(format, matrixSheet(env.db, rows));
  },
});
