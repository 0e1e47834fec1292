import { type MessageRef, type Messenger, UnreachableError } from '../../chat/messenger.ts';
import type { Reply } from '../../chat/reply.ts';
import type { Person } from '../../domain/directory/people.ts';
import { isTeamsChannelId } from '../../domain/directory/reach.ts';
import type { SlackIdentity } from './identity.ts';
import type { SlackSender } from './send.ts';

/**
 * Slack's way of sending on the bot's initiative: the digest to SLACK_DIGEST_CHANNEL, reminders and
 * notices by direct message. Calls wait in the Web API client's queue, which pauses on a 429 for the
 * time Slack's Retry-After asks and then retries, so a fan-out of many messages is delayed, not dropped.
 */
export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;

  constructor(
    private readonly sender: SlackSender,
    private readonly identity: SlackIdentity,
    private readonly digestChannel: string | undefined,
  ) {}

  async toChannel(reply: Reply, channel?: string): Promise<MessageRef> {
    const to = channel ?? this.digestChannel;
    if (!to) {
      throw new UnreachableError('Falta SLACK_DIGEST_CHANNEL: no hay canal de Slack para el resumen.');
    }
    const posted = await this.sender.post(to, reply);
    return { platform: 'slack', conversation: posted.channel, messageId: posted.ts };
  }

  async toPerson(person: Person, reply: Reply): Promise<MessageRef> {
    const slackId = await this.identity.slackIdFor(person);
    if (!slackId) {
      throw new UnreachableError(`${person.name} no tiene usuario de Slack con el correo ${person.email}.`);
    }
    // Posting to a user id lands in the bot's DM with them; Slack answers with the DM's channel id.
    const posted = await this.sender.post(slackId, reply);
    return { platform: 'slack', conversation: posted.channel, messageId: posted.ts };
  }

  /** Slack channel ids (C…, G…); a Teams conversation id starts with `19:`. */
  ownsChannel(channel: string): boolean {
    return !isTeamsChannelId(channel);
  }

  canReach(person: Person): boolean {
    return this.identity.hasSlackId(person);
  }
}
