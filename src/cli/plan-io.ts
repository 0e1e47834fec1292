import { importPeopleFile } from '../domain/directory/people-import.ts';
import { formatDirectoryReport, importProcessesFile } from '../domain/directory/processes-import.ts';
import { DomainError } from '../domain/errors.ts';
import { tasksFile } from '../domain/tasks/plan-export.ts';
import { importPlanFile } from '../domain/tasks/plan-file.ts';
import { formatPlanReport } from '../domain/tasks/plan-import.ts';
import type { PlanFilter } from '../domain/tasks/plan-select.ts';
import { option } from './args.ts';
import { streamedExporter } from './exporter.ts';
import { type CliArgs, type Exporter, type Importer, importCounts } from './types.ts';

/** `mipg importar plan <archivo>`: the document's text (.txt) or the matrix (.csv/.xlsx). */
export const planImporter: Importer = {
  kind: 'plan',
  summary:
    'Un plan de la vigencia: texto del documento (.txt) o matriz operativa (.csv/.xlsx). Opciones: --codigo PTH --nombre "…" --vigencia AAAA --equipo "<equipo dueño>" --lider <correo> (por defecto PPI, la Política de Planeación Institucional).',
  async run(file, env, args) {
    const code = args ? option(args, 'codigo') : undefined;
    const name = args ? option(args, 'nombre') : undefined;
    const year = args ? yearOption(args) : undefined;
    const ownerTeam = args ? option(args, 'equipo') : undefined;
    const leaderEmail = args ? option(args, 'lider') : undefined;
    const report = await importPlanFile(env.db, env.clock, env.author, file, {
      ...(code ? { code } : {}),
      ...(name ? { name } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(ownerTeam ? { ownerTeam } : {}),
      ...(leaderEmail ? { leaderEmail } : {}),
    });
    return {
      report: formatPlanReport(report),
      counts: { year: report.year, ...importCounts(report), absent: report.absent.length },
    };
  },
};

/** `mipg importar procesos <archivo>`: codigo, nombre, tipo. */
export const processesImporter: Importer = {
  kind: 'procesos',
  summary: 'Catálogo de procesos (CSV o XLSX: codigo, nombre, tipo).',
  async run(file, env) {
    const report = await importProcessesFile(env.db, env.clock, env.author, file);
    return { report: formatDirectoryReport(report), counts: importCounts(report) };
  },
};

/**
 * `mipg importar personas <archivo> [--reemplazar-todo]`: nombre, correo, rol, proceso, equipos, slack_id,
 * teams_id. Without the option, an import that would deactivate most people or the last coordinator is refused.
 */
export const peopleImporter: Importer = {
  kind: 'personas',
  summary:
    'Directorio de personas (CSV o XLSX: nombre, correo, rol, proceso, equipos, slack_id, teams_id). Opción: --reemplazar-todo.',
  async run(file, env, args) {
    const replaceAll = args?.options['reemplazar-todo'] === true;
    const report = await importPeopleFile(env.db, env.clock, env.author, file, { replaceAll });
    return {
      report: formatDirectoryReport(report),
      counts: { ...importCounts(report), deactivated: report.examplesDeactivated?.length ?? 0 },
    };
  },
};

export function yearOption(args: CliArgs): number | undefined {
  const text = option(args, 'vigencia');
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) {
    throw new DomainError(`--vigencia «${text}» no es un año.`, 'Ejemplo: --vigencia 2026');
  }
  return Number(text);
}

/** `--plan PTH --vigencia 2026`: the plans an export covers (by default every plan of the vigencia in force). */
export function planFilterOf(args: CliArgs): PlanFilter {
  const plan = option(args, 'plan');
  const year = yearOption(args);
  return { ...(plan ? { plan } : {}), ...(year !== undefined ? { year } : {}) };
}

/** `mipg exportar tareas --formato csv|xlsx|json [--plan PTH] [--vigencia AAAA]`: the matrix with each task's state. */
export const tasksExporter: Exporter = streamedExporter({
  kind: 'tareas',
  summary:
    'Tareas con su estado y las columnas PLAN y VIGENCIA. Opciones: --plan <código> --vigencia AAAA (sin --plan, todos los planes de la vigencia). Se vuelve a importar de a un plan: exporte con --plan PTH e importe con «importar plan <archivo> --codigo PTH».',
  formats: ['csv', 'xlsx', 'json'],
  async stream(format, args, env) {
    return tasksFile(env.db, env.clock, format, planFilterOf(args));
  },
});

/** `mipg exportar plan-accion --formato xlsx --salida … [--vigencia AAAA]`: every plan of the vigencia in one workbook. */
export const planAccionExporter: Exporter = streamedExporter({
  kind: 'plan-accion',
  summary:
    'Plan de Acción Institucional consolidado (solo xlsx): una hoja de resumen con cada plan (código, nombre, equipo, líder, tareas, cumplidas, vencidas, % ejecutado) y una hoja por plan con sus tareas y evidencias. Opción: --vigencia AAAA.',
  formats: ['xlsx'],
  async stream(_format, args, env) {
    const { planAccion, planAccionFile } = await import('../domain/report/plan-accion-xlsx.ts');
    const year = yearOption(args);
    return planAccionFile(planAccion(env.db, env.clock, year === undefined ? {} : { year }));
  },
});
