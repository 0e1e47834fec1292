import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendanceInvitees, evidence, tasks } from '../../db/schema/index.ts';
import { createScheduler } from '../../src/scheduler/index.ts';
import { runUpkeep, type UpkeepTask } from '../../src/scheduler/upkeep.ts';
import { attendanceApp } from '../domain/attendance/helpers.ts';
import { loggerInto } from '../helpers/logs.ts';

function deps(t: ReturnType<typeof attendanceApp>, log: string[] = []) {
  return createScheduler(t.app.services, () => t.app.messengers, loggerInto(log)).deps;
}

describe('the scheduler upkeep', () => {
  it('delivers invitations of a session created without sending them, once even when run twice at the same time', async () => {
    const t = attendanceApp('2026-09-07', '10:00');
    const session = t.create();
    const log: string[] = [];
    await Promise.all([runUpkeep(deps(t, log)), runUpkeep(deps(t, log))]);
    await runUpkeep(deps(t, log));
    const invitations = t.printed.filter((p) => p.includes('Capacitación en indicadores de gestión'));
    expect(invitations).toHaveLength(3);
    const rows = t.app.db
      .select()
      .from(attendanceInvitees)
      .where(eq(attendanceInvitees.sessionId, session.id))
      .all();
    expect(rows.every((r) => r.notifiedAt !== null)).toBe(true);
    // The log counts the invitations and names nobody.
    const lines = log.filter((l) => l.startsWith(`Sesión ${session.id}: invitación enviada a `));
    // The two runs at the same time share the invitations between them: three in all.
    const counts = lines.map((l) => Number(/enviada a (\d+) persona\(s\)\.$/.exec(l)?.[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    const names = t.app.db.$client.prepare('SELECT name FROM people').pluck().all() as string[];
    expect(log.filter((l) => names.some((name) => l.includes(name)))).toEqual([]);
  });

  it('closes an ended session and registers its published list as the linked task evidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mipg-upkeep-'));
    const t = attendanceApp('2026-09-07', '10:00', {
      MIPG_ASISTENCIA_URL: 'https://intranet.pasto.gov.co/mipg/asistencia/',
      MIPG_ASISTENCIA_DIR: dir,
    });
    const session = t.create();
    t.clock.set('2026-09-10', '11:05');
    await runUpkeep(deps(t));
    const task = t.app.db.select().from(tasks).where(eq(tasks.code, '3.3')).get();
    const links = t.app.db
      .select()
      .from(evidence)
      .where(eq(evidence.taskId, task?.id ?? -1))
      .all();
    expect(links.map((l) => l.url)).toEqual([
      `https://intranet.pasto.gov.co/mipg/asistencia/asistencia-sesion-${session.id}.xlsx`,
    ]);
    expect(readdirSync(dir).sort()).toEqual([
      `asistencia-sesion-${session.id}.csv`,
      `asistencia-sesion-${session.id}.xlsx`,
    ]);
  });

  it('keeps going when one task fails, and says so in the log', async () => {
    const t = attendanceApp();
    const log: string[] = [];
    const ran: string[] = [];
    const failing: UpkeepTask = {
      label: 'prueba que falla',
      run: async () => {
        throw new Error('disco lleno');
      },
    };
    const next: UpkeepTask = { label: 'prueba', run: async () => void ran.push('ok') };
    await runUpkeep(deps(t, log), [failing, next]);
    expect(log).toEqual(['Error en prueba que falla: disco lleno']);
    expect(ran).toEqual(['ok']);
  });
});
