import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { type StoredReference, teamsConversations } from '../../../db/schema/index.ts';
import { type Author, audit, reachAuthor, SYSTEM } from '../../domain/audit/log.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Person } from '../../domain/directory/people.ts';
import { personalConversation } from '../../domain/directory/reach.ts';

/** A channel thread's conversation id is the channel's id plus `;messageid=<root message>`. */
export function splitThread(conversationId: string): { channel: string; root?: string } {
  const [channel = conversationId, root] = conversationId.split(';messageid=');
  return root ? { channel, root } : { channel };
}

/**
 * The reference to store for writing later on the bot's own initiative: the conversation itself
 * (a channel, not the thread the activity came in) and no activity id, so a send starts a new
 * message instead of answering an old one.
 */
export function referenceToStore(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  if (reference.conversation) {
    reference.conversation = {
      ...reference.conversation,
      id: splitThread(reference.conversation.id).channel,
    };
  }
  return reference;
}

function stored(reference: Partial<ConversationReference>): StoredReference {
  return JSON.parse(JSON.stringify(reference)) as StoredReference;
}

/** Keeps (or refreshes) a person's personal chat; a new or changed chat is audited. True when new. */
export function savePersonalChat(
  db: Db,
  clock: Clock,
  person: Person,
  reference: Partial<ConversationReference>,
  installed: boolean,
): boolean {
  const conversationId = reference.conversation?.id;
  if (!conversationId) return false;
  const now = clock.now().toISOString();
  const value = stored(reference);
  return db.transaction((tx) => {
    const before = personalConversation(tx, person.id);
    if (before && before.conversationId === conversationId) {
      if (JSON.stringify(before.reference) === JSON.stringify(value) && !installed) return false;
      tx.update(teamsConversations)
        .set({ reference: value, updatedAt: now, ...(installed ? { installedAt: now } : {}) })
        .where(eq(teamsConversations.id, before.id))
        .run();
      return false;
    }
    if (before) tx.delete(teamsConversations).where(eq(teamsConversations.id, before.id)).run();
    tx.insert(teamsConversations)
      .values({
        conversationId,
        scope: 'personal',
        personId: person.id,
        reference: value,
        installedAt: installed ? now : null,
        updatedAt: now,
      })
      .run();
    audit(tx, clock, reachAuthor(person), {
      action: 'teams.chat_personal',
      entity: 'persona',
      entityId: person.id,
      before: before ? { conversation: before.conversationId } : null,
      after: { conversation: conversationId },
    });
    return true;
  });
}

export interface ChannelInfo {
  teamId?: string;
  name?: string;
}

/** Keeps (or refreshes) a team channel; an installation there is audited. True when new. */
export function saveChannel(
  db: Db,
  clock: Clock,
  reference: Partial<ConversationReference>,
  info: ChannelInfo,
  /** Present when the bot was just installed there, with who installed it when known. */
  installation?: { by?: Person },
): boolean {
  const conversationId = reference.conversation?.id;
  if (!conversationId) return false;
  const now = clock.now().toISOString();
  const value = stored(reference);
  const installed = installation !== undefined;
  return db.transaction((tx) => {
    const before = tx
      .select()
      .from(teamsConversations)
      .where(eq(teamsConversations.conversationId, conversationId))
      .get();
    const firstInstallation = installed && !before?.installedAt;
    if (before && !firstInstallation && JSON.stringify(before.reference) === JSON.stringify(value))
      return false;
    const fields = {
      reference: value,
      teamId: info.teamId ?? before?.teamId ?? null,
      name: info.name ?? before?.name ?? null,
      installedAt: before?.installedAt ?? (installed ? now : null),
      updatedAt: now,
    };
    if (before) {
      tx.update(teamsConversations).set(fields).where(eq(teamsConversations.id, before.id)).run();
    } else {
      tx.insert(teamsConversations)
        .values({ conversationId, scope: 'channel', ...fields })
        .run();
    }
    if (firstInstallation) {
      audit(tx, clock, installation?.by ? reachAuthor(installation.by) : SYSTEM, {
        action: 'teams.canal_instalado',
        entity: 'teams_canal',
        entityId: conversationId,
        after: { team: fields.name, teamId: fields.teamId },
      });
    }
    return installed ? firstInstallation : before === undefined;
  });
}

/** Forgets a conversation the bot was removed from; sends there would fail. */
export function forgetConversation(db: Db, clock: Clock, conversationId: string, author: Author): void {
  db.transaction((tx) => {
    const before = tx
      .select()
      .from(teamsConversations)
      .where(eq(teamsConversations.conversationId, conversationId))
      .get();
    if (!before) return;
    tx.delete(teamsConversations).where(eq(teamsConversations.id, before.id)).run();
    audit(tx, clock, author, {
      action: 'teams.desinstalado',
      entity: before.scope === 'personal' ? 'persona' : 'teams_canal',
      entityId: before.personId ?? conversationId,
      before: { conversation: conversationId, team: before.name },
    });
  });
}
