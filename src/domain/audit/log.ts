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

/** Appends one entry to the audit log, inside the caller's transaction. */
export function audit(store: Store, clock: Clock, author: Author, entry: AuditEntry): void {
  store
    .insert(auditLog)
    .values({
      at: clock.now().toISOString(),
      actorId: author.id,
      actor: author.label,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
}
