import type { Db } from '../../db/client.ts';
import type { Clock } from '../domain/clock.ts';
import type { SeedLoaded, SeedStep } from './step.ts';
import { seedSteps } from './steps.ts';

export type { SeedContext, SeedLoaded, SeedStep } from './step.ts';
export { exampleDirectoryStep, planStep, seedFiles, seedSteps } from './steps.ts';

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
