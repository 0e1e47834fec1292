import { and, count, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { plans, processes, taskParts, tasks } from '../../../db/schema/index.ts';
import { type Author, audit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { syncProcessParts } from './parts-setup.ts';

/** A per-process task that got parts for processes new to the directory. */
export interface ProcessPartsAdded {
  year: number;
  code: string;
  before: number;
  after: number;
}

function processPartCounts(tx: Tx) {
  return tx
    .select({ id: tasks.id, code: tasks.code, year: plans.year, n: count(taskParts.id) })
    .from(tasks)
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .leftJoin(taskParts, eq(taskParts.taskId, tasks.id))
    .where(eq(tasks.partsKind, 'procesos'))
    .groupBy(tasks.id)
    .all();
}

/**
 * After processes are imported (in the import's transaction): each per-process task gets a part for every
 * process it lacks (see `syncProcessParts`), audited per task, and process parts take the processes'
 * current names (a catalog imported over the example one renames them).
 */
export function addProcessParts(tx: Tx, clock: Clock, author: Author): ProcessPartsAdded[] {
  const before = new Map(processPartCounts(tx).map((t) => [t.id, t.n]));
  syncProcessParts(tx);
  const processName = sql`(select ${processes.name} from ${processes} where ${processes.id} = ${taskParts.processId})`;
  tx.update(taskParts)
    .set({ label: processName })
    .where(and(isNotNull(taskParts.processId), ne(taskParts.label, processName)))
    .run();
  const added: ProcessPartsAdded[] = [];
  for (const task of processPartCounts(tx)) {
    const was = before.get(task.id) ?? 0;
    if (task.n === was) continue;
    audit(tx, clock, author, {
      action: 'tarea.partes',
      entity: 'tarea',
      entityId: task.code,
      before: { total: was },
      after: { total: task.n, reason: 'procesos nuevos en el directorio' },
    });
    added.push({ year: task.year, code: task.code, before: was, after: task.n });
  }
  return added.sort((a, b) => a.year - b.year);
}
