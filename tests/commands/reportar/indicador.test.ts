import { describe, expect, it } from 'vitest';
import { indicatorReports } from '../../../db/schema/index.ts';
import { ConsoleSession } from '../../../src/adapters/console/session.ts';
import { rememberMessage } from '../../../src/chat/notifier.ts';
import { replyText } from '../../../src/chat/reply.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { importCatalog } from '../../../src/domain/indicators/import.ts';
import { catalogColumns } from '../../../src/domain/indicators/sheet.ts';
import { tableFromCsv } from '../../../src/domain/tabular.ts';
import { COORDINATOR, snapshot, testApp } from '../../helpers/app.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const LINK = 'https://intranet.pasto.gov.co/indicadores/gth-01.xlsx';

function setup() {
  const t = testApp('2026-10-20');
  const as = (email: string) => ({ person: t.person(email), platform: 'console' as const });
  const reports = () => t.app.db.select().from(indicatorReports).all();
  return { ...t, as, reports };
}

describe('/reportar indicador in one line', () => {
  it('stores the report and confirms the light, the value, the target and the period', async () => {
    const { sayText, reports, person } = setup();
    const text = await sayText(LEADER, `/reportar indicador gth-01 2026-T3 45/50 ${LINK}`);
    expect(text).toContain('🟢 Reporte de *GTH-01* para 2026-T3 (3.er trimestre de 2026) registrado.');
    expect(text).toContain('Resultado: 90 % (45/50)');
    expect(text).toContain('Meta: 95 %');
    expect(text).toContain('Cumplimiento: 94,74 %');
    expect(text).toContain('Semáforo: 🟢 Satisfactorio');
    expect(reports()).toMatchObject([
      {
        period: '2026-T3',
        numerator: 45,
        denominator: 50,
        result: 90,
        status: 'satisfactorio',
        evidence: LINK,
      },
    ]);
    expect(reports()[0]?.reportedBy).toBe(person(LEADER).id);
  });

  it('takes a value for an indicator without denominator and keeps the analysis', async () => {
    const { sayText, reports } = setup();
    const text = await sayText(
      'lider.gif@ejemplo.pasto.gov.co',
      `/reportar indicador GIF-02 2026-S1 4,5 ${LINK} Lluvias de marzo frenaron las obras`,
    );
    expect(text).toContain('🔴 Reporte de *GIF-02* para 2026-S1');
    expect(text).toContain('Resultado: 4,5 (4,5)');
    expect(text).toContain('*Análisis:* Lluvias de marzo frenaron las obras');
    expect(reports()[0]).toMatchObject({
      value: 4.5,
      status: 'critico',
      analysis: 'Lluvias de marzo frenaron las obras',
    });
  });

  it('refuses every kind of bad input in Spanish, with the usage, and stores nothing', async () => {
    const { app, sayText } = setup();
    const before = snapshot(app);
    const cases: [string, string, string][] = [
      [LEADER, `XYZ-99 2026-T3 45/50 ${LINK}`, 'No existe el indicador «XYZ-99».'],
      [
        LEADER,
        `GTH-01 2026-09 45/50 ${LINK}`,
        '«2026-09» no es un periodo válido para un indicador trimestral.',
      ],
      [LEADER, `GTH-01 T3 45/50 ${LINK}`, '«T3» no es un periodo válido para un indicador trimestral.'],
      [LEADER, `GTH-01 2026-T4 45/50 ${LINK}`, 'El periodo 4.º trimestre de 2026 aún no ha terminado'],
      [LEADER, `GTH-01 2027-T1 45/50 ${LINK}`, 'aún no ha terminado'],
      [LEADER, `GTH-01 2026-T3 cuarenta/50 ${LINK}`, 'El numerador debe ser un número: «cuarenta» no lo es.'],
      [LEADER, `GTH-01 2026-T3 45/5O ${LINK}`, 'El denominador debe ser un número: «5O» no lo es.'],
      [LEADER, `GTH-01 2026-T3 -5/50 ${LINK}`, 'El numerador no puede ser negativo (-5).'],
      [LEADER, `GTH-01 2026-T3 45/0 ${LINK}`, 'El denominador no puede ser 0.'],
      [LEADER, 'GTH-01 2026-T3 45/50 ftp://intranet.pasto.gov.co/x.xlsx', 'no es un enlace válido'],
      [LEADER, 'GTH-01 2026-T3 45/50 intranet/x.xlsx', '«intranet/x.xlsx» no es un enlace válido.'],
      [LEADER, 'GTH-01 2026-T3 45/50', 'Falta el enlace de la evidencia.'],
      [LEADER, 'GTH-01 2026-T3', 'Faltan la medición y el enlace de la evidencia.'],
      [LEADER, `GTH-01 2026-T3 45 ${LINK}`, 'El indicador GTH-01 se mide con numerador y denominador'],
      [LEADER, `GTH-01 2026-T3 10/50 ${LINK}`, 'queda en 🔴 crítico: el análisis es obligatorio.'],
      [COORDINATOR, `GIF-02 2026-S1 4/5 ${LINK}`, 'El indicador GIF-02 no tiene denominador'],
      [
        'lider.gf@ejemplo.pasto.gov.co',
        `GTH-01 2026-T3 45/50 ${LINK}`,
        'No puede reportar el indicador GTH-01',
      ],
      [
        'laura.benavides@ejemplo.pasto.gov.co',
        `GTH-01 2026-T3 45/50 ${LINK}`,
        'No puede reportar el indicador GTH-01',
      ],
    ];
    for (const [who, args, message] of cases) {
      const text = await sayText(who, `/reportar indicador ${args}`);
      expect(text, args).toContain('❌ No se pudo completar');
      expect(text, args).toContain(message);
      expect(text, args).toContain(
        'Uso: /reportar indicador <código> <periodo> <num>/<den>|<valor> <enlace> [análisis]',
      );
    }
    expect(snapshot(app)).toEqual(before);
  });

  it('refuses numbers a percentage or a double cannot hold, and stores nothing', async () => {
    const { app, sayText } = setup();
    const before = snapshot(app);
    const huge = '9'.repeat(400);
    const cases: [string, string][] = [
      [
        `GTH-01 2026-T3 60/50 ${LINK}`,
        'En GTH-01 el numerador (60) no puede ser mayor que el denominador (50): el resultado sería 120 %.',
      ],
      [`GTH-01 2026-T3 ${huge}/${huge} ${LINK}`, 'El numerador tiene 400 cifras y se admiten hasta 15.'],
      [`GTH-01 2026-T3 45/1234567890123456 ${LINK}`, 'El denominador tiene 16 cifras y se admiten hasta 15.'],
    ];
    for (const [args, message] of cases) {
      const text = await sayText(LEADER, `/reportar indicador ${args}`);
      expect(text, args).toContain(message);
    }
    expect(
      await sayText(LEADER, `/reportar indicador GTH-01 2026-T3 45/50 ${LINK} ${'x'.repeat(2001)}`),
    ).toContain('El análisis admite hasta 2.000 caracteres (tiene 2.001).');
    expect(snapshot(app)).toEqual(before);
  });

  it('accepts more than 100 % when the sheet says the indicator can pass it', async () => {
    const { app, clock, sayText, reports } = setup();
    importCatalog(
      app.db,
      clock,
      SYSTEM,
      tableFromCsv(
        `${catalogColumns.join(',')}\nGTH-09,GTH,Metas de recaudo,,eficacia,,Recaudado,Presupuestado,porcentaje,creciente,trimestral,,120,90,110,10,`,
      ),
    );
    expect(await sayText(LEADER, `/reportar indicador GTH-09 2026-T3 60/50 ${LINK}`)).toContain(
      'Resultado: 120 % (60/50)',
    );
    expect(reports().at(-1)).toMatchObject({ numerator: 60, denominator: 50, result: 120 });
  });

  it('treats a second report of a period as a correction that keeps the history', async () => {
    const { sayText, reports, clock } = setup();
    await sayText(LEADER, `/reportar indicador GTH-01 2026-T3 40/50 ${LINK}`);
    clock.set('2026-10-21', '08:15');
    const text = await sayText(
      'delegado.gth@ejemplo.pasto.gov.co',
      `/reportar indicador GTH-01 2026-T3 46/50 ${LINK}`,
    );
    expect(text).toContain(
      'Corrección: reemplaza el reporte de Líder de Gestión del Talento Humano (ejemplo) del 20 oct 2026 10:00 (🟡 80 %); el anterior queda en el historial.',
    );
    expect(reports().map((r) => [r.result, r.current])).toEqual([
      [80, false],
      [92, true],
    ]);
    expect(await sayText(LEADER, `/reportar indicador GTH-01 2026-T3 46/50 ${LINK}`)).toContain(
      'ya estaba registrado con estos mismos datos; no se cambió nada.',
    );
    expect(reports()).toHaveLength(2);
  });
});

describe('lateness and compliance shown', () => {
  it('keeps a report on time when it is corrected after the due date (15 Oct for 2026-T3)', async () => {
    const { sayText, clock } = setup();
    clock.set('2026-10-14');
    await sayText(LEADER, `/reportar indicador GTH-01 2026-T3 40/50 ${LINK}`);
    clock.set('2026-10-20');
    await sayText(LEADER, `/reportar indicador GTH-01 2026-T3 46/50 ${LINK}`);
    const trend = await sayText(LEADER, '/estado indicadores GTH-01');
    expect(trend).toMatch(/2026-T3\s+92 %.*reportado a tiempo/);
    expect(trend).not.toContain('fuera de plazo');
  });

  it('shows «meta superada» for a decreasing indicator at 0, its best result', async () => {
    const { sayText } = setup();
    const text = await sayText(COORDINATOR, `/reportar indicador GE-01 2025 0/1000 ${LINK}`);
    expect(text).toContain('Cumplimiento: meta superada');
    expect(text).toContain('🟢');
    expect(await sayText(COORDINATOR, '/estado indicadores GE-01')).toMatch(/2025\s+0 %\s+meta superada/);
  });
});

describe('/reportar and its topics', () => {
  it('offers the topics when none is given, and refuses one it does not know', async () => {
    const { sayText } = setup();
    const bare = await sayText(LEADER, '/reportar');
    expect(bare).toContain('Reportar · ¿qué quiere reportar?');
    expect(bare).toContain('*/reportar riesgos [<proceso>] <enlace> [nota]* — ');
    expect(bare).toContain('[Indicador] → /reportar indicador');
    const unknown = await sayText(LEADER, '/reportar gastos');
    expect(unknown).toContain('No conozco el tema «gastos» de /reportar.');
    expect(unknown).toContain('Temas: indicador');
  });
});

describe('the report form', () => {
  it('offers a leader only the indicators of their process, and the coordinator all of them', async () => {
    const { say } = setup();
    const leader = (await say(LEADER, '/reportar indicador')).form;
    expect(leader?.fields.find((f) => f.id === 'indicador')?.options?.map((o) => o.value)).toEqual([
      'GTH-01',
      'GTH-02',
      'GTH-03',
    ]);
    const all = (await say(COORDINATOR, '/reportar indicador')).form?.fields.find(
      (f) => f.id === 'indicador',
    );
    expect(all?.options?.length).toBe(61);
    const member = await say('laura.benavides@ejemplo.pasto.gov.co', '/reportar indicador');
    expect(member.form).toBeUndefined();
    expect(replyText(member)).toContain('No tiene indicadores para reportar.');
  });

  it('asks the coordinator to type the code when there are more indicators than a list can hold', async () => {
    const { app, clock, say, as } = setup();
    const rows = Array.from(
      { length: 45 },
      (_, i) =>
        `JUR-${String(i + 1).padStart(2, '0')},GJ,Indicador ${i + 1},,eficacia,,Hechas,Programadas,porcentaje,creciente,trimestral,,90,60,80,10,`,
    );
    importCatalog(app.db, clock, SYSTEM, tableFromCsv([catalogColumns.join(','), ...rows].join('\n')));
    const field = (await say(COORDINATOR, '/reportar indicador')).form?.fields.find(
      (f) => f.id === 'indicador',
    );
    expect(field).toMatchObject({ kind: 'text', required: true, label: 'Código del indicador' });
    expect(field?.options).toBeUndefined();
    expect(field?.hint).toContain('Hay 104 indicadores');
    const leader = (await say(LEADER, '/reportar indicador')).form?.fields.find((f) => f.id === 'indicador');
    expect(leader?.kind).toBe('select');
    const done = await app.router.handleSubmit(as(COORDINATOR), 'indicador.reportar', {
      indicador: 'jur-45',
      periodo: '2026-T3',
      numerador: '9',
      denominador: '10',
      enlace: LINK,
    });
    expect(done.ok && replyText(done.reply)).toContain('Reporte de *JUR-45* para 2026-T3');
  });

  it('for one indicator offers the periods of its frequency, the one now due first', async () => {
    const { say } = setup();
    const form = (await say(LEADER, '/reportar indicador GTH-01')).form;
    expect(form?.title).toBe('Reportar GTH-01');
    expect(form?.metadata).toBe('GTH-01');
    const period = form?.fields.find((f) => f.id === 'periodo');
    expect(period?.initial).toBe('2026-T3');
    expect(period?.options?.map((o) => o.value)).toEqual(['2026-T3', '2026-T2', '2026-T1', '2025-T4']);
    expect(period?.options?.[0]?.label).toBe('2026-T3 · 3.er trimestre de 2026');
    expect(form?.fields.map((f) => [f.id, f.required ?? false])).toEqual([
      ['periodo', true],
      ['numerador', true],
      ['denominador', true],
      ['enlace', true],
      ['analisis', false],
    ]);
    expect(form?.fields.find((f) => f.id === 'denominador')?.hint).toBe(
      'Capacitaciones programadas en el plan institucional',
    );
  });

  it('names each wrong field, stores nothing, and stores the report once all are right', async () => {
    const { app, as, reports } = setup();
    const before = snapshot(app);
    const wrong = await app.router.handleSubmit(as(LEADER), 'indicador.reportar', {
      indicador: 'GTH-01',
      periodo: '2026-T4',
      numerador: 'diez',
      denominador: '0',
      enlace: 'intranet/x.xlsx',
      analisis: '',
    });
    expect(wrong).toEqual({
      ok: false,
      errors: {
        enlace: '«intranet/x.xlsx» no es un enlace válido.',
        periodo: 'El periodo 4.º trimestre de 2026 aún no ha terminado: no se puede reportar todavía.',
        numerador: 'El numerador debe ser un número: «diez» no lo es.',
      },
    });
    const critical = await app.router.handleSubmit(as(LEADER), 'indicador.reportar', {
      indicador: 'GTH-01',
      periodo: '2026-T3',
      numerador: '10',
      denominador: '50',
      enlace: LINK,
      analisis: ' ',
    });
    expect(critical).toEqual({
      ok: false,
      errors: {
        analisis: 'El resultado de GTH-01 en 2026-T3 queda en 🔴 crítico: el análisis es obligatorio.',
      },
    });
    const zero = await app.router.handleSubmit(
      as(LEADER),
      'indicador.reportar',
      { periodo: '2026-T3', numerador: '10', denominador: '0', enlace: LINK },
      'GTH-01',
    );
    expect(zero).toEqual({ ok: false, errors: { denominador: 'El denominador no puede ser 0.' } });
    const other = await app.router.handleSubmit(as('lider.gf@ejemplo.pasto.gov.co'), 'indicador.reportar', {
      indicador: 'GTH-01',
      periodo: '2026-T3',
      numerador: '10',
      denominador: '50',
      enlace: LINK,
    });
    expect(other.ok).toBe(false);
    expect(snapshot(app)).toEqual(before);

    const done = await app.router.handleSubmit(as(LEADER), 'indicador.reportar', {
      indicador: 'GTH-01',
      periodo: '2026-T3',
      numerador: '12,5',
      denominador: '50',
      enlace: LINK,
      analisis: 'Se suspendió la capacitación por la ley de garantías',
    });
    expect(done.ok && replyText(done.reply)).toContain('🔴 Reporte de *GTH-01* para 2026-T3');
    expect(reports()).toMatchObject([{ numerator: 12.5, result: 25, status: 'critico' }]);
  });

  it('is filled prompt by prompt in the terminal', async () => {
    const { as, person, app, reports } = setup();
    const answers = ['2026-T2', '9', '10', LINK, ''];
    const asked: string[] = [];
    const session = new ConsoleSession(app.router, person(LEADER), async (q) => {
      asked.push(q);
      return answers.shift() ?? '';
    });
    const opened = await app.router.handleAction(as(LEADER), {
      actionId: 'indicador.reportar',
      value: 'GTH-01 2026-T2',
    });
    if (!opened.form) throw new Error('no form');
    const out = await session.fillForm(opened.form);
    expect(asked[0]).toContain('Periodo [2026-T3 | 2026-T2 | 2026-T1 | 2025-T4] (Enter = 2026-T2)');
    expect(out).toContain('🟢 Reporte de GTH-01 para 2026-T2 (2.º trimestre de 2026) registrado.');
    expect(reports()).toMatchObject([{ period: '2026-T2', result: 90 }]);
  });
});

describe('«Reportar ahora» and replies to a reminder', () => {
  it('opens the form on the reminder’s period, and refuses someone of another process', async () => {
    const { app, as } = setup();
    const mine = await app.router.handleAction(as(LEADER), {
      actionId: 'indicador.reportar',
      value: 'GTH-03 2026-08',
    });
    expect(mine.form?.fields.find((f) => f.id === 'periodo')?.initial).toBe('2026-08');
    const theirs = await app.router.handleAction(as('lider.gf@ejemplo.pasto.gov.co'), {
      actionId: 'indicador.reportar',
      value: 'GTH-03 2026-08',
    });
    expect(theirs.form).toBeUndefined();
    expect(replyText(theirs.reply ?? { blocks: [] })).toContain('No puede reportar el indicador GTH-03');
  });

  it('takes a reply in the reminder’s thread as the report for that indicator and period', async () => {
    const { app, as, reports, clock, person } = setup();
    const ref = { platform: 'slack' as const, conversation: 'D123', messageId: '1760000000.000100' };
    rememberMessage(
      app.db,
      clock,
      ref,
      { kind: 'indicador.recordatorio', subject: 'GTH-03 2026-09' },
      person(LEADER).id,
    );
    const answer = await app.router.handleText(
      as(LEADER),
      `Bajó por las vacaciones 28/1000 <${LINK}|gth-03.xlsx>`,
      ref,
    );
    expect(replyText(answer)).toContain(
      '🟢 Reporte de *GTH-03* para 2026-09 (septiembre de 2026) registrado.',
    );
    expect(reports()).toMatchObject([
      {
        period: '2026-09',
        numerator: 28,
        denominator: 1000,
        result: 2.8,
        evidence: LINK,
        analysis: 'Bajó por las vacaciones',
      },
    ]);
    const before = snapshot(app);
    const noNumber = await app.router.handleText(as(LEADER), `ya lo subí ${LINK}`, ref);
    expect(replyText(noNumber)).toContain('No encontré la medición en su respuesta.');
    const noLink = await app.router.handleText(as(LEADER), '30/1000', ref);
    expect(replyText(noLink)).toContain('Falta el enlace de la evidencia.');
    expect(snapshot(app)).toEqual(before);
  });
});
