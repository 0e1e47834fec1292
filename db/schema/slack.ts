import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
