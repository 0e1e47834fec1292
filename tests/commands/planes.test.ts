import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, openMigratedDatabase } from '../../db/client.ts';
import * as schema from '../../db/schema/index.ts';
import { auditLog, deliveries, evidence, plans, taskEvents, tasks } from '../../db/schema/index.ts';
import { auditAll, SYSTEM } from '../../src/domain/audit/log.ts';
import { verifyAuditChain } from '../../src/domain/audit/verify.ts';
import { vigenciaSnapshot } from '../../src/domain/progress/cuts.ts';
import { publicSite } from '../../src/domain/publication/site.ts';
import { importPlanFile } from '../../src/domain/tasks/plan-file.ts';
import { MATRIX_HEADERS } from '../../src/domain/tasks/plan-matrix.ts';
import { COORDINATOR, TestClock, testApp } from '../helpers/app.ts';

const MIPG_MEMBER = 'ana.mipg@ejemplo.pasto.gov.co';

/** A second plan of 2026 as the office would fill the matrix: its task 2.3 has the PPI's code. */
async function talentPlanXlsx(): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('PTH 2026');
  const h = MATRIX_HEADERS;
  sheet.addRow([h.code, h.activity, h.what, h.title, h.responsible, h.start, h.end, h.evidence]);
  const act1 = 'Planear el talento humano';
  const act2 = 'Bienestar e incentivos';
  sheet.addRow([
    '1.1',
    act1,
    'Diagnóstico',
    'Formular el diagnóstico de talento humano',
    'Equipo MIPG',
    '2026-02-01',
    '2026-03-31',
    '(1) diagnóstico',
  ]);
  sheet.addRow([
    '2.1',
    act2,
    'Bienestar',
    'Aprobar el plan de bienestar',
    'Equipo MIPG',
    '2026-03-01',
    '2026-04-30',
    '(1) acta',
  ]);
  sheet.addRow([
    '2.3',
    act2,
    'Incentivos',
    'Entregar los incentivos del año',
    'Equipo MIPG',
    '2026-10-01',
    '2026-11-30',
    '(1) resolución',
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'mipg-pth-')), 'pth-2026.xlsx');
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
  return file;
}

async function twoPlans() {
  const t = testApp('2026-10-15');
  const mipg = t.app.db
    .select()
    .from(schema.people)
    .all()
    .find((p) => p.email.startsWith('ana'));
  const file = await talentPlanXlsx();
  const report = await importPlanFile(t.app.db, t.clock, SYSTEM, file, {
    code: 'pth',
    name: 'Plan Estratégico de Talento Humano',
  });
  return { ...t, report, member: mipg?.email ?? MIPG_MEMBER, file };
}

describe('several plans in one vigencia', () => {
  it('imports a second plan from an XLSX with its own code, next to the seed’s PPI', async () => {
    const { app, report } = await twoPlans();
    expect(report).toMatchObject({ year: 2026, planCode: 'PTH', added: ['1.1', '2.1', '2.3'] });
    expect(
      app.db.select({ code: plans.code, year: plans.year, title: plans.title }).from(plans).all(),
    ).toEqual([
      { code: 'PPI', year: 2026, title: 'Política de Planeación Institucional 2026' },
      { code: 'PTH', year: 2026, title: 'Plan Estratégico de Talento Humano' },
    ]);
  });

  it('asks which task when two plans share a code, listing both; a qualified code finds each', async () => {
    const { sayText } = await twoPlans();
    const ambiguous = await sayText(COORDINATOR, '/tarea 2.3');
    expect(ambiguous).toContain('Hay 2 tareas 2.3: PPI 2.3 (2026) «');
    expect(ambiguous).toContain('PTH 2.3 (2026) «Entregar los incentivos del año»');
    expect(ambiguous).toContain('/tarea PTH 2.3');
    expect(await sayText(COORDINATOR, '/tarea PTH 2.3')).toContain(
      'Tarea PTH 2.3 · Entregar los incentivos del año',
    );
    expect(await sayText(COORDINATOR, '/tarea PPI 2.3')).toContain('Tarea 2.3 · ');
    // A code only one plan has still works alone.
    expect(await sayText(COORDINATOR, '/tarea 1.4')).toContain('Tarea 1.4 · ');
  });

  it('records a task of the second plan under its qualified code, leaving the PPI’s alone', async () => {
    const { app, sayText } = await twoPlans();
    const link = 'https://intranet.pasto.gov.co/talento/resolucion-incentivos.pdf';
    expect(await sayText(COORDINATOR, `/cumplida PTH 2.3 ${link}`)).toContain(
      'La tarea *PTH 2.3* quedó cumplida',
    );
    const rows = app.db
      .select({ code: tasks.code, planId: tasks.planId, doneAt: tasks.doneAt })
      .from(tasks)
      .all();
    const pth = app.db
      .select()
      .from(plans)
      .all()
      .find((p) => p.code === 'PTH');
    expect(rows.filter((r) => r.code === '2.3' && r.doneAt !== null).map((r) => r.planId)).toEqual([pth?.id]);
    const logged = app.db
      .select()
      .from(auditLog)
      .all()
      .filter((e) => e.action === 'tarea.cumplida');
    expect(logged.map((e) => e.entityId)).toEqual(['PTH 2.3']);
  });

  it('/estado tareas shows one line per plan, and a plan’s activities on request', async () => {
    const { sayText } = await twoPlans();
    const all = await sayText(COORDINATOR, '/estado tareas');
    expect(all).toContain('Estado de las tareas · Plan de Acción 2026');
    expect(all).toMatch(/PPI · Política de Planeación Institu/);
    expect(all).toMatch(/PTH · Plan Estratégico de Talento Hum/);
    const one = await sayText(COORDINATOR, '/estado tareas pth');
    expect(one).toContain('Estado de las tareas · PTH · Plan Estratégico de Talento Humano');
    expect(one).toContain('2. Bienestar e incentivos');
    expect(await sayText(COORDINATOR, '/estado tareas PIC')).toContain(
      'No hay un plan «PIC» en la vigencia 2026.',
    );
    const list = await sayText(COORDINATOR, '/tareas PTH');
    expect(list).toContain('PTH 2.1');
    expect(list).not.toContain(' 1.4 ');
  });

  it('the public page and /estado plan cover every plan of the vigencia, each plan’s activities on their own page', async () => {
    const { app, sayText } = await twoPlans();
    const snapshot = vigenciaSnapshot(app.db, 2026, '2026-10-15', '2026-10-01');
    const site = publicSite(snapshot, [], '2026-10-15T15:00:00.000Z');
    expect([...site.keys()].filter((f) => f.startsWith('actividad-')).sort()).toEqual([
      'actividad-1.html',
      'actividad-2.html',
      'actividad-3.html',
      'actividad-4.html',
      'actividad-5.html',
      'actividad-6.html',
      'actividad-pth-1.html',
      'actividad-pth-2.html',
    ]);
    const pth2 = String(site.get('actividad-pth-2.html'));
    expect(pth2).toContain('Actividad PTH 2. Bienestar e incentivos');
    expect(pth2).toContain('PTH 2.3');
    expect(pth2).not.toContain('Actualizar la DOFA');
    expect(snapshot.counts.total).toBe(32);
    expect(await sayText(COORDINATOR, '/estado plan')).toContain('Cumplidas: 0 de 32');
  });

  it('a plan has an owner team and a leader from the directory; unknown ones are refused', async () => {
    const t = testApp('2026-10-15');
    const file = await talentPlanXlsx();
    await expect(
      importPlanFile(t.app.db, t.clock, SYSTEM, file, {
        code: 'PTH',
        name: 'Talento',
        ownerTeam: 'Talento Humano',
      }),
    ).rejects.toThrow('No hay un equipo «Talento Humano» en el directorio.');
    expect(t.app.db.select().from(plans).all()).toHaveLength(1);
    await importPlanFile(t.app.db, t.clock, SYSTEM, file, {
      code: 'PTH',
      name: 'Talento',
      ownerTeam: 'equipo mipg',
      leaderEmail: COORDINATOR,
    });
    const pth = t.app.db
      .select()
      .from(plans)
      .all()
      .find((p) => p.code === 'PTH');
    const leader = t.app.db
      .select()
      .from(schema.people)
      .all()
      .find((p) => p.email === COORDINATOR);
    expect(pth).toMatchObject({ ownerTeam: 'Equipo MIPG', leaderId: leader?.id });
  });

  it('a new plan other than the PPI needs its name; a bad code is refused in Spanish', async () => {
    const t = testApp('2026-10-15');
    const file = await talentPlanXlsx();
    await expect(importPlanFile(t.app.db, t.clock, SYSTEM, file, { code: 'PIC' })).rejects.toThrow(
      'Falta el nombre del plan PIC.',
    );
    await expect(importPlanFile(t.app.db, t.clock, SYSTEM, file, { code: 'P-1', name: 'x' })).rejects.toThrow(
      '«P-1» no es un código de plan válido.',
    );
    expect(t.app.db.select().from(plans).all()).toHaveLength(1);
  });
});

describe('a database of the previous version', () => {
  it('migrates with its plan as PPI and its tasks, evidence, history, audit and ledger keys intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mipg-planes-'));
    const oldMigrations = join(dir, 'migrations');
    cpSync(migrationsFolder, oldMigrations, { recursive: true });
    const journalPath = join(oldMigrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(
      0,
      journal.entries.findIndex((e) => e.tag.endsWith('several_plans_per_vigencia')),
    );
    writeFileSync(journalPath, JSON.stringify(journal));
    const file = join(dir, 'mipg.db');
    const sqlite = new Database(file);
    const old = drizzle(sqlite, { schema });
    migrate(old, { migrationsFolder: oldMigrations });
    sqlite
      .prepare(
        "INSERT INTO plans (id, year, title, source, imported_at) VALUES (1, 2026, 'Política 2026', 's.txt', '2026-01-02T13:00:00.000Z')",
      )
      .run();
    sqlite
      .prepare("INSERT INTO activities (id, plan_id, number, name) VALUES (1, 1, 2, 'Diagnóstico')")
      .run();
    old
      .insert(tasks)
      .values({
        id: 7,
        planId: 1,
        activityId: 1,
        code: '2.3',
        position: 0,
        what: 'DOFA',
        title: 'Actualizar la DOFA',
        responsible: 'Equipo MIPG',
        startDate: '2026-10-01',
        endDate: '2026-11-30',
        doneAt: '2026-10-20T15:00:00.000Z',
      })
      .run();
    old
      .insert(evidence)
      .values({
        taskId: 7,
        url: 'https://intranet.pasto.gov.co/dofa.pdf',
        createdAt: '2026-10-20T15:00:00.000Z',
      })
      .run();
    old.insert(taskEvents).values({ taskId: 7, kind: 'cumplida', at: '2026-10-20T15:00:00.000Z' }).run();
    auditAll(old as never, new TestClock('2026-10-20', '10:00'), SYSTEM, [
      {
        action: 'tarea.cumplida',
        entity: 'tarea',
        entityId: '2.3',
        after: { doneAt: '2026-10-20T15:00:00.000Z' },
      },
    ]);
    old
      .insert(deliveries)
      .values({
        kind: 'recordatorio.tarea',
        period: '2026:2.3:2026-10-16',
        recipient: 'persona:1@slack',
        subject: '2.3',
        status: 'sent',
        payload: { reply: { blocks: [] } },
        dueAt: '2026-10-16T13:00:00.000Z',
        claimedAt: '2026-10-16T13:00:00.000Z',
        claimedBy: 'test',
      })
      .run();
    const before = {
      tasks: sqlite.prepare('SELECT * FROM tasks').all(),
      evidence: sqlite.prepare('SELECT * FROM evidence').all(),
      events: sqlite.prepare('SELECT * FROM task_events').all(),
      audit: sqlite.prepare('SELECT * FROM audit_log').all(),
      deliveries: sqlite.prepare('SELECT * FROM deliveries').all(),
    };
    sqlite.close();

    const db = openMigratedDatabase(file);
    expect(db.select({ id: plans.id, code: plans.code, year: plans.year }).from(plans).all()).toEqual([
      { id: 1, code: 'PPI', year: 2026 },
    ]);
    const raw = db.$client;
    expect(raw.prepare('SELECT * FROM tasks').all()).toEqual(before.tasks);
    expect(raw.prepare('SELECT * FROM evidence').all()).toEqual(before.evidence);
    expect(raw.prepare('SELECT * FROM task_events').all()).toEqual(before.events);
    expect(raw.prepare('SELECT * FROM audit_log').all()).toEqual(before.audit);
    expect(raw.prepare('SELECT * FROM deliveries').all()).toEqual(before.deliveries);
    expect(verifyAuditChain(db).problems).toEqual([]);
    db.$client.close();
  });
});
