import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { people } from './directory.ts';

export const teamsScopes = ['personal', 'channel'] as const;
export type TeamsScope = (typeof teamsScopes)[number];

/** A Bot Framework conversation reference as Teams sent it (kept opaque here: no SDK types in the schema). */
export type StoredReference = Record<string, unknown>;

/**
 * Conversations where the bot may write on Teams on its own initiative: a person's personal chat
 * (reminders) and the team channels where it was installed (the digest). Teams gives these only when
 * the bot is installed or spoken to, so they are kept to survive restarts.
 */
export const teamsConversations = sqliteTable(
  'teams_conversations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id').notNull().unique(),
    scope: text('scope', { enum: teamsScopes }).notNull(),
    /** The person of a personal chat; null for a channel. One personal chat per person. */
    personId: integer('person_id')
      .unique()
      .references(() => people.id, { onDelete: 'cascade' }),
    teamId: text('team_id'),
    /** Team (and channel) name as Teams reported it, for the coordinator's listings. */
    name: text('name'),
    reference: text('reference', { mode: 'json' }).$type<StoredReference>().notNull(),
    /** When the bot was installed there; null when the reference came from a first message. */
    installedAt: text('installed_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('teams_conversations_scope').on(t.scope, t.installedAt)],
);
