import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The audit log's hash chain. Each row's seal (`hash`) is the SHA-256 of its columns, as stored,
 * and of `prev_hash`, the seal of the row before it; the first row chains from GENESIS. Changing,
 * removing or reordering a row breaks its seal or the next row's link, which `mipg bitacora
 * verificar` reports. Here (the ground floor) because the migration's backfill needs it too.
 */

/** What the first row chains from. */
export const GENESIS = '0'.repeat(64);

/** An audit row as stored: `before` and `after` are the JSON text in the file, not parsed values. */
export interface StoredAuditRow {
  id: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

/**
 * The seal of a row that follows the row sealed `prevHash`. The canonical form is a JSON array in a
 * fixed column order (a version tag first), so no two different rows serialise alike.
 */
export function sealOf(row: StoredAuditRow, prevHash: string): string {
  const canonical = JSON.stringify([
    'mipg-bitacora-v1',
    row.id,
    row.at,
    row.actorId,
    row.actor,
    row.action,
    row.entity,
    row.entityId,
    row.before,
    row.after,
    prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Selects every column in StoredAuditRow's shape, plus the chain's two. */
export const STORED_AUDIT_COLUMNS =
  'id, at, actor_id AS actorId, actor, action, entity, entity_id AS entityId, before, after, ' +
  'prev_hash AS prevHash, hash';

export type ChainedAuditRow = StoredAuditRow & { prevHash: string | null; hash: string | null };

/**
 * Seals the rows written before the chain existed, in id order, once: only while no row is sealed
 * yet (the backfill is all-or-nothing, and the bot seals every row it writes after it). A row
 * without a seal after a sealed one was added by someone else, and stays for `verificar` to report.
 * Returns how many rows it sealed.
 */
export function sealLegacyAuditRows(sqlite: Database.Database): number {
  const last = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    | { hash: string | null }
    | undefined;
  if (!last || last.hash !== null) return 0;
  const seal = sqlite.transaction(() => {
    if (sqlite.prepare('SELECT 1 FROM audit_log WHERE hash IS NOT NULL LIMIT 1').get()) return 0;
    const rows = sqlite
      .prepare(`SELECT ${STORED_AUDIT_COLUMNS} FROM audit_log ORDER BY id`)
      .all() as ChainedAuditRow[];
    const update = sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
    let prevHash = GENESIS;
    for (const row of rows) {
      const hash = sealOf(row, prevHash);
      update.run(prevHash, hash, row.id);
      prevHash = hash;
    }
    return rows.length;
  });
  return seal.immediate();
}
