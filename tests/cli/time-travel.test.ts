import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bogotaInstant, fixedClock } from '../../src/domain/clock.ts';
import { COORDINATOR } from '../helpers/app.ts';
import { capture } from '../helpers/cli.ts';

/** `mipg <argv>` run at a Bogotá day and time, as under faketime. */
async function runAt(day: string, ...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io, fixedClock(bogotaInstant(day, '15:00')));
  return { code, out: c.out.join('\n'), err: c.err.join('\n'), written: c.written.join('') };
}

const link = (name: string) => `https://intranet.pasto.gov.co/evidencias/${name}.pdf`;

interface Exported {
  code: string;
  status: string;
}

describe('looking at a past day tells what was known that day', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.MIPG_DB = join(mkdtempSync(join(tmpdir(), 'mipg-time-')), 'mipg.db');
    process.env.MIPG_CONSOLE_USER = COORDINATOR;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  /**
   * 1.1 closed by the coordination on 20 March, 3.1 done on 25 March, 6.2 and 3.4 on 4 May (6.2 ended on
   * 30 January), 4.1 on 10 June; then, on 1 December, the plan as of 31 March.
   */
  async function history() {
    await runAt('2026-03-20', 'chat', '/tarea 1.1 cerrar Inventarios recibidos en la mesa de trabajo');
    await runAt('2026-03-25', 'chat', `/cumplida 3.1 ${link('3-1')}`);
    await runAt('2026-05-04', 'chat', `/cumplida 6.2 ${link('6-2')}`);
    await runAt('2026-05-04', 'chat', '/tarea 3.4 cerrar Consolidado de mediciones recibido');
    await runAt('2026-06-10', 'chat', `/cumplida 4.1 ${link('4-1')}`);
  }

  it('/estado tareas --fecha 2026-03-31: 2 done (1.1, 3.1) and 2 overdue (6.1, 6.2)', async () => {
    await history();
    const today = await runAt('2026-12-01', 'chat', '/estado tareas');
    expect(today.out).toContain('Cumplidas: 5 de 29');
    const past = await runAt('2026-12-01', 'chat', '--fecha', '2026-03-31', '/estado tareas');
    expect(past.out).toContain('Cumplidas: 2 de 29 (7 %)');
    expect(past.out).toContain('Vencidas: 2');
    const overdue = past.out.split('Tareas vencidas')[1] ?? '';
    expect(overdue).toContain('🔴 6.1 ');
    expect(overdue).toContain('🔴 6.2 ');
    expect(overdue).not.toContain(' 4.1 ');
  });

  it('exportar tareas and resumen --fecha agree with that day', async () => {
    await history();
    const exported = JSON.parse(
      (await runAt('2026-12-01', 'exportar', 'tareas', '--formato', 'json', '--fecha', '2026-03-31')).written,
    ) as Exported[];
    const state = (code: string) => exported.find((t) => t.code === code)?.status;
    expect(exported.filter((t) => t.status === 'cumplida').map((t) => t.code)).toEqual(['1.1', '3.1']);
    expect(exported.filter((t) => t.status === 'vencida').map((t) => t.code)).toEqual(['6.1', '6.2']);
    expect([state('3.4'), state('4.1')]).toEqual(['pendiente', 'en_curso']);
    const links = (code: string) =>
      (exported.find((t) => t.code === code) as unknown as { evidenceLinks: string[] }).evidenceLinks;
    expect([links('3.1'), links('6.2')]).toEqual([[link('3-1')], []]);

    const digest = JSON.parse(
      (await runAt('2026-12-01', 'resumen', '--fecha', '2026-03-31', '--formato', 'json')).out,
    ) as { overdue: { code: string }[] };
    expect(digest.overdue.map((t) => t.code)).toEqual(['6.1', '6.2']);
  });

  it('a task done after its end date shows «fuera de plazo» with the days late', async () => {
    await history();
    const task = await runAt('2026-12-01', 'chat', '/tarea 6.2');
    expect(task.out).toContain('Cumplida fuera de plazo (94 días)');
    expect((await runAt('2026-12-01', 'chat', '/tarea 3.1')).out).toContain('fuera de plazo (15 días)');
    const onTime = await runAt('2026-12-01', 'chat', '/tarea 4.1');
    expect(onTime.out).toContain('Estado: ✅ Cumplida');
    expect(onTime.out).not.toContain('fuera de plazo');
  });
});
