import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/domain/tabular.ts';
import { parsePlanText } from '../../../src/domain/tasks/plan-text.ts';
import { seedLines, seedText, withLine } from '../../db/helpers.ts';

const MIPG = 'Equipo MIPG - Oficina de Planeación de Gestión Institucional';
const UAC = 'Unidad de Atención al Ciudadano - Equipo MIPG - Oficina de Planeación de Gestión Institucional';
const BANCO = 'Equipo Banco de Proyectos, MIPG y Plan de Desarrollo - OPGI';

/** code, start, end, responsible, evidence: every task of the seed's matrix. */
const EXPECTED: [string, string, string, string, string][] = [
  ['1.1', '2026-02-01', '2026-03-31', MIPG, '29 inventarios de partes interesadas actualizados'],
  [
    '1.2',
    '2026-02-01',
    '2026-08-31',
    'Unidad de Atención al Ciudadano -Equipo MIPG - Oficina de Planeación de Gestión Institucional',
    '2 procesos de caracterización realizados',
  ],
  ['1.3', '2026-03-02', '2026-10-30', UAC, '(1) un Registro fotográfico (1) listados de asistencia'],
  [
    '1.4',
    '2026-09-01',
    '2026-11-30',
    MIPG,
    '(1) un Documento de caracterización de la ciudadanía y grupos de valor de la Alcaldía de Pasto actualizado',
  ],
  ['2.1', '2026-03-31', '2026-06-30', MIPG, '(8) contextos estratégicos actualizados'],
  [
    '2.2',
    '2026-07-01',
    '2026-09-30',
    MIPG,
    '(1) Listado de asistencia de mesa de revisión de DOFA institucional',
  ],
  ['2.3', '2026-10-01', '2026-11-30', MIPG, '(1) registro de Dofa actualizada'],
  ['2.4', '2026-12-01', '2026-12-20', MIPG, '(1) enlace de publicación de DOFA publicada en la intranet'],
  ['3.1', '2026-02-01', '2026-03-10', MIPG, '1 formato actualizado'],
  ['3.2', '2026-03-11', '2026-04-30', MIPG, '1 cronograma establecido y socializado'],
  ['3.3', '2026-03-11', '2026-04-30', MIPG, '1 jornada de capacitación realizada Listado de asistencia'],
  [
    '3.4',
    '2026-05-01',
    '2026-12-10',
    'Líderes de proceso',
    '1 consolidado de las Matrices de reporte de indicadores',
  ],
  ['3.5', '2026-09-15', '2026-12-15', MIPG, '1 informe de análisis realizado'],
  ['3.6', '2026-09-15', '2026-12-15', MIPG, '(1) huella de correo electrónico'],
  ['3.7', '2026-12-16', '2026-12-31', 'Equipo MIPG - Líderes de proceso', '(1) acta de comité institucional'],
  ['4.1', '2026-02-01', '2026-07-31', MIPG, ''],
  ['4.2', '2026-08-01', '2026-11-30', MIPG, '(1) registro de asistencia'],
  ['4.3', '2026-08-01', '2026-11-30', MIPG, ''],
  ['4.4', '2026-08-01', '2026-11-30', MIPG, ''],
  ['4.5', '2026-12-01', '2026-12-31', MIPG, ''],
  ['5.1', '2026-02-01', '2026-06-30', MIPG, ''],
  ['5.2', '2026-02-01', '2026-06-30', MIPG, ''],
  ['5.3', '2026-07-01', '2026-07-31', MIPG, ''],
  ['5.4', '2026-07-01', '2026-07-31', MIPG, ''],
  ['5.5', '2026-08-01', '2026-08-30', MIPG, ''],
  ['6.1', '2026-01-02', '2026-01-15', MIPG, '(1) Enlace del espacio designado'],
  ['6.2', '2026-01-02', '2026-01-30', BANCO, '(1) Plan de acción anual institucional'],
  ['6.3', '2026-04-01', '2026-12-18', BANCO, '(1) Enlace de publicación del seguimiento'],
  ['6.4', '2026-04-01', '2026-12-28', MIPG, '(1) acta de comité institucional'],
];

function problemOf(text: string): ImportError {
  try {
    parsePlanText(text);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('se esperaba un ImportError');
}

describe('parsePlanText on the seed document', () => {
  const plan = parsePlanText(seedText);

  it('reads the vigencia from "MATRIZ OPERATIVA 2.026"', () => {
    expect(plan.year).toBe(2026);
  });

  it('finds 6 activities and 29 tasks coded 1.1 … 6.4 in document order', () => {
    expect(plan.activities.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.activities[1]?.name).toBe(
      'Adelantar un diagnóstico de capacidades y entornos de la entidad para desarrollar su gestión y lograr un desempeño acorde con los resultados previstos.',
    );
    expect(plan.tasks.map((t) => t.code)).toEqual(EXPECTED.map((e) => e[0]));
    const perActivity = plan.activities.map(
      (a) => plan.tasks.filter((t) => t.activityNumber === a.number).length,
    );
    expect(perActivity).toEqual([4, 4, 7, 5, 5, 4]);
  });

  it.each(EXPECTED)('task %s: dates, responsible and evidence', (code, start, end, responsible, evidence) => {
    const task = plan.tasks.find((t) => t.code === code);
    expect({
      start: task?.start,
      end: task?.end,
      responsible: task?.responsible,
      evidence: task?.evidence,
    }).toEqual({
      start,
      end,
      responsible,
      evidence,
    });
  });

  it('joins the CÓMO of task 1.4 continued after the page break', () => {
    expect(plan.tasks[3]?.title).toBe(
      'Actualizar el documento de caracterización de la ciudadanía y grupos de valor de la Alcaldía de Pasto de versión 1',
    );
    expect(plan.tasks[4]?.title).toBe(
      'Solicitar la actualización de los contextos estratégicos que estén actualizados en una vigencia inferior al 2024',
    );
  });

  it('inherits QUÉ and the activity across the merged cells and the page break', () => {
    const task33 = plan.tasks.find((t) => t.code === '3.3');
    expect(task33?.what).toBe(
      'Apoyar en la formulación e implementación de los indicadores de gestión en los procesos de la Alcaldía de Pasto',
    );
    expect(task33?.activity).toMatch(/^Formular los indicadores que permitirán verificar/);
    expect(plan.tasks.find((t) => t.code === '6.4')?.what).toBe(
      'Formular el Plan de acción anual institucional',
    );
  });

  it('never lets a page footer or the signature into a cell', () => {
    const cells = plan.tasks.flatMap((t) => [t.activity, t.what, t.title, t.responsible, t.evidence]);
    for (const fragment of [
      'NIT',
      '891280000',
      'Edificio',
      'Teléfono',
      'contactenos',
      'responsabilidad ecológica',
      'NELSON',
    ]) {
      expect(cells.filter((c) => c.includes(fragment))).toEqual([]);
    }
  });
});

describe('parsePlanText on malformed documents', () => {
  const lineOf = (fragment: string) => seedLines.findIndex((l) => l.includes(fragment)) + 1;

  it('a row without dates names its line', () => {
    const n = lineOf('Revisar la DOFA institucional');
    const error = problemOf(withLine(n, (l) => l.replace('01/07/2026 - 30/09/2026', '')));
    expect(error.message).toContain(`Línea ${n}, columna CUÁNDO: la fila no tiene fechas de inicio y fin`);
  });

  it('a single date instead of a range names its line', () => {
    const n = lineOf('Revisar la DOFA institucional');
    const error = problemOf(withLine(n, (l) => l.replace('01/07/2026 - 30/09/2026', '30/09/2026')));
    expect(error.message).toContain(`Línea ${n}, columna CUÁNDO: «30/09/2026» no es un rango de fechas`);
  });

  it('swapped dates name the line', () => {
    const n = lineOf('Actualizar la DOFA institucional');
    const error = problemOf(
      withLine(n, (l) => l.replace('01/10/2026 - 30/11/2026', '30/11/2026 - 01/10/2026')),
    );
    expect(error.message).toContain(
      `Línea ${n}, columna CUÁNDO: la fecha de inicio 30/11/2026 es posterior a la de fin 01/10/2026.`,
    );
  });

  it('a date that does not exist names its line', () => {
    const n = lineOf('Publicar el PTEP');
    const error = problemOf(withLine(n, (l) => l.replace('30/08/2026', '31/02/2026')));
    expect(error.message).toContain(`Línea ${n}, columna CUÁNDO: la fecha de fin «31/02/2026» no existe`);
  });

  it('a row with an extra cell names its line', () => {
    const n = lineOf('Publicar la DOFA Institucional');
    const error = problemOf(withLine(n, (l) => `${l}\tcelda de más`));
    expect(error.message).toContain(`Línea ${n}: la fila tiene 7 celdas y no se puede saber a qué columnas`);
  });

  it('a table cut after its header says it has no rows', () => {
    const header = lineOf('ACTIVIDADES DE GESTI');
    const error = problemOf(seedLines.slice(0, header).join('\n'));
    expect(error.message).toContain(`Línea ${header}: la tabla de la matriz no tiene filas de tareas.`);
  });

  it('a document without the matrix heading says so', () => {
    const error = problemOf(seedText.replace('MATRIZ OPERATIVA 2.026', 'CRONOGRAMA'));
    expect(error.message).toContain('no se encontró el título «MATRIZ OPERATIVA <año>»');
  });

  it('a heading without the year says so on its line', () => {
    const n = lineOf('MATRIZ OPERATIVA');
    const error = problemOf(withLine(n, () => '## 6. MATRIZ OPERATIVA'));
    expect(error.message).toContain(`Línea ${n}: el título de la matriz no dice la vigencia`);
  });

  it('an unknown line inside the table is not taken as its end silently', () => {
    const n = lineOf('Realizar el reporte de las mediciones');
    const error = problemOf(withLine(n, (l) => `ALCALDÍA DE PASTO\n${l}`));
    expect(error.message).toContain(`Línea ${n + 1}: esta fila está después del fin de la tabla (línea ${n}`);
  });

  it('lists every bad line at once and explains the expected layout', () => {
    const a = lineOf('Revisar la DOFA institucional');
    const b = lineOf('Publicar el PTEP');
    const text = withLine(a, (l) => l.replace('01/07/2026 - 30/09/2026', 'julio'));
    const lines = text.split('\n');
    lines[b - 1] = (lines[b - 1] ?? '').replace('01/08/2026 a 30/08/2026', '30/08/2026 a 01/08/2026');
    const error = problemOf(lines.join('\n'));
    expect(error.problems.map((p) => p.line)).toEqual([a, b]);
    expect(error.help.join(' ')).toContain('MATRIZ OPERATIVA');
  });
});

describe('parsePlanText on a similar document', () => {
  const text = [
    'Informe de planeación',
    '### MATRIZ OPERATIVA 2027',
    '',
    'ACTIVIDADES\tQUÉ (MEJORAS)\tCÓMO (TAREAS)\tQUIÉN\tCUÁNDO\tEVIDENCIAS',
    'Actividad A\tQué A\tTarea uno\tEquipo X\t01/02/2027 al 28/02/2027\tActa',
    '\t\tTarea dos que\tEquipo\t01/03/2027 hasta 31/03/2027',
    'Página 1 de 2',
    'NIT: 891.280.000-3',
    '\t\tsigue en otra página\tY de apoyo',
    '\tTarea tres antes del 15/04/2027\tEquipo Y\t1/4/2027 - 30/4/2027\tInforme del 30/04/2027',
    'Actividad B\tQué B\tTarea cuatro\tEquipo Z\t01/05/2027 a 31/05/2027',
    '',
    'Firma del jefe',
  ].join('\r\n');

  it('reads it with the same rules: year, merged cells, footers, continuations, date forms', () => {
    const plan = parsePlanText(text);
    expect(plan.year).toBe(2027);
    expect(plan.activities).toEqual([
      { number: 1, name: 'Actividad A' },
      { number: 2, name: 'Actividad B' },
    ]);
    expect(
      plan.tasks.map((t) => [t.code, t.what, t.title, t.responsible, t.start, t.end, t.evidence]),
    ).toEqual([
      ['1.1', 'Qué A', 'Tarea uno', 'Equipo X', '2027-02-01', '2027-02-28', 'Acta'],
      [
        '1.2',
        'Qué A',
        'Tarea dos que sigue en otra página',
        'Equipo Y de apoyo',
        '2027-03-01',
        '2027-03-31',
        '',
      ],
      [
        '1.3',
        'Qué A',
        'Tarea tres antes del 15/04/2027',
        'Equipo Y',
        '2027-04-01',
        '2027-04-30',
        'Informe del 30/04/2027',
      ],
      ['2.1', 'Qué B', 'Tarea cuatro', 'Equipo Z', '2027-05-01', '2027-05-31', ''],
    ]);
  });
});
