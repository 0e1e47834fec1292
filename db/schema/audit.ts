import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only record of every change to someone's data. Triggers in the migrations
 * `append_only_audit_log` and `audit_log_hash_chain` reject UPDATE, DELETE, an insert over an
 * existing id (INSERT OR REPLACE) and an insert without its seal. Each row is chained to the one
 * before it: `hash` is the SHA-256 of its columns and of `prev_hash`, the previous row's `hash`
 * (see db/audit-chain.ts), so `mipg bitacora verificar` finds any row changed, removed or reordered.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: integer('actor_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    /** The previous row's `hash` (the genesis value for the first row). Null only before the backfill. */
    prevHash: text('prev_hash'),
    /** SHA-256 (hex) of this row's columns and `prevHash`. Null only before the backfill. */
    hash: text('hash'),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
);
