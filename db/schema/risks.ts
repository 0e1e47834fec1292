import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { people, processes } from './directory.ts';

const riskTypes = ['gestion', 'corrupcion', 'seguridad_digital', 'fiscal'] as const;
const probabilityLevels = ['muy_baja', 'baja', 'media', 'alta', 'muy_alta'] as const;
const impactLevels = ['leve', 'menor', 'moderado', 'mayor', 'catastrofico'] as const;
const riskZones = ['bajo', 'moderado', 'alto', 'extremo'] as const;
export const riskTreatments = ['aceptar', 'reducir', 'evitar', 'compartir'] as const;
export const matrixStates = ['pendiente', 'actualizada', 'verificada', 'devuelta'] as const;
export type MatrixState = (typeof matrixStates)[number];

/**
 * One risk of a process's matrix for a vigencia: what the process wrote (inputs) and what the bot
 * computed with the DAFP method named in `method` (kept so a later change of setting is visible).
 */
export const risks = sqliteTable(
  'risks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    processId: integer('process_id')
      .notNull()
      .references(() => processes.id),
    code: text('code').notNull(),
    type: text('type', { enum: riskTypes }).notNull(),
    description: text('description').notNull(),
    cause: text('cause').notNull(),
    consequence: text('consequence').notNull(),
    timesPerYear: real('times_per_year').notNull(),
    economicImpact: text('economic_impact', { enum: impactLevels }),
    reputationalImpact: text('reputational_impact', { enum: impactLevels }),
    treatment: text('treatment', { enum: riskTreatments }).notNull(),
    responsible: text('responsible').notNull(),
    method: text('method', { enum: ['v6', 'v7'] }).notNull(),
    inherentProbability: text('inherent_probability', { enum: probabilityLevels }).notNull(),
    inherentProbabilityPercent: real('inherent_probability_percent').notNull(),
    inherentImpact: text('inherent_impact', { enum: impactLevels }).notNull(),
    inherentImpactPercent: real('inherent_impact_percent').notNull(),
    inherentZone: text('inherent_zone', { enum: riskZones }).notNull(),
    residualProbability: text('residual_probability', { enum: probabilityLevels }).notNull(),
    residualProbabilityPercent: real('residual_probability_percent').notNull(),
    residualImpact: text('residual_impact', { enum: impactLevels }).notNull(),
    residualImpactPercent: real('residual_impact_percent').notNull(),
    residualZone: text('residual_zone', { enum: riskZones }).notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('risks_year_code').on(t.year, t.code),
    index('risks_year_process').on(t.year, t.processId),
  ],
);

/** The controls of a risk, in the order they apply (the order changes the residual values). */
export const riskControls = sqliteTable(
  'risk_controls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    riskId: integer('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    type: text('type', { enum: ['preventivo', 'detectivo', 'correctivo'] }).notNull(),
    implementation: text('implementation', { enum: ['automatico', 'manual'] }).notNull(),
    description: text('description').notNull().default(''),
    weight: real('weight').notNull(),
  },
  (t) => [uniqueIndex('risk_controls_order').on(t.riskId, t.position)],
);

/**
 * The yearly update cycle of a process's matrix. No row means `pendiente`;
 * `devuelta` carries the coordinator's observations back to the leader.
 */
export const riskMatrices = sqliteTable(
  'risk_matrices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    processId: integer('process_id')
      .notNull()
      .references(() => processes.id),
    state: text('state', { enum: matrixStates }).notNull(),
    evidenceUrl: text('evidence_url'),
    note: text('note'),
    reportedAt: text('reported_at'),
    reportedBy: integer('reported_by').references(() => people.id),
    reviewedAt: text('reviewed_at'),
    reviewedBy: integer('reviewed_by').references(() => people.id),
    observations: text('observations'),
  },
  (t) => [uniqueIndex('risk_matrices_year_process').on(t.year, t.processId)],
);

/**
 * A risk that happened. The code and process are kept as written so the report survives a later
 * import that drops the risk from the matrix (then `riskId` becomes null).
 */
export const materializedRisks = sqliteTable(
  'materialized_risks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    riskId: integer('risk_id').references(() => risks.id, { onDelete: 'set null' }),
    riskCode: text('risk_code').notNull(),
    processId: integer('process_id')
      .notNull()
      .references(() => processes.id),
    description: text('description').notNull(),
    url: text('url'),
    reportedAt: text('reported_at').notNull(),
    reportedBy: integer('reported_by').references(() => people.id),
  },
  (t) => [index('materialized_risks_year').on(t.year)],
);
