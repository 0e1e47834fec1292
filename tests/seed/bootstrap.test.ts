import { describe, expect, it } from 'vitest';
import { people, processes, tasks } from '../../db/schema/index.ts';
import { activePeople, peopleResponsibleFor, personByEmail } from '../../src/domain/directory/people.ts';
import {
  bootstrap,
  exampleDirectoryStep,
  planStep,
  type SeedStep,
  seedSteps,
} from '../../src/seed/bootstrap.ts';
import { clock, freshDb, rowCounts } from '../db/helpers.ts';
import { SEED_PARTS, sharedByCode } from '../helpers/parts.ts';

/** The steps of this module (other features append theirs to `seedSteps`). */
const ownSteps = [planStep, exampleDirectoryStep];

function run(db = freshDb(), loadExamples = true) {
  const logs: string[] = [];
  const loaded = bootstrap(db, clock, { loadExamples, log: (text) => logs.push(text) }, ownSteps);
  return { db, logs, loaded };
}

describe('bootstrap', () => {
  it('loads the seed plan and the example directory into an empty database and says so', () => {
    const { db, logs } = run();
    expect(rowCounts(db)).toMatchObject({ plans: 1, activities: 6, tasks: 29, processes: 29, people: 40 });
    expect(logs).toEqual([
      'Se cargó el plan 2026 (29 tareas) y el directorio de ejemplo (40 personas, 29 procesos).\n' +
        'Reemplácelo con: npx mipg importar procesos <archivo.csv|xlsx> y npx mipg importar personas <archivo.csv|xlsx>.',
    ]);
  });

  it('is idempotent: a second start loads and logs nothing', () => {
    const { db } = run();
    const before = rowCounts(db);
    const second = run(db);
    expect(second.logs).toEqual([]);
    expect(second.loaded).toEqual([]);
    expect(rowCounts(db)).toEqual(before);
  });

  it('loads only the plan when examples are off, and never examples over a real directory', () => {
    const { db, logs } = run(freshDb(), false);
    expect(logs).toEqual(['Se cargó el plan 2026 (29 tareas).']);
    expect(rowCounts(db)).toMatchObject({ tasks: 29, people: 0, processes: 0 });
    db.insert(people).values({ name: 'Ana Pérez', email: 'ana@pasto.gov.co', role: 'coordinador' }).run();
    expect(run(db, true).logs).toEqual([]);
    expect(rowCounts(db)).toMatchObject({ people: 1, processes: 0 });
  });

  it('marks every example row so a person sees it is example data', () => {
    const { db } = run();
    const everyone = activePeople(db);
    expect(everyone.every((p) => p.example && p.name.endsWith('(ejemplo)'))).toBe(true);
    expect(everyone.every((p) => p.email.endsWith('@ejemplo.pasto.gov.co'))).toBe(true);
    const catalog = db.select().from(processes).all();
    expect(catalog.every((p) => p.example && p.name.endsWith('(ejemplo)'))).toBe(true);
    expect(new Set(catalog.map((p) => p.type))).toEqual(
      new Set(['estrategico', 'misional', 'apoyo', 'evaluacion']),
    );
  });

  it('gives the example coordinator, one leader per process and people for every responsible of the plan', () => {
    const { db } = run();
    expect(personByEmail(db, 'coordinacion@ejemplo.pasto.gov.co')).toMatchObject({
      name: 'Coordinación MIPG (ejemplo)',
      role: 'coordinador',
      teams: ['Equipo MIPG'],
    });
    const leaders = activePeople(db).filter((p) => p.role === 'lider');
    expect(new Set(leaders.map((p) => p.processCode)).size).toBe(29);
    expect(leaders.every((p) => p.teams.includes('Líderes de proceso'))).toBe(true);
    expect(activePeople(db).filter((p) => p.role === 'delegado').length).toBeGreaterThanOrEqual(2);
    const responsibles = new Set(
      db
        .select({ r: tasks.responsible })
        .from(tasks)
        .all()
        .map((t) => t.r),
    );
    for (const responsible of responsibles) {
      expect(peopleResponsibleFor(db, responsible).length, responsible).toBeGreaterThan(0);
    }
    const bank = peopleResponsibleFor(db, 'Equipo Banco de Proyectos, MIPG y Plan de Desarrollo - OPGI');
    expect(bank.map((p) => p.teams)).toEqual([
      ['Equipo Banco de Proyectos, MIPG y Plan de Desarrollo'],
      ['Equipo Banco de Proyectos, MIPG y Plan de Desarrollo'],
    ]);
  });

  it('runs the steps other features add, in order, each hint on its own line', () => {
    const calls: string[] = [];
    const extra: SeedStep = {
      name: 'actas de ejemplo',
      load: ({ loadExamples }) => {
        calls.push(`actas ${loadExamples}`);
        return { loaded: '3 actas de ejemplo', hint: 'Reemplácelas con: npx mipg importar actas <archivo>' };
      },
    };
    const logs: string[] = [];
    bootstrap(freshDb(), clock, { loadExamples: true, log: (t) => logs.push(t) }, [...ownSteps, extra]);
    expect(calls).toEqual(['actas true']);
    expect(logs[0]?.split('\n')).toEqual([
      'Se cargó el plan 2026 (29 tareas), el directorio de ejemplo (40 personas, 29 procesos) y 3 actas de ejemplo.',
      'Reemplácelo con: npx mipg importar procesos <archivo.csv|xlsx> y npx mipg importar personas <archivo.csv|xlsx>.',
      'Reemplácelas con: npx mipg importar actas <archivo>.',
    ]);
  });

  it('the default steps start with the plan and the example directory', () => {
    expect(seedSteps.slice(0, 2)).toEqual(ownSteps);
    const logs: string[] = [];
    bootstrap(freshDb(), clock, { loadExamples: true, log: (t) => logs.push(t) });
    expect(logs[0]).toMatch(
      /^Se cargó el plan 2026 \(29 tareas\), el directorio de ejemplo \(40 personas, 29 procesos\)/,
    );
  });

  it.each([
    ['plan, then processes', ownSteps],
    ['processes, then plan', [exampleDirectoryStep, planStep]],
  ])("%s: the seed's shared tasks end with their parts, one per example process", (_, steps) => {
    const db = freshDb();
    bootstrap(db, clock, { loadExamples: true, log: () => {} }, steps);
    expect(sharedByCode(db)).toEqual(SEED_PARTS);
  });
});
