import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
// Type-only: bootstrap imports this module, so a value import back would be a cycle.
import type { SeedStep } from '../../../db/bootstrap.ts';
import { processes, risks } from '../../../db/schema/index.ts';
import { SYSTEM } from '../audit/log.ts';
import { tableFromCsv } from '../tabular.ts';
import { riskYear } from './access.ts';
import { defaultAcceptableZones } from './method.ts';
import { readRegister } from './register-rows.ts';
import { replaceRegisters } from './register-store.ts';

export const exampleRisksFile = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../db/seed/ejemplo/riesgos.csv',
);

/**
 * Whether a stored risk is one of the examples: every example risk's description ends with
 * «(ejemplo)», the mark the example directory and plan use too; a real register never carries it.
 */
export function isExampleRisk(risk: { description: string }): boolean {
  return /\(ejemplo\)\s*$/i.test(risk.description);
}

/**
 * Loads the example risk register for the current vigencia when examples are wanted, no risk is
 * stored yet and the example processes are there to own them. The bootstrap does not see the
 * settings, so the examples are rated with the default method (v7) and risk appetite (zona baja);
 * a re-import rates them again.
 */
export const exampleRisksStep: SeedStep = {
  name: 'riesgos de ejemplo',
  load({ db, clock, loadExamples }) {
    if (!loadExamples) return null;
    if (db.select({ id: risks.id }).from(risks).limit(1).get()) return null;
    if (!db.select({ id: processes.id }).from(processes).where(eq(processes.example, true)).limit(1).get()) {
      return null;
    }
    const year = riskYear(db, clock);
    const drafts = readRegister(db, tableFromCsv(readFileSync(exampleRisksFile, 'utf8')), year, {
      method: 'v7',
      acceptableZones: defaultAcceptableZones,
    });
    const replaced = replaceRegisters(db, clock, SYSTEM, year, drafts);
    return {
      loaded: `${drafts.length} riesgos de ejemplo de ${replaced.length} procesos`,
      hint: 'Reemplácelos con: npx mipg importar riesgos <archivo.csv|xlsx>',
    };
  },
};
