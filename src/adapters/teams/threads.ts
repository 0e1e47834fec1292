import type { Activity } from 'botbuilder';
import { and, desc, eq, gte, max, ne, notLike } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { auditLog, sentMessages } from '../../../db/schema/index.ts';
import type { MessageRef } from '../../chat/messenger.ts';
import type { SentMessage } from '../../chat/notifier.ts';
import type { Person } from '../../domain/directory/people.ts';
import { splitThread } from './references.ts';

/** What a typed text answers: one message of the bot, several candidates (ambiguous), or none. */
export type Answered =
  | { kind: 'message'; ref: MessageRef }
  | { kind: 'ambiguous'; open: SentMessage[] }
  | { kind: 'none' };

export interface AnswerRules {
  isCommand: (text: string) => boolean;
  /** Whether some handler takes typed answers to messages of this kind (see ThreadReplyDef). */
  takesAnswers: (kind: string) => boolean;
}

interface QuotedReplyEntity {
  type?: string;
  quotedReply?: { messageId?: string };
}

/**
 * The message a person quoted with Teams' «Responder» in a chat. Current clients send a
 * `quotedReply` entity; older ones an HTML attachment whose blockquote carries the message id.
 */
export function quotedMessageId(activity: Partial<Activity>): string | undefined {
  for (const entity of (activity.entities ?? []) as QuotedReplyEntity[]) {
    const id = entity.type?.toLowerCase() === 'quotedreply' ? entity.quotedReply?.messageId : undefined;
    if (id) return id;
  }
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType !== 'text/html' || typeof attachment.content !== 'string') continue;
    const quote = /<blockquote[^>]*itemtype="http:\/\/schema\.skype\.com\/Reply"[^>]*>/i.exec(
      attachment.content,
    );
    const id = quote && /itemid="([^"]+)"/i.exec(quote[0])?.[1];
    if (id) return id;
  }
  return undefined;
}

/**
 * When the person last changed something (their last accepted answer, a command, a button…),
 * from the audit log. Linking their Teams account and keeping their chat are not changes they made.
 */
function lastChangeBy(db: Db, person: Person): string | undefined {
  const row = db
    .select({ at: max(auditLog.at) })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorId, person.id),
        notLike(auditLog.action, 'teams.%'),
        ne(auditLog.action, 'persona.vincular_teams'),
      ),
    )
    .get();
  return row?.at ?? undefined;
}

/**
 * The messages still waiting for this person's answer in their personal chat: those the bot
 * remembered there, of a kind some handler answers, sent at or after the person's last recorded
 * change (an accepted answer is always one; "at" because the clock may not tell the two apart).
 * A subject counts once, by its newest message: a task reminded twice is one open question.
 */
export function openMessages(
  db: Db,
  conversation: string,
  person: Person,
  rules: AnswerRules,
): SentMessage[] {
  const since = lastChangeBy(db, person);
  const rows = db
    .select()
    .from(sentMessages)
    .where(
      and(
        eq(sentMessages.platform, 'teams'),
        eq(sentMessages.conversation, conversation),
        since ? gte(sentMessages.sentAt, since) : undefined,
      ),
    )
    .orderBy(desc(sentMessages.id))
    .all();
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.kind}\u0000${row.subject}`;
    if (!rules.takesAnswers(row.kind) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The bot's message a typed text answers. In a channel, the root of the thread it was written in.
 * A personal chat has no threads: a message the person quoted («Responder») is the one; otherwise
 * text that is not a command answers the only message still open there (see openMessages), and
 * is ambiguous when several are open — then nothing may be taken as their answer.
 */
export function answeredMessage(
  db: Db,
  activity: Activity,
  person: Person,
  rules: AnswerRules,
  text: string,
): Answered {
  const { channel, root } = splitThread(activity.conversation.id);
  const at = (messageId: string): Answered => ({
    kind: 'message',
    ref: { platform: 'teams', conversation: channel, messageId },
  });
  if (root && root !== activity.id) return at(root);
  const quoted = quotedMessageId(activity) ?? activity.replyToId;
  if (quoted) return at(quoted);
  if (activity.conversation.conversationType !== 'personal' || rules.isCommand(text)) return { kind: 'none' };
  const open = openMessages(db, channel, person, rules);
  const [only] = open;
  if (open.length === 1 && only) return at(only.messageId);
  return open.length > 1 ? { kind: 'ambiguous', open } : { kind: 'none' };
}

/**
 * Teams text arrives with HTML entities, the placeholder of a quoted message and, when the bot's
 * mention could not be removed, its tag.
 */
export function cleanText(text: string): string {
  return text
    .replace(/<quoted\b[^>]*\/>/gi, '')
    .replace(/^(\s*<at>[^<]*<\/at>)+/, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}
