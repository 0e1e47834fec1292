import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { teamsConversations } from '../../../db/schema/index.ts';
import { activePeople, type Person } from './people.ts';

export type TeamsConversationRow = typeof teamsConversations.$inferSelect;

/**
 * Active people the bot cannot write to on Teams yet: Teams only lets a bot open a personal chat
 * it has seen, so they become reachable once they install the bot or write to it.
 */
export function unreachableOnTeams(store: Store): Person[] {
  const reached = new Set(
    store
      .select({ personId: teamsConversations.personId })
      .from(teamsConversations)
      .where(isNotNull(teamsConversations.personId))
      .all()
      .map((r) => r.personId),
  );
  return activePeople(store).filter((p) => !reached.has(p.id));
}

/** The stored personal chat of a person on Teams, if any. */
export function personalConversation(store: Store, personId: number): TeamsConversationRow | undefined {
  return store
    .select()
    .from(teamsConversations)
    .where(and(eq(teamsConversations.scope, 'personal'), eq(teamsConversations.personId, personId)))
    .get();
}

/**
 * The team channel that gets the digest: the one named by `preferred` (TEAMS_DIGEST_CHANNEL) when
 * the bot knows it, else the channel where the bot was installed last, else the last one it was
 * spoken to in.
 */
export function teamsDigestChannel(store: Store, preferred?: string): TeamsConversationRow | undefined {
  const channels = store
    .select()
    .from(teamsConversations)
    .where(eq(teamsConversations.scope, 'channel'))
    .orderBy(desc(teamsConversations.installedAt), desc(teamsConversations.updatedAt))
    .all();
  return channels.find((c) => preferred !== undefined && c.conversationId === preferred) ?? channels[0];
}

/** Teams channel conversation ids start with `19:` (`19:abc@thread.tacv2`); Slack's are `C0123ABC`. */
export function isTeamsChannelId(id: string): boolean {
  return id.startsWith('19:');
}

/** A Teams channel the bot knows, by its conversation id. */
export function teamsChannel(store: Store, conversationId: string): TeamsConversationRow | undefined {
  return store
    .select()
    .from(teamsConversations)
    .where(
      and(eq(teamsConversations.scope, 'channel'), eq(teamsConversations.conversationId, conversationId)),
    )
    .get();
}
