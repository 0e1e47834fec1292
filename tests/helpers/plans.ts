import type { Db } from '../../db/client.ts';
import { SYSTEM } from '../../src/domain/audit/log.ts';
import { importPlanFile } from '../../src/domain/tasks/plan-file.ts';
import { clock, freshDb, seedPath, tempFile } from '../db/helpers.ts';

/**
 * A second plan of 2026, the Plan Estratégico de Talento Humano: its codes 1.1, 1.2 and 2.1 collide with
 * the PPI's. 1.1 is overdue by mid-May 2026, 1.2 runs all year, 2.1 starts in June.
 */
export const PTH_MATRIX = [
  'CÓDIGO,ACTIVIDAD,QUÉ,CÓMO,QUIÉN,INICIO,FIN,EVIDENCIAS',
  '1.1,Diagnosticar el talento humano,Conocer la planta,Aplicar la encuesta de clima laboral,Subsecretaría de Talento Humano,2026-02-01,2026-04-30,(1) informe de clima',
  '1.2,Diagnosticar el talento humano,Conocer la planta,Actualizar el manual de funciones,Subsecretaría de Talento Humano,2026-03-01,2026-12-15,(1) manual',
  '2.1,Formar a los servidores,Capacitar,Ejecutar el plan de inducción,Equipo MIPG,2026-06-01,2026-06-30,(1) listado de asistencia',
].join('\n');

/** The seed as the PPI 2026 and the PTH 2026 beside it (see PTH_MATRIX). */
export async function twoPlans(db: Db = freshDb()): Promise<Db> {
  await importPlanFile(db, clock, SYSTEM, seedPath);
  await importPlanFile(db, clock, SYSTEM, tempFile('.csv', PTH_MATRIX), {
    code: 'PTH',
    name: 'Plan Estratégico de Talento Humano',
  });
  return db;
}
