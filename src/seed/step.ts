import type { Db } from '../../db/client.ts';
import type { Clock } from '../domain/clock.ts';

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
