import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { seedFolder } from '../../db/files.ts';
import { indicators, processes } from '../../db/schema/index.ts';
import { SYSTEM } from '../domain/audit/log.ts';
import { importCatalog } from '../domain/indicators/import.ts';
import { tableFromCsv } from '../domain/tabular.ts';
import type { SeedStep } from './step.ts';

export const exampleIndicatorsFile = resolve(seedFolder, 'ejemplo/indicadores.csv');

/**
 * Loads the example indicators (marked `example`) when examples are wanted, the catalog is empty
 * and the example processes are there to own them; a real directory gets none.
 */
export const exampleIndicatorsStep: SeedStep = {
  name: 'indicadores de ejemplo',
  load({ db, clock, loadExamples }) {
    if (!loadExamples) return null;
    if (db.select({ id: indicators.id }).from(indicators).limit(1).get()) return null;
    if (!db.select({ id: processes.id }).from(processes).where(eq(processes.example, true)).limit(1).get()) {
      return null;
    }
    const table = tableFromCsv(readFileSync(exampleIndicatorsFile, 'utf8'));
    const report = importCatalog(db, clock, SYSTEM, table, { example: true });
    return {
      loaded: `${report.added.length} indicadores de ejemplo`,
      hint: 'Reemplácelos con: npx mipg importar indicadores <archivo.csv|xlsx>',
    };
  },
};
