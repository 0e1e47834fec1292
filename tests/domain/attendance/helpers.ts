import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleMessenger } from '../../../src/adapters/console/messenger.ts';
import type { ListPublishing } from '../../../src/domain/attendance/publish.ts';
import { createSession, type NewSession } from '../../../src/domain/attendance/sessions.ts';
import { personAuthor } from '../../../src/domain/audit/log.ts';
import { personById } from '../../../src/domain/directory/people.ts';
import { COORDINATOR, testApp } from '../../helpers/app.ts';

/** Example directory people used as invitees. */
export const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';
export const ANDRES = 'andres.munoz@ejemplo.pasto.gov.co';
export const DIANA = 'diana.rosero@ejemplo.pasto.gov.co';
export const OUTSIDER = 'lider.gth@ejemplo.pasto.gov.co';

/** The indicators training of task 3.3: Thursday 10 September 2026, 09:00–11:00 Bogotá. */
export const TRAINING: NewSession = {
  title: 'Capacitación en indicadores de gestión',
  start: '2026-09-10 09:00',
  end: '2026-09-10 11:00',
  place: 'Sala de juntas, Alcaldía de Pasto',
  taskCode: '3.3',
  invitees: `${LAURA}; ${ANDRES}; ${DIANA}`,
};

/**
 * The bot on Monday 7 September 2026 (Bogotá) with a terminal messenger that keeps what it printed,
 * so tests read the invitations as a person in the terminal would.
 */
export function attendanceApp(date = '2026-09-07', time = '10:00', env: NodeJS.ProcessEnv = {}) {
  const t = testApp(date, time, env);
  const printed: string[] = [];
  t.app.messengers.push(
    new ConsoleMessenger(
      (text) => printed.push(text),
      (id) => personById(t.app.db, id)?.name ?? `persona ${id}`,
    ),
  );
  const coordinator = t.person(COORDINATOR);
  const create = (input: Partial<NewSession> = {}) =>
    createSession(t.app.db, t.clock, personAuthor(coordinator), { ...TRAINING, ...input });
  return { ...t, printed, coordinator, create };
}

/** A fresh publishing folder with the office's address for attendance lists. */
export function tempPublishing(): ListPublishing {
  return {
    dir: mkdtempSync(join(tmpdir(), 'mipg-asistencia-')),
    baseUrl: 'https://intranet.pasto.gov.co/mipg/asistencia/',
  };
}
