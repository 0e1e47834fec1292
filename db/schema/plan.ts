import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { people } from './directory.ts';

/** One yearly plan (vigencia) of the Política de Planeación Institucional. */
export const plans = sqliteTable('plans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  year: integer('year').notNull().unique(),
  title: text('title').notNull(),
  source: text('source'),
  importedAt: text('imported_at').notNull(),
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
