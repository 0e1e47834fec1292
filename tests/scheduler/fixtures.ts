import type { Db } from '../../db/client.ts';
import { activities, people, plans, taskEvents, tasks, teamMembers, teams } from '../../db/schema/index.ts';
import type { Services } from '../../src/chat/context.ts';
import { type MessageRef, type Messenger, UnreachableError } from '../../src/chat/messenger.ts';
import { createNotifier } from '../../src/chat/notifier.ts';
import type { Reply } from '../../src/chat/reply.ts';
import { loadConfig } from '../../src/config.ts';
import { bogotaInstant, type Clock } from '../../src/domain/clock.ts';
import { type Person, personByEmail } from '../../src/domain/directory/people.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import type { JobDeps } from '../../src/scheduler/jobs.ts';
import { loggerInto } from '../helpers/logs.ts';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(at: Date): void {
    this.at = at;
  }
  /** A Bogotá wall-clock date and time. */
  setBogota(date: string, time = '08:00'): void {
    this.at = bogotaInstant(date, time);
  }
}

export interface SentMessage {
  to: 'canal' | string;
  reply: Reply;
  ref: MessageRef;
}

/** A platform that records what it was asked to send; it can fail the next N sends. */
export class RecordingMessenger implements Messenger {
  readonly sent: SentMessage[] = [];
  failNext = 0;
  unreachable = new Set<number>();
  private count = 0;

  constructor(readonly platform: 'console' | 'slack' | 'teams' = 'slack') {}

  private deliver(to: string, reply: Reply): MessageRef {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('ratelimited: demasiadas solicitudes');
    }
    this.count += 1;
    const ref = { platform: this.platform, conversation: to, messageId: `${this.platform}-${this.count}` };
    this.sent.push({ to, reply, ref });
    return ref;
  }

  async toChannel(reply: Reply, channel?: string): Promise<MessageRef> {
    return this.deliver(channel ? `canal:${channel}` : 'canal', reply);
  }

  /** As the real ones: Teams channel ids start with `19:`, Slack's do not. */
  ownsChannel(channel: string): boolean {
    return (this.platform === 'teams') === channel.startsWith('19:');
  }

  async toPerson(person: Person, reply: Reply): Promise<MessageRef> {
    if (this.unreachable.has(person.id)) throw new UnreachableError(`Sin conversación con ${person.name}.`);
    return this.deliver(person.email, reply);
  }

  canReach(person: Person): boolean {
    return !this.unreachable.has(person.id);
  }

  /** Messages sent to a person (by e-mail) or to the channel. */
  to(who: string): SentMessage[] {
    return this.sent.filter((m) => m.to === who);
  }
}

export interface TaskSeed {
  code: string;
  title?: string;
  responsible?: string;
  start: string;
  end: string;
  done?: boolean;
}

export const MIPG = 'Equipo MIPG - Oficina de Planeación de Gestión Institucional';
export const LEADERS = 'Líderes de proceso';

/** The directory: a coordinator, two people of Equipo MIPG and one process leader. */
export function seedDirectory(db: Db): void {
  const teamIds = db
    .insert(teams)
    .values([{ name: 'Equipo MIPG' }, { name: 'Líderes de proceso' }])
    .returning()
    .all();
  const rows = db
    .insert(people)
    .values([
      { name: 'Carolina Coordinadora', email: 'coordinacion@ejemplo.pasto.gov.co', role: 'coordinador' },
      { name: 'Ana Analista', email: 'ana@ejemplo.pasto.gov.co', role: 'integrante' },
      { name: 'Bruno Becerra', email: 'bruno@ejemplo.pasto.gov.co', role: 'integrante' },
      { name: 'Luisa Líder', email: 'luisa@ejemplo.pasto.gov.co', role: 'lider' },
    ])
    .returning()
    .all();
  const [mipg, leaders] = teamIds;
  const [, ana, bruno, luisa] = rows;
  db.insert(teamMembers)
    .values([
      { teamId: mipg?.id ?? 0, personId: ana?.id ?? 0 },
      { teamId: mipg?.id ?? 0, personId: bruno?.id ?? 0 },
      { teamId: leaders?.id ?? 0, personId: luisa?.id ?? 0 },
    ])
    .run();
}

/**
 * A 2026 plan with two activities and the given tasks (activity = the code's first number): the PPI, or
 * another plan of the vigencia when a code and title are given.
 */
export function seedPlan(
  db: Db,
  seeds: TaskSeed[],
  year = 2026,
  other: { code: string; title: string } | undefined = undefined,
): void {
  const plan = db
    .insert(plans)
    .values({ year, title: `Plan ${year}`, importedAt: '2026-01-02T13:00:00.000Z', ...other })
    .returning()
    .get();
  const numbers = [...new Set(seeds.map((s) => Number(s.code.split('.')[0])))];
  const activityIds = new Map(
    numbers.map((n) => [
      n,
      db
        .insert(activities)
        .values({ planId: plan.id, number: n, name: `Actividad de gestión número ${n}` })
        .returning()
        .get().id,
    ]),
  );
  seeds.forEach((s, position) => {
    const row = db
      .insert(tasks)
      .values({
        planId: plan.id,
        activityId: activityIds.get(Number(s.code.split('.')[0])) ?? 0,
        code: s.code,
        position,
        what: 'Fortalecer la planeación',
        title: s.title ?? `Tarea ${s.code} del plan`,
        responsible: s.responsible ?? MIPG,
        startDate: s.start,
        endDate: s.end,
        evidenceExpected: '(1) acta',
        doneAt: s.done ? '2026-01-05T15:00:00.000Z' : null,
      })
      .returning()
      .get();
    if (s.done) {
      db.insert(taskEvents)
        .values({ taskId: row.id, kind: 'cumplida', at: '2026-01-05T15:00:00.000Z' })
        .run();
    }
  });
}

export function person(db: Db, who: 'coordinacion' | 'ana' | 'bruno' | 'luisa'): Person {
  const found = personByEmail(db, `${who}@ejemplo.pasto.gov.co`);
  if (!found) throw new Error(`Falta ${who} en el directorio de prueba`);
  return found;
}

/** Settings as the bot reads them, with defaults unless given. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({ MIPG_DB: ':memory:', ...env });
}

/** Everything a scheduler needs, over one database and the given platforms. */
export function jobDeps(
  db: Db,
  clock: Clock,
  messengers: Messenger[],
  log: string[] = [],
  instance = 'prueba',
): JobDeps {
  return {
    db,
    clock,
    config: testConfig(),
    messengers: () => messengers,
    log: loggerInto(log),
    instance,
  };
}

/** Services for a Router over the same database and platforms. */
export function services(db: Db, clock: Clock, messengers: Messenger[]): Services {
  return {
    db,
    clock,
    config: testConfig(),
    notify: createNotifier(db, clock, () => messengers),
    log: silentLogger,
  };
}
