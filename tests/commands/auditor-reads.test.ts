import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/domain/attendance/sessions.ts';
import { SYSTEM } from '../../src/domain/audit/log.ts';
import { COORDINATOR, testApp } from '../helpers/app.ts';

const AUDITOR = 'control.interno@ejemplo.pasto.gov.co';
const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const MEMBER = 'laura.benavides@ejemplo.pasto.gov.co';

describe('Control Interno reads every process, as the coordinator does', () => {
  it('sees the risks of every process, each risk in detail, without the buttons that change them', async () => {
    const { say, sayText } = testApp();
    await say(COORDINATOR, '/reportar riesgos GF https://intranet.pasto.gov.co/riesgos-gf.xlsx');
    const overview = await sayText(AUDITOR, '/estado riesgos');
    expect(overview).toBe(await sayText(COORDINATOR, '/estado riesgos'));
    expect(overview).not.toBe(await sayText(LEADER, '/estado riesgos'));
    const detail = await sayText(AUDITOR, '/riesgo R-GF-01');
    expect(detail).toContain('Riesgo R-GF-01\n');
    expect(detail).toContain('Proceso: GF · Gestión Financiera (ejemplo)');
    expect(await sayText(LEADER, '/riesgo R-GF-01')).toContain(
      'El riesgo R-GF-01 es del proceso GF: solo su proceso, la coordinación, el Equipo MIPG y la Oficina de Control Interno lo ven.',
    );
    const matrix = await sayText(AUDITOR, '/estado riesgos GF');
    expect(matrix).toContain('Matriz de riesgos: Actualizada (por verificar)');
    expect(matrix).not.toContain('[Verificar]');
    expect(await sayText(COORDINATOR, '/estado riesgos GF')).toContain('[Verificar] → /verificar riesgos GF');
  });

  it('lists in /pendientes what waits on the coordination, without the orders only the coordination gives', async () => {
    const { say, sayText } = testApp();
    await say(COORDINATOR, '/reportar riesgos GF https://intranet.pasto.gov.co/riesgos-gf.xlsx');
    const pending = await sayText(AUDITOR, '/pendientes');
    expect(pending).toContain('Reportes de indicadores atrasados por proceso (0 en total):');
    expect(pending).toContain(
      'Matrices de riesgos que la coordinación no ha verificado:\n  • GF · Gestión Financiera (ejemplo) (actualizada (por verificar))\n',
    );
    expect(pending).not.toContain('/verificar');
    expect(await sayText(MEMBER, '/pendientes')).not.toContain('Matrices de riesgos');
  });

  it('sees why an invitee cannot attend, which other invitees do not', async () => {
    const { app, clock, say, sayText } = testApp();
    const session = createSession(app.db, clock, SYSTEM, {
      title: 'Mesa de revisión',
      start: '2026-09-10 09:00',
      end: '2026-09-10 11:00',
      place: 'Sala de juntas',
      taskCode: '',
      invitees: `${LEADER};${MEMBER}`,
      team: '',
      channel: false,
    });
    await say(LEADER, `/asistencia declinar ${session.id} Comisión en Bogotá`);
    expect(await sayText(AUDITOR, `/asistencia ${session.id}`)).toContain(
      'Líder de Gestión del Talento Humano (ejemplo) — Comisión en Bogotá',
    );
    expect(await sayText(MEMBER, `/asistencia ${session.id}`)).not.toContain('Comisión en Bogotá');
  });

  it('sees whom the bot cannot reach on Teams, which a member may not', async () => {
    const { sayText } = testApp();
    expect(await sayText(AUDITOR, '/estado alcance')).toContain('Alcance del bot en Teams');
    expect(await sayText(MEMBER, '/estado alcance')).toContain(
      'Solo la coordinación MIPG y la Oficina de Control Interno pueden ver el alcance del bot.',
    );
  });

  it('is shown no button that would change something, only those that read', async () => {
    const { sayText } = testApp();
    const task = await sayText(AUDITOR, '/tarea 2.3');
    expect(task).toContain('Tarea 2.3');
    expect(task).not.toContain('[Marcar cumplida]');
    expect(await sayText(COORDINATOR, '/tarea 2.3')).toContain('[Marcar cumplida]');
    const menu = await sayText(AUDITOR, '/estado');
    expect(menu).toContain('[Tareas] → /estado tareas');
  });

  it('is told in /ayuda what its role may and may not do', async () => {
    const { sayText } = testApp();
    const line =
      'Usted consulta como Oficina de Control Interno (rol auditor): ve las tareas, los indicadores, los riesgos y la asistencia de todos los procesos, y la bitácora (/bitacora); las órdenes que guardan algo se le rechazan.';
    expect(await sayText(AUDITOR, '/ayuda')).toContain(line);
    expect(await sayText(COORDINATOR, '/ayuda')).not.toContain(line);
  });
});
