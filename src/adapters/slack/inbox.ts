import { randomUUID } from 'node:crypto';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { slackInbox } from '../../../db/schema/index.ts';
import type { Clock } from '../../domain/clock.ts';

/** A request a previous run acknowledged and did not finish. */
export interface UnfinishedRequest {
  id: number;
  body: Record<string, unknown>;
  receivedAt: string;
}

/**
 * A request's place in the inbox, shared by the durable receiver and the listener through Bolt's context
 * (the same object: what the listener sets before its ack, the receiver reads at the ack).
 */
export interface InboxContext {
  /** The request's inbox row: written when an ack goes out with work left, absent otherwise. */
  inboxId?: number;
  /** The request is being finished on start, after the run that acknowledged it stopped. */
  replay?: boolean;
  /** When Slack sent it (ISO): its response URL takes answers for 30 minutes. */
  receivedAt?: string;
  /** Set by a listener whose ack carries the whole answer: nothing is left to finish, so no row is written. */
  complete?: boolean;
  /** An answer worked out before the ack: the row keeps it, so a restart sends it instead of redoing the work. */
  outcome?: unknown;
}

/** The request's inbox handle from a listener's context (an empty one when the receiver gave none). */
export function inboxContext(context: Record<string, unknown>): InboxContext {
  const inbox = context.inbox;
  return inbox && typeof inbox === 'object' ? (inbox as InboxContext) : {};
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
 * The durable record of Slack requests acknowledged and not answered yet. Slack does not send a request
 * again once it has its ack, so a request whose ack goes out with work left is written here first and
 * removed only when it is done; whatever a stopped run left is finished on the next start. A request
 * answered in its ack is done when the ack goes out, and is never written. The answer, once worked out,
 * is kept in the row: finishing then sends it instead of redoing the work.
 */
export class SlackInbox {
  /** Compiled once: every request answered after its ack is written and removed. */
  private readonly insert;
  private readonly remove;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.insert = db
      .insert(slackInbox)
      .values({
        key: sql.placeholder('key'),
        body: sql.placeholder('body'),
        receivedAt: sql.placeholder('receivedAt'),
        ackedAt: sql.placeholder('ackedAt'),
        outcome: sql.placeholder('outcome'),
      })
      .onConflictDoNothing({ target: slackInbox.key })
      .returning({ id: slackInbox.id })
      .prepare();
    this.remove = db
      .delete(slackInbox)
      .where(eq(slackInbox.id, sql.placeholder('id')))
      .prepare();
  }

  /** The time a request arrives, as the inbox records it (ISO). */
  now(): string {
    return this.clock.now().toISOString();
  }

  /**
   * Records a request whose ack is about to go out (with the answer already worked out, if any);
   * undefined when a retry of it is already here.
   */
  acknowledged(body: Record<string, unknown>, receivedAt: string, outcome?: unknown): number | undefined {
    const row = this.insert.get({
      key: requestKey(body),
      body: JSON.stringify(body),
      receivedAt,
      ackedAt: this.now(),
      outcome: outcome === undefined ? null : encode(outcome),
    });
    return row?.id;
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
    this.remove.run({ id });
  }

  /**
   * What a stopped run left: rows never acknowledged (written by earlier versions before the ack) are
   * dropped, as Slack retries events itself and showed the person an error for the rest; acknowledged
   * ones are returned, oldest first, to be finished.
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
