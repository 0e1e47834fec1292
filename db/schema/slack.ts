import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Slack requests already handled, by an idempotency key: `event:<event_id>` (Slack retries events with
 * the same id), `command:<trigger_id>`, `view:<view id>` and `press:<user>:<message>:<button>` for double
 * clicks. Inserting the key is the claim, so a retried or doubled delivery never records twice, even
 * across a restart or two processes on one database. Old keys are pruned.
 */
export const slackRequests = sqliteTable(
  'slack_requests',
  {
    key: text('key').primaryKey(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [index('slack_requests_received').on(t.receivedAt)],
);

/**
 * Slack requests received and not finished yet (src/adapters/slack/inbox.ts). A row is written before
 * Slack gets its ack and deleted once the work and its answer are done, so a row still here on start
 * belongs to a run that stopped half-way: if Slack had its ack (it will not send the request again),
 * the next start finishes it.
 */
export const slackInbox = sqliteTable(
  'slack_inbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `event:<event_id>`, `trigger:<trigger_id>`…: a retry of a request still here gets no second row. */
    key: text('key').notNull().unique(),
    /** The request as Bolt parsed it (slash command fields, interaction payload or event envelope), JSON. */
    body: text('body').notNull(),
    receivedAt: text('received_at').notNull(),
    /** When the ack went to Slack; null while it has not (Slack then retries or shows the person an error). */
    ackedAt: text('acked_at'),
    /** The answer once worked out (JSON), so finishing after a restart sends it instead of redoing the work. */
    outcome: text('outcome'),
  },
  (t) => [index('slack_inbox_received').on(t.receivedAt)],
);
