import {
  type Activity,
  CardFactory,
  type CloudAdapter,
  type ConversationReference,
  MessageFactory,
} from 'botbuilder';
import type { Db } from '../../../db/client.ts';
import type { MessageRef, Messenger } from '../../chat/messenger.ts';
import { UnreachableError } from '../../chat/messenger.ts';
import type { Reply } from '../../chat/reply.ts';
import { type Person, personById } from '../../domain/directory/people.ts';
import {
  isTeamsChannelId,
  personalConversation,
  teamsChannel,
  teamsDigestChannel,
} from '../../domain/directory/reach.ts';
import { type AdaptiveCard, replyCard } from './cards.ts';
import type { PersonLookup } from './markdown.ts';
import { forPersonalChat } from './texts.ts';

/** Names and Teams ids of the directory, for mentions. */
export function directoryLookup(db: Db): PersonLookup {
  return (personId) => {
    const person = personById(db, personId);
    return person ? { name: person.name, teamsId: person.teamsId } : undefined;
  };
}

/** A message activity holding one Adaptive Card. */
export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** The Bot Connector's answer to a refused send: its HTTP status and error body (`ErrorResponse`). */
interface ConnectorFailure {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: { error?: { code?: string; message?: string } };
}

/** A Spanish error for a send the Bot Connector refused, with what it said (kept in the send ledger). */
export function sendFailure(error: unknown): Error {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ConnectorFailure;
  const said = failure.details?.error;
  const status = failure.statusCode ? `HTTP ${failure.statusCode}` : undefined;
  const code = said?.code ?? (status ? undefined : failure.code);
  const message = said?.message ?? failure.message;
  const detail = [status, code, message ? `«${message}»` : undefined].filter(Boolean).join(' ');
  return new Error(`Teams rechazó el envío: ${detail || String(error)}`, { cause: error });
}

/**
 * Posts a new message (not a reply) in a stored conversation: in a channel it starts its own thread.
 * The continuation turn has an invented activity id that botbuilder would otherwise answer to.
 * A refused send throws: inside the turn the adapter's error handler would swallow it, and the
 * caller (the send ledger, a notice) must know the message did not arrive.
 */
export async function postNew(
  adapter: CloudAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
): Promise<string> {
  let id: string | undefined;
  let refused: unknown;
  await adapter.continueConversationAsync(botAppId, reference, async (context) => {
    context.onSendActivities(async (_context, activities, next) => {
      for (const outgoing of activities) delete outgoing.replyToId;
      return next();
    });
    try {
      id = (await context.sendActivity(activity))?.id;
    } catch (error) {
      refused = error;
    }
  });
  if (refused !== undefined) throw sendFailure(refused);
  if (!id) throw new Error('Teams no devolvió el identificador del mensaje enviado; no se sabe si llegó.');
  return id;
}

/**
 * Sends on the bot's own initiative through the conversation references Teams gave when the bot
 * was installed or first spoken to: the digest to the team channel, reminders to personal chats.
 */
export class TeamsMessenger implements Messenger {
  readonly platform = 'teams' as const;

  constructor(
    private readonly adapter: CloudAdapter,
    /** The Azure Bot's app id; empty in unauthenticated local trials. */
    private readonly botAppId: string,
    private readonly db: Db,
    /** TEAMS_DIGEST_CHANNEL: the conversation id of the channel to prefer for the digest. */
    private readonly preferredChannel?: string,
  ) {}

  canReach(person: Person): boolean {
    return personalConversation(this.db, person.id) !== undefined;
  }

  async toPerson(person: Person, reply: Reply): Promise<MessageRef> {
    const chat = personalConversation(this.db, person.id);
    if (!chat) {
      throw new UnreachableError(
        `${person.name} aún no ha instalado el bot ni le ha escrito en Teams; no hay chat personal donde escribirle.`,
      );
    }
    return this.send(chat.reference, forPersonalChat(reply));
  }

  ownsChannel(channel: string): boolean {
    return isTeamsChannelId(channel);
  }

  async toChannel(reply: Reply, other?: string): Promise<MessageRef> {
    if (other !== undefined) {
      const stored = teamsChannel(this.db, other);
      if (!stored) {
        throw new UnreachableError(
          `El bot no conoce el canal de Teams ${other}: agréguelo al equipo de ese canal y escríbale allí una vez.`,
        );
      }
      return this.send(stored.reference, reply);
    }
    const channel = teamsDigestChannel(this.db, this.preferredChannel);
    if (!channel) {
      throw new UnreachableError(
        'El bot aún no está instalado en un equipo de Teams; agréguelo a un equipo para enviar el resumen al canal.',
      );
    }
    return this.send(channel.reference, reply);
  }

  private async send(stored: Record<string, unknown>, reply: Reply): Promise<MessageRef> {
    const reference = stored as Partial<ConversationReference>;
    const activity = cardActivity(replyCard(reply, directoryLookup(this.db)));
    const messageId = await postNew(this.adapter, this.botAppId, reference, activity);
    return { platform: 'teams', conversation: reference.conversation?.id ?? '', messageId };
  }
}
