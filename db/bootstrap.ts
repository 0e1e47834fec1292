import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM } from '../src/domain/audit/log.ts';
import type { Clock } from '../src/domain/clock.ts';
import { exampleIndicatorsStep } from '../src/domain/indicators/example-catalog.ts';
import { exampleRisksStep } from '../src/domain/risks/example-seed.ts';
import { tableFromCsv } from '../src/domain/tabular.ts';
import type { Db } from './client.ts';
import { importProcesses } from './import/directory.ts';
import { importPeople } from './import/directory-people.ts';
import { applyPlan } from './import/plan.ts';
import { parsePlanText } from './import/plan-text.ts';
import { people, plans, processes } from './schema/index.ts';

const seedFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'seed');

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

export interface SeedContext {
  db: Db;
  clock: Clock;
  loadExamples: boolean;
}

/**
 * What a step loaded, said in Spanish ("el plan 2026 (29 tareas)"), and how to replace it
 * ("Reemplácelos con: npx mipg importar …"): the log lists every `loaded` in one sentence, then each hint on its line.
 */
export interface SeedLoaded {
  loaded: string;
  hint?: string;
}

/**
 * One thing the bootstrap loads into an empty database. `load` checks whether its data is missing
 * (and, for example data, whether examples are wanted), loads it and says what it loaded, else returns null.
 * It must be idempotent: the bootstrap runs at every start.
 */
export interface SeedStep {
  name: string;
  load(context: SeedContext): SeedLoaded | null;
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
 * e.g. `exampleIndicatorsStep` from its own module.
 */
export const seedSteps: SeedStep[] = [
  planStep,
  exampleDirectoryStep,
  exampleIndicatorsStep,
  exampleRisksStep,
];

function spanishList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

export interface BootstrapOptions {
  loadExamples: boolean;
  log: (text: string) => void;
}

/**
 * Fills an empty database: the seed plan when no plan exists and, when `loadExamples` is on and the
 * directory is empty, the example directory (marked `example`). Idempotent; logs in Spanish what it loaded.
 */
export function bootstrap(
  db: Db,
  clock: Clock,
  options: BootstrapOptions,
  steps: SeedStep[] = seedSteps,
): SeedLoaded[] {
  const context = { db, clock, loadExamples: options.loadExamples };
  const done: SeedLoaded[] = [];
  for (const step of steps) {
    const loaded = step.load(context);
    if (loaded) done.push(loaded);
  }
  if (done.length > 0) {
    const hints = done.flatMap((d) => (d.hint ? [d.hint.endsWith('.') ? d.hint : `${d.hint}.`] : []));
    options.log([`Se cargó ${spanishList(done.map((d) => d.loaded))}.`, ...hints].join('\n'));
  }
  return done;
}
