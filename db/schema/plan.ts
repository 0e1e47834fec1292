import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { people, processes } from './directory.ts';

/** How a shared task is split: one part per process of the directory, or N numbered items. */
export const partsKinds = ['procesos', 'numeradas'] as const;
export type PartsKind = (typeof partsKinds)[number];

/**
 * Where a shared task's parts are recorded: by `/cumplida` (manual), or read from the indicator reports or
 * the risk-matrix cycle of each process, so those tasks need no double entry.
 */
export const partsSources = ['manual', 'indicadores', 'riesgos'] as const;
export type PartsSource = (typeof partsSources)[number];

/** The code the Política de Planeación Institucional gets when a file names none. */
export const DEFAULT_PLAN_CODE = 'PPI';

/**
 * One plan of a vigencia (year) of the Plan de Acción Institucional: the Política de Planeación
 * Institucional (`PPI`) and the plans Decreto 612 de 2018 integrates (PTH, PIC, PETI…), each with its code,
 * owner team and leader. A code is unique within a vigencia.
 */
export const plans = sqliteTable(
  'plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().default(DEFAULT_PLAN_CODE),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** The directory team that owns the plan (its name as typed), if any. */
    ownerTeam: text('owner_team'),
    leaderId: integer('leader_id').references(() => people.id),
    source: text('source'),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [uniqueIndex('plans_code_year').on(t.code, t.year)],
);

/**
 * A closed vigencia: its final cut is taken and nothing in it changes afterwards except by the coordinator,
 * with a reason (audited).
 */
export const vigencias = sqliteTable('vigencias', {
  year: integer('year').primaryKey(),
  closedAt: text('closed_at').notNull(),
  closedBy: integer('closed_by').references(() => people.id),
});

export const activities = sqliteTable(
  'activities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('activities_plan_number').on(t.planId, t.number)],
);

export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    what: text('what').notNull(),
    title: text('title').notNull(),
    responsible: text('responsible').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    evidenceExpected: text('evidence_expected').notNull().default(''),
    doneAt: text('done_at'),
    doneBy: integer('done_by').references(() => people.id),
    verifiedAt: text('verified_at'),
    verifiedBy: integer('verified_by').references(() => people.id),
    /** Shared tasks: how the parts are made (null: a yes/no task). */
    partsKind: text('parts_kind', { enum: partsKinds }),
    partsSource: text('parts_source', { enum: partsSources }).notNull().default('manual'),
    /** The coordinator's reason when closing a shared task before all its parts were done. */
    closedReason: text('closed_reason'),
  },
  (t) => [uniqueIndex('tasks_plan_code').on(t.planId, t.code), index('tasks_end_date').on(t.endDate)],
);

/** Evidence links recorded for a task (who, when, url, note). */
export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    note: text('note'),
    personId: integer('person_id').references(() => people.id),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index('evidence_task').on(t.taskId)],
);

/**
 * One unit's share of a shared task: a process, or a numbered item (1 … target). The current state;
 * its history is in `task_events`.
 */
export const taskParts = sqliteTable(
  'task_parts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    processId: integer('process_id').references(() => processes.id),
    label: text('label').notNull(),
    doneAt: text('done_at'),
    doneBy: integer('done_by').references(() => people.id),
    evidenceId: integer('evidence_id').references(() => evidence.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('task_parts_position').on(t.taskId, t.position),
    index('task_parts_process').on(t.processId),
  ],
);

export const taskEventKinds = [
  'cumplida',
  'reabierta',
  'verificada',
  'cerrada',
  'parte_cumplida',
  'parte_reabierta',
] as const;
export type TaskEventKind = (typeof taskEventKinds)[number];

/**
 * What happened to a task and when, append-only: the plan as of any past day is replayed from here
 * (done, reopened, verified, closed with a reason, a part done or undone).
 */
export const taskEvents = sqliteTable(
  'task_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    partId: integer('part_id').references(() => taskParts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: taskEventKinds }).notNull(),
    at: text('at').notNull(),
    personId: integer('person_id').references(() => people.id),
    reason: text('reason'),
  },
  (t) => [index('task_events_task_at').on(t.taskId, t.at)],
);

/**
 * A quarterly (`2026-T3`) or four-month (`2026-C1`) cut: the plan's state at the period's last day,
 * stored once as JSON and never recomputed.
 */
export const cuts = sqliteTable(
  'cuts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    date: text('date').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => people.id),
    data: text('data').notNull(),
  },
  (t) => [uniqueIndex('cuts_plan_code').on(t.planId, t.code)],
);
