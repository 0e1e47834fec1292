import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { comiteWorkbook } from '../../../src/domain/report/comite-xlsx.ts';
import { cut, FORMULA_TITLE, MARKUP_TITLE } from './fixture.ts';

let book: ExcelJS.Workbook;

function sheet(name: string): ExcelJS.Worksheet {
  const found = book.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** The values of a row from its first cell, as exceljs reads them back. */
function row(name: string, n: number): ExcelJS.CellValue[] {
  return (sheet(name).getRow(n).values as ExcelJS.CellValue[]).slice(1);
}

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

beforeAll(async () => {
  book = new ExcelJS.Workbook();
  await book.xlsx.load((await comiteWorkbook(cut)) as unknown as ArrayBuffer);
});

describe('the Comité workbook', () => {
  it('has exactly the six sheets, each with a bold frozen header, a filter and set widths', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Resumen',
      'Actividades',
      'Tareas y evidencias',
      'Indicadores',
      'Riesgos',
      'Asistencia',
    ]);
    for (const s of book.worksheets) {
      const [view] = s.views;
      const header = view?.state === 'frozen' ? (view.ySplit ?? 0) : 0;
      expect(header, s.name).toBeGreaterThan(0);
      expect(s.getRow(header).getCell(1).font?.bold, s.name).toBe(true);
      expect(String(s.autoFilter), s.name).toMatch(new RegExp(`^A${header}:[A-Z]+\\d+$`));
      expect(s.getColumn(1).width, s.name).toBeGreaterThan(5);
    }
  });

  it('sums the cut up: entity, plan, cut, who made it, the plan’s % and its counts', () => {
    const s = 'Resumen';
    expect(row(s, 1)).toEqual(['Concepto', 'Valor']);
    expect(row(s, 2)).toEqual(['Entidad', 'Alcaldía de Pasto']);
    expect(row(s, 4)).toEqual(['Plan', 'Plan de Acción Institucional 2026']);
    expect(row(s, 6)).toEqual(['Corte', '2026-T3 (trimestral)']);
    expect(row(s, 7)).toEqual(['Fecha de corte', '30 de septiembre de 2026']);
    expect(row(s, 8)).toEqual(['Corte creado el (hora de Bogotá)', '1 de octubre de 2026, 08:15']);
    expect(row(s, 9)).toEqual(['Corte creado por', 'Laura Gómez']);
    expect(row(s, 10)).toEqual(['Avance programado del plan', 0.688]);
    expect(sheet(s).getCell('B10').numFmt).toBe('0.0%');
    expect(row(s, 11)).toEqual(['Avance ejecutado del plan', 0.371]);
    expect(row(s, 12)).toEqual(['Tareas', 4]);
    expect(row(s, 15)).toEqual(['Cumplidas fuera de plazo', 1]);
    expect(row(s, 18)).toEqual(['Correcciones desde el corte anterior', 1]);
    expect(row(s, 20)).toEqual(['Correcciones desde el corte anterior']);
    expect(row(s, 21)).toEqual([
      'Código',
      'Corte anterior',
      'Antes',
      'Después',
      'Fecha (hora de Bogotá)',
      'Motivo',
    ]);
    // 20:30 UTC is 15:30 in Bogotá: Excel shows the wall-clock time it holds.
    expect(row(s, 22)).toEqual([
      '1.3',
      '2026-T2',
      'Cumplida',
      'En curso',
      new Date('2026-08-05T15:30:00.000Z'),
      'La evidencia estaba incompleta',
    ]);
  });

  it('lists the activities with their counts and % as numbers, and draws their chart', () => {
    const s = 'Actividades';
    expect(row(s, 1)).toEqual([
      'N.º',
      'Actividad',
      'Tareas',
      'Cumplidas',
      'Vencidas',
      'Cumplidas fuera de plazo',
      '% programado',
      '% ejecutado',
    ]);
    expect(row(s, 2)).toEqual([
      1,
      'Levantar la información de los grupos de valor',
      2,
      1,
      0,
      1,
      0.875,
      0.742,
    ]);
    expect(row(s, 3)).toEqual([2, 'Formular las estrategias del PTEP', 2, 0, 1, 0, 0.5, 0]);
    expect(sheet(s).getCell('G2').numFmt).toBe('0.0%');
    expect(sheet(s).getCell('H3').numFmt).toBe('0.0%');
    expect(sheet(s).getImages()).toHaveLength(1);
  });

  it('gives each task its state, dates, parts and who still owes, and each evidence a clickable line', () => {
    const s = 'Tareas y evidencias';
    expect(row(s, 1)).toEqual([
      'Código',
      'Actividad',
      'Tarea',
      'Responsable',
      'Inicio',
      'Fin',
      'Estado',
      '% programado',
      '% ejecutado',
      'Partes cumplidas',
      'Faltan',
      'Cumplida el (hora de Bogotá)',
      'Verificada el (hora de Bogotá)',
      'Motivo del cierre',
      'Evidencia (enlace)',
      'Nota de la evidencia',
      'Registrada por',
      'Registrada el (hora de Bogotá)',
    ]);
    const shared = row(s, 2);
    expect(shared.slice(0, 11)).toEqual([
      '1.1',
      '1. Levantar la información de los grupos de valor',
      'Solicitar el inventario de partes interesadas',
      'Equipo MIPG',
      day('2026-07-01'),
      day('2026-10-31'),
      'En curso',
      0.75,
      0.483,
      '14 de 29',
      'P15, P16, P17, P18, P19, P20, P21, P22, P23, P24, P25, P26, P27, P28, P29',
    ]);
    expect(sheet(s).getCell('E2').numFmt).toBe('dd/mm/yyyy');
    const late = row(s, 3);
    expect(late[6]).toBe('Cumplida fuera de plazo (12 días)');
    expect(late.slice(11, 13)).toEqual([
      new Date('2026-09-12T16:30:00.000Z'),
      new Date('2026-09-15T09:05:00.000Z'),
    ]);
    expect(sheet(s).getCell('L3').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(late.slice(14)).toEqual([
      {
        text: 'https://intranet.pasto.gov.co/caracterizacion-gth.pdf',
        hyperlink: 'https://intranet.pasto.gov.co/caracterizacion-gth.pdf',
      },
      'Caracterización de GTH',
      'Andrés Muñoz',
      new Date('2026-09-10T11:00:00.000Z'),
    ]);
    // The second evidence of 1.2 on its own line, naming the task again but not repeating its figures.
    const second = row(s, 4);
    expect(second.slice(0, 3)).toEqual([
      '1.2',
      '1. Levantar la información de los grupos de valor',
      'Caracterizar dos procesos',
    ]);
    expect(second.slice(3, 14).every((v) => v === null || v === undefined)).toBe(true);
    expect(second[14]).toEqual({
      text: 'https://intranet.pasto.gov.co/caracterizacion-ac.pdf',
      hyperlink: 'https://intranet.pasto.gov.co/caracterizacion-ac.pdf',
    });
    expect(second.slice(16)).toEqual(['Laura Gómez', new Date('2026-09-12T16:30:00.000Z')]);
    expect(row(s, 5).slice(0, 9)).toEqual([
      '2.1',
      '2. Formular las estrategias del PTEP',
      MARKUP_TITLE,
      'Equipo MIPG - Oficina de Planeación',
      day('2026-07-01'),
      day('2026-07-31'),
      'Vencida',
      1,
      0,
    ]);
    expect(sheet(s).rowCount).toBe(6);
  });

  it('keeps text that looks like a formula as text', () => {
    const cell = sheet('Tareas y evidencias').getCell('C6');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(FORMULA_TITLE);
    expect(cell.numFmt).toBe('@');
  });

  it('sums up the indicators, then lists each measurement in its unit', () => {
    const s = 'Indicadores';
    expect(row(s, 2)).toEqual([
      'Periodos que terminan',
      'del 1 de julio de 2026 al 30 de septiembre de 2026',
    ]);
    expect(row(s, 3)).toEqual(['Mediciones esperadas', 3]);
    expect(row(s, 4)).toEqual(['Mediciones reportadas', 2]);
    expect(row(s, 5)).toEqual(['Mediciones sin reportar', 1]);
    expect(row(s, 6)).toEqual(['Semáforo crítico', 1]);
    expect(row(s, 8)).toEqual(['Semáforo satisfactorio', 1]);
    expect(sheet(s).views[0]).toMatchObject({ state: 'frozen', ySplit: 11 });
    expect(row(s, 11)[0]).toBe('Código');
    expect(row(s, 12)).toEqual([
      'GTH-01',
      'Cumplimiento del plan de capacitación',
      'GTH',
      '2026-T3',
      0.96,
      0.95,
      'Porcentaje',
      'Satisfactorio',
      1.011,
      new Date('2026-10-05T10:00:00.000Z'),
      'Andrés Muñoz',
      0,
    ]);
    expect(sheet(s).getCell('E12').numFmt).toBe('0.0%');
    expect(row(s, 13).slice(4, 9)).toEqual([12, 20, 'Número', 'Crítico', 0.6]);
    expect(sheet(s).getCell('E13').numFmt).not.toBe('0.0%');
  });

  it('counts the risk matrices by state, the residual zones and the materialized risks', () => {
    const s = 'Riesgos';
    expect(row(s, 1)).toEqual(['Grupo', 'Concepto', 'Cantidad']);
    expect(row(s, 4)).toEqual(['Matrices por estado', 'Pendiente', 20]);
    expect(row(s, 7)).toEqual(['Matrices por estado', 'Devuelta con observaciones', 1]);
    expect(row(s, 8)).toEqual(['Riesgos', 'Riesgos identificados', 58]);
    expect(row(s, 12)).toEqual(['Zona residual', 'Extremo', 2]);
    expect(row(s, 13)).toEqual(['Materializados', 'Riesgos materializados', 1]);
  });

  it('lists the sessions with their attendance', () => {
    expect(row('Asistencia', 2)).toEqual([
      'Capacitación en indicadores',
      new Date('2026-09-10T09:00:00.000Z'),
      'Sala de juntas',
      '3.3',
      12,
      10,
      1,
      9,
      0.75,
    ]);
  });
});
