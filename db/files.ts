import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (where package.json is): data files are found from there, so the same code
 * works from the TypeScript sources and from the compiled `dist/`.
 */
function findProjectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No se encontró package.json por encima de ${from}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
/** The committed drizzle-kit migrations. */
export const migrationsFolder = resolve(projectRoot, 'db/migrations');
/** The seed plan document and the example data. */
export const seedFolder = resolve(projectRoot, 'db/seed');
