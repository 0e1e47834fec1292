import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { slackRequests } from '../../../db/schema/index.ts';
import type { Clock } from '../../domain/clock.ts';

/** Keys are kept two days: Slack retries within minutes, and a stale key only costs a row. */
const RETENTION_MS = 2 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Two presses of the same button on the same message within this window are one double click. */
export const DOUBLE_CLICK_MS = 10_000;

/**
 * The ledger of Slack requests already handled. `claim` is one upsert: the first delivery inserts the key,
 * a retry (same event id or trigger id) or a double click finds it and changes nothing.
 */
export class HandledRequests {
  private lastPrune = 0;
  /** Compiled once: every request claims its key. */
  private readonly upsert;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.upsert = db
      .insert(slackRequests)
      .values({ key: sql.placeholder('key'), receivedAt: sql.placeholder('now') })
      .onConflictDoUpdate({
        target: slackRequests.key,
        set: { receivedAt: sql`excluded.received_at` },
        // An older claim of the key is taken over; one within the window stays, and nothing changes.
        setWhere: lt(slackRequests.receivedAt, sql.placeholder('since')),
      })
      .prepare();
  }

  /**
   * Whether this request is new (and now claimed). With `windowMs`, an older claim of the same key no
   * longer counts: pressing the same button again later is a new press, not a double click.
   */
  claim(key: string, windowMs = RETENTION_MS): boolean {
    const now = this.clock.now();
    this.prune(now);
    const since = new Date(now.getTime() - windowMs).toISOString();
    // One statement, atomic on its own: two processes claiming the same key cannot both change a row.
    return this.upsert.run({ key, now: now.toISOString(), since }).changes === 1;
  }

  /** Gives a claim back (a form sent back with errors may be submitted again). */
  release(key: string): void {
    this.db.delete(slackRequests).where(eq(slackRequests.key, key)).run();
  }

  private prune(now: Date): void {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    const before = new Date(now.getTime() - RETENTION_MS).toISOString();
    this.db.delete(slackRequests).where(lt(slackRequests.receivedAt, before)).run();
  }
}
