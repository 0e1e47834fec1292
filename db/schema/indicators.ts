import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { people, processes } from './directory.ts';

export const indicatorTypes = ['eficacia', 'eficiencia', 'efectividad', 'calidad', 'economia'] as const;
export type IndicatorType = (typeof indicatorTypes)[number];

export const indicatorUnits = ['porcentaje', 'numero'] as const;
export const indicatorDirections = ['creciente', 'decreciente'] as const;
export const indicatorFrequencies = [
  'mensual',
  'bimestral',
  'trimestral',
  'cuatrimestral',
  'semestral',
  'anual',
] as const;
export type IndicatorFrequency = (typeof indicatorFrequencies)[number];
export const semaforoValues = ['critico', 'aceptable', 'satisfactorio'] as const;

/**
 * The indicator catalog: one row per technical sheet (ficha técnica), keyed by its code.
 * Ranges are the semáforo bounds in the indicator's own unit.
 */
export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    processId: integer('process_id')
      .notNull()
      .references(() => processes.id),
    name: text('name').notNull(),
    objective: text('objective').notNull().default(''),
    type: text('type', { enum: indicatorTypes }).notNull(),
    formula: text('formula').notNull().default(''),
    numeratorText: text('numerator_text').notNull().default(''),
    /** Empty when the indicator is measured as a direct value (no denominator). */
    denominatorText: text('denominator_text').notNull().default(''),
    unit: text('unit', { enum: indicatorUnits }).notNull(),
    direction: text('direction', { enum: indicatorDirections }).notNull(),
    frequency: text('frequency', { enum: indicatorFrequencies }).notNull(),
    baseline: real('baseline'),
    target: real('target').notNull(),
    critical: real('critical').notNull(),
    satisfactory: real('satisfactory').notNull(),
    /** Working days after the period ends by which the measurement is due. */
    dueDays: integer('due_days').notNull(),
    responsible: text('responsible').notNull().default(''),
    example: integer('example', { mode: 'boolean' }).notNull().default(false),
    /** Cleared when a real catalog replaces an example indicator that already has reports. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** When it entered the catalog: reports are expected only for periods ending on or after it. */
    createdAt: text('created_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('indicators_process').on(t.processId)],
);

/**
 * Measurements reported for an indicator and period. A correction adds a new row and clears
 * `current` on the old one, so history is kept and exactly one row per period is current.
 * Target and semáforo are those in force when the report was made.
 */
export const indicatorReports = sqliteTable(
  'indicator_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    numerator: real('numerator'),
    denominator: real('denominator'),
    /** The direct value, for indicators without a denominator. */
    value: real('value'),
    result: real('result').notNull(),
    target: real('target').notNull(),
    compliance: real('compliance'),
    status: text('status', { enum: semaforoValues }).notNull(),
    analysis: text('analysis').notNull().default(''),
    evidence: text('evidence').notNull(),
    reportedBy: integer('reported_by').references(() => people.id),
    reportedAt: text('reported_at').notNull(),
    current: integer('current', { mode: 'boolean' }).notNull().default(true),
    /** The report this one corrected, when it is a correction. */
    replaces: integer('replaces'),
  },
  (t) => [
    index('indicator_reports_period').on(t.indicatorId, t.period),
    uniqueIndex('indicator_reports_current').on(t.indicatorId, t.period).where(sql`${t.current} = 1`),
  ],
);
