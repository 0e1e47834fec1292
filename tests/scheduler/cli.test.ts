import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { digestCommand } from '../../src/cli/digest.ts';
import { main } from '../../src/cli/main.ts';
import { SYSTEM } from '../../src/domain/audit/log.ts';
import { bogotaInstant, clockAtBogotaDate, fixedClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { reminderJob } from '../../src/scheduler/jobs.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import { bootstrap } from '../../src/seed/bootstrap.ts';
import { capture } from '../helpers/cli.ts';
import { jobDeps, RecordingMessenger, testConfig } from './fixtures.ts';

describe('npx mipg resumen and envios', () => {
  let dir: string;
  let template: string;
  const saved = { ...process.env };
  // One bootstrapped database (2026 plan and example directory), copied for each test: loading it is slow.
  beforeAll(() => {
    template = join(mkdtempSync(join(tmpdir(), 'mipg-resumen-base-')), 'base.db');
    const db = openMigratedDatabase(template);
    bootstrap(db, clockAtBogotaDate('2026-09-07'), { loadExamples: true, log: () => {} });
    db.$client.close();
  });
  afterAll(() => rmSync(join(template, '..'), { recursive: true, force: true }));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-resumen-'));
    process.env.MIPG_DB = join(dir, 'mipg.db');
    copyFileSync(template, process.env.MIPG_DB);
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the digest that would be posted on a date, from the bootstrapped 2026 plan', async () => {
    const c = capture();
    expect(await main(['resumen', '--fecha', '2026-09-07'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('Resumen semanal · Plan 2026');
    expect(text).toContain('corte: lunes 7 de septiembre de 2026 (hora de Bogotá)');
    expect(text).toContain('🔴 Vencidas (14)');
    // The terminal shows no Slack markers.
    expect(text).not.toMatch(/\*[^*\n]+\*/);
    expect(text).toContain(
      '1.1 Solicitar la actualización del inventario de partes interes… · Equipo MIPG · 1 feb – 31 mar 2026',
    );
    expect(text).toContain('📣 Deben actuar: Equipo MIPG (@');
    expect(text).toContain('… y 6 más. Lista completa: /tareas');
    expect(text).toContain('Cumplidas: 0 de 29 (0 %)');
  });

  it('prints it as JSON, with the three lists shaped as `exportar tareas --formato json`', async () => {
    const c = capture();
    expect(await main(['resumen', '--fecha', '2026-09-28', '--formato', 'json'], c.io)).toBe(0);
    const json = JSON.parse(c.out.join('\n'));
    expect(json.date).toBe('2026-09-28');
    expect(json.overdue).toHaveLength(14);
    expect(json.dueThisWeek.map((t: { code: string }) => t.code)).toEqual(['2.2']);
    expect(json.dueThisWeek[0]).toMatchObject({
      code: '2.2',
      title: 'Revisar la DOFA institucional para identificar elementos que deban ser modificados',
      start: '2026-07-01',
      end: '2026-09-30',
      status: 'en_curso',
    });
    expect(json.startingThisWeek.map((t: { code: string }) => t.code)).toEqual(['2.3']);
    expect(json).toMatchObject({ inProgress: 11, done: 0, total: 29 });
    expect(json.activities).toHaveLength(6);
  });

  it('refuses an unknown format or state in Spanish', async () => {
    const format = capture();
    expect(await main(['resumen', '--formato', 'pdf'], format.io)).toBe(1);
    expect(format.err.join('\n')).toContain(
      'Formato «pdf» no disponible.\nUse --formato texto o --formato json.',
    );
    const state = capture();
    expect(await main(['envios', '--estado', 'perdido'], state.io)).toBe(1);
    expect(state.err.join('\n')).toContain(
      'Estado «perdido» desconocido.\nUse --estado enviado|pendiente|fallido|omitido.',
    );
  });

  it('lists the ledger: sent, failed with the error and the next retry', async () => {
    const db = openMigratedDatabase(process.env.MIPG_DB ?? '');
    const clock = fixedClock(bogotaInstant('2026-09-28', '08:00'));
    const slack = new RecordingMessenger('slack');
    slack.failNext = 1;
    const scheduler = new Scheduler(jobDeps(db, clock, [slack]), [reminderJob('0 8 * * 1-5')]);
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    db.$client.close();

    const empty = capture();
    expect(await main(['envios', '--estado', 'omitido'], empty.io)).toBe(0);
    expect(empty.out).toEqual(['No hay envíos registrados todavía.']);

    const failed = capture();
    expect(await main(['envios', '--estado', 'fallido'], failed.io)).toBe(0);
    const text = failed.out.join('\n');
    expect(text).toContain('Envíos del bot (1, los más recientes primero)');
    expect(text).toMatch(
      /escalamiento\.vencidas\s+2026-W40\s+Coordinación MIPG \(ejemplo\) \(Slack\)\s+fallido\s+1\s+ratelimited: demasiadas solicitudes · reintento 28 sep 2026 08:01/,
    );

    const all = capture();
    expect(await main(['envios', '--formato', 'json'], all.io)).toBe(0);
    const rows = JSON.parse(all.out.join('\n'));
    expect(rows.filter((r: { status: string }) => r.status === 'enviado').length).toBeGreaterThan(1);
    expect(rows.filter((r: { status: string }) => r.status === 'fallido')).toHaveLength(1);
  });
});

describe('the digest date is Bogotá’s', () => {
  it('at 23:30 in Bogotá (04:30 UTC the next day) it is still that Bogotá day', async () => {
    const db = openMigratedDatabase(':memory:');
    bootstrap(db, clockAtBogotaDate('2026-09-07'), { loadExamples: true, log: () => {} });
    const out: string[] = [];
    const env = {
      config: testConfig(),
      db,
      clock: fixedClock('2026-09-08T04:30:00Z'),
      author: SYSTEM,
      log: silentLogger,
      out: (t: string) => out.push(t),
      err: () => {},
      write: () => {},
    };
    await digestCommand.run({ positional: [], options: { formato: 'json' } }, env);
    expect(JSON.parse(out.join('')).date).toBe('2026-09-07');
    out.length = 0;
    await digestCommand.run(
      { positional: [], options: { formato: 'json' } },
      { ...env, clock: fixedClock('2026-09-08T00:00:00Z') },
    );
    expect(JSON.parse(out.join('')).date).toBe('2026-09-07');
  });
});
