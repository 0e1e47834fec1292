import type { webApi } from '@slack/bolt';
import { eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { people } from '../../../db/schema/index.ts';
import { errorReply, type Reply } from '../../chat/reply.ts';
import { audit, SYSTEM } from '../../domain/audit/log.ts';
import type { Clock } from '../../domain/clock.ts';
import {
  coordinators,
  type Person,
  personByEmail,
  personById,
  personBySlackId,
} from '../../domain/directory/people.ts';
import type { MentionLookup } from './mrkdwn.ts';

type WebClient = webApi.WebClient;

/** Slack answers `users_not_found` / `user_not_found` when nobody has that e-mail or id. */
function notFound(error: unknown): boolean {
  const code = (error as { data?: { error?: string } }).data?.error;
  return code === 'users_not_found' || code === 'user_not_found';
}

/**
 * Who is who between Slack and the directory. A person is found by their stored `slack_id`, else by
 * the e-mail Slack has for them; the match is then remembered (and audited) so it is asked only once.
 */
export class SlackIdentity {
  constructor(
    private readonly client: WebClient,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The active person behind a Slack user, or undefined when the directory does not know them. */
  async personFor(userId: string): Promise<Person | undefined> {
    const known = personBySlackId(this.db, userId);
    if (known) return known.active ? known : undefined;
    let email: string | undefined;
    try {
      const info = await this.client.users.info({ user: userId });
      email = info.user?.profile?.email;
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
    if (!email) return undefined;
    const person = personByEmail(this.db, email);
    if (!person?.active) return undefined;
    this.remember(person, userId);
    return personById(this.db, person.id);
  }

  /** The Slack user id to write to a person: stored, else looked up by their e-mail and remembered. */
  async slackIdFor(person: Person): Promise<string | undefined> {
    const stored = person.slackId ?? personById(this.db, person.id)?.slackId;
    if (stored) return stored;
    try {
      const found = await this.client.users.lookupByEmail({ email: person.email });
      const id = found.user?.id;
      if (!id) return undefined;
      this.remember(person, id);
      return id;
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
  }

  /** Whether a person already has a Slack id (so the bot can write to them without asking Slack). */
  hasSlackId(person: Person): boolean {
    return Boolean(person.slackId ?? personById(this.db, person.id)?.slackId);
  }

  /** Links every active person without a Slack id whose e-mail Slack knows. Returns how many were linked. */
  async linkDirectory(): Promise<number> {
    const pending = this.db
      .select()
      .from(people)
      .where(isNull(people.slackId))
      .all()
      .filter((p) => p.active);
    let linked = 0;
    for (const row of pending) {
      const person = personById(this.db, row.id);
      if (person && (await this.slackIdFor(person))) linked += 1;
    }
    return linked;
  }

  /** Mentions as `<@U…>` for people with a Slack id, their name otherwise. */
  readonly mentions: MentionLookup = (personId) => {
    const person = personById(this.db, personId);
    return person ? { name: person.name, slackId: person.slackId } : undefined;
  };

  private remember(person: Person, slackId: string): void {
    if (person.slackId === slackId) return;
    // A Slack id belongs to one person; if the directory already gives it to someone else, a coordinator
    // has to sort the two records out, so nothing changes here.
    if (personBySlackId(this.db, slackId)) return;
    this.db.transaction((tx) => {
      tx.update(people).set({ slackId }).where(eq(people.id, person.id)).run();
      audit(tx, this.clock, SYSTEM, {
        action: 'persona.slack_id',
        entity: 'persona',
        entityId: person.id,
        before: { slackId: person.slackId },
        after: { slackId, email: person.email },
      });
    });
  }
}

/** What someone the directory does not know is told: politely, whom to ask. Nothing is stored. */
export function unknownPersonReply(db: Db): Reply {
  const contacts = coordinators(db).map((p) => `${p.name} (${p.email})`);
  const whom =
    contacts.length > 0
      ? `la coordinación MIPG: ${contacts.join(', ')}`
      : 'la Oficina de Planeación de Gestión Institucional';
  return {
    ...errorReply(
      'Hola. Su usuario de Slack no está en el directorio del bot de Planeación MIPG, así que todavía no puedo atenderle.',
      `Pida a ${whom} que le registre con su correo institucional; después podrá usar /ayuda.`,
    ),
    title: 'No le encuentro en el directorio',
    tone: 'info',
  };
}
