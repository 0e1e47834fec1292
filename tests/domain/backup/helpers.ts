import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Db, openMigratedDatabase } from '../../../db/client.ts';
import { auditAll, SYSTEM } from '../../../src/domain/audit/log.ts';
import type { Clock } from '../../../src/domain/clock.ts';

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `mipg-${prefix}-`));

/** A migrated database file whose audit log holds `rows` sealed entries of about `size` characters each. */
export function auditedDatabase(file: string, clock: Clock, rows: number, size = 100): Db {
  const db = openMigratedDatabase(file);
  const filler = 'x'.repeat(size);
  db.transaction((tx) =>
    auditAll(
      tx,
      clock,
      SYSTEM,
      Array.from({ length: rows }, (_, i) => ({
        action: 'prueba.llenar',
        entity: 'prueba',
        entityId: `base-${i}`,
        after: { filler },
      })),
    ),
  );
  return db;
}

/** The entity ids of the audit rows of a database file, read on a connection of its own. */
export function auditIds(file: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (
      sqlite.prepare('SELECT entity_id AS id FROM audit_log ORDER BY id').all() as { id: string }[]
    ).map((r) => r.id);
  } finally {
    sqlite.close();
  }
}

/** Overwrites `length` bytes at `offset` of a file with a pattern SQLite will not accept as a b-tree page. */
export function damage(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}
