import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const processTypes = ['estrategico', 'misional', 'apoyo', 'evaluacion'] as const;
export type ProcessType = (typeof processTypes)[number];

/** The Alcaldía's processes (29 in the real catalog). */
export const processes = sqliteTable('processes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  type: text('type', { enum: processTypes }).notNull(),
  example: integer('example', { mode: 'boolean' }).notNull().default(false),
});

/**
 * `auditor` is the Oficina de Control Interno, the third line of defence: it reads every process's
 * data and changes none (see `isReadOnly` in src/domain/directory/people.ts). A text column without
 * a CHECK constraint, so a new role needs no migration.
 */
export const roles = ['coordinador', 'lider', 'delegado', 'integrante', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const people = sqliteTable('people', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  role: text('role', { enum: roles }).notNull(),
  processId: integer('process_id').references(() => processes.id),
  slackId: text('slack_id').unique(),
  teamsId: text('teams_id').unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  example: integer('example', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** Named groups such as "Equipo MIPG" or "Líderes de proceso", matched against a task's responsible text. */
export const teams = sqliteTable('teams', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
});

export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  // The key starts with the team; a person's teams (asked on every request) need their own index.
  (t) => [primaryKey({ columns: [t.teamId, t.personId] }), index('team_members_person').on(t.personId)],
);
