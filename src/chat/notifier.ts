import { and, eq } from 'drizzle-orm';
import type { Db, Store } from '../../db/client.ts';
import { sentMessages } from '../../db/schema/index.ts';
import type { Clock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/people.ts';
import { type Logger, silentLogger } from '../domain/logger.ts';
import type { MessageRef, MessageSubject, Messenger, Notifier } from './messenger.ts';
import type { Reply } from './reply.ts';

/** Records what a sent message was about, so replies in its thread find their handler. */
export function rememberMessage(
  db: Db,
  clock: Clock,
  ref: MessageRef,
  about: MessageSubject,
  personId: number | null,
): void {
  db.insert(sentMessages)
    .values({
      platform: ref.platform,
      conversation: ref.conversation,
      messageId: ref.messageId,
      kind: about.kind,
      subject: about.subject,
      personId,
      sentAt: clock.now().toISOString(),
    })
    .onConflictDoNothing()
    .run();
}

export type SentMessage = typeof sentMessages.$inferSelect;

/** What the bot recorded about a message it sent (see rememberMessage), if anything. */
export function findSentMessage(store: Store, ref: MessageRef): SentMessage | undefined {
  return store
    .select()
    .from(sentMessages)
    .where(
      and(
        eq(sentMessages.platform, ref.platform),
        eq(sentMessages.conversation, ref.conversation),
        eq(sentMessages.messageId, ref.messageId),
      ),
    )
    .get();
}

/**
 * A Notifier over the running platforms: a person gets the message on every platform that reaches them.
 * Each message sent is one log line (what it is about and to whom, never its text).
 */
export function createNotifier(
  db: Db,
  clock: Clock,
  messengers: () => Messenger[],
  log: Logger = silentLogger,
): Notifier {
  const sent = (ref: MessageRef, about: MessageSubject | undefined, personId: number | null) =>
    log.info(`Aviso enviado${personId === null ? ' al canal' : ` a la persona ${personId}`}.`, {
      kind: about?.kind,
      subject: about?.subject,
      recipient: personId === null ? 'canal' : `persona:${personId}`,
      personId,
      platform: ref.platform,
      outcome: 'sent',
    });
  return {
    async toPerson(person: Person, reply: Reply, about?: MessageSubject) {
      const refs: MessageRef[] = [];
      for (const messenger of messengers().filter((m) => m.canReach(person))) {
        const ref = await messenger.toPerson(person, reply);
        if (about) rememberMessage(db, clock, ref, about, person.id);
        sent(ref, about, person.id);
        refs.push(ref);
      }
      return refs;
    },
    async toChannel(reply: Reply, about?: MessageSubject) {
      const refs: MessageRef[] = [];
      for (const messenger of messengers()) {
        const ref = await messenger.toChannel(reply);
        if (about) rememberMessage(db, clock, ref, about, null);
        sent(ref, about, null);
        refs.push(ref);
      }
      return refs;
    },
  };
}
