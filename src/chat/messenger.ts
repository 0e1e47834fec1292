import type { Person } from '../domain/directory/people.ts';
import type { Platform } from './platform.ts';
import type { Reply } from './reply.ts';

/** Where a message the bot sent landed, so a thread reply or a button on it can be traced back. */
export interface MessageRef {
  platform: Platform;
  conversation: string;
  messageId: string;
}

/** Raised by a messenger that has no way to reach a person yet (no id, no stored conversation). */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

/**
 * The port each platform implements to send on its own initiative: the digest to the team channel,
 * reminders and notices to a person. Errors other than UnreachableError are platform failures (retried).
 */
export interface Messenger {
  readonly platform: Platform;
  /** To the team channel, or to another channel of this platform (a plan's own digest channel). */
  toChannel(reply: Reply, channel?: string): Promise<MessageRef>;
  /** Whether a channel id is this platform's (a Slack id, a Teams conversation); absent: it tries any. */
  ownsChannel?(channel: string): boolean;
  toPerson(person: Person, reply: Reply): Promise<MessageRef>;
  /** Whether this platform can reach the person at all (has their id or a stored conversation). */
  canReach(person: Person): boolean;
}

/** What a message is about, recorded with its reference (see `sent_messages`). */
export interface MessageSubject {
  kind: string;
  subject: string;
}

/** Immediate notices from a handler: delivered through every messenger that can reach the person. */
export interface Notifier {
  toPerson(person: Person, reply: Reply, about?: MessageSubject): Promise<MessageRef[]>;
  toChannel(reply: Reply, about?: MessageSubject): Promise<MessageRef[]>;
}
