import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { seedFolder } from '../../db/files.ts';
import { people, plans, processes } from '../../db/schema/index.ts';
import { SYSTEM } from '../domain/audit/log.ts';
import { importPeople } from '../domain/directory/people-import.ts';
import { importProcesses } from '../domain/directory/processes-import.ts';
import { tableFromCsv } from '../domain/tabular.ts';
import { applyPlan } from '../domain/tasks/plan-import.ts';
import { parsePlanText } from '../domain/tasks/plan-text.ts';
import { exampleIndicatorsStep } from './example-indicators.ts';
import { exampleRisksStep } from './example-risks.ts';
import type { SeedStep } from './step.ts';

/** Files the bootstrap loads: the plan document of the seed and the example directory. */
export const seedFiles = {
  plan: resolve(seedFolder, 'politica-planeacion-institucional-2026.txt'),
  exampleProcesses: resolve(seedFolder, 'ejemplo/procesos.csv'),
  examplePeople: resolve(seedFolder, 'ejemplo/personas.csv'),
};

/** Reads a seed CSV synchronously, so that the bootstrap has finished when the app starts answering. */
export function readCsv(path: string) {
  return tableFromCsv(readFileSync(path, 'utf8'));
}

export const planStep: SeedStep = {
  name: 'plan',
  load({ db, clock }) {
    if (db.select({ id: plans.id }).from(plans).limit(1).get()) return null;
    const parsed = parsePlanText(readFileSync(seedFiles.plan, 'utf8'));
    const report = applyPlan(db, clock, SYSTEM, parsed, basename(seedFiles.plan));
    return { loaded: `el plan ${report.year} (${report.added.length} tareas)` };
  },
};

export const exampleDirectoryStep: SeedStep = {
  name: 'directorio de ejemplo',
  load({ db, clock, loadExamples }) {
    if (!loadExamples) return null;
    if (db.select({ id: people.id }).from(people).limit(1).get()) return null;
    if (db.select({ id: processes.id }).from(processes).limit(1).get()) return null;
    const loadedProcesses = importProcesses(db, clock, SYSTEM, readCsv(seedFiles.exampleProcesses), {
      example: true,
    });
    const loadedPeople = importPeople(db, clock, SYSTEM, readCsv(seedFiles.examplePeople), { example: true });
    return {
      loaded:
        `el directorio de ejemplo (${loadedPeople.added.length} personas, ` +
        `${loadedProcesses.added.length} procesos)`,
      hint:
        'Reemplácelo con: npx mipg importar procesos <archivo.csv|xlsx> y ' +
        'npx mipg importar personas <archivo.csv|xlsx>',
    };
  },
};

/**
 * Steps run in order at every start. A feature that ships example data adds its step here (one line),
 * from its own module in this folder.
 */
export const seedSteps: SeedStep[] = [
  planStep,
  exampleDirectoryStep,
  exampleIndicatorsStep,
  exampleRisksStep,
];
