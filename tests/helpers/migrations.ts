import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder } from '../../db/client.ts';

/** The migrations this version ships (db/migrations/meta/_journal.json). */
export const SHIPPED_MIGRATIONS = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
).entries.length;
