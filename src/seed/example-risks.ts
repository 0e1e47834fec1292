import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { seedFolder } from '../../db/files.ts';
import { processes, risks } from '../../db/schema/index.ts';
import { SYSTEM } from '../domain/audit/log.ts';
import { riskYear } from '../domain/risks/access.ts';
import { defaultAcceptableZones } from '../domain/risks/method.ts';
import { readRegister } from '../domain/risks/register-rows.ts';
import { replaceRegisters } from '../domain/risks/register-store.ts';
import { tableFromCsv } from '../domain/tabular.ts';
import type { SeedStep } from './step.ts';

export const exampleRisksFile = resolve(seedFolder, 'ejemplo/riesgos.csv');

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
