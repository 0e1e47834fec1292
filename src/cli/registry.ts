import type { CliCommand, Exporter, FileCommand, Importer } from './types.ts';

/**
 * A subcommand known by its name; its module (and the importers, exporters or workbook code it pulls in)
 * loads only when it runs, so `mipg chat` and the bot's start-up never pay for them.
 */
export interface LazyEntry<T> {
  name: string;
  load(): Promise<T>;
}

/** Importers by kind: `mipg importar <kind> <archivo>`. Each feature adds its own. */
export const importers: LazyEntry<Importer>[] = [
  { name: 'plan', load: async () => (await import('./plan-io.ts')).planImporter },
  { name: 'procesos', load: async () => (await import('./plan-io.ts')).processesImporter },
  { name: 'personas', load: async () => (await import('./plan-io.ts')).peopleImporter },
  { name: 'riesgos', load: async () => (await import('./risks-io.ts')).risksImporter },
  { name: 'indicadores', load: async () => (await import('./indicators-io.ts')).indicatorsImporter },
];

/** Exporters by kind: `mipg exportar <kind> --formato …`. Each feature adds its own. */
export const exporters: LazyEntry<Exporter>[] = [
  { name: 'tareas', load: async () => (await import('./plan-io.ts')).tasksExporter },
  { name: 'plan-accion', load: async () => (await import('./plan-io.ts')).planAccionExporter },
  { name: 'riesgos', load: async () => (await import('./risks-io.ts')).risksExporter },
  { name: 'indicadores', load: async () => (await import('./indicators-io.ts')).indicatorsExporter },
  { name: 'asistencia', load: async () => (await import('./attendance.ts')).attendanceExporter },
  { name: 'corte', load: async () => (await import('./cuts.ts')).cutExporter },
  { name: 'bitacora', load: async () => (await import('./audit-export.ts')).auditExporter },
];

/** Further subcommands (`resumen`, `envios`, `sesion`…). Each feature adds its own. */
export const cliCommands: LazyEntry<CliCommand | FileCommand>[] = [
  { name: 'resumen', load: async () => (await import('./digest.ts')).digestCommand },
  { name: 'envios', load: async () => (await import('./digest.ts')).deliveriesCommand },
  { name: 'sesion', load: async () => (await import('./attendance.ts')).sessionCommand },
  { name: 'teams-paquete', load: async () => (await import('./teams-package.ts')).teamsPackageCommand },
  { name: 'bitacora', load: async () => (await import('./audit.ts')).auditCommand },
  {
    name: 'informe',
    load: async () =>
      (await import('./report.ts')).reportCommand((await import('../domain/progress/cuts.ts')).cutByCode),
  },
  { name: 'corte', load: async () => (await import('./cuts.ts')).cutCommand },
  { name: 'vigencia', load: async () => (await import('./vigencias.ts')).vigenciaCommand },
  {
    name: 'publicar',
    load: async () => {
      const { publishCommand, currentPublication } = await import('./publish.ts');
      return publishCommand(currentPublication);
    },
  },
  { name: 'respaldo', load: async () => (await import('./backups.ts')).backupCommand },
  { name: 'respaldos', load: async () => (await import('./backups.ts')).backupsCommand },
  { name: 'restaurar', load: async () => (await import('./restore.ts')).restoreCommand },
];
