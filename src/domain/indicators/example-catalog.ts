import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
// Type-only: bootstrap imports this module, so a value import back would be a cycle.
import type { SeedStep } from '../../../db/bootstrap.ts';
import { indicators, processes } from '../../../db/schema/index.ts';
import { SYSTEM } from '../audit/log.ts';
import { tableFromCsv } from '../tabular.ts';
import { importCatalog } from './import.ts';

export const exampleIndicatorsFile = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../db/seed/ejemplo/indicadores.csv',
);

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
