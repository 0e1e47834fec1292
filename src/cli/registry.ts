import { risksExporter, risksImporter } from './risks-io.ts';
import type { CliCommand, Exporter, Importer } from './types.ts';

/** Importers by kind: `mipg importar <kind> <archivo>`. Each feature adds its own. */
export const importers: Importer[] = [risksImporter];

/** Exporters by kind: `mipg exportar <kind> --formato …`. Each feature adds its own. */
export const exporters: Exporter[] = [risksExporter];

/** Further subcommands (`resumen`, `envios`, `sesion`…). Each feature adds its own. */
export const cliCommands: CliCommand[] = [];
