import { desc, type SQL, sql } from 'drizzle-orm';
import { GENESIS, type StoredAuditRow, sealOf } from '../../../db/audit-chain.ts';
import type { Store } from '../../../db/client.ts';
import { auditLog } from '../../../db/schema/index.ts';
import type { Clock } from '../clock.ts';

/** Who made a change: a person of the directory, or the system itself (imports, scheduler). */
export interface Author {
  id: number | null;
  label: string;
}

export const SYSTEM: Author = { id: null, label: 'sistema' };

export function personAuthor(person: { id: number; email: string }): Author {
  return { id: person.id, label: person.email };
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** The JSON text stored for a before/after value (null when there is none). */
function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Stores the text as it is: the seal was computed over exactly these characters. */
function asStored(text: string | null): SQL | null {
  return text === null ? null : sql`${text}`;
}

/**
 * Appends one entry to the audit log, inside the caller's write transaction, sealed and chained to
 * the last row (see db/audit-chain.ts). Its id follows the highest ever given (sqlite_sequence), so a
 * row removed from the end leaves a gap that `mipg bitacora verificar` reports.
 */
export function audit(store: Store, clock: Clock, author: Author, entry: AuditEntry): void {
  const last = store
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
  const sequence = store.get<{ seq: number } | undefined>(
    sql`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`,
  );
  const row: StoredAuditRow = {
    id: Math.max(last?.id ?? 0, sequence?.seq ?? 0) + 1,
    at: clock.now().toISOString(),
    actorId: author.id,
    actor: author.label,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: jsonText(entry.before),
    after: jsonText(entry.after),
  };
  const prevHash = last?.hash ?? GENESIS;
  store
    .insert(auditLog)
    .values({
      ...row,
      before: asStored(row.before),
      after: asStored(row.after),
      prevHash,
      hash: sealOf(row, prevHash),
    })
    .run();
}
