import { describe, expect, it } from 'vitest';
import { riskMatrices } from '../../db/schema/index.ts';
import type { Block } from '../../src/chat/reply.ts';
import { COORDINATOR, snapshot } from '../helpers/app.ts';
import { captureLogs } from '../helpers/logs.ts';
import {
  AC_MEMBER,
  DELEGATE_GTH,
  LEADER_GF,
  LEADER_GTH,
  MATRIX_URL,
  MIPG_MEMBER,
  riskApp,
} from './riesgos-helpers.ts';

function matrixRow(app: ReturnType<typeof riskApp>['app']) {
  return app.db.select().from(riskMatrices).all();
}

function auditActions(app: ReturnType<typeof riskApp>['app'], entity: string) {
  return app.db.$client
    .prepare('SELECT action, actor FROM audit_log WHERE entity = ? ORDER BY id')
    .all(entity) as { action: string; actor: string }[];
}

function buttons(blocks: Block[]): string[] {
  return blocks.flatMap((b) =>
    b.kind === 'actions' ? b.buttons.map((x) => `${x.label}:${x.actionId}:${x.value}`) : [],
  );
}

describe('the matrix update cycle: pendiente → actualizada → devuelta → actualizada → verificada', () => {
  it('runs end to end with each notice reaching the right people', async () => {
    const { app, sayText, person, platform } = riskApp();

    const reported = await sayText(
      LEADER_GTH,
      `/reportar riesgos ${MATRIX_URL} Incluye los riesgos fiscales`,
    );
    expect(reported).toContain('La matriz de riesgos del proceso GTH quedó *actualizada*');
    expect(matrixRow(app)).toMatchObject([
      { year: 2026, state: 'actualizada', evidenceUrl: MATRIX_URL, note: 'Incluye los riesgos fiscales' },
    ]);
    const [toCoordinator] = platform.to(COORDINATOR);
    expect(toCoordinator?.text).toContain('Matriz de riesgos actualizada · GTH');
    expect(toCoordinator?.text).toContain(
      `@Líder de Gestión del Talento Humano (ejemplo) reportó actualizada la matriz de riesgos del proceso GTH`,
    );
    expect(buttons(toCoordinator?.reply.blocks ?? [])).toEqual([
      'Verificar:riesgos.verificar:GTH',
      'Devolver con observaciones:riesgos.devolver:GTH',
    ]);

    const returned = await sayText(
      COORDINATOR,
      '/verificar riesgos GTH devolver Falta valorar los controles de R-GTH-02',
    );
    expect(returned).toContain(
      'La matriz de riesgos del proceso GTH quedó *devuelta* con observaciones. Se avisó al líder',
    );
    expect(matrixRow(app)[0]).toMatchObject({
      state: 'devuelta',
      observations: 'Falta valorar los controles de R-GTH-02',
    });
    for (const email of [LEADER_GTH, DELEGATE_GTH]) {
      const notice = platform.to(email).at(-1);
      expect(notice?.text).toContain('Matriz de riesgos devuelta · GTH');
      expect(notice?.text).toContain('Falta valorar los controles de R-GTH-02');
      expect(buttons(notice?.reply.blocks ?? [])).toEqual([
        'Reportar matriz actualizada:riesgos.reportar:GTH',
      ]);
    }
    expect(await sayText(LEADER_GTH, '/pendientes')).toContain(
      'GTH · devuelta: Falta valorar los controles de R-GTH-02 · repórtela a más tardar el 30 nov 2026 (tarea 4.3)',
    );

    // The leader answers in the thread of the returned-matrix notice with the corrected link.
    const thread = platform.to(LEADER_GTH).at(-1)?.ref;
    const again = await app.router.handleText(
      { person: person(LEADER_GTH), platform: 'slack' },
      'Corregida https://intranet.pasto.gov.co/riesgos/gth-2026-v2.xlsx',
      thread,
    );
    expect(again.blocks[0]).toMatchObject({ kind: 'text' });
    expect(matrixRow(app)[0]).toMatchObject({
      state: 'actualizada',
      evidenceUrl: 'https://intranet.pasto.gov.co/riesgos/gth-2026-v2.xlsx',
      note: 'Corregida',
    });
    expect(await sayText(COORDINATOR, '/pendientes')).toContain(
      'Matrices de riesgos por verificar:\n  • GTH · Gestión del Talento Humano (ejemplo) (actualizada (por verificar)) · /verificar riesgos GTH',
    );

    const verified = await sayText(COORDINATOR, '/verificar riesgos GTH');
    expect(verified).toContain('La matriz de riesgos del proceso GTH quedó *verificada*.');
    expect(platform.to(LEADER_GTH).at(-1)?.text).toContain('verificó la matriz de riesgos del proceso GTH');
    expect(await sayText(COORDINATOR, '/estado riesgos')).toContain('Verificadas: 1');

    expect(auditActions(app, 'matriz_riesgos')).toEqual([
      { action: 'matriz_riesgos.reportar', actor: LEADER_GTH },
      { action: 'matriz_riesgos.devolver', actor: COORDINATOR },
      { action: 'matriz_riesgos.reportar', actor: LEADER_GTH },
      { action: 'matriz_riesgos.verificar', actor: COORDINATOR },
    ]);
  });

  it('works from the buttons and forms as well', async () => {
    const { app, person, platform } = riskApp();
    const leader = { person: person(LEADER_GTH), platform: 'slack' as const };
    const coordinator = { person: person(COORDINATOR), platform: 'slack' as const };

    const open = await app.router.handleAction(leader, { actionId: 'riesgos.reportar', value: 'GTH' });
    expect(open.form).toMatchObject({
      id: 'riesgos.reportar',
      metadata: 'GTH',
      title: 'Matriz de riesgos GTH',
    });
    const bad = await app.router.handleSubmit(leader, 'riesgos.reportar', { enlace: 'matriz.xlsx' }, 'GTH');
    expect(bad).toMatchObject({ ok: false, errors: { enlace: expect.stringContaining('enlace http(s)') } });
    expect(matrixRow(app)).toEqual([]);
    const sent = await app.router.handleSubmit(
      leader,
      'riesgos.reportar',
      { enlace: MATRIX_URL, nota: '' },
      'GTH',
    );
    expect(sent.ok).toBe(true);

    const returnForm = await app.router.handleAction(coordinator, {
      actionId: 'riesgos.devolver',
      value: 'GTH',
    });
    expect(returnForm.form?.fields.map((f) => f.id)).toEqual(['observaciones']);
    const empty = await app.router.handleSubmit(
      coordinator,
      'riesgos.devolver',
      { observaciones: ' ' },
      'GTH',
    );
    expect(empty).toMatchObject({
      ok: false,
      errors: { observaciones: 'Escriba qué debe corregir el líder.' },
    });
    await app.router.handleSubmit(
      coordinator,
      'riesgos.devolver',
      { observaciones: 'Revise R-GTH-01' },
      'GTH',
    );
    expect(platform.to(LEADER_GTH).at(-1)?.text).toContain('Revise R-GTH-01');

    await app.router.handleSubmit(leader, 'riesgos.reportar', { enlace: MATRIX_URL }, 'GTH');
    const pressed = await app.router.handleAction(coordinator, {
      actionId: 'riesgos.verificar',
      value: 'GTH',
    });
    expect(pressed.update?.blocks[0]).toMatchObject({ text: expect.stringContaining('quedó *verificada*') });
    expect(matrixRow(app)[0]?.state).toBe('verificada');
  });

  it('refuses out-of-order or unauthorised steps in Spanish and stores nothing', async () => {
    const { app, sayText } = riskApp();
    const before = snapshot(app);
    const cases: [string, string, string][] = [
      [COORDINATOR, '/verificar riesgos GTH', 'no se puede verificar: está pendiente'],
      [COORDINATOR, '/verificar riesgos GTH devolver Falta algo', 'no se puede devolver: está pendiente'],
      [COORDINATOR, '/verificar riesgos', 'Falta el proceso de la matriz.'],
      [LEADER_GTH, '/reportar riesgos', 'Falta el enlace http(s) de la matriz de riesgos actualizada.'],
      [
        LEADER_GTH,
        `/reportar riesgos GF ${MATRIX_URL}`,
        'No puede reportar la matriz de riesgos del proceso GF.',
      ],
      [
        LEADER_GF,
        '/verificar riesgos GF',
        'Solo la coordinación MIPG verifica o devuelve matrices de riesgos.',
      ],
    ];
    for (const [who, text, message] of cases) expect(await sayText(who, text)).toContain(message);
    expect(snapshot(app)).toEqual(before);

    await sayText(LEADER_GTH, `/reportar riesgos ${MATRIX_URL}`);
    expect(await sayText(COORDINATOR, '/verificar riesgos GTH devolver')).toContain(
      'Para devolver una matriz escriba las observaciones.',
    );
    await sayText(COORDINATOR, '/verificar riesgos GTH');
    const after = snapshot(app);
    expect(await sayText(LEADER_GTH, `/reportar riesgos ${MATRIX_URL}`)).toContain(
      'La matriz de riesgos 2026 del proceso GTH ya fue verificada.',
    );
    expect(snapshot(app)).toEqual(after);
  });

  it('lets only the leader, delegates or coordinator report, and only the coordinator verify or return', async () => {
    const { app, sayText } = riskApp();
    const before = snapshot(app);
    // The MIPG team sees every process but answers for none: it can neither report nor verify.
    expect(await sayText(MIPG_MEMBER, `/reportar riesgos AC ${MATRIX_URL}`)).toContain(
      'No puede reportar la matriz de riesgos del proceso AC.',
    );
    expect(await sayText(AC_MEMBER, `/reportar riesgos ${MATRIX_URL}`)).toContain(
      'No puede reportar la matriz de riesgos del proceso AC.',
    );
    expect(snapshot(app)).toEqual(before);

    await sayText(LEADER_GTH, `/reportar riesgos ${MATRIX_URL}`);
    const reported = snapshot(app);
    expect(await sayText(MIPG_MEMBER, '/verificar riesgos GTH')).toContain(
      'Solo la coordinación MIPG verifica o devuelve matrices de riesgos.',
    );
    expect(await sayText(MIPG_MEMBER, '/verificar riesgos GTH devolver Faltan controles')).toContain(
      'Solo la coordinación MIPG verifica o devuelve matrices de riesgos.',
    );
    expect(await sayText(MIPG_MEMBER, '/pendientes')).not.toContain('Matrices de riesgos por verificar');
    expect(snapshot(app)).toEqual(reported);

    expect(await sayText(COORDINATOR, `/reportar riesgos AC ${MATRIX_URL}`)).toContain(
      'La matriz de riesgos del proceso AC quedó *actualizada*',
    );
  });

  it('keeps /verificar tarea working beside the risks topic', async () => {
    const { sayText } = riskApp('2026-10-15');
    await sayText(COORDINATOR, '/cumplida 2.3 https://intranet.pasto.gov.co/dofa-2026.pdf');
    expect(await sayText(COORDINATOR, '/verificar tarea 2.3')).toContain('La tarea *2.3* quedó verificada.');
    expect(await sayText(COORDINATOR, '/verificar algo')).toContain(
      'Uso: /verificar tarea <código> · /verificar riesgos <proceso> [devolver <observaciones>]',
    );
  });

  it('tells the person when a notice could not be delivered, keeping what was saved', async () => {
    const logs = captureLogs();
    const { app, sayText, platform, person } = riskApp('2026-09-07', {}, logs.log);
    platform.toPerson = async () => {
      throw new Error('Slack no responde');
    };
    const text = await sayText(LEADER_GTH, `/reportar riesgos ${MATRIX_URL}`);
    expect(text).toContain('quedó *actualizada*');
    expect(text).toContain('No se pudo avisar a: Coordinación MIPG (ejemplo). Avíseles por otro medio.');
    expect(matrixRow(app)[0]?.state).toBe('actualizada');
    const coordinator = person(COORDINATOR).id;
    expect(logs.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: `No se pudo avisar a la persona ${coordinator}.`,
        personId: coordinator,
        outcome: 'failed',
        error: 'Slack no responde',
      }),
    );
  });
});

describe('/reportar riesgo materializado', () => {
  it('stores the event and tells every coordinator at once', async () => {
    const { app, sayText, platform } = riskApp();
    const text = await sayText(
      LEADER_GTH,
      '/reportar riesgo materializado r-gth-01 Se pagó doble la prima de servicios a 12 funcionarios https://intranet.pasto.gov.co/acta-12.pdf',
    );
    expect(text).toContain(
      'Quedó registrado que el riesgo *R-GTH-01* se materializó. La coordinación MIPG ya fue avisada.',
    );
    const stored = app.db.$client.prepare('SELECT risk_code, description, url FROM materialized_risks').all();
    expect(stored).toEqual([
      {
        risk_code: 'R-GTH-01',
        description: 'Se pagó doble la prima de servicios a 12 funcionarios',
        url: 'https://intranet.pasto.gov.co/acta-12.pdf',
      },
    ]);
    const [notice] = platform.to(COORDINATOR);
    expect(notice?.reply.tone).toBe('warning');
    expect(notice?.text).toContain('⚠️ Riesgo materializado · R-GTH-01');
    expect(notice?.text).toContain(
      '@Líder de Gestión del Talento Humano (ejemplo) reportó que se materializó el riesgo *R-GTH-01* del proceso GTH',
    );
    expect(notice?.text).toContain('Qué ocurrió: Se pagó doble la prima de servicios a 12 funcionarios');
    expect(notice?.text).toContain('Zona residual: Alto');
    expect(platform.to(LEADER_GTH)).toEqual([]);
    expect(await sayText(COORDINATOR, '/estado riesgos')).toContain(
      '*R-GTH-01* · GTH · 7 sep 2026 10:00 · Se pagó doble la prima de servicios a 12 funcionarios',
    );
  });

  it('refuses an unknown code, another process risk or a missing description, storing nothing', async () => {
    const { app, sayText, platform } = riskApp();
    const before = snapshot(app);
    expect(await sayText(LEADER_GTH, '/reportar riesgo materializado R-XX-99 Algo pasó')).toContain(
      'No existe el riesgo R-XX-99 en la matriz 2026.',
    );
    expect(await sayText(LEADER_GTH, '/reportar riesgo materializado R-GF-01 Pago sin CDP')).toContain(
      'El riesgo R-GF-01 es del proceso GF',
    );
    expect(await sayText(LEADER_GTH, '/reportar riesgo materializado R-GTH-01')).toContain(
      'Falta la descripción de lo que ocurrió.',
    );
    expect(await sayText(LEADER_GTH, '/reportar riesgo materializado')).toContain(
      'Falta el código del riesgo.',
    );
    // Members of the process who do not lead it, and the MIPG team, do not report for it.
    expect(
      await sayText(AC_MEMBER, '/reportar riesgo materializado R-AC-01 Se vencieron 40 PQRSD'),
    ).toContain(
      'El riesgo R-AC-01 es del proceso AC: solo su líder, sus delegados o la coordinación MIPG lo reportan.',
    );
    expect(await sayText(MIPG_MEMBER, '/reportar riesgo materializado R-GTH-01 Nómina errada')).toContain(
      'El riesgo R-GTH-01 es del proceso GTH: solo su líder, sus delegados o la coordinación MIPG lo reportan.',
    );
    expect(snapshot(app)).toEqual(before);
    expect(platform.sent).toEqual([]);
  });
});

describe('/riesgo', () => {
  it('shows how the DAFP method computed the risk, control by control', async () => {
    const { sayText } = riskApp();
    const text = await sayText(LEADER_GTH, '/riesgo R-GTH-01');
    expect(text).toContain('Riesgo inherente: 🟠 Alto · probabilidad Baja (40 %) · impacto Mayor (80 %)');
    expect(text).toContain(
      'Riesgo residual: 🟠 Alto · probabilidad Muy baja (14,4 %) · impacto Mayor (80 %)',
    );
    expect(text).toMatch(
      /1 +Preventivo manual · revisión de la prenómina por un segundo funcionario +40 % +Probabilidad +40 % +24 %/,
    );
    expect(text).toMatch(
      /2 +Detectivo automático · conciliación automática con el sistema de nómina +40 % +Probabilidad +24 % +14,4 %/,
    );
    expect(await sayText(LEADER_GTH, '/riesgo R-GC-01')).toContain('El riesgo R-GC-01 es del proceso GC');
  });

  it('never lets a corruption risk be accepted, and audits a permitted change', async () => {
    const { app, sayText } = riskApp();
    const before = snapshot(app);
    expect(await sayText(LEADER_GTH, '/riesgo R-GTH-02 tratamiento aceptar')).toContain(
      'Un riesgo de corrupción (integridad pública) nunca se puede aceptar.',
    );
    expect(await sayText(LEADER_GTH, '/riesgo R-GTH-01 tratamiento ignorar')).toContain(
      'no es un tratamiento',
    );
    expect(await sayText(LEADER_GTH, '/riesgo R-GTH-01 tratamiento aceptar')).toContain(
      'Un riesgo en zona residual alto no se puede aceptar: el apetito de riesgo de la entidad solo permite aceptar las zonas: bajo.',
    );
    expect(snapshot(app)).toEqual(before);

    expect(await sayText(LEADER_GTH, '/riesgo R-GTH-01 tratamiento evitar')).toContain(
      'El tratamiento del riesgo *R-GTH-01* quedó en «evitar» (antes «reducir»).',
    );
    expect(auditActions(app, 'riesgo').at(-1)).toEqual({ action: 'riesgo.tratamiento', actor: LEADER_GTH });
    expect(await sayText(DELEGATE_GTH, '/riesgo R-GTH-01 tratamiento reducir')).toContain(
      'quedó en «reducir»',
    );
  });

  it('lets only the leader, delegates or coordinator change a treatment', async () => {
    const { app, sayText } = riskApp();
    const before = snapshot(app);
    expect(await sayText(AC_MEMBER, '/riesgo R-AC-01 tratamiento evitar')).toContain(
      'Solo el líder del proceso AC, sus delegados o la coordinación MIPG cambian el tratamiento del riesgo R-AC-01.',
    );
    expect(await sayText(MIPG_MEMBER, '/riesgo R-GTH-01 tratamiento evitar')).toContain(
      'Solo el líder del proceso GTH, sus delegados o la coordinación MIPG cambian el tratamiento del riesgo R-GTH-01.',
    );
    expect(snapshot(app)).toEqual(before);
    expect(await sayText(COORDINATOR, '/riesgo R-AC-01 tratamiento evitar')).toContain('quedó en «evitar»');
  });

  it('accepts a risk in a zone the configured appetite (MIPG_RISK_ACCEPTABLE_ZONES) allows', async () => {
    const { app, sayText } = riskApp('2026-09-07', { MIPG_RISK_ACCEPTABLE_ZONES: 'bajo,moderado,alto' });
    expect(await sayText(LEADER_GTH, '/riesgo R-GTH-01 tratamiento aceptar')).toContain(
      'El tratamiento del riesgo *R-GTH-01* quedó en «aceptar» (antes «reducir»).',
    );
    const stored = app.db.$client.prepare("SELECT treatment FROM risks WHERE code = 'R-GTH-01'").get();
    expect(stored).toEqual({ treatment: 'aceptar' });
  });
});
