import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tasks } from '../../db/schema/index.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import { COORDINATOR, snapshot, testApp } from '../helpers/app.ts';

describe('/tareas and /tarea', () => {
  it('lists the 29 tasks of the plan grouped by its six activities', async () => {
    const { sayText } = testApp('2026-09-07');
    const text = await sayText(COORDINATOR, '/tareas');
    expect(text).toContain('Todas las tareas · Plan 2026 (29)');
    for (const n of [1, 2, 3, 4, 5, 6]) expect(text).toMatch(new RegExp(`^${n}\\. `, 'm'));
    expect(text.match(/^\s+• /gm)).toHaveLength(29);
  });

  it('lists the overdue tasks on a Bogotá date', async () => {
    const { say } = testApp('2026-09-07');
    const reply = await say(COORDINATOR, 'tareas vencidas');
    const text = renderText(reply);
    expect(text).toContain('Tareas vencidas · Plan 2026 (14)');
    for (const code of [
      '1.1',
      '1.2',
      '2.1',
      '3.1',
      '3.2',
      '3.3',
      '4.1',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
      '5.5',
      '6.1',
      '6.2',
    ]) {
      expect(text).toContain(`*${code}*`);
    }
    expect(text).not.toContain('*2.3*');
  });

  it('filters by activity and by the next 30 days', async () => {
    const { sayText } = testApp('2026-09-07');
    const activity = await sayText(COORDINATOR, '/tareas 4');
    expect(activity).toContain('(5)');
    expect(activity).toContain('*4.5*');
    const upcoming = await sayText(COORDINATOR, '/tareas proximas');
    expect(upcoming).toContain('*2.2*'); // ends 2026-09-30
    expect(upcoming).not.toContain('*2.3*'); // ends 2026-11-30
  });

  it('shows which teams of the directory a task resolved to, or that none did', async () => {
    const { app, sayText } = testApp('2026-10-15');
    const shared = await sayText(COORDINATOR, '/tarea 3.7');
    expect(shared).toContain('Responsable: Equipo MIPG - Líderes de proceso');
    expect(shared).toContain('Equipos responsables: Equipo MIPG, Líderes de proceso');
    app.db.update(tasks).set({ responsible: 'Secretaría de Hacienda' }).where(eq(tasks.code, '2.3')).run();
    const orphan = await sayText(COORDINATOR, '/tarea 2.3');
    expect(orphan).toContain('Equipos responsables: ningún equipo del directorio coincide');
  });

  it('shows one task with what, who, dates, state and expected evidence', async () => {
    const { sayText } = testApp('2026-10-15');
    const text = await sayText(COORDINATOR, '/tarea 2.3');
    expect(text).toContain('Tarea 2.3 · Actualizar la DOFA institucional en caso de ser necesario');
    expect(text).toContain('Estado: 🔵 En curso');
    expect(text).toContain('Fechas: 1 oct – 30 nov 2026');
    expect(text).toContain('Responsable: Equipo MIPG - Oficina de Planeación de Gestión Institucional');
    expect(text).toContain('(1) registro de Dofa actualizada');
    expect(text).toContain('Aún no hay evidencias.');
    expect(text).toContain('[Marcar cumplida] → /cumplida 2.3 <enlace> [nota]');
  });

  it('explains mistakes in Spanish with an example and stores nothing', async () => {
    const { app, sayText } = testApp('2026-09-07');
    const before = snapshot(app);
    const cases: [string, string][] = [
      ['/tarea', 'Falta el código de la tarea.'],
      [
        '/tarea dos',
        'El código de una tarea es <actividad>.<tarea>, por ejemplo 2.3 (en otro plan, con su código: PTH 2.3).',
      ],
      ['/tarea 9.9', 'No existe la tarea 9.9 en el plan 2026.'],
      ['/tareas 9', 'El plan no tiene la actividad 9.'],
      ['/tareas todas', 'Filtro desconocido.'],
      ['/planear algo', 'No conozco la orden «planear»'],
    ];
    for (const [input, message] of cases) {
      const text = await sayText(COORDINATOR, input);
      expect(text, input).toContain(message);
    }
    expect(await sayText(COORDINATOR, '/tarea dos')).toContain('Ejemplo: /tarea 2.3');
    expect(snapshot(app)).toEqual(before);
  });

  it('takes "today" as the Bogotá date late in the evening, not the UTC date', async () => {
    // 2026-08-31 20:30 in Bogotá is already 2026-09-01 in UTC: task 1.2 (ends 2026-08-31) is not overdue yet.
    const evening = testApp('2026-08-31', '20:30');
    expect(evening.clock.now().toISOString().slice(0, 10)).toBe('2026-09-01');
    expect(await evening.sayText(COORDINATOR, '/tarea 1.2')).toContain('Estado: 🔵 En curso');
    const lastMinute = testApp('2026-08-31', '23:59');
    expect(await lastMinute.sayText(COORDINATOR, '/tarea 1.2')).toContain('Estado: 🔵 En curso');
    const nextMorning = testApp('2026-09-01', '00:00');
    expect(await nextMorning.sayText(COORDINATOR, '/tarea 1.2')).toContain('Estado: 🔴 Vencida');
  });
});

describe('/estado tareas', () => {
  it('counts tasks by state per activity and lists the overdue ones', async () => {
    const { sayText } = testApp('2026-09-07');
    const text = await sayText(COORDINATOR, '/estado tareas');
    expect(text).toContain('Estado de las tareas · Plan 2026');
    expect(text).toContain('Vencidas: 14');
    expect(text).toContain('Cumplidas: 0 de 29 (0 %)');
    expect(text).toMatch(/5\. Formular las estrategias del Programa.*\s+5\s+0\s+0\s+0\s+5\s+0 %/);
    expect(text).toContain('Tareas vencidas:');
  });

  it('offers the topics when none is given, and refuses an unknown one', async () => {
    const { sayText } = testApp('2026-09-07');
    const bare = await sayText(COORDINATOR, '/estado');
    expect(bare).toContain('Estado · ¿de qué tema?');
    expect(bare).toContain(
      '*/estado tareas [año] [plan] [pagina <n>]* — Tareas por estado en cada actividad y lista de vencidas.',
    );
    expect(bare).toContain('[Indicadores] → /estado indicadores');
    expect(await sayText(COORDINATOR, '/estado clima')).toContain('No conozco el tema «clima» de /estado.');
  });
});

describe('/ayuda', () => {
  it('lists every command with its usage', async () => {
    const { app, sayText } = testApp();
    const text = await sayText(COORDINATOR, '/ayuda');
    for (const command of app.router.registry.commands.filter((c) => c.name !== 'ayuda')) {
      expect(text).toContain(`*/${command.name}*`);
    }
    expect(text).toContain('/cumplida <código> <enlace> [nota]');
  });
});
