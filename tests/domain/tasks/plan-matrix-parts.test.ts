import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { taskParts } from '../../../db/schema/index.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { ImportError } from '../../../src/domain/tabular.ts';
import { importPlanFile } from '../../../src/domain/tasks/plan-file.ts';
import { clock, freshDb, seedPath, tempFile } from '../../db/helpers.ts';
import { exampleProcesses, partsByCode, sharedByCode } from '../../helpers/parts.ts';

function partCount(db: Db): number {
  return db.select({ n: count() }).from(taskParts).get()?.n ?? 0;
}

const MATRIX = [
  'CÓDIGO,ACTIVIDAD,QUÉ,CÓMO,QUIÉN,INICIO,FIN,EVIDENCIAS,META,PARTES',
  '1.1,Caracterizar,Fortalecer,Pedir los inventarios a los líderes de los 29 procesos,Equipo MIPG,2027-02-01,2027-03-31,29 inventarios,,',
  '1.2,Caracterizar,Fortalecer,Hacer caracterizaciones,Equipo MIPG,2027-02-01,2027-03-31,(1) documento,8,',
  '1.3,Caracterizar,Fortalecer,Revisar los riesgos,Equipo MIPG,2027-02-01,2027-03-31,,procesos,riesgos',
  '1.4,Caracterizar,Fortalecer,Reportar indicadores,Líderes de proceso,2027-02-01,2027-03-31,,,ninguna',
  '1.5,Caracterizar,Fortalecer,Contar actas,Equipo MIPG,2027-02-01,2027-03-31,(3) actas,5,numeradas',
  '1.6,Caracterizar,Fortalecer,Pedir a cada proceso,Equipo MIPG,2027-02-01,2027-03-31,,,indicadores',
  '1.7,Caracterizar,Fortalecer,Pedir a cada proceso,Equipo MIPG,2027-02-01,2027-03-31,,Procesos,',
];

const MATRIX_PARTS = {
  '1.1': { kind: 'procesos', source: 'manual', parts: 29 },
  '1.2': { kind: 'numeradas', source: 'manual', parts: 8 },
  '1.3': { kind: 'procesos', source: 'riesgos', parts: 29 },
  '1.5': { kind: 'numeradas', source: 'manual', parts: 5 },
  '1.6': { kind: 'procesos', source: 'indicadores', parts: 29 },
  '1.7': { kind: 'procesos', source: 'manual', parts: 29 },
};

async function xlsxOf(rows: (string | number)[][]): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan 2027');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('META and PARTES in the plan matrix', () => {
  it('a CSV sets the parts: META alone, PARTES alone, or both; empty cells leave the proposal', async () => {
    const db = freshDb();
    exampleProcesses(db);
    const report = await importPlanFile(db, clock, SYSTEM, tempFile('.csv', MATRIX.join('\n')));
    expect(report.added).toHaveLength(7);
    expect(sharedByCode(db)).toEqual(MATRIX_PARTS);
  });

  it('an XLSX written with exceljs sets them too, a numeric META cell included', async () => {
    const db = freshDb();
    exampleProcesses(db);
    const rows = MATRIX.map((line) => line.split(',') as (string | number)[]);
    (rows[2] as (string | number)[])[8] = 8;
    (rows[5] as (string | number)[])[8] = 5;
    await importPlanFile(db, clock, SYSTEM, tempFile('.xlsx', await xlsxOf(rows)));
    expect(sharedByCode(db)).toEqual(MATRIX_PARTS);
  });

  it('bad META or PARTES cells are named by line and column and nothing is stored', async () => {
    const db = freshDb();
    exampleProcesses(db);
    await importPlanFile(db, clock, SYSTEM, seedPath);
    const before = { parts: partCount(db), tasks: partsByCode(db) };
    const bad = [
      MATRIX[0],
      '1.1,A,B,Tarea uno,Equipo MIPG,2027-02-01,2027-03-31,,ocho,',
      '1.2,A,B,Tarea dos,Equipo MIPG,2027-02-01,2027-03-31,,1,',
      '1.3,A,B,Tarea tres,Equipo MIPG,2027-02-01,2027-03-31,,,todas',
      '1.4,A,B,Tarea cuatro,Equipo MIPG,2027-02-01,2027-03-31,,8,riesgos',
      '1.5,A,B,Tarea cinco,Equipo MIPG,2027-02-01,2027-03-31,,,numeradas',
      '1.6,A,B,Tarea seis,Equipo MIPG,2027-02-01,2027-03-31,,procesos,ninguna',
      '1.7,A,B,Tarea siete,Equipo MIPG,2027-02-01,2027-03-31,,501,',
    ];
    const error = await importPlanFile(db, clock, SYSTEM, tempFile('.csv', bad.join('\n'))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message.split('\n')).toEqual([
      'El archivo tiene 7 problemas; no se importó nada:',
      '• Línea 2, columna META: «ocho» no es una meta: escriba cuántas partes numeradas (de 2 a 500) o «procesos».',
      '• Línea 3, columna META: la meta 1 no sirve: van de 2 a 500 partes numeradas; para una tarea sin ' +
        'partes deje la META vacía y escriba «ninguna» en PARTES.',
      '• Línea 4, columna PARTES: «todas» no es una forma de partes: use procesos, indicadores, riesgos, ' +
        'numeradas o ninguna.',
      '• Línea 5, columna PARTES: con META 8 las partes son numeradas, pero PARTES dice «riesgos».',
      '• Línea 6, columna META: con PARTES «numeradas» falta la META: cuántas partes (de 2 a 500).',
      '• Línea 7, columna PARTES: con META «procesos» hay una parte por proceso, pero PARTES dice «ninguna».',
      '• Línea 8, columna META: la meta 501 no sirve: van de 2 a 500 partes numeradas; para una tarea sin ' +
        'partes deje la META vacía y escriba «ninguna» en PARTES.',
    ]);
    expect({ parts: partCount(db), tasks: partsByCode(db) }).toEqual(before);
  });
});
