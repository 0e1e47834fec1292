import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { activities, DEFAULT_PLAN_CODE, plans, tasks } from '../../../db/schema/index.ts';
import { type Author, audit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { ImportError } from '../tabular.ts';
import { defaultPlanTitle, type ParsedPlan, type ParsedTask } from './parsed-plan.ts';
import { describeParts } from './parts-setup.ts';
import { checkedPlanCode, planOwnership } from './plan-codes.ts';
import { partsOfNewTask, reimportParts, sharedTasks } from './plan-parts.ts';
import type { PlanImportReport } from './plan-report.ts';

export { formatPlanReport, type PlanImportReport } from './plan-report.ts';

/** The fields of a task an import sets, under the names the exports use. */
interface TaskFields {
  activity: number;
  position: number;
  what: string;
  title: string;
  responsible: string;
  start: string;
  end: string;
  evidence: string;
}

type TaskRow = typeof tasks.$inferSelect;

const FIELD_LABELS: Record<keyof TaskFields, string> = {
  activity: 'actividad',
  position: 'orden',
  what: 'qué',
  title: 'cómo',
  responsible: 'responsable',
  start: 'inicio',
  end: 'fin',
  evidence: 'evidencias',
};

function assertUniqueCodes(parsed: ParsedPlan): void {
  const seen = new Map<string, number>();
  const problems = [];
  for (const task of parsed.tasks) {
    const first = seen.get(task.code);
    if (first !== undefined) {
      problems.push({ line: task.line, message: `el código ${task.code} ya se usó en la línea ${first}.` });
    } else seen.set(task.code, task.line);
  }
  if (parsed.tasks.length === 0) problems.push({ line: 1, message: 'el plan no tiene tareas.' });
  if (problems.length > 0) throw new ImportError(problems);
}

/** Which plan of the vigencia a file goes into, and its name: `importar plan … --codigo PTH --nombre "…"`. */
export interface PlanIdentity {
  code: string;
  /** Replaces the plan's title; without it a new plan takes the file's title. */
  name?: string;
  /** The directory team that owns the plan, and its leader's e-mail (kept when not given). */
  ownerTeam?: string;
  leaderEmail?: string;
}

function upsertPlan(
  tx: Tx,
  clock: Clock,
  parsed: ParsedPlan,
  source: string,
  identity: PlanIdentity & { ownerTeam?: string; leaderId?: number },
): number {
  const importedAt = clock.now().toISOString();
  const owner = {
    ...(identity.ownerTeam ? { ownerTeam: identity.ownerTeam } : {}),
    ...(identity.leaderId !== undefined ? { leaderId: identity.leaderId } : {}),
  };
  const existing = tx
    .select()
    .from(plans)
    .where(and(eq(plans.year, parsed.year), eq(plans.code, identity.code)))
    .get();
  if (existing) {
    const title = identity.name ?? existing.title;
    tx.update(plans)
      .set({ source, importedAt, title, ...owner })
      .where(eq(plans.id, existing.id))
      .run();
    return existing.id;
  }
  return tx
    .insert(plans)
    .values({
      code: identity.code,
      year: parsed.year,
      title: identity.name ?? parsed.title,
      source,
      importedAt,
      ...owner,
    })
    .returning({ id: plans.id })
    .get().id;
}

/** Inserts or renames the plan's activities; returns their ids by number. */
function upsertActivities(tx: Tx, planId: number, parsed: ParsedPlan): Map<number, number> {
  const ids = new Map<number, number>();
  for (const activity of parsed.activities) {
    const where = and(eq(activities.planId, planId), eq(activities.number, activity.number));
    const existing = tx.select().from(activities).where(where).get();
    if (existing && existing.name !== activity.name) {
      tx.update(activities).set({ name: activity.name }).where(eq(activities.id, existing.id)).run();
    }
    const id =
      existing?.id ??
      tx
        .insert(activities)
        .values({ planId, number: activity.number, name: activity.name })
        .returning({ id: activities.id })
        .get().id;
    ids.set(activity.number, id);
  }
  return ids;
}

function storedFields(row: TaskRow, numberOfActivity: Map<number, number>): TaskFields {
  return {
    activity: numberOfActivity.get(row.activityId) ?? 0,
    position: row.position,
    what: row.what,
    title: row.title,
    responsible: row.responsible,
    start: row.startDate,
    end: row.endDate,
    evidence: row.evidenceExpected,
  };
}

function parsedFields(task: ParsedTask, position: number): TaskFields {
  const { activityNumber: activity, what, title, responsible, start, end, evidence } = task;
  return { activity, position, what, title, responsible, start, end, evidence };
}

function columns(fields: TaskFields, activityIds: Map<number, number>) {
  return {
    activityId: activityIds.get(fields.activity) ?? 0,
    position: fields.position,
    what: fields.what,
    title: fields.title,
    responsible: fields.responsible,
    startDate: fields.start,
    endDate: fields.end,
    evidenceExpected: fields.evidence,
  };
}

function changedKeys(before: TaskFields, after: TaskFields): (keyof TaskFields)[] {
  return (Object.keys(after) as (keyof TaskFields)[]).filter((key) => before[key] !== after[key]);
}

function pick(fields: TaskFields, keys: (keyof TaskFields)[]): Partial<TaskFields> {
  return Object.fromEntries(keys.map((key) => [key, fields[key]]));
}

function applyTasks(tx: Tx, clock: Clock, author: Author, planId: number, parsed: ParsedPlan) {
  const activityIds = upsertActivities(tx, planId, parsed);
  const numberOfActivity = new Map(
    tx
      .select()
      .from(activities)
      .where(eq(activities.planId, planId))
      .all()
      .map((a) => [a.id, a.number]),
  );
  const stored = new Map(
    tx
      .select()
      .from(tasks)
      .where(eq(tasks.planId, planId))
      .all()
      .map((t) => [t.code, t]),
  );
  const report: Pick<PlanImportReport, 'added' | 'changed' | 'unchanged' | 'partsKept'> = {
    added: [],
    changed: [],
    unchanged: [],
    partsKept: [],
  };
  for (const [index, task] of parsed.tasks.entries()) {
    const after = parsedFields(task, index + 1);
    const row = stored.get(task.code);
    const entry = { action: 'tarea.importar', entity: 'tarea', entityId: task.code };
    if (!row) {
      const { id } = tx
        .insert(tasks)
        .values({ planId, code: task.code, ...columns(after, activityIds) })
        .returning({ id: tasks.id })
        .get();
      const parts = describeParts(partsOfNewTask(tx, id, task));
      audit(tx, clock, author, { ...entry, before: null, after: { ...after, parts } });
      report.added.push(task.code);
      continue;
    }
    const before = storedFields(row, numberOfActivity);
    const keys = changedKeys(before, after);
    const parts = reimportParts(tx, row, task.parts);
    if (parts && 'kept' in parts) report.partsKept.push({ code: task.code, reason: parts.kept });
    const partsChanged = parts !== null && 'after' in parts;
    if (keys.length === 0 && !partsChanged) {
      report.unchanged.push(task.code);
      continue;
    }
    // Only the plan's own fields (and parts no one has worked on) change: done/verified state and evidence stay.
    if (keys.length > 0) tx.update(tasks).set(columns(after, activityIds)).where(eq(tasks.id, row.id)).run();
    audit(tx, clock, author, {
      ...entry,
      before: { ...pick(before, keys), ...(partsChanged ? { parts: describeParts(parts.before) } : {}) },
      after: { ...pick(after, keys), ...(partsChanged ? { parts: describeParts(parts.after) } : {}) },
    });
    const fields = keys.map((key) => FIELD_LABELS[key]);
    report.changed.push({ code: task.code, fields: partsChanged ? [...fields, 'partes'] : fields });
  }
  const inFile = new Set(parsed.tasks.map((t) => t.code));
  return {
    ...report,
    absent: [...stored.keys()].filter((code) => !inFile.has(code)),
    shared: sharedTasks(tx, planId),
  };
}

/**
 * Stores a parsed plan in one transaction: the plan by year, activities by number, tasks by code, never
 * duplicating; a task's done/verified state and evidence are kept. A new task gets its parts (the file's
 * META/PARTES, else those its words suggest); a stored one changes them only when the file gives others
 * (see `reimportParts`). Every added or changed task is audited.
 */
export function applyPlan(
  db: Db,
  clock: Clock,
  author: Author,
  parsed: ParsedPlan,
  source: string,
  identity: PlanIdentity = { code: DEFAULT_PLAN_CODE },
): PlanImportReport {
  assertUniqueCodes(parsed);
  const code = checkedPlanCode(identity.code);
  const name = identity.name?.trim() || undefined;
  if (code !== DEFAULT_PLAN_CODE && !name && parsed.title === defaultPlanTitle(parsed.year)) {
    const known = db
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.year, parsed.year), eq(plans.code, code)))
      .get();
    if (!known) {
      throw new DomainError(
        `Falta el nombre del plan ${code}.`,
        `Ejemplo: npx mipg importar plan <archivo> --codigo ${code} --nombre "Plan Estratégico de Talento Humano"`,
      );
    }
  }
  const owners = planOwnership(db, identity);
  return db.transaction((tx) => {
    const planId = upsertPlan(tx, clock, parsed, source, { code, ...(name ? { name } : {}), ...owners });
    return { year: parsed.year, planCode: code, ...applyTasks(tx, clock, author, planId, parsed) };
  });
}
