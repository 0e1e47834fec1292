import type { PartsSource } from '../../../db/schema/index.ts';
import { qualifiedCode } from './plan-codes.ts';
import type { SharedTask } from './plan-parts.ts';

export interface PlanImportReport {
  year: number;
  /** The plan's code within its vigencia (`PPI`, `PTH`…). */
  planCode: string;
  added: string[];
  changed: { code: string; fields: string[] }[];
  unchanged: string[];
  /** Codes already stored that the file no longer has: they are left as they were. */
  absent: string[];
  /** The plan's shared tasks after the import, in document order. */
  shared: SharedTask[];
  /** Tasks whose parts the file would change but that keep theirs, and why (Spanish). */
  partsKept: { code: string; reason: string }[];
}

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

const WHERE_RECORDED: Record<PartsSource, string> = {
  manual: '',
  indicadores: ', según sus reportes de indicadores',
  riesgos: ', según sus matrices de riesgos',
};

/** A shared task's parts in words: «29 procesos», «8 partes», «por proceso» while there are no processes. */
function partsInWords(task: SharedTask): string {
  if (task.kind === 'numeradas') return `${task.parts} partes`;
  const count =
    task.parts === 0 ? 'por proceso' : `${task.parts} ${task.parts === 1 ? 'proceso' : 'procesos'}`;
  return `${count}${WHERE_RECORDED[task.source]}`;
}

function sharedLines(report: PlanImportReport): string[] {
  if (report.shared.length === 0) return [];
  const tasks = report.shared.map((task) => `${task.code} (${partsInWords(task)})`);
  const lines = [
    `${count(report.shared.length, 'tarea compartida', 'tareas compartidas')}: ${tasks.join(', ')}.`,
  ];
  if (report.shared.some((task) => task.kind === 'procesos' && task.parts === 0)) {
    lines.push(
      'Aún no hay procesos en el directorio: las tareas por proceso tendrán una parte por cada proceso ' +
        'al importarlos (npx mipg importar procesos <archivo.csv|xlsx>).',
    );
  }
  return lines;
}

/** The Spanish summary a person reads after `importar plan`. */
export function formatPlanReport(report: PlanImportReport): string {
  const lines = [
    `Plan ${qualifiedCode(report.planCode, String(report.year))}: ${count(report.added.length, 'tarea nueva', 'tareas nuevas')}, ` +
      `${count(report.changed.length, 'modificada', 'modificadas')}, ` +
      `${report.unchanged.length} sin cambios.`,
  ];
  if (report.added.length > 0) lines.push(`Nuevas: ${report.added.join(', ')}.`);
  if (report.changed.length > 0) {
    const changes = report.changed.map((c) => `${c.code} (${c.fields.join(', ')})`);
    lines.push(`Modificadas: ${changes.join('; ')}.`);
  }
  if (report.unchanged.length > 0) lines.push(`Sin cambios: ${report.unchanged.join(', ')}.`);
  if (report.absent.length > 0) {
    lines.push(`No están en el archivo y se dejaron como estaban: ${report.absent.join(', ')}.`);
  }
  lines.push(...sharedLines(report));
  for (const kept of report.partsKept) {
    lines.push(`No se cambiaron las partes de ${kept.code}: ${kept.reason}`);
  }
  return lines.join('\n');
}
