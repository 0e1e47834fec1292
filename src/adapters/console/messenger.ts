import type { Messenger } from '../../chat/messenger.ts';
import type { Reply } from '../../chat/reply.ts';
import type { Person } from '../../domain/directory/people.ts';
import { terminalText } from './render.ts';

/**
 * The terminal's way of sending on the bot's own initiative: what Slack or Teams would deliver
 * (the digest, a reminder, a notice) is printed with whom it was for, never dropped.
 */
export class ConsoleMessenger implements Messenger {
  readonly platform = 'console' as const;
  private count = 0;

  constructor(
    private readonly print: (text: string) => void,
    private readonly nameOf: (personId: number) => string = (id) => `persona ${id}`,
  ) {}

  private next(conversation: string) {
    this.count += 1;
    return {
      platform: this.platform,
      conversation,
      messageId: `consola-${Date.now()}-${this.count}`,
    };
  }

  async toChannel(reply: Reply, channel?: string) {
    const where = channel ? `el canal ${channel}` : 'el canal del equipo';
    this.print(`\n📣 Para ${where}:\n${terminalText(reply, this.nameOf)}\n`);
    return this.next(channel ? `canal:${channel}` : 'canal');
  }

  async toPerson(person: Person, reply: Reply) {
    this.print(
      `\n✉️  Mensaje directo para ${person.name} <${person.email}>:\n${terminalText(reply, this.nameOf)}\n`,
    );
    return this.next(`persona:${person.id}`);
  }

  canReach(): boolean {
    return true;
  }
}
