import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { taskEvents, taskParts, tasks } from '../../db/schema/index.ts';
import { addCalendarDays, bogotaToday } from '../../src/domain/clock.ts';
import { type Person, peopleResponsibleFor, peopleWithRole } from '../../src/domain/directory/people.ts';
import { requireTask } from '../../src/domain/tasks/actions.ts';
import { taskReminders } from '../../src/scheduler/reminders/tasks.ts';
import { COORDINATOR, snapshot, testApp } from '../helpers/app.ts';
import { testConfig } from '../scheduler/fixtures.ts';

const LINK = 'https://intranet.pasto.gov.co/partes-interesadas/gth.xlsx';

function setup(date = '2026-03-10') {
  const t = testApp(date);
  const leaders = peopleWithRole(t.app.db, 'lider').filter((p) => p.processCode !== null);
  const [gth, other] = leaders;
  const mipg = peopleResponsibleFor(t.app.db, 'Equipo MIPG').find((p) => p.role !== 'coordinador');
  if (!gth || !other || !mipg) throw new Error('the example directory lacks two leaders or an MIPG member');
  return { ...t, gth, other, mipg };
}

/** The e-mails a run of the task reminders on `date` would write to about `code`. */
async function remindedAbout(t: ReturnType<typeof setup>, code: string): Promise<string[]> {
  const run = {
    db: t.app.db,
    clock: t.clock,
    config: testConfig(),
    date: bogotaToday(t.clock),
    since: addCalendarDays(bogotaToday(t.clock), -1),
    pause: async () => {},
  };
  return (await taskReminders.plan(run))
    .filter((d) => d.about?.subject === code && d.to !== 'channel')
    .map((d) => (d.to as Person).email);
}

describe('shared tasks: one part per process or N numbered parts', () => {
  it('the coordinator splits 1.1 by process; a leader completes only their process part', async () => {
    const t = setup();
    const { app, sayText, gth, other } = t;
    expect(await sayText(COORDINATOR, '/tarea 1.1 partes procesos')).toContain(
      'La tarea *1.1* quedó con una parte por proceso: 29 en total.',
    );
    const reply = await sayText(gth.email, `/cumplida 1.1 ${LINK} Inventario actualizado`);
    expect(reply).toContain(`✅ Quedó cumplida la parte ${gth.processCode}`);
    expect(reply).toContain('Avance: 1 de 29 procesos.');

    const task = requireTask(app.db, t.clock, '1.1');
    expect(task.status).toBe('en_curso');
    expect(task.doneAt).toBeNull();
    expect(task.parts?.items.filter((p) => p.doneAt).map((p) => p.processCode)).toEqual([gth.processCode]);

    const detail = await sayText(COORDINATOR, '/tarea 1.1');
    expect(detail).toContain('Avance por partes:* 1 de 29 procesos');
    expect(detail).toContain(`Faltan: `);
    expect(detail).toContain(other.processCode ?? '');
    const owing = detail.split('Faltan: ')[1]?.split('\n')[0]?.split(', ') ?? [];
    expect(owing).toHaveLength(28);
    expect(owing).not.toContain(gth.processCode);
  });

  it('refuses another process part to a leader, leaving the database as it was', async () => {
    const t = setup();
    await t.sayText(COORDINATOR, '/tarea 1.1 partes procesos');
    const before = snapshot(t.app);
    const reply = await t.sayText(t.other.email, `/cumplida 1.1 ${t.gth.processCode} ${LINK}`);
    expect(reply).toContain(`No puede registrar la parte ${t.gth.processCode}`);
    expect(snapshot(t.app)).toEqual(before);
  });

  it('the task is done when its last part is, and a process stops being reminded once its part is done', async () => {
    const t = setup('2026-03-31');
    const { app, gth } = t;
    await t.sayText(COORDINATOR, '/tarea 1.1 partes procesos');
    const reporters = await remindedAbout(t, '1.1');
    expect(reporters).toContain(gth.email);
    await t.sayText(gth.email, `/cumplida 1.1 ${LINK}`);
    const after = await remindedAbout(t, '1.1');
    expect(after).not.toContain(gth.email);
    expect(after.length).toBeGreaterThan(0);

    // The coordination records every remaining part by process code: the last one closes the task.
    const task = requireTask(app.db, t.clock, '1.1');
    const open = task.parts?.items.filter((p) => p.doneAt === null) ?? [];
    for (const part of open) {
      await t.sayText(
        COORDINATOR,
        `/cumplida 1.1 ${part.processCode} https://intranet.pasto.gov.co/pi/${part.position}.xlsx`,
      );
    }
    const done = requireTask(app.db, t.clock, '1.1');
    expect(done.status).toBe('cumplida');
    expect(done.parts).toMatchObject({ done: 29, target: 29 });
    expect(app.db.select().from(tasks).where(eq(tasks.code, '1.1')).get()?.doneAt).not.toBeNull();
    expect(await remindedAbout(t, '1.1')).toEqual([]);
  });

  it('numbered parts: /tarea 2.1 meta 8, each /cumplida records the next one', async () => {
    const t = setup('2026-04-10');
    expect(await t.sayText(COORDINATOR, '/tarea 2.1 meta 8')).toContain('8 partes numeradas: 8 en total');
    await t.sayText(t.mipg.email, '/cumplida 2.1 https://intranet.pasto.gov.co/ctx/1.pdf');
    const second = await t.sayText(t.mipg.email, '/cumplida 2.1 https://intranet.pasto.gov.co/ctx/2.pdf');
    expect(second).toContain('✅ Quedó cumplida la parte 2 de la tarea *2.1*');
    expect(second).toContain('Avance: 2 de 8.');
    expect(await t.sayText(COORDINATOR, '/estado tareas')).toContain('2 de 8');
  });

  it('rejects a bad target and a bad split in Spanish without storing anything', async () => {
    const t = setup();
    const before = snapshot(t.app);
    expect(await t.sayText(COORDINATOR, '/tarea 2.1 meta ocho')).toContain('«ocho» no es una meta válida.');
    expect(await t.sayText(COORDINATOR, '/tarea 2.1 meta 1')).toContain(
      'La meta debe ser un número entero de 2 a 500.',
    );
    expect(await t.sayText(COORDINATOR, '/tarea 2.1 partes todas')).toContain(
      'no es una forma de partes conocida',
    );
    expect(await t.sayText(t.gth.email, '/tarea 2.1 meta 8')).toContain(
      'Solo la coordinación MIPG puede definir',
    );
    expect(snapshot(t.app)).toEqual(before);
  });

  it('the coordinator closes a shared task with a reason, and reopens one part', async () => {
    const t = setup('2026-03-20');
    await t.sayText(COORDINATOR, '/tarea 1.1 partes procesos');
    await t.sayText(t.gth.email, `/cumplida 1.1 ${LINK}`);
    expect(await t.sayText(COORDINATOR, '/reabrir 1.1 parte')).toContain('Falta la parte.');
    const reopened = await t.sayText(
      COORDINATOR,
      `/reabrir 1.1 parte ${t.gth.processCode} Le falta la firma`,
    );
    expect(reopened).toContain('quedó abierta de nuevo (0 de 29 procesos)');
    const closed = await t.sayText(
      COORDINATOR,
      '/tarea 1.1 cerrar Los procesos entregaron en la mesa de trabajo',
    );
    expect(closed).toContain('quedó cerrada');
    const task = requireTask(t.app.db, t.clock, '1.1');
    expect(task).toMatchObject({
      status: 'cumplida',
      closedReason: 'Los procesos entregaron en la mesa de trabajo',
    });
    const kinds = t.app.db
      .select({ kind: taskEvents.kind, reason: taskEvents.reason })
      .from(taskEvents)
      .innerJoin(tasks, eq(tasks.id, taskEvents.taskId))
      .where(eq(tasks.code, '1.1'))
      .all();
    expect(kinds).toEqual([
      { kind: 'parte_cumplida', reason: null },
      { kind: 'parte_reabierta', reason: 'Le falta la firma' },
      { kind: 'cerrada', reason: 'Los procesos entregaron en la mesa de trabajo' },
    ]);
    expect(
      t.app.db
        .select()
        .from(taskParts)
        .all()
        .filter((p) => p.doneAt).length,
    ).toBe(0);
  });

  it('«Marcar cumplida» on a shared task asks which part, the leader’s own process chosen', async () => {
    const t = setup();
    await t.sayText(COORDINATOR, '/tarea 1.1 partes procesos');
    const incoming = { person: t.gth, platform: 'slack' as const };
    const opened = await t.app.router.handleAction(incoming, { actionId: 'tarea.cumplida', value: '1.1' });
    const field = opened.form?.fields.find((f) => f.id === 'parte');
    expect(field).toMatchObject({ label: 'Proceso', kind: 'select', initial: t.gth.processCode });
    expect(field?.options).toHaveLength(29);
    const done = await t.app.router.handleSubmit(
      incoming,
      'tarea.cumplida',
      { parte: t.gth.processCode ?? '', enlace: LINK, nota: '' },
      opened.form?.metadata,
    );
    expect(done.ok).toBe(true);
    const again = await t.app.router.handleAction(incoming, { actionId: 'tarea.cumplida', value: '1.1' });
    expect(again.form?.fields.find((f) => f.id === 'parte')?.options).toHaveLength(28);
  });
});
