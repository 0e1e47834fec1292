import { beforeEach, describe, expect, it } from 'vitest';
import { type Db, openMigratedDatabase } from '../../db/client.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import { addCalendarDays, bogotaDate, bogotaInstant } from '../../src/domain/clock.ts';
import { markDone, requireTask } from '../../src/domain/tasks/actions.ts';
import { fireTimes } from '../../src/scheduler/fires.ts';
import { type Job, reminderJob } from '../../src/scheduler/jobs.ts';
import { postpone, recordHelpRequest } from '../../src/scheduler/reminders/answers.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import {
  jobDeps,
  LEADERS,
  ManualClock,
  person,
  RecordingMessenger,
  seedDirectory,
  seedPlan,
} from './fixtures.ts';

const ANA = 'ana@ejemplo.pasto.gov.co';
const COORDINATION = 'coordinacion@ejemplo.pasto.gov.co';

describe('task reminders day by day', () => {
  let db: Db;
  let clock: ManualClock;
  let slack: RecordingMessenger;
  let scheduler: Scheduler;

  /** Runs the reminder job at each of its times from `from` to `to` (Bogotá dates); what Ana got per day. */
  async function runDays(from: string, to: string): Promise<Record<string, string[]>> {
    const got: Record<string, string[]> = {};
    const job = scheduler.jobs[0] as Job;
    const times = fireTimes(job.cron, bogotaInstant(from), bogotaInstant(addCalendarDays(to, 1)));
    for (const at of times) {
      clock.set(at);
      const before = slack.to(ANA).length;
      await scheduler.run(job, at, false);
      const texts = slack
        .to(ANA)
        .slice(before)
        .map((m) => renderText(m.reply));
      if (texts.length > 0) got[bogotaDate(at)] = texts;
    }
    return got;
  }

  beforeEach(() => {
    db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    seedPlan(db, [
      { code: '2.2', title: 'Revisar la DOFA institucional', start: '2026-07-01', end: '2026-09-30' },
    ]);
    clock = new ManualClock(bogotaInstant('2026-09-21'));
    slack = new RecordingMessenger('slack');
    scheduler = new Scheduler(jobDeps(db, clock, [slack]), [reminderJob('0 8 * * 1-5')]);
  });

  it('5 and 1 working days before, on the end date, then weekly while overdue', async () => {
    const got = await runDays('2026-09-21', '2026-10-13');
    expect(Object.keys(got)).toEqual([
      '2026-09-23',
      '2026-09-29',
      '2026-09-30',
      '2026-10-01',
      '2026-10-05',
      '2026-10-13',
    ]);
    expect(got['2026-09-23']?.[0]).toContain(
      '⏰ La tarea *2.2* vence el *miércoles 30 de septiembre de 2026*: faltan 5 días hábiles.',
    );
    expect(got['2026-09-29']?.[0]).toContain('faltan 1 día hábil.');
    expect(got['2026-09-30']?.[0]).toContain(
      '⏰ La tarea *2.2* vence hoy, *miércoles 30 de septiembre de 2026*.',
    );
    expect(got['2026-10-01']?.[0]).toContain(
      '🔴 La tarea *2.2* está vencida desde el *miércoles 30 de septiembre de 2026* (hace 1 día hábil).',
    );
    // Monday 12 October is Día de la Raza: week 42's reminder goes on Tuesday.
    expect(got['2026-10-13']?.[0]).toContain('(hace 8 días hábiles)');
    const card = got['2026-09-23']?.[0] ?? '';
    expect(card).toContain('Tarea: Revisar la DOFA institucional');
    expect(card).toContain('Responda en este hilo con el enlace de la evidencia');
    expect(card).toContain('[Marcar cumplida] → /cumplida 2.2 <enlace> [nota]');
    expect(card).toContain('[Posponer] → /posponer 2.2');
    expect(card).toContain('[Necesito ayuda] → /necesito-ayuda 2.2 [nota]');
    expect(slack.to('bruno@ejemplo.pasto.gov.co')).toHaveLength(6);
    expect(slack.to('luisa@ejemplo.pasto.gov.co')).toHaveLength(0);
  });

  it('stops as soon as the task is done', async () => {
    await runDays('2026-09-21', '2026-09-23');
    markDone(db, clock, person(db, 'ana'), '2.2', 'https://intranet.pasto.gov.co/dofa.pdf');
    expect(await runDays('2026-09-24', '2026-10-13')).toEqual({});
  });

  it('a postponement holds them three working days, says so when it ends, and allows two', async () => {
    await runDays('2026-09-21', '2026-09-23');
    clock.setBogota('2026-09-23', '10:00');
    expect(postpone(db, clock, person(db, 'ana'), '2.2').until).toBe('2026-09-28');
    const got = await runDays('2026-09-24', '2026-09-29');
    expect(Object.keys(got)).toEqual(['2026-09-28', '2026-09-29']);
    expect(got['2026-09-28']?.[0]).toContain(
      '⏰ Terminó el aplazamiento: la tarea *2.2* vence el *miércoles 30 de septiembre de 2026*.',
    );
    clock.setBogota('2026-09-29', '10:00');
    postpone(db, clock, person(db, 'bruno'), '2.2');
    const later = await runDays('2026-09-30', '2026-10-02');
    // The second (and last) postponement leaves no Posponer button on the next reminder.
    expect(Object.keys(later)).toEqual(['2026-10-02']);
    expect(later['2026-10-02']?.[0]).toContain('Terminó el aplazamiento: la tarea *2.2* sigue vencida');
    expect(later['2026-10-02']?.[0]).not.toContain('[Posponer]');
  });
});

describe('reminders without a team, and escalation', () => {
  let db: Db;
  let clock: ManualClock;
  let slack: RecordingMessenger;
  let scheduler: Scheduler;

  beforeEach(() => {
    db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    seedPlan(db, [
      { code: '1.1', title: 'Inventario de partes interesadas', start: '2026-02-01', end: '2026-08-31' },
      {
        code: '1.2',
        title: 'Caracterizar grupos de valor',
        start: '2026-02-01',
        end: '2026-08-31',
        responsible: LEADERS,
      },
      {
        code: '1.3',
        title: 'Tarea de un equipo desconocido',
        start: '2026-02-01',
        end: '2026-09-08',
        responsible: 'Secretaría de Cultura',
      },
    ]);
    clock = new ManualClock(bogotaInstant('2026-09-07'));
    slack = new RecordingMessenger('slack');
    scheduler = new Scheduler(jobDeps(db, clock, [slack]), [reminderJob('0 8 * * 1-5')]);
  });

  it('a task whose team is not in the directory reminds the coordinator, saying why', async () => {
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    const [orphan] = slack.to(COORDINATION).filter((m) => m.reply.title === 'Recordatorio · Tarea 1.3');
    expect(renderText(orphan?.reply ?? { blocks: [] })).toContain(
      'Le llega a la coordinación porque nadie del directorio pertenece a «Secretaría de Cultura».',
    );
  });

  it('a postponement is an answer: the task leaves the coordinator’s list', async () => {
    clock.setBogota('2026-09-01', '10:00');
    postpone(db, clock, person(db, 'bruno'), '1.1');
    clock.setBogota('2026-09-07');
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    const [list] = slack.to(COORDINATION).filter((m) => m.reply.title?.startsWith('Tareas vencidas'));
    const text = renderText(list?.reply ?? { blocks: [] });
    expect(text).toContain('*1.2* Caracterizar grupos de valor');
    expect(text).not.toContain('*1.1*');
    expect(text).not.toContain('pidió ayuda');
  });

  it('the coordinator gets, once a week, the overdue tasks without evidence, those asking for help marked', async () => {
    clock.setBogota('2026-09-01', '10:00');
    recordHelpRequest(db, clock, person(db, 'luisa'), requireTask(db, clock, '1.2'), 'Sin acceso');
    clock.setBogota('2026-09-07');
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    const lists = slack
      .to(COORDINATION)
      .filter((m) => m.reply.title?.startsWith('Tareas vencidas sin evidencia'));
    expect(lists).toHaveLength(1);
    const names = (id: number) => (id === person(db, 'luisa').id ? 'Luisa' : '?');
    const text = renderText(lists[0]?.reply ?? { blocks: [] }, names);
    expect(text).toContain('Tareas vencidas sin evidencia · lunes 7 de septiembre de 2026');
    expect(text).toContain(
      'Estas 2 tareas están vencidas y su equipo no ha entregado la evidencia ni pedido aplazamiento tras los recordatorios; las que dicen «pidió ayuda» esperan su apoyo:',
    );
    expect(text).toContain('*1.1* Inventario de partes interesadas · Equipo MIPG');
    expect(text).toContain('venció el 31 ago 2026 (hace 5 días hábiles)');
    // Luisa's request is not an answer: it is what needs the coordinator.
    expect(text).toMatch(
      /\*1\.2\* Caracterizar grupos de valor · .* · 🆘 @Luisa pidió ayuda el 1 sep 2026: «Sin acceso»/,
    );
    expect(text).not.toMatch(/\*1\.1\*[^\n]*pidió ayuda/);
    clock.setBogota('2026-09-08');
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    expect(slack.to(COORDINATION).filter((m) => m.reply.title?.startsWith('Tareas vencidas'))).toHaveLength(
      1,
    );
    clock.setBogota('2026-09-14');
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    expect(slack.to(COORDINATION).filter((m) => m.reply.title?.startsWith('Tareas vencidas'))).toHaveLength(
      2,
    );
  });
});
