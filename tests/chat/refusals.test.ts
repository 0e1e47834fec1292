import { describe, expect, it } from 'vitest';
import { COORDINATOR, testApp } from '../helpers/app.ts';
import { captureLogs } from '../helpers/logs.ts';

const AUDITOR = 'control.interno@ejemplo.pasto.gov.co';

/** The bot with its log captured, as the running bot writes it. */
function loggedApp() {
  const logs = captureLogs();
  const t = testApp('2026-09-07', '10:00', {}, logs.log);
  // What the first run loaded is not what these tests look at.
  logs.entries.length = 0;
  logs.lines.length = 0;
  return { ...t, logs };
}

describe('refusals in the log', () => {
  it('logs each refused request once: what, who and why, never the words typed', async () => {
    const t = loggedApp();
    const auditor = t.person(AUDITOR);
    const coordinator = t.person(COORDINATOR);
    await t.say(AUDITOR, '/reabrir 2.3 Falta el acta secreta');
    await t.say(COORDINATOR, '/riesgo R-NO-EXISTE-CONFIDENCIAL');
    await t.say(COORDINATOR, 'hola-confidencial qué tal');
    await t.say(COORDINATOR, '/tareas');
    expect(
      t.logs.entries.map(({ level, msg, command, personId, platform, reason }) => ({
        level,
        msg,
        command,
        personId,
        platform,
        reason,
      })),
    ).toEqual([
      {
        level: 'info',
        msg: 'Solicitud rechazada.',
        command: 'reabrir',
        personId: auditor.id,
        platform: 'console',
        reason: 'read_only',
      },
      {
        level: 'info',
        msg: 'Solicitud rechazada.',
        command: 'riesgo',
        personId: coordinator.id,
        platform: 'console',
        reason: 'rule',
      },
      {
        level: 'info',
        msg: 'Solicitud rechazada.',
        command: undefined,
        personId: coordinator.id,
        platform: 'console',
        reason: 'unknown_command',
      },
    ]);
    expect(t.logs.lines.join('')).not.toMatch(/secreta|CONFIDENCIAL|confidencial/);
  });

  it('logs an unexpected error with its stack, and the person is told nothing was stored', async () => {
    const t = loggedApp();
    t.app.db.$client.exec('DROP TABLE risks');
    const reply = await t.sayText(COORDINATOR, '/riesgo R-GTH-01');
    expect(reply).toContain('Ocurrió un error inesperado y no se guardó nada.');
    expect(t.logs.entries).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'Error inesperado al atender una solicitud.',
        command: 'riesgo',
        reason: 'unexpected',
        stack: expect.stringContaining('SqliteError'),
      }),
    ]);
  });
});
