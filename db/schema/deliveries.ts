import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { people } from './directory.ts';
import { tasks } from './plan.ts';

export const deliveryStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * The send ledger: one row per message the scheduler sends on its own initiative (digest, reminders,
 * escalations). The unique (kind, period, recipient) key is the claim: whoever inserts the row sends,
 * so two processes on one database, a restart or a retry never send twice.
 * `recipient` names the destination and its platform (`canal@slack`, `persona:12@teams`).
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    recipient: text('recipient').notNull(),
    platform: text('platform'),
    personId: integer('person_id').references(() => people.id, { onDelete: 'set null' }),
    /** What the message is about (a task code…), for retries and listings. */
    subject: text('subject'),
    status: text('status', { enum: deliveryStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** The instant it was due; later than this by a run it missed means it went out late. */
    dueAt: text('due_at').notNull(),
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    claimedAt: text('claimed_at').notNull(),
    /** Which scheduler instance holds the claim (for diagnosis of two processes). */
    claimedBy: text('claimed_by').notNull(),
    sentAt: text('sent_at'),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error'),
    /** The neutral reply and what it is about, kept so a retry sends exactly the same message. */
    payload: text('payload', { mode: 'json' }).notNull(),
    conversation: text('conversation'),
    messageId: text('message_id'),
  },
  (t) => [
    uniqueIndex('deliveries_key').on(t.kind, t.period, t.recipient),
    index('deliveries_status').on(t.status, t.nextAttemptAt),
    index('deliveries_subject').on(t.kind, t.subject),
    // A button on a daily message finds its row by where the message landed.
    index('deliveries_message').on(t.conversation, t.messageId),
  ],
);

/**
 * The reminders a person's daily message carried (one row per item and destination): the unique key is the
 * item's own ledger key, so an item that went out in one day's message is not repeated in the next, the same
 * way a reminder sent on its own is not.
 */
export const deliveryItems = sqliteTable(
  'delivery_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
  },
  (t) => [
    uniqueIndex('delivery_items_key').on(t.kind, t.period, t.recipient),
    index('delivery_items_delivery').on(t.deliveryId),
  ],
);

/**
 * The last instant each scheduled job ran (or the scheduler started): on start, the job's
 * times after it and before now were missed while the bot was down.
 */
export const schedulerJobs = sqliteTable('scheduler_jobs', {
  name: text('name').primaryKey(),
  lastRunAt: text('last_run_at').notNull(),
});

export const reminderAnswerKinds = ['postpone', 'help'] as const;
export type ReminderAnswerKind = (typeof reminderAnswerKinds)[number];

/**
 * What people answered to a task's reminders other than evidence: a postponement (reminders held
 * until `until`, at most twice a task) or a request for help with its note.
 */
export const reminderAnswers = sqliteTable(
  'reminder_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind', { enum: reminderAnswerKinds }).notNull(),
    note: text('note'),
    /** The Bogotá date until which reminders are held (postponements only). */
    until: text('until'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('reminder_answers_task').on(t.taskId, t.kind)],
);
