import { attendanceExporter, sessionCommand } from './attendance.ts';
import { deliveriesCommand, digestCommand } from './digest.ts';
import { indicatorsExporter, indicatorsImporter } from './indicators-io.ts';
import { peopleImporter, planImporter, processesImporter, tasksExporter } from './plan-io.ts';
import { risksExporter, risksImporter } from './risks-io.ts';
import { teamsPackageCommand } from './teams-package.ts';
import type { CliCommand, Exporter, Importer } from './types.ts';

/** Importers by kind: `mipg importar <kind> <archivo>`. Each feature adds its own. */
export const importers: Importer[] = [
  planImporter,
  processesImporter,
  peopleImporter,
  risksImporter,
  indicatorsImporter,
];

/** Exporters by kind: `mipg exportar <kind> --formato …`. Each feature adds its own. */
export const exporters: Exporter[] = [tasksExporter, risksExporter, indicatorsExporter, attendanceExporter];

/** Further subcommands (`resumen`, `envios`, `sesion`…). Each feature adds its own. */
export const cliCommands: CliCommand[] = [
  digestCommand,
  deliveriesCommand,
  sessionCommand,
  teamsPackageCommand,
];
