import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openMigratedDatabase } from '../../db/client.ts';
import { deliveries, deliveryItems, sentMessages } from '../../db/schema/index.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import { bogotaInstant } from '../../src/domain/clock.ts';
import { markDone } from '../../src/domain/tasks/actions.ts';
import { digestJob, reminderJob } from '../../src/scheduler/jobs.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import { jobDeps, ManualClock, person, RecordingMessenger, seedDirectory, seedPlan } from './fixtures.ts';

const TASKS = [
  { code: '1.1', start: '2026-08-01', end: '2026-09-04' },
  { code: '1.2', start: '2026-08-01', end: '2026-09-08' },
  { code: '2.1', start: '2026-01-02', end: '2026-12-30' },
];

function setup(file: string) {
  const db = openMigratedDatabase(file);
  seedDirectory(db);
  seedPlan(db, TASKS);
  return db;
}

const ledger = (db: Db) => db.select().from(deliveries).all();

describe('exactly once', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-ledger-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('two schedulers on one database send the digest and each reminder once', async () => {
    const file = join(dir, 'mipg.db');
    setup(file).$client.close();
    const clock = new ManualClock(bogotaInstant('2026-09-07', '08:00'));
    const [dbA, dbB] = [openMigratedDatabase(file), openMigratedDatabase(file)];
    const [slackA, slackB] = [new RecordingMessenger('slack'), new RecordingMessenger('slack')];
    const a = new Scheduler(jobDeps(dbA, clock, [slackA], [], 'proceso-a'));
    const b = new Scheduler(jobDeps(dbB, clock, [slackB], [], 'proceso-b'));
    const monday = clock.now();
    await Promise.all([a, b].flatMap((s) => s.jobs.map((job) => s.run(job, monday, false))));
    const sent = [...slackA.sent, ...slackB.sent];
    expect(sent.filter((m) => m.to === 'canal')).toHaveLength(1);
    // 1.1 is overdue (weekly), 1.2 ends tomorrow (1 working day before): Ana and Bruno get ONE message
    // each, listing both tasks with their own buttons.
    for (const who of ['ana@ejemplo.pasto.gov.co', 'bruno@ejemplo.pasto.gov.co']) {
      const mine = sent.filter((m) => m.to === who);
      expect(mine.map((m) => m.reply.title)).toEqual(['Sus pendientes · lunes 7 de septiembre de 2026']);
      const text = renderText(mine[0]?.reply ?? { blocks: [] });
      expect(text).toContain('Tiene 2 pendientes que requieren su atención');
      expect(text).toContain('🔴 La tarea *1.1* está vencida desde el *viernes 4 de septiembre de 2026*');
      expect(text).toContain(
        '⏰ La tarea *1.2* vence el *martes 8 de septiembre de 2026*: faltan 1 día hábil.',
      );
      const values = (mine[0]?.reply.blocks ?? []).flatMap((b) =>
        b.kind === 'actions' ? b.buttons.map((x) => `${x.actionId}:${x.value}`) : [],
      );
      expect(values).toEqual(
        expect.arrayContaining(['tarea.cumplida:PPI-2026-1.1', 'tarea.cumplida:PPI-2026-1.2']),
      );
    }
    const rows = ledger(dbA);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(new Set(rows.map((r) => `${r.kind}|${r.period}|${r.recipient}`)).size).toBe(rows.length);
    // Each task's reminder is recorded as an item of its person's message: 2 tasks × 2 people.
    const items = dbA.select().from(deliveryItems).all();
    expect(items.map((i) => i.subject).sort()).toEqual(['1.1', '1.1', '1.2', '1.2']);
    // Running it again (a retry of the cron, a restart) sends nothing more.
    await a.run(a.jobs[0] as never, monday, false);
    await b.run(b.jobs[1] as never, monday, false);
    expect(slackA.sent.length + slackB.sent.length).toBe(sent.length);
    dbA.$client.close();
    dbB.$client.close();
  });
});

describe('catch-up on start', () => {
  let db: Db;
  let clock: ManualClock;
  let slack: RecordingMessenger;
  let log: string[];
  const scheduler = () => new Scheduler(jobDeps(db, clock, [slack], log));

  beforeEach(() => {
    db = setup(':memory:');
    clock = new ManualClock(bogotaInstant('2026-09-04', '10:00'));
    slack = new RecordingMessenger('slack');
    log = [];
  });

  it('a first start ever sends nothing old', async () => {
    await scheduler().catchUp();
    expect(slack.sent).toEqual([]);
  });

  it('after a missed Monday, the digest goes out late on Tuesday, saying so', async () => {
    await scheduler().catchUp(); // running on Friday 4 September
    clock.setBogota('2026-09-08', '10:00'); // down over the weekend and Monday
    await scheduler().catchUp();
    const [digest] = slack.to('canal');
    expect(slack.to('canal')).toHaveLength(1);
    const text = renderText(digest?.reply ?? { blocks: [] });
    expect(text).toContain('corte: lunes 7 de septiembre de 2026');
    expect(text).toContain('Enviado con retraso: debía salir el 7 sep 2026 08:00 (hora de Bogotá)');
    const row = ledger(db).find((r) => r.kind === 'resumen.semanal');
    expect(row).toMatchObject({ period: '2026-09-07', status: 'sent', late: true, recipient: 'canal@slack' });
    // Monday's and Tuesday's reminders went late too, without "faltan"/"hoy" relative to a past day.
    const late = slack.to('ana@ejemplo.pasto.gov.co').map((m) => renderText(m.reply));
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((t) => t.includes('Enviado con retraso'))).toBe(true);
    expect(late.join('\n')).toContain('⏰ La tarea *1.2* vence el *martes 8 de septiembre de 2026*.');
    expect(late.join('\n')).not.toMatch(/faltan|vence hoy/);
    expect(log.some((l) => l.startsWith('resumen semanal: 1 enviado(s), 0 fallido(s) con retraso'))).toBe(
      true,
    );
    // Starting again the same day sends nothing twice.
    const count = slack.sent.length;
    await scheduler().catchUp();
    expect(slack.sent.length).toBe(count);
  });

  it('a digest missed more than a week ago is logged as skipped, not sent', async () => {
    clock.setBogota('2026-08-21', '10:00');
    await scheduler().catchUp();
    clock.setBogota('2026-09-08', '10:00');
    await scheduler().catchUp();
    const digests = ledger(db).filter((r) => r.kind === 'resumen.semanal');
    expect(digests.map((r) => [r.period, r.status, r.late])).toEqual([
      ['2026-08-24', 'skipped', false],
      ['2026-08-31', 'skipped', false],
      ['2026-09-07', 'sent', true],
    ]);
    expect(slack.to('canal')).toHaveLength(1);
    expect(digests[0]?.lastError).toBe(
      'Debía salir hace más de una semana, mientras el bot no funcionaba: no se envía.',
    );
    expect(log).toContain(
      'Omitido: resumen semanal del 2026-08-24 (1 envío(s)); debía salir hace más de una semana.',
    );
  });
});

describe('failed sends', () => {
  let db: Db;
  let clock: ManualClock;
  let slack: RecordingMessenger;
  let log: string[];

  beforeEach(() => {
    db = setup(':memory:');
    clock = new ManualClock(bogotaInstant('2026-09-07', '08:00'));
    slack = new RecordingMessenger('slack');
    log = [];
  });

  it('are retried with backoff and stay visible in the ledger', async () => {
    const scheduler = new Scheduler(jobDeps(db, clock, [slack], log), [digestJob('0 8 * * 1')]);
    slack.failNext = 2;
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    let [row] = ledger(db);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'ratelimited: demasiadas solicitudes',
    });
    expect(row?.nextAttemptAt).toBe('2026-09-07T13:01:00.000Z');
    expect(log[0]).toContain('Falló el envío resumen.semanal 2026-09-07 → canal@slack (intento 1)');

    expect(await scheduler.retry()).toBe(0); // backoff not over yet
    clock.set(new Date('2026-09-07T13:01:00Z'));
    await scheduler.retry();
    [row] = ledger(db);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: '2026-09-07T13:06:00.000Z' });

    clock.set(new Date('2026-09-07T13:06:00Z'));
    await scheduler.retry();
    [row] = ledger(db);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null, messageId: 'slack-1' });
    expect(slack.to('canal')).toHaveLength(1);
  });

  it('a reminder whose task got done meanwhile is dropped, not retried', async () => {
    const scheduler = new Scheduler(jobDeps(db, clock, [slack], log), [reminderJob('0 8 * * 1-5')]);
    slack.failNext = 10;
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    expect(ledger(db).filter((r) => r.status === 'failed').length).toBeGreaterThan(0);
    markDone(db, clock, person(db, 'ana'), '1.2', 'https://intranet.pasto.gov.co/1.2.pdf');
    markDone(db, clock, person(db, 'ana'), '1.1', 'https://intranet.pasto.gov.co/1.1.pdf');
    slack.failNext = 0;
    clock.set(new Date('2026-09-07T14:00:00Z'));
    await scheduler.retry();
    expect(slack.sent).toEqual([]);
    const reasons = ledger(db).map((r) => [r.kind, r.status, r.lastError]);
    expect(reasons).toContainEqual([
      'recordatorio.diario',
      'skipped',
      'Ya se atendió todo lo que recordaba.',
    ]);
    expect(reasons).toContainEqual([
      'escalamiento.vencidas',
      'skipped',
      'Las tareas de la lista ya están cumplidas.',
    ]);
  });

  it('a person no platform can reach is recorded once as skipped, with the reason', async () => {
    const scheduler = new Scheduler(jobDeps(db, clock, [slack], log), [reminderJob('0 8 * * 1-5')]);
    slack.unreachable.add(person(db, 'bruno').id);
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    const bruno = ledger(db).filter((r) => r.personId === person(db, 'bruno').id);
    expect(bruno.map((r) => [r.recipient, r.status])).toEqual([
      [`persona:${person(db, 'bruno').id}`, 'skipped'],
      [`persona:${person(db, 'bruno').id}`, 'skipped'],
    ]);
    expect(bruno[0]?.lastError).toBe(
      'Ninguna plataforma puede contactar a Bruno Becerra (falta su ID de Slack o de Teams).',
    );
    expect(slack.to('ana@ejemplo.pasto.gov.co')).toHaveLength(1);
  });

  it('a daily message is retried while one of its tasks is still open', async () => {
    const scheduler = new Scheduler(jobDeps(db, clock, [slack], log), [reminderJob('0 8 * * 1-5')]);
    slack.failNext = 10;
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    markDone(db, clock, person(db, 'ana'), '1.2', 'https://intranet.pasto.gov.co/1.2.pdf');
    slack.failNext = 0;
    clock.set(new Date('2026-09-07T14:00:00Z'));
    await scheduler.retry();
    expect(slack.to('ana@ejemplo.pasto.gov.co').map((m) => m.reply.title)).toEqual([
      'Sus pendientes · lunes 7 de septiembre de 2026',
    ]);
  });

  it('the next day repeats no reminder already sent: only the new one goes, as itself', async () => {
    const scheduler = new Scheduler(jobDeps(db, clock, [slack], log), [reminderJob('0 8 * * 1-5')]);
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    clock.setBogota('2026-09-08', '08:00');
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    // Tuesday: 1.1's weekly reminder already went on Monday (same ISO week); 1.2 is due today.
    const tuesday = slack.to('ana@ejemplo.pasto.gov.co').slice(1);
    expect(tuesday.map((m) => m.reply.title)).toEqual(['Recordatorio · Tarea 1.2']);
    expect(renderText(tuesday[0]?.reply ?? { blocks: [] })).toContain('vence hoy');
  });

  it('remembers each reminder sent, so its thread and buttons find the task', async () => {
    const scheduler = new Scheduler(jobDeps(db, clock, [slack], log), [reminderJob('0 8 * * 1-5')]);
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    const remembered = db
      .select()
      .from(sentMessages)
      .where(eq(sentMessages.kind, 'recordatorio.diario'))
      .all()
      .map((m) => [m.messageId, JSON.parse(m.subject)]);
    expect(remembered).toHaveLength(2);
    const ana = slack.to('ana@ejemplo.pasto.gov.co')[0];
    expect(remembered).toContainEqual([
      ana?.ref.messageId,
      [
        { kind: 'recordatorio.tarea', subject: '1.1' },
        { kind: 'recordatorio.tarea', subject: '1.2' },
      ],
    ]);
  });
});

describe('start and stop', () => {
  it('schedules the jobs with node-cron in America/Bogota and stops them', async () => {
    const db = setup(':memory:');
    const clock = new ManualClock(bogotaInstant('2026-09-04', '10:00'));
    const scheduler = new Scheduler(jobDeps(db, clock, [new RecordingMessenger('console')]));
    await scheduler.start();
    const tasks = (scheduler as unknown as { tasks: { getPattern(): string; getStatus(): string }[] }).tasks;
    expect(tasks.map((t) => t.getPattern())).toEqual([
      '0 8 * * 1',
      '0 8 * * 1-5',
      '*/5 * * * *',
      '* * * * *',
    ]);
    await scheduler.stop();
    expect(tasks.length).toBe(0);
  });
});
