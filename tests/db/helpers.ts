import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, openMigratedDatabase } from '../../db/client.ts';
import { fixedClock } from '../../src/domain/clock.ts';

export const seedPath = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../db/seed/politica-planeacion-institucional-2026.txt',
);

export const seedText = readFileSync(seedPath, 'utf8');

/** The seed's lines, 0-based; `line(n)` is the file's line n (1-based), as error messages name it. */
export const seedLines = seedText.split('\n');

/** The seed text with line `n` (1-based) replaced. */
export function withLine(n: number, replace: (line: string) => string): string {
  const lines = [...seedLines];
  lines[n - 1] = replace(lines[n - 1] ?? '');
  return lines.join('\n');
}

export const clock = fixedClock('2026-05-15T15:00:00Z');

export function freshDb(): Db {
  return openMigratedDatabase(':memory:');
}

const dir = mkdtempSync(join(tmpdir(), 'mipg-import-'));
let counter = 0;

/** Writes a temporary file with the given extension and returns its path. */
export function tempFile(extension: string, content: string | Uint8Array): string {
  counter += 1;
  const path = join(dir, `archivo-${counter}${extension}`);
  writeFileSync(path, content);
  return path;
}

const TABLES = [
  'plans',
  'activities',
  'tasks',
  'evidence',
  'processes',
  'people',
  'teams',
  'team_members',
  'audit_log',
];

/** Row counts of every table an import may touch. */
export function rowCounts(db: Db): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((table) => [
      table,
      (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
    ]),
  );
}
