import { randomUUID } from 'node:crypto';
import { asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { slackInbox } from '../../../db/schema/index.ts';
import type { Clock } from '../../domain/clock.ts';

/** A request a previous run acknowledged and did not finish. */
export interface UnfinishedRequest {
  id: number;
  body: Record<string, unknown>;
  receivedAt: string;
}

/** What the durable receiver tells a listener through Bolt's context (custom properties). */
export interface InboxContext {
  /** The request's inbox row; absent for a retry of a request whose row is still there. */
  inboxId?: number;
  /** The request is being finished on start, after the run that acknowledged it stopped. */
  replay?: boolean;
  /** When Slack sent it (ISO): its response URL takes answers for 30 minutes. */
  receivedAt?: string;
}

export function inboxContext(context: Record<string, unknown>): InboxContext {
  return {
    ...(typeof context.inboxId === 'number' ? { inboxId: context.inboxId } : {}),
    ...(context.replay === true ? { replay: true } : {}),
    ...(typeof context.receivedAt === 'string' ? { receivedAt: context.receivedAt } : {}),
  };
}

/** Slack's own id of a request: the same for a retry of it. */
function requestKey(body: Record<string, unknown>): string {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (typeof body.trigger_id === 'string') return `trigger:${body.trigger_id}`;
  return `other:${randomUUID()}`;
}

/** JSON that keeps bytes (a reply's PNG images) as base64. */
function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? { $bytes: Buffer.from(v).toString('base64') } : v,
  );
}

function decode<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) =>
    v && typeof v === 'object' && typeof (v as { $bytes?: unknown }).$bytes === 'string'
      ? new Uint8Array(Buffer.from((v as { $bytes: string }).$bytes, 'base64'))
      : v,
  ) as T;
}

/**
 * The durable record of Slack requests between their arrival and their answer. Slack does not send a
 * request again once it has its ack, so a request is written here before the ack and removed only when
 * it is done; whatever a stopped run left acknowledged and unfinished is finished on the next start.
 * The answer, once worked out, is kept in the row: finishing then sends it instead of redoing the work.
 */
export class SlackInbox {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Records a request before its ack; undefined when a retry of it is already here. */
  receive(body: Record<string, unknown>): { id: number; receivedAt: string } | undefined {
    const receivedAt = this.clock.now().toISOString();
    const row = this.db
      .insert(slackInbox)
      .values({ key: requestKey(body), body: JSON.stringify(body), receivedAt })
      .onConflictDoNothing({ target: slackInbox.key })
      .returning({ id: slackInbox.id })
      .get();
    return row ? { id: row.id, receivedAt } : undefined;
  }

  /** Slack is getting its ack now: from here on the request is ours to finish. */
  acked(id: number): void {
    this.db
      .update(slackInbox)
      .set({ ackedAt: this.clock.now().toISOString() })
      .where(eq(slackInbox.id, id))
      .run();
  }

  /** Keeps the answer worked out for a request, before it is sent. */
  keep(id: number | undefined, outcome: unknown): void {
    if (id === undefined) return;
    this.db
      .update(slackInbox)
      .set({ outcome: encode(outcome) })
      .where(eq(slackInbox.id, id))
      .run();
  }

  /** The answer kept for a request, if it got that far. */
  kept<T>(id: number | undefined): T | undefined {
    if (id === undefined) return undefined;
    const row = this.db
      .select({ outcome: slackInbox.outcome })
      .from(slackInbox)
      .where(eq(slackInbox.id, id))
      .get();
    return row?.outcome ? decode<T>(row.outcome) : undefined;
  }

  /** The request is done (answered, or failed and told): its row goes. */
  finish(id: number): void {
    this.db.delete(slackInbox).where(eq(slackInbox.id, id)).run();
  }

  /**
   * What a stopped run left: requests never acknowledged are dropped (Slack retries events itself and
   * showed the person an error for the rest, so they will ask again), acknowledged ones are returned,
   * oldest first, to be finished.
   */
  leftOver(): { dropped: number; unfinished: UnfinishedRequest[] } {
    const dropped = this.db.delete(slackInbox).where(isNull(slackInbox.ackedAt)).run().changes;
    const unfinished = this.db
      .select({ id: slackInbox.id, body: slackInbox.body, receivedAt: slackInbox.receivedAt })
      .from(slackInbox)
      .orderBy(asc(slackInbox.id))
      .all()
      .map((row) => ({ ...row, body: JSON.parse(row.body) as Record<string, unknown> }));
    return { dropped, unfinished };
  }
}
