import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render.ts';
import type { Block } from '../../../src/chat/reply.ts';
import { addCalendarDays } from '../../../src/domain/clock.ts';
import { currentPlan, tasksOf } from '../../../src/domain/tasks/store.ts';
import { indicatorReportsSection } from '../../../src/scheduler/digest/sections/indicator-reports.ts';
import { catalogLoadedOn } from '../../domain/indicators/catalog-date.ts';
import { COORDINATOR, testApp } from '../../helpers/app.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const LINK = 'https://intranet.pasto.gov.co/indicadores/evidencia.xlsx';

async function withReports() {
  const t = testApp('2026-07-10');
  catalogLoadedOn(t.app.db);
  await t.say(
    LEADER,
    `/reportar indicador GTH-01 2026-T1 30/50 ${LINK} Sin presupuesto en el primer trimestre`,
  );
  t.clock.set('2026-07-13');
  await t.say(LEADER, `/reportar indicador GTH-01 2026-T2 40/50 ${LINK}`);
  await t.say(LEADER, `/reportar indicador GTH-03 2026-06 2/100 ${LINK}`);
  return t;
}

describe('/estado indicadores', () => {
  it('shows per process what is reported, pending and late, the semáforo and the critical ones', async () => {
    const { sayText, clock } = await withReports();
    clock.set('2026-07-15');
    const text = await sayText(COORDINATOR, '/estado indicadores');
    expect(text).toContain('Para cada indicador, el último periodo terminado; los atrasados incluyen');
    expect(text).toMatch(/GTH · Gestión del Talento Humano \(ejemplo\)\s+3\s+2\s+1\s+5\s+1\s+1\s+0/);
    expect(text).toMatch(/AC · Atención al Ciudadano \(ejemplo\)\s+3\s+0\s+0\s+10\s+0\s+0\s+0/);
    expect(text).toContain('Reportados: 2 de 59');
    expect(text).toContain('Semáforo: 🟢 1 · 🟡 1 · 🔴 0');
    expect(text).not.toContain('*GTH-02*');
    expect(text).toContain(
      '⏰ *AC-01* PQRSD respondidas dentro del término · 2026-01 · vence 6 feb 2026 (atrasado)',
    );
  });

  it('for a period lists the indicators of that frequency and the critical ones', async () => {
    const { sayText } = await withReports();
    const text = await sayText(COORDINATOR, '/estado indicadores 2026-t1');
    expect(text).toContain('Periodo 2026-T1 (1.er trimestre de 2026): indicadores trimestrales.');
    expect(text).toContain('🔴 60 % *GTH-01* Cumplimiento del plan de capacitación · 2026-T1 · meta 95 %');
    expect(text).not.toContain('GTH-03');
    expect(await sayText(COORDINATOR, '/estado indicadores 2026-T4')).toContain(
      'El periodo 2026-T4 (4.º trimestre de 2026) aún no ha terminado',
    );
  });

  it('shows the trend of one indicator as text in the terminal and as a chart where images show', async () => {
    const { say, sayText } = await withReports();
    const text = await sayText(LEADER, '/estado indicadores GTH-01');
    expect(text).toContain('Rangos: 🔴 menos de 70 % · 🟡 entre 70 % y 90 % · 🟢 desde 90 %');
    expect(text).toMatch(/2026-T1\s+60 %\s+63,16 %\s+🔴 Crítico\s+reportado fuera de plazo/);
    expect(text).toMatch(/2026-T2\s+80 %\s+84,21 %\s+🟡 Aceptable\s+reportado a tiempo/);
    expect(text).toContain('↗ Mejora 20 puntos frente a 2026-T1.');
    expect(text).not.toContain('imagen disponible');

    const slack = await say(LEADER, '/estado indicadores GTH-01', 'slack');
    const image = slack.blocks.find((b): b is Extract<Block, { kind: 'image' }> => b.kind === 'image');
    expect(image?.title).toBe('Tendencia de GTH-01');
    expect(image?.alt).toBe('Resultados de GTH-01: 2026-T1 60 %, 2026-T2 80 %; meta 95 %.');
    expect([...(image?.png.slice(1, 4) ?? [])]).toEqual([0x50, 0x4e, 0x47]);
    expect(await sayText(LEADER, '/estado indicadores NO-EXISTE')).toContain(
      'No existe el indicador «NO-EXISTE».',
    );
  });
});

describe('one count of late reports', () => {
  it('gives the digest, /estado indicadores and /pendientes the same figure, from the day the catalog was loaded', async () => {
    const t = testApp('2026-09-01'); // the example catalog is loaded today
    await t.say(LEADER, `/reportar indicador GTH-03 2026-09 2/100 ${LINK}`).catch(() => undefined);
    t.clock.set('2026-10-20');
    const date = '2026-10-20';
    const plan = currentPlan(t.app.db, 2026);
    if (!plan) throw new Error('no plan');
    const digest = renderText({
      blocks: indicatorReportsSection.build({
        db: t.app.db,
        date,
        weekEnd: addCalendarDays(date, 6),
        plan,
        plans: [plan],
        tasks: tasksOf(t.app.db, plan.id, date),
      }).blocks,
    });
    const digestLate = Number(/\((\d+) atrasados/.exec(digest)?.[1]);
    const status = await t.sayText(COORDINATOR, '/estado indicadores');
    expect(status).toContain(`Atrasados: ${digestLate}`);
    const pending = await t.sayText(COORDINATOR, '/pendientes');
    expect(pending).toContain(`Reportes de indicadores atrasados por proceso (${digestLate} en total)`);
    // Loaded on 1 September: nothing of the first two quarters is owed.
    expect(status).not.toMatch(/2026-T[12] /);
    expect(digestLate).toBeGreaterThan(0);
    expect(digestLate).toBeLessThan(59);
  });
});

describe('reportes pendientes in /pendientes', () => {
  it('lists a leader’s unreported periods and gives the coordinator the late ones per process', async () => {
    const { sayText, clock } = await withReports();
    clock.set('2026-07-15');
    const leader = await sayText(LEADER, '/pendientes');
    expect(leader).toContain('Reportes pendientes de indicadores:');
    expect(leader).toContain('⏰ *GTH-03* Ausentismo laboral · 2026-01 · vence 6 feb 2026 (atrasado)');
    expect(leader).toContain('⏳ *GTH-02* Evaluaciones de desempeño a tiempo · 2026-S1 · vence 22 jul 2026');
    expect(leader).not.toContain('GTH-01*');
    const coordinator = await sayText(COORDINATOR, '/pendientes');
    expect(coordinator).toContain('Reportes de indicadores atrasados por proceso (');
    expect(coordinator).toContain('⏰ GTH · Gestión del Talento Humano (ejemplo): 5 reportes atrasados');
    const member = await sayText('laura.benavides@ejemplo.pasto.gov.co', '/pendientes');
    expect(member).not.toContain('Reportes pendientes de indicadores');
    expect(member).not.toContain('Reportes de indicadores atrasados');
  });
});
