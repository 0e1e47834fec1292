import { desc, eq, type SQL, sql } from 'drizzle-orm';
import { GENESIS, type StoredAuditRow, sealOf } from '../../../db/audit-chain.ts';
import type { Store } from '../../../db/client.ts';
import { auditLog, people } from '../../../db/schema/index.ts';
import type { Clock } from '../clock.ts';
import { isReadOnly, readOnlyRefusal } from '../directory/roles.ts';

/** Who made a change: a person of the directory, or the system itself (imports, scheduler). */
export interface Author {
  id: number | null;
  label: string;
  /**
   * The bot's own record of how to reach the person (their Teams chat or id), kept as they arrive:
   * allowed for a read-only person too, whose every other change is refused. Not stored.
   */
  reach?: true;
}

export const SYSTEM: Author = { id: null, label: 'sistema' };

export function personAuthor(person: { id: number; email: string }): Author {
  return { id: person.id, label: person.email };
}

/** The person as the author of the bot's record of how to reach them (see `Author.reach`). */
export function reachAuthor(person: { id: number; email: string }): Author {
  return { ...personAuthor(person), reach: true };
}

/**
 * The backstop of the read-only role: every write transaction audits its change, so refusing here
 * rolls back whatever a read-only person's request wrote, whichever path it took. The role is read
 * from the directory, not from the caller, so no Author built by hand slips through.
 */
function assertMayWrite(store: Store, author: Author): void {
  if (author.id === null || author.reach) return;
  const row = store.select({ role: people.role }).from(people).where(eq(people.id, author.id)).get();
  if (row && isReadOnly(row)) throw readOnlyRefusal();
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

/** Rows per INSERT when many entries are written at once (11 columns each, well under SQLite's limit). */
const ROWS_PER_INSERT = 500;

/**
 * Appends entries to the audit log, in order, inside the caller's write transaction, each sealed and
 * chained to the one before (see db/audit-chain.ts). Ids follow the highest ever given
 * (sqlite_sequence), so a row removed from the end leaves a gap that `mipg bitacora verificar`
 * reports. Imports pass all their entries at once: the last row is read once, and rows are inserted
 * a few hundred per statement. A read-only author (Control Interno) is refused: a DomainError that
 * rolls the caller's transaction back.
 */
export function auditAll(store: Store, clock: Clock, author: Author, entries: AuditEntry[]): void {
  assertMayWrite(store, author);
  if (entries.length === 0) return;
  const last = store
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
  const sequence = store.get<{ seq: number } | undefined>(
    sql`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`,
  );
  let id = Math.max(last?.id ?? 0, sequence?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS;
  const at = clock.now().toISOString();
  const rows = entries.map((entry) => {
    id += 1;
    const row: StoredAuditRow = {
      id,
      at,
      actorId: author.id,
      actor: author.label,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: jsonText(entry.before),
      after: jsonText(entry.after),
    };
    const hash = sealOf(row, prevHash);
    const stored = { ...row, before: asStored(row.before), after: asStored(row.after), prevHash, hash };
    prevHash = hash;
    return stored;
  });
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    store
      .insert(auditLog)
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .run();
  }
}

/** Appends one entry to the audit log (see `auditAll`). */
export function audit(store: Store, clock: Clock, author: Author, entry: AuditEntry): void {
  auditAll(store, clock, author, [entry]);
}
