import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, tasks } from '../../db/schema/index.ts';
import { SYSTEM } from '../../src/domain/audit/log.ts';
import { addCalendarDays, bogotaToday } from '../../src/domain/clock.ts';
import { type Person, peopleResponsibleFor } from '../../src/domain/directory/people.ts';
import { closeVigencia } from '../../src/domain/progress/vigencias.ts';
import { sheetCsv, tableFromCsv } from '../../src/domain/tabular.ts';
import { copyPlan } from '../../src/domain/tasks/plan-copy.ts';
import { applyPlan } from '../../src/domain/tasks/plan-import.ts';
import { parsePlanMatrix } from '../../src/domain/tasks/plan-matrix.ts';
import { taskReminders } from '../../src/scheduler/reminders/tasks.ts';
import { COORDINATOR, snapshot, testApp } from '../helpers/app.ts';
import { testConfig } from '../scheduler/fixtures.ts';

const LINK = 'https://intranet.pasto.gov.co/mipg/informe-cierre.pdf';

type T = ReturnType<typeof testApp>;

/** Loads the 2027 PPI the way the office would: 2026's matrix copied a year ahead and imported back. */
function loadPlan2027(t: T): void {
  const copy = copyPlan(t.app.db, t.clock, 'PPI', 2026, 2027);
  const parsed = parsePlanMatrix(tableFromCsv(sheetCsv(copy.sheet)), { year: 2027 });
  applyPlan(t.app.db, t.clock, SYSTEM, parsed, 'plan-PPI-2027.csv', { code: 'PPI', name: copy.title });
}

/** The subjects a run of the task reminders on the clock's date would write about. */
async function remindedSubjects(t: T): Promise<string[]> {
  const date = bogotaToday(t.clock);
  const run = {
    db: t.app.db,
    clock: t.clock,
    config: testConfig(),
    date,
    since: addCalendarDays(date, -1),
    pause: async () => {},
  };
  return [...new Set((await taskReminders.plan(run)).flatMap((d) => (d.about ? [d.about.subject] : [])))];
}

function mipgMember(t: T): Person {
  const member = peopleResponsibleFor(t.app.db, 'Equipo MIPG').find((p) => p.role !== 'coordinador');
  if (!member) throw new Error('the example directory has no MIPG team member');
  return member;
}

describe('vigencias: the plan in force by date', () => {
  it('switches from 2026 to 2027 at midnight in Bogotá when the 2027 plan is loaded', async () => {
    const t = testApp('2026-12-31', '23:59');
    loadPlan2027(t);
    expect(await t.sayText(COORDINATOR, '/estado tareas')).toContain('Estado de las tareas · Plan 2026');
    t.clock.set('2027-01-01', '00:00');
    const january = await t.sayText(COORDINATOR, '/estado tareas');
    expect(january).toContain('Estado de las tareas · Plan 2027');
    expect(january).toContain('No hay tareas vencidas.');
  });

  it('keeps 2026 in force in January while no 2027 plan is loaded', async () => {
    const t = testApp('2026-12-31', '23:59');
    expect(await t.sayText(COORDINATOR, '/estado tareas')).toContain('Plan 2026');
    t.clock.set('2027-01-01', '00:00');
    expect(await t.sayText(COORDINATOR, '/estado tareas')).toContain('Estado de las tareas · Plan 2026');
  });

  it('reads 2026 whole in 2027 with /estado tareas 2026 and --vigencia 2026', async () => {
    const t = testApp('2026-12-20');
    await t.sayText(COORDINATOR, `/cumplida 2.2 ${LINK}`);
    loadPlan2027(t);
    t.clock.set('2027-01-05');
    for (const asked of ['/estado tareas 2026', '/estado tareas --vigencia 2026']) {
      const text = await t.sayText(COORDINATOR, asked);
      expect(text).toContain('Estado de las tareas · Plan 2026');
      expect(text).toContain('1 de 29');
      expect(text).toContain('*3.7* Tomar acciones correctivas');
    }
    expect(await t.sayText(COORDINATOR, '/estado tareas 2026 pagina 2')).toContain('Plan 2026');
    expect(await t.sayText(COORDINATOR, '/estado tareas 2025')).toContain(
      'No hay planes de la vigencia 2025.',
    );
  });
});

describe('vigencias: overdue work of a year that ended', () => {
  it('reminds an overdue 2026 task in January 2027 until 2026 is closed', async () => {
    const t = testApp('2026-12-20');
    loadPlan2027(t);
    t.clock.set('2027-01-05');
    expect(await remindedSubjects(t)).toContain('PPI-2026-4.5');
    closeVigencia(t.app.db, t.clock, t.person(COORDINATOR), 2026);
    expect((await remindedSubjects(t)).filter((s) => s.startsWith('PPI-2026-'))).toEqual([]);
  });

  it('reminds it by its bare code while 2026 is still the vigencia in force', async () => {
    const t = testApp('2026-12-20');
    t.clock.set('2027-01-05');
    expect(await remindedSubjects(t)).toContain('4.5');
  });
});

describe('vigencias: a closed year changes only by the coordinator, with a reason', () => {
  async function closed2026() {
    const t = testApp('2026-12-20');
    await t.sayText(COORDINATOR, `/cumplida 2.2 ${LINK}`);
    loadPlan2027(t);
    t.clock.set('2027-01-05');
    closeVigencia(t.app.db, t.clock, t.person(COORDINATOR), 2026);
    return t;
  }

  it('refuses every task write without a reason, for everyone, and stores nothing', async () => {
    const t = await closed2026();
    const member = mipgMember(t);
    const before = snapshot(t.app);
    const attempts: [string, string][] = [
      [member.email, `/cumplida PPI 2026 4.5 ${LINK}`],
      [member.email, `/evidencia PPI 2026 4.5 ${LINK}`],
      [member.email, '/posponer PPI 2026 4.5'],
      [member.email, '/necesito-ayuda PPI 2026 4.5 No alcanzamos'],
      [member.email, `/cumplida PPI 2026 1.1 GTH ${LINK}`],
      [COORDINATOR, `/cumplida PPI 2026 4.5 ${LINK}`],
      [COORDINATOR, '/reabrir PPI 2026 2.2'],
      [COORDINATOR, '/verificar tarea PPI 2026 2.2'],
      [COORDINATOR, '/tarea PPI 2026 1.2 partes ninguna'],
      [COORDINATOR, `/cumplida PPI 2026 4.5 ${LINK} --motivo`],
    ];
    for (const [who, text] of attempts) {
      const reply = await t.sayText(who, text);
      expect(reply, text).toContain('La vigencia 2026 se cerró el 5 de enero de 2027');
    }
    expect(await t.sayText(member.email, `/cumplida PPI 2026 4.5 ${LINK}`)).toContain(
      'pídalo a la coordinación MIPG',
    );
    expect(await t.sayText(COORDINATOR, `/cumplida PPI 2026 4.5 ${LINK}`)).toContain(
      `/cumplida PPI 2026 4.5 <enlace> --motivo <motivo>`,
    );
    expect(snapshot(t.app)).toEqual(before);
    // The bare code is this year's task, which stays open to changes.
    expect(await t.sayText(member.email, `/evidencia 4.5 ${LINK}`)).toContain('Se registró la evidencia');
  });

  it('accepts the coordinator’s change with a reason, and audits the reason', async () => {
    const t = await closed2026();
    const reason = 'El informe se firmó el 30 de diciembre y se cargó tarde';
    const reply = await t.sayText(
      COORDINATOR,
      `/cumplida PPI 2026 4.5 ${LINK} Informe final --motivo ${reason}`,
    );
    expect(reply).toContain('quedó cumplida');
    const task = t.app.db.select().from(tasks).where(eq(tasks.code, '4.5')).all();
    expect(task.filter((row) => row.doneAt !== null)).toHaveLength(1);
    const audited = t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'vigencia.excepcion'), eq(auditLog.entityId, '4.5')))
      .all();
    expect(audited).toHaveLength(1);
    expect(audited[0]?.after).toEqual({
      vigencia: 2026,
      cambio: 'tarea.cumplida',
      reason,
    });
    const reopened = await t.sayText(COORDINATOR, '/reabrir PPI 2026 2.2 La evidencia era de otra vigencia');
    expect(reopened).toContain('quedó abierta de nuevo');
    const log = await t.sayText(COORDINATOR, '/bitacora');
    expect(log).toContain('cambió una tarea de una vigencia cerrada, con un motivo');
  });
});
