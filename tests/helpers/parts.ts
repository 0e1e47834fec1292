import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { taskParts, tasks } from '../../db/schema/index.ts';
import { SYSTEM } from '../../src/domain/audit/log.ts';
import { importProcesses } from '../../src/domain/directory/processes-import.ts';
import { readCsv, seedFiles } from '../../src/seed/steps.ts';
import { clock } from '../db/helpers.ts';

/** The parts the seed's tasks should have once the 29 example processes are in the directory. */
export const SEED_PARTS = {
  '1.1': { kind: 'procesos', source: 'manual', parts: 29 },
  '1.2': { kind: 'numeradas', source: 'manual', parts: 2 },
  '2.1': { kind: 'numeradas', source: 'manual', parts: 8 },
  '3.4': { kind: 'procesos', source: 'indicadores', parts: 29 },
  '4.3': { kind: 'procesos', source: 'riesgos', parts: 29 },
};

/** Loads the 29 example processes of the seed. */
export function exampleProcesses(db: Db) {
  return importProcesses(db, clock, SYSTEM, readCsv(seedFiles.exampleProcesses), { example: true });
}

/** Every task's parts by code: how it is split, where the parts are recorded, how many. */
export function partsByCode(db: Db) {
  const rows = db
    .select({
      code: tasks.code,
      kind: tasks.partsKind,
      source: tasks.partsSource,
      parts: count(taskParts.id),
    })
    .from(tasks)
    .leftJoin(taskParts, eq(taskParts.taskId, tasks.id))
    .groupBy(tasks.id)
    .orderBy(asc(tasks.position))
    .all();
  return Object.fromEntries(rows.map(({ code, ...parts }) => [code, parts]));
}

/** Only the shared tasks of `partsByCode`. */
export function sharedByCode(db: Db) {
  return Object.fromEntries(Object.entries(partsByCode(db)).filter(([, p]) => p.kind !== null));
}
