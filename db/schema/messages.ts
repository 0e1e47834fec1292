import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { people } from './directory.ts';

/**
 * Messages the bot sent on a platform, so that a reply in their thread (or a button on them)
 * can be traced back to what they were about: `kind` names the handler, `subject` its key.
 */
export const sentMessages = sqliteTable(
  'sent_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    conversation: text('conversation').notNull(),
    messageId: text('message_id').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    personId: integer('person_id').references(() => people.id),
    sentAt: text('sent_at').notNull(),
  },
  (t) => [
    uniqueIndex('sent_messages_ref').on(t.platform, t.conversation, t.messageId),
    index('sent_messages_subject').on(t.kind, t.subject),
  ],
);
