import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { evidenceFeature } from '../../commands/cumplida.ts';
import { pendingFeature } from '../../commands/pendientes.ts';
import { remindersFeature } from '../../commands/recordatorios.ts';
import { parseEvidenceAnswer } from '../../commands/recordatorios-hilos.ts';
import { tasksFeature } from '../../commands/tareas.ts';
import { type Db, openMigratedDatabase } from '../../db/client.ts';
import { auditLog, evidence, people, reminderAnswers, tasks } from '../../db/schema/index.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import type { MessageRef } from '../../src/chat/messenger.ts';
import { combine } from '../../src/chat/registry.ts';
import { replyText } from '../../src/chat/reply.ts';
import { Router } from '../../src/chat/router.ts';
import { bogotaInstant } from '../../src/domain/clock.ts';
import { reminderJob } from '../../src/scheduler/jobs.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import {
  jobDeps,
  ManualClock,
  person,
  RecordingMessenger,
  seedDirectory,
  seedPlan,
  services,
} from '../scheduler/fixtures.ts';

const ANA = 'ana@ejemplo.pasto.gov.co';
const COORDINATION = 'coordinacion@ejemplo.pasto.gov.co';

/** Everything a mistaken answer must leave as it was. */
function snapshot(db: Db) {
  return {
    evidence: db.select().from(evidence).all(),
    answers: db.select().from(reminderAnswers).all(),
    audit: db.select().from(auditLog).all().length,
    tasks: db.select().from(tasks).all(),
  };
}

describe('reminder answers', () => {
  let db: Db;
  let clock: ManualClock;
  let slack: RecordingMessenger;
  let router: Router;
  const as = (who: 'ana' | 'bruno' | 'luisa' | 'coordinacion') => ({
    person: person(db, who),
    platform: 'slack' as const,
  });

  /** Sends the 08:00 reminders of 23 September (5 working days before 2.2 ends) and returns Ana's. */
  async function remindAna(): Promise<MessageRef> {
    const scheduler = new Scheduler(jobDeps(db, clock, [slack]), [reminderJob('0 8 * * 1-5')]);
    await scheduler.run(scheduler.jobs[0] as never, bogotaInstant('2026-09-23', '08:00'), false);
    const [reminder] = slack.to(ANA);
    if (!reminder) throw new Error('no llegó el recordatorio');
    return reminder.ref;
  }

  beforeEach(() => {
    db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    seedPlan(db, [
      { code: '2.2', title: 'Revisar la DOFA institucional', start: '2026-07-01', end: '2026-09-30' },
    ]);
    clock = new ManualClock(bogotaInstant('2026-09-23', '09:30'));
    slack = new RecordingMessenger('slack');
    router = new Router(
      combine([tasksFeature, evidenceFeature, remindersFeature]),
      services(db, clock, [slack]),
    );
  });

  it('Marcar cumplida reuses the task form: it asks for the link and marks the task done', async () => {
    const ref = await remindAna();
    const press = await router.handleAction(as('ana'), {
      actionId: 'tarea.cumplida',
      value: '2.2',
      message: ref,
    });
    expect(press.form).toMatchObject({ id: 'tarea.cumplida', title: 'Cumplir tarea 2.2' });
    expect(press.form?.fields.map((f) => f.id)).toEqual(['enlace', 'nota']);
    // The platform hands the form's metadata back on submit, as Slack and Teams do.
    const metadata = press.form?.metadata;
    const bad = await router.handleSubmit(as('ana'), 'tarea.cumplida', { enlace: 'acta.pdf' }, metadata);
    expect(bad.ok).toBe(false);
    const done = await router.handleSubmit(
      as('ana'),
      'tarea.cumplida',
      { enlace: 'https://intranet.pasto.gov.co/dofa.pdf', nota: '' },
      metadata,
    );
    expect(done.ok && replyText(done.reply)).toContain('✅ La tarea *2.2* quedó cumplida.');
    expect(db.select().from(tasks).get()?.doneAt).toBe('2026-09-23T14:30:00.000Z');
    // The reminder is updated in place: it says the task is done and offers no buttons any more.
    const update = done.ok ? renderText(done.update ?? { blocks: [] }) : '';
    expect(update).toContain('La tarea *2.2* «Revisar la DOFA institucional» quedó cumplida.');
    expect(update).toContain(
      '✅ Cumplida por Ana Analista con la evidencia https://intranet.pasto.gov.co/dofa.pdf',
    );
    expect(update).not.toMatch(/\[(Marcar cumplida|Posponer|Necesito ayuda)\]/);
    // Opened from a message that is not a reminder, the form leaves that message alone.
    const typed = await router.handleSubmit(
      as('ana'),
      'tarea.evidencia',
      { enlace: 'https://intranet.pasto.gov.co/otra.pdf', nota: '' },
      '2.2',
    );
    expect(typed.ok && typed.update).toBeUndefined();
  });

  it('Posponer holds the reminders 3 working days, in place, at most twice, recorded and audited', async () => {
    const ref = await remindAna();
    const first = await router.handleAction(as('ana'), {
      actionId: 'recordatorio.posponer',
      value: '2.2',
      message: ref,
    });
    const text = renderText(first.update ?? { blocks: [] });
    expect(text).toContain(
      '⏸️ Los recordatorios de la tarea *2.2* quedan en pausa hasta el *lunes 28 de septiembre de 2026* (3 días hábiles); ese día le llegará uno nuevo. Aplazamiento 1 de 2.',
    );
    expect(text).toContain('Pospuesto por Ana Analista.');
    expect(text).not.toContain('[Posponer]');
    expect(text).toContain('[Marcar cumplida]');
    const typed = await router.handleText(as('bruno'), '/posponer 2.2');
    expect(replyText(typed)).toContain('Aplazamiento 2 de 2.');
    const rows = db.select().from(reminderAnswers).all();
    expect(rows.map((r) => [r.kind, r.until])).toEqual([
      ['postpone', '2026-09-28'],
      ['postpone', '2026-10-01'],
    ]);
    const audited = db.select().from(auditLog).where(eq(auditLog.action, 'recordatorio.posponer')).all();
    expect(audited.map((a) => a.actor)).toEqual([ANA, 'bruno@ejemplo.pasto.gov.co']);

    const before = snapshot(db);
    const third = await router.handleText(as('ana'), '/posponer 2.2');
    expect(third.tone).toBe('error');
    expect(replyText(third)).toContain('Los recordatorios de la tarea 2.2 ya se pospusieron 2 veces');
    expect(snapshot(db)).toEqual(before);
  });

  it('Necesito ayuda asks for a note and notifies the coordinator with the task and the note', async () => {
    const ref = await remindAna();
    const press = await router.handleAction(as('ana'), {
      actionId: 'recordatorio.ayuda',
      value: '2.2',
      message: ref,
    });
    expect(press.form).toMatchObject({
      id: 'recordatorio.ayuda',
      command: '/necesito-ayuda 2.2 [nota]',
    });
    const sent = await router.handleSubmit(
      as('ana'),
      'recordatorio.ayuda',
      { nota: 'No tengo acceso a la carpeta de la DOFA' },
      press.form?.metadata,
    );
    expect(sent.ok && replyText(sent.reply)).toContain(
      '🆘 Se avisó a la coordinación MIPG (Carolina Coordinadora) que necesita ayuda con la tarea *2.2*.',
    );
    const [notice] = slack.to(COORDINATION).filter((m) => m.reply.title?.startsWith('🆘'));
    const text = renderText(notice?.reply ?? { blocks: [] }, (id) =>
      id === person(db, 'ana').id ? 'Ana' : '?',
    );
    expect(text).toContain('🆘 Solicitud de ayuda · Tarea 2.2');
    expect(text).toContain('@Ana pide ayuda con la tarea *2.2* «Revisar la DOFA institucional».');
    expect(text).toContain('Nota: No tengo acceso a la carpeta de la DOFA');
    expect(
      db
        .select()
        .from(reminderAnswers)
        .all()
        .map((r) => [r.kind, r.note]),
    ).toEqual([['help', 'No tengo acceso a la carpeta de la DOFA']]);
  });

  it('/necesito-ayuda works typed, and someone outside the team is refused with nothing stored', async () => {
    const typed = await router.handleText(as('bruno'), '/necesito-ayuda 2.2');
    expect(replyText(typed)).toContain('Se avisó a la coordinación MIPG');
    expect(renderText(slack.to(COORDINATION)[0]?.reply ?? { blocks: [] })).toContain('No dejó nota.');
    const before = snapshot(db);
    const count = slack.sent.length;
    const refused = await router.handleText(as('luisa'), '/necesito-ayuda 2.2 ayuda');
    expect(replyText(refused)).toContain('No puede modificar la tarea 2.2');
    expect(snapshot(db)).toEqual(before);
    expect(slack.sent.length).toBe(count);
    const missing = await router.handleText(as('ana'), '/necesito-ayuda');
    expect(replyText(missing)).toContain('Falta el código de la tarea.');
  });

  it('Necesito ayuda saves the request first: a coordinator the notice failed for is named, and nothing is lost', async () => {
    db.insert(people)
      .values({ name: 'Diego Delgado', email: 'diego@ejemplo.pasto.gov.co', role: 'coordinador' })
      .run();
    const send = slack.toPerson.bind(slack);
    slack.toPerson = async (who, reply) => {
      if (who.email === 'diego@ejemplo.pasto.gov.co') throw new Error('ratelimited: demasiadas solicitudes');
      return send(who, reply);
    };
    const partly = await router.handleText(as('ana'), '/necesito-ayuda 2.2 Sin acceso a la carpeta');
    expect(partly.tone).toBe('warning');
    expect(replyText(partly)).toContain(
      '🆘 Se registró su solicitud de ayuda con la tarea *2.2*. Se avisó a Carolina Coordinadora. No se pudo avisar en este momento a Diego Delgado: la verá en el resumen semanal y en /pendientes. No hace falta pedirla de nuevo.',
    );
    expect(slack.to(COORDINATION)).toHaveLength(1);
    expect(
      db
        .select()
        .from(reminderAnswers)
        .all()
        .map((r) => [r.kind, r.note]),
    ).toEqual([['help', 'Sin acceso a la carpeta']]);
    const audited = db.select().from(auditLog).where(eq(auditLog.action, 'recordatorio.ayuda')).all();
    expect(audited.map((a) => a.actor)).toEqual([ANA]);

    slack.unreachable.add(person(db, 'coordinacion').id);
    const nobody = await router.handleText(as('bruno'), '/necesito-ayuda 2.2');
    expect(replyText(nobody)).toContain(
      'No se pudo avisar en este momento a Carolina Coordinadora, Diego Delgado: la verá en el resumen semanal',
    );
    expect(replyText(nobody)).not.toContain('Se avisó a');
    expect(db.select().from(reminderAnswers).all()).toHaveLength(2);
    expect(slack.to(COORDINATION)).toHaveLength(1);
  });

  it('the coordinators’ /pendientes lists the help requests of tasks not done yet; others do not see it', async () => {
    const pending = new Router(
      combine([tasksFeature, evidenceFeature, remindersFeature, pendingFeature]),
      services(db, clock, [slack]),
    );
    const coordinator = renderText(await pending.handleText(as('coordinacion'), '/pendientes'));
    expect(coordinator).not.toContain('Solicitudes de ayuda');
    await pending.handleText(as('ana'), '/necesito-ayuda 2.2 Sin acceso a la carpeta');
    const names = (id: number) => (id === person(db, 'ana').id ? 'Ana' : '?');
    const listed = renderText(await pending.handleText(as('coordinacion'), '/pendientes'), names);
    expect(listed).toContain('Solicitudes de ayuda');
    expect(listed).toContain(
      '*2.2* Revisar la DOFA institucional · 🆘 @Ana pidió ayuda el 23 sep 2026: «Sin acceso a la carpeta»',
    );
    expect(renderText(await pending.handleText(as('ana'), '/pendientes'))).not.toContain(
      'Solicitudes de ayuda',
    );
    await pending.handleText(as('ana'), '/cumplida 2.2 https://intranet.pasto.gov.co/dofa.pdf');
    expect(renderText(await pending.handleText(as('coordinacion'), '/pendientes'))).not.toContain(
      'Solicitudes de ayuda',
    );
  });

  it('a link answered in the reminder thread becomes the evidence and marks the task done', async () => {
    const ref = await remindAna();
    const answer = await router.handleText(
      as('ana'),
      '<https://intranet.pasto.gov.co/dofa-2026.pdf|dofa-2026.pdf> Versión revisada en mesa',
      ref,
    );
    expect(replyText(answer)).toContain(
      '✅ Gracias. La tarea *2.2* quedó cumplida con la evidencia https://intranet.pasto.gov.co/dofa-2026.pdf. Ya no tendrá recordatorios.',
    );
    const [link] = db.select().from(evidence).all();
    expect(link).toMatchObject({
      url: 'https://intranet.pasto.gov.co/dofa-2026.pdf',
      note: 'Versión revisada en mesa',
    });
    expect(db.select().from(tasks).get()?.doneBy).toBe(person(db, 'ana').id);
  });

  it('an answer it cannot understand gets a Spanish hint and stores nothing', async () => {
    const ref = await remindAna();
    const before = snapshot(db);
    for (const text of [
      'ya casi la tengo',
      'www.intranet.pasto.gov.co/dofa.pdf',
      'ftp://servidor/dofa.pdf',
    ]) {
      const hint = await router.handleText(as('ana'), text, ref);
      expect(hint.tone).toBe('warning');
      expect(replyText(hint)).toContain(
        'No entendí la respuesta y no se guardó nada. Para registrar la evidencia de la tarea *2.2*, responda en este hilo con el enlace (que empiece por https://)',
      );
    }
    const stranger = await router.handleText(as('luisa'), 'https://intranet.pasto.gov.co/otra.pdf', ref);
    expect(stranger.tone).toBe('error');
    expect(snapshot(db)).toEqual(before);
  });
});

describe('reading a thread answer', () => {
  it('finds the link anywhere, without trailing punctuation, and keeps the rest as the note', () => {
    expect(parseEvidenceAnswer('https://intranet.pasto.gov.co/acta.pdf')).toEqual({
      url: 'https://intranet.pasto.gov.co/acta.pdf',
    });
    expect(parseEvidenceAnswer('Listo: https://intranet.pasto.gov.co/acta.pdf.')).toEqual({
      url: 'https://intranet.pasto.gov.co/acta.pdf',
      note: 'Listo',
    });
    expect(parseEvidenceAnswer('nada todavía')).toBeUndefined();
  });
});

describe('a daily message with several reminders', () => {
  let db: Db;
  let clock: ManualClock;
  let slack: RecordingMessenger;
  let router: Router;
  const ana = () => ({ person: person(db, 'ana'), platform: 'slack' as const });

  beforeEach(() => {
    db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    seedPlan(db, [
      { code: '2.2', title: 'Revisar la DOFA institucional', start: '2026-07-01', end: '2026-09-30' },
      { code: '2.3', title: 'Actualizar la DOFA', start: '2026-07-01', end: '2026-09-30' },
    ]);
    clock = new ManualClock(bogotaInstant('2026-09-23', '09:30'));
    slack = new RecordingMessenger('slack');
    router = new Router(
      combine([tasksFeature, evidenceFeature, remindersFeature]),
      services(db, clock, [slack]),
    );
  });

  async function daily() {
    const scheduler = new Scheduler(jobDeps(db, clock, [slack]), [reminderJob('0 8 * * 1-5')]);
    await scheduler.run(scheduler.jobs[0] as never, bogotaInstant('2026-09-23', '08:00'), false);
    const mine = slack.to(ANA);
    expect(mine.map((m) => m.reply.title)).toEqual(['Sus pendientes · miércoles 23 de septiembre de 2026']);
    return mine[0] as (typeof mine)[number];
  }

  it('a button answers its own task and changes only that task’s line', async () => {
    const { ref } = await daily();
    const postponed = await router.handleAction(ana(), {
      actionId: 'recordatorio.posponer',
      value: '2.2',
      message: ref,
    });
    const text = renderText(postponed.update ?? { blocks: [] });
    expect(text).toContain('Sus pendientes');
    expect(text).toContain('⏸️ Los recordatorios de la tarea *2.2* quedan en pausa');
    // 2.3 keeps its three buttons; 2.2 has none left.
    const buttons = (postponed.update?.blocks ?? []).flatMap((b) => (b.kind === 'actions' ? b.buttons : []));
    expect(buttons.map((b) => b.value)).toEqual(['PPI-2026-2.3', 'PPI-2026-2.3', 'PPI-2026-2.3']);
    const press = await router.handleAction(ana(), {
      actionId: 'tarea.cumplida',
      value: '2.3',
      message: ref,
    });
    const done = await router.handleSubmit(
      ana(),
      'tarea.cumplida',
      { enlace: 'https://intranet.pasto.gov.co/dofa.pdf', nota: '' },
      press.form?.metadata,
    );
    const after = done.ok ? renderText(done.update ?? { blocks: [] }) : '';
    expect(after).toContain('*2.3* · ✅ Cumplida por Ana Analista');
    expect(after).toContain('⏸️ Los recordatorios de la tarea *2.2* quedan en pausa');
    expect(after).not.toContain('[Marcar cumplida]');
  });

  it('an answer in its thread goes to the task it names first; without a code it asks which', async () => {
    const { ref } = await daily();
    const before = snapshot(db);
    const unclear = await router.handleText(ana(), 'https://intranet.pasto.gov.co/dofa.pdf', ref);
    expect(replyText(unclear)).toContain('Este mensaje reúne varios pendientes y no se guardó nada');
    expect(replyText(unclear)).toContain('*2.2*');
    expect(snapshot(db)).toEqual(before);
    const answered = await router.handleText(ana(), '2.3 https://intranet.pasto.gov.co/dofa.pdf Acta', ref);
    expect(replyText(answered)).toContain(
      'La tarea *2.3* quedó cumplida con la evidencia https://intranet.pasto.gov.co/dofa.pdf',
    );
    const done = db
      .select()
      .from(tasks)
      .all()
      .filter((t) => t.doneAt);
    expect(done.map((t) => t.code)).toEqual(['2.3']);
  });
});
