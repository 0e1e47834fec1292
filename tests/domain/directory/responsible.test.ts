import { describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import {
  belongsToResponsible,
  peopleResponsibleFor,
  personByEmail,
  teamsNamedIn,
} from '../../../src/domain/directory/people.ts';
import { importPeople } from '../../../src/domain/directory/people-import.ts';
import { tableFromCsv } from '../../../src/domain/tabular.ts';
import { exportedTasks } from '../../../src/domain/tasks/plan-export.ts';
import { testApp } from '../../helpers/app.ts';

const MIPG = 'Equipo MIPG';
const UAC = 'Unidad de Atención al Ciudadano';
const LEADERS = 'Líderes de proceso';
const BANK = 'Equipo Banco de Proyectos, MIPG y Plan de Desarrollo';

/** The seed's 29 tasks and the example directory's teams they resolved to when matching by substring. */
const SEED_TEAMS: Record<string, string[]> = {
  '1.1': [MIPG],
  '1.2': [MIPG, UAC],
  '1.3': [MIPG, UAC],
  '1.4': [MIPG],
  '2.1': [MIPG],
  '2.2': [MIPG],
  '2.3': [MIPG],
  '2.4': [MIPG],
  '3.1': [MIPG],
  '3.2': [MIPG],
  '3.3': [MIPG],
  '3.4': [LEADERS],
  '3.5': [MIPG],
  '3.6': [MIPG],
  '3.7': [MIPG, LEADERS],
  '4.1': [MIPG],
  '4.2': [MIPG],
  '4.3': [MIPG],
  '4.4': [MIPG],
  '4.5': [MIPG],
  '5.1': [MIPG],
  '5.2': [MIPG],
  '5.3': [MIPG],
  '5.4': [MIPG],
  '5.5': [MIPG],
  '6.1': [MIPG],
  '6.2': [BANK],
  '6.3': [BANK],
  '6.4': [MIPG],
};

/** People of the example directory (kept as examples, so nobody is deactivated) in teams of their own. */
function withTeams(t: ReturnType<typeof testApp>, rows: [string, string][]) {
  const csv = [
    'nombre,correo,rol,equipos',
    ...rows.map(([email, team]) => `Persona ${team},${email},integrante,"${team}"`),
  ].join('\n');
  importPeople(t.app.db, t.clock, SYSTEM, tableFromCsv(csv), { example: true });
  return (email: string) => {
    const person = personByEmail(t.app.db, email);
    if (!person) throw new Error(email);
    return person;
  };
}

describe('the teams a task names', () => {
  it('every seed task resolves to the same example teams as before', () => {
    const t = testApp();
    const tasks = exportedTasks(t.app.db, t.clock).tasks;
    expect(tasks).toHaveLength(29);
    const resolved = Object.fromEntries(
      tasks.map((task) => [task.code, teamsNamedIn(t.app.db, task.responsible).sort()]),
    );
    expect(resolved).toEqual(
      Object.fromEntries(Object.entries(SEED_TEAMS).map(([code, teams]) => [code, [...teams].sort()])),
    );
  });

  it('a team named «MIPG», «Equipo», «de» or «Oficina de Planeación» is no team of the seed tasks', async () => {
    const t = testApp('2026-10-15');
    const person = withTeams(t, [
      ['mipg@pasto.gov.co', 'MIPG'],
      ['equipo@pasto.gov.co', 'Equipo'],
      ['de@pasto.gov.co', 'de'],
      ['oficina@pasto.gov.co', 'Oficina de Planeación'],
      ['banco@pasto.gov.co', 'Equipo Banco de Proyectos'],
    ]);
    const tasks = exportedTasks(t.app.db, t.clock).tasks;
    for (const email of ['mipg', 'equipo', 'de', 'oficina', 'banco']) {
      const who = person(`${email}@pasto.gov.co`);
      expect(tasks.filter((task) => belongsToResponsible(t.app.db, who, task.responsible))).toEqual([]);
    }
    expect(teamsNamedIn(t.app.db, 'Equipo MIPG - Oficina de Planeación de Gestión Institucional')).toEqual([
      MIPG,
    ]);
    const text = await t.sayText('mipg@pasto.gov.co', '/cumplida 2.3 https://intranet.pasto.gov.co/dofa.pdf');
    expect(text).toContain(
      'No puede modificar la tarea 2.3: corresponde a «Equipo MIPG - Oficina de Planeación de Gestión Institucional».',
    );
  });

  it('matches whole names separated by dashes, commas or semicolons, ignoring case and accents', () => {
    const t = testApp();
    withTeams(t, [
      ['oficina@pasto.gov.co', 'Oficina de Planeación de Gestión Institucional'],
      ['juridica@pasto.gov.co', 'Oficina Jurídica'],
    ]);
    expect(
      teamsNamedIn(t.app.db, 'EQUIPO MIPG – oficina de planeacion de gestion institucional.').sort(),
    ).toEqual([MIPG, 'Oficina de Planeación de Gestión Institucional']);
    expect(
      teamsNamedIn(t.app.db, 'Oficina   jurídica, Líderes de proceso; Unidad de Atención al Ciudadano'),
    ).toEqual([UAC, LEADERS, 'Oficina Jurídica']);
    expect(peopleResponsibleFor(t.app.db, 'Oficina Jurídica').map((p) => p.email)).toEqual([
      'juridica@pasto.gov.co',
    ]);
    expect(teamsNamedIn(t.app.db, 'Equipo MIPGS')).toEqual([]);
  });
});
