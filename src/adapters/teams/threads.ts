import type { Activity } from 'botbuilder';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { sentMessages } from '../../../db/schema/index.ts';
import type { MessageRef } from '../../chat/messenger.ts';
import { splitThread } from './references.ts';

/** The last message the bot sent in a conversation that a handler may answer (see `sent_messages`). */
function lastRemembered(db: Db, conversation: string): MessageRef | undefined {
  const row = db
    .select()
    .from(sentMessages)
    .where(and(eq(sentMessages.platform, 'teams'), eq(sentMessages.conversation, conversation)))
    .orderBy(desc(sentMessages.id))
    .get();
  return row ? { platform: 'teams', conversation, messageId: row.messageId } : undefined;
}

/**
 * The bot's message a typed text answers. In a channel, the root of the thread it was written in.
 * A personal chat has no threads, so text that is not a command answers the last message there
 * that expects answers (a reminder waiting for its evidence link).
 */
export function answeredMessage(
  db: Db,
  activity: Activity,
  isCommand: (text: string) => boolean,
  text: string,
): MessageRef | undefined {
  const { channel, root } = splitThread(activity.conversation.id);
  if (root && root !== activity.id) return { platform: 'teams', conversation: channel, messageId: root };
  if (activity.replyToId) return { platform: 'teams', conversation: channel, messageId: activity.replyToId };
  if (activity.conversation.conversationType !== 'personal' || isCommand(text)) return undefined;
  return lastRemembered(db, channel);
}

/** Teams text arrives with HTML entities and, when the bot's mention could not be removed, its tag. */
export function cleanText(text: string): string {
  return text
    .replace(/^(\s*<at>[^<]*<\/at>)+/, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}
