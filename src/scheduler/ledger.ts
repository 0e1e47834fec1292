import { and, asc, desc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { type DeliveryStatus, deliveries, deliveryItems } from '../../db/schema/index.ts';
import type { MessageRef, MessageSubject } from '../chat/messenger.ts';
import type { Reply } from '../chat/reply.ts';
import type { Clock } from '../domain/clock.ts';

export type DeliveryRow = typeof deliveries.$inferSelect;

/** What a ledger row keeps to send (or resend) the message exactly as first built. */
export interface DeliveryPayload {
  reply: Reply;
  about?: MessageSubject;
  /** A channel other than the team's (a plan's digest channel), so a retry goes there too. */
  channel?: string;
}

/** The unique key of a send: what, for which period, to whom (and on which platform). */
export interface DeliveryKey {
  kind: string;
  period: string;
  recipient: string;
}

export interface ClaimRequest extends DeliveryKey {
  platform: string | null;
  personId: number | null;
  subject: string | null;
  dueAt: string;
  late: boolean;
  payload: DeliveryPayload;
  claimedBy: string;
}

/** Attempts a failed send gets in all, and the waits between them (1, 5, 15, 60 minutes). */
export const MAX_ATTEMPTS = 5;
const BACKOFF_MINUTES = [1, 5, 15, 60];

/** When the next attempt after `attempts` failed ones should run, or null when none is left. */
export function nextAttemptAfter(now: Date, attempts: number): string | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const minutes = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] ?? 1;
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

/**
 * Claims a send: inserts its row as pending unless the key exists. Returns the row when this caller
 * won the claim, undefined when someone (another process, an earlier run) already has it.
 * The insert is the claim, in an immediate transaction so concurrent writers queue on the lock.
 */
export function claim(db: Db, clock: Clock, request: ClaimRequest): DeliveryRow | undefined {
  return db.transaction((tx) => insertClaim(tx, clock, request), { behavior: 'immediate' });
}

/** The claim itself: the pending row, unless its key is already in the ledger. */
function insertClaim(tx: Tx, clock: Clock, request: ClaimRequest): DeliveryRow | undefined {
  return tx
    .insert(deliveries)
    .values({ ...request, status: 'pending', attempts: 1, claimedAt: clock.now().toISOString() })
    .onConflictDoNothing({ target: [deliveries.kind, deliveries.period, deliveries.recipient] })
    .returning()
    .get();
}

/** One reminder that may travel inside a person's daily message: its own key and what it is about. */
export interface ItemClaim extends DeliveryKey {
  subject: string | null;
}

/**
 * Claims, for one destination, the items of a person's daily message that have not gone out yet (alone
 * under their own key, or inside an earlier daily message). `build` gets the fresh items and returns the
 * claim: a single fresh item goes out under its own key (`alone`), several as one message whose row
 * lists them. Returns the claimed row and its items, or undefined when every item was already sent.
 */
export function claimItems<T extends ItemClaim>(
  db: Db,
  clock: Clock,
  items: T[],
  build: (fresh: T[]) => { request: ClaimRequest; alone: boolean },
): { row: DeliveryRow; items: T[] } | undefined {
  return db.transaction(
    (tx) => {
      const taken = (item: ItemClaim) =>
        tx
          .select({ id: deliveries.id })
          .from(deliveries)
          .where(
            and(
              eq(deliveries.kind, item.kind),
              eq(deliveries.period, item.period),
              eq(deliveries.recipient, item.recipient),
            ),
          )
          .get() ??
        tx
          .select({ id: deliveryItems.id })
          .from(deliveryItems)
          .where(
            and(
              eq(deliveryItems.kind, item.kind),
              eq(deliveryItems.period, item.period),
              eq(deliveryItems.recipient, item.recipient),
            ),
          )
          .get();
      const fresh = items.filter((item) => !taken(item));
      if (fresh.length === 0) return undefined;
      const { request, alone } = build(fresh);
      const row = insertClaim(tx, clock, request);
      if (!row) return undefined;
      if (!alone) {
        tx.insert(deliveryItems)
          .values(
            fresh.map((item) => ({
              deliveryId: row.id,
              kind: item.kind,
              period: item.period,
              recipient: item.recipient,
              subject: item.subject,
            })),
          )
          .run();
      }
      return { row, items: fresh };
    },
    { behavior: 'immediate' },
  );
}

/** The items a daily message carried (its row id), for retries and in-place updates. */
export function itemsOf(db: Db, deliveryId: number): ItemClaim[] {
  return db
    .select({
      kind: deliveryItems.kind,
      period: deliveryItems.period,
      recipient: deliveryItems.recipient,
      subject: deliveryItems.subject,
    })
    .from(deliveryItems)
    .where(eq(deliveryItems.deliveryId, deliveryId))
    .all();
}

/** The ledger row of a message the bot sent, found by where it landed. */
export function deliveryByMessage(db: Db, conversation: string, messageId: string): DeliveryRow | undefined {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.conversation, conversation), eq(deliveries.messageId, messageId)))
    .get();
}

/** Replaces what a sent row keeps of its message (after an in-place update of one of its items). */
export function updatePayload(db: Db, id: number, payload: DeliveryPayload): void {
  db.update(deliveries).set({ payload }).where(eq(deliveries.id, id)).run();
}

/** Records a send that will not happen (too old, nobody to send it to), once per key. */
export function recordSkipped(
  db: Db,
  clock: Clock,
  request: Omit<ClaimRequest, 'late'> & { reason: string },
): boolean {
  const { reason, ...rest } = request;
  const row = db
    .insert(deliveries)
    .values({
      ...rest,
      late: false,
      status: 'skipped',
      attempts: 0,
      lastError: reason,
      claimedAt: clock.now().toISOString(),
    })
    .onConflictDoNothing({ target: [deliveries.kind, deliveries.period, deliveries.recipient] })
    .returning({ id: deliveries.id })
    .get();
  return row !== undefined;
}

export function markSent(db: Db, clock: Clock, id: number, ref: MessageRef): void {
  db.update(deliveries)
    .set({
      status: 'sent',
      sentAt: clock.now().toISOString(),
      nextAttemptAt: null,
      lastError: null,
      conversation: ref.conversation,
      messageId: ref.messageId,
    })
    .where(eq(deliveries.id, id))
    .run();
}

/** A failed attempt: keeps the error and schedules the next one with backoff (none if `final`). */
export function markFailed(db: Db, clock: Clock, row: DeliveryRow, error: string, final: boolean): void {
  db.update(deliveries)
    .set({
      status: 'failed',
      lastError: error,
      nextAttemptAt: final ? null : nextAttemptAfter(clock.now(), row.attempts),
    })
    .where(eq(deliveries.id, row.id))
    .run();
}

/** Marks a failed send as no longer wanted (the task got done meanwhile…). */
export function markDropped(db: Db, id: number, reason: string): void {
  db.update(deliveries)
    .set({ status: 'skipped', nextAttemptAt: null, lastError: reason })
    .where(eq(deliveries.id, id))
    .run();
}

/**
 * Gives back the sends this process claimed and never finished (it is stopping and cannot wait for
 * them): each becomes a failed attempt due now, so the next start's retries send it. Returns them.
 */
export function releaseClaims(db: Db, clock: Clock, claimedBy: string, reason: string): DeliveryRow[] {
  return db
    .update(deliveries)
    .set({ status: 'failed', lastError: reason, nextAttemptAt: clock.now().toISOString() })
    .where(and(eq(deliveries.status, 'pending'), eq(deliveries.claimedBy, claimedBy)))
    .returning()
    .all();
}

/** Failed sends whose next attempt is due. */
export function dueRetries(db: Db, clock: Clock): DeliveryRow[] {
  return db
    .select()
    .from(deliveries)
    .where(
      and(
        eq(deliveries.status, 'failed'),
        isNotNull(deliveries.nextAttemptAt),
        lte(deliveries.nextAttemptAt, clock.now().toISOString()),
      ),
    )
    .orderBy(asc(deliveries.nextAttemptAt))
    .all();
}

/**
 * Takes a failed row back for one more attempt. Only one process can: the update matches only
 * while the row is still failed with the same attempt count.
 */
export function reclaimForRetry(db: Db, row: DeliveryRow, claimedBy: string): DeliveryRow | undefined {
  return db
    .update(deliveries)
    .set({ status: 'pending', attempts: row.attempts + 1, claimedBy, nextAttemptAt: null })
    .where(
      and(eq(deliveries.id, row.id), eq(deliveries.status, 'failed'), eq(deliveries.attempts, row.attempts)),
    )
    .returning()
    .get();
}

/** The ledger, newest first, optionally only one status. */
export function listDeliveries(db: Db, status?: DeliveryStatus, limit = 200): DeliveryRow[] {
  const query = db.select().from(deliveries);
  const filtered = status ? query.where(eq(deliveries.status, status)) : query;
  return filtered.orderBy(desc(deliveries.claimedAt), desc(deliveries.id)).limit(limit).all();
}
