import type { MessageRef, Messenger } from '../../src/chat/messenger.ts';
import { type Reply, replyText, resolveMentions } from '../../src/chat/reply.ts';
import type { Person } from '../../src/domain/directory/people.ts';
import { type Logger, silentLogger } from '../../src/domain/logger.ts';
import { testApp } from '../helpers/app.ts';

export const LEADER_GTH = 'lider.gth@ejemplo.pasto.gov.co';
export const DELEGATE_GTH = 'delegado.gth@ejemplo.pasto.gov.co';
export const LEADER_GF = 'lider.gf@ejemplo.pasto.gov.co';
export const MIPG_MEMBER = 'laura.benavides@ejemplo.pasto.gov.co';
/** An integrante of Atención al Ciudadano: sees the process's risks, does not answer for them. */
export const AC_MEMBER = 'carolina.guerrero@ejemplo.pasto.gov.co';
export const MATRIX_URL = 'https://intranet.pasto.gov.co/riesgos/gth-2026.xlsx';

export interface Sent {
  to: string;
  reply: Reply;
  text: string;
  ref: MessageRef;
}

/** A platform that records what the bot sends on its own, as Slack would deliver it. */
export class RecordingMessenger implements Messenger {
  readonly platform = 'slack' as const;
  readonly sent: Sent[] = [];
  constructor(private readonly nameOf: (id: number) => string) {}

  async toChannel(reply: Reply): Promise<MessageRef> {
    return this.record('canal', reply);
  }

  async toPerson(person: Person, reply: Reply): Promise<MessageRef> {
    return this.record(person.email, reply);
  }

  canReach(): boolean {
    return true;
  }

  to(email: string): Sent[] {
    return this.sent.filter((s) => s.to === email);
  }

  private record(to: string, reply: Reply): MessageRef {
    const ref = { platform: this.platform, conversation: `D-${to}`, messageId: `m${this.sent.length + 1}` };
    const text = resolveMentions(replyText(reply), (id) => `@${this.nameOf(id)}`);
    this.sent.push({ to, reply, text, ref });
    return ref;
  }
}

/** The example bot (2026 plan, example directory and risks) with a recording platform. */
export function riskApp(date = '2026-09-07', env: NodeJS.ProcessEnv = {}, log: Logger = silentLogger) {
  const t = testApp(date, '10:00', env, log);
  const names = (id: number) =>
    t.app.db.$client.prepare('SELECT name FROM people WHERE id = ?').pluck().get(id);
  const platform = new RecordingMessenger((id) => String(names(id)));
  t.app.messengers.push(platform);
  return { ...t, platform };
}
