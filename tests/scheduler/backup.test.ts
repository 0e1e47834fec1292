import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { main } from '../../src/cli/main.ts';
import { bogotaInstant } from '../../src/domain/clock.ts';
import { defaultJobs } from '../../src/scheduler/jobs.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import { auditedDatabase, tempDir } from '../domain/backup/helpers.ts';
import { capture } from '../helpers/cli.ts';
import { jobDeps, ManualClock, testConfig } from './fixtures.ts';

describe('the nightly backup job', () => {
  let dir: string;
  let db: Db;
  let clock: ManualClock;
  let log: string[];
  const saved = { ...process.env };
  const scheduler = () => {
    const config = testConfig({ MIPG_DB: join(dir, 'mipg.db'), MIPG_RESPALDO_CONSERVAR: '3' });
    return new Scheduler({ ...jobDeps(db, clock, [], log), config });
  };
  const backups = () => readdirSync(join(dir, 'respaldos')).filter((f) => f.endsWith('.db'));

  beforeEach(() => {
    dir = tempDir('respaldo-programado');
    clock = new ManualClock(bogotaInstant('2026-11-30', '10:00'));
    db = auditedDatabase(join(dir, 'mipg.db'), clock, 3);
    log = [];
  });
  afterEach(() => {
    db.$client.close();
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('is scheduled with node-cron in America/Bogota at MIPG_RESPALDO_CRON (02:00 by default)', async () => {
    expect(defaultJobs(testConfig({ MIPG_DB: 'data/mipg.db' })).map((j) => [j.name, j.cron])).toContainEqual([
      'respaldo',
      '0 2 * * *',
    ]);
    expect(defaultJobs(testConfig()).map((j) => j.name)).not.toContain('respaldo');
    const s = scheduler();
    await s.start();
    const tasks = (s as unknown as { tasks: { getPattern(): string; name: string }[] }).tasks;
    expect(tasks.map((t) => [t.name, t.getPattern()])).toContainEqual(['mipg-respaldo', '0 2 * * *']);
    await s.stop();
  });

  it('writes one log line per run, keeps three, and after an outage takes one late backup, not one per night', async () => {
    const s = scheduler();
    await s.catchUp(); // first start: nothing to catch up
    const job = s.jobs.find((j) => j.name === 'respaldo');
    if (!job) throw new Error('no backup job');
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']) {
      clock.setBogota(day, '02:00');
      await s.run(job, clock.now(), false);
    }
    expect(log.filter((l) => l.startsWith('Respaldo'))).toHaveLength(4);
    expect(log[0]).toMatch(
      new RegExp(
        `^Respaldo listo: ${join(dir, 'respaldos', 'mipg-2026-12-01-0200.db')} \\(.+, verificado\\)\\.$`,
      ),
    );
    expect(log[3]).toMatch(/, verificado; se borraron 1 respaldo\(s\) antiguo\(s\)\)\.$/);
    expect(backups().sort()).toEqual([
      'mipg-2026-12-02-0200.db',
      'mipg-2026-12-03-0200.db',
      'mipg-2026-12-04-0200.db',
    ]);

    // Down from the 4th at 10:00 to the 8th at 09:00: three nights missed, one backup on start.
    clock.setBogota('2026-12-04', '10:00');
    await scheduler().catchUp();
    clock.setBogota('2026-12-08', '09:00');
    log.length = 0;
    await scheduler().catchUp();
    expect(log.filter((l) => l.startsWith('Respaldo'))).toHaveLength(1);
    expect(backups().sort()).toEqual([
      'mipg-2026-12-03-0200.db',
      'mipg-2026-12-04-0200.db',
      'mipg-2026-12-08-0900.db',
    ]);
  });

  it('logs a failed backup in one line, and `npx mipg respaldos` shows it', async () => {
    clock.setBogota('2026-12-01', '02:00');
    mkdirSync(join(dir, 'respaldos', '.mipg-2026-12-01-0200.db.parcial'), { recursive: true });
    const s = scheduler();
    const job = s.jobs.find((j) => j.name === 'respaldo');
    if (!job) throw new Error('no backup job');
    await s.run(job, clock.now(), false);
    expect(log).toEqual([
      `Respaldo FALLIDO (programado): no se pudo crear el archivo de la copia en ${join(dir, 'respaldos')}. Vea npx mipg respaldos.`,
    ]);

    process.env.MIPG_DB = join(dir, 'mipg.db');
    const c = capture();
    expect(await main(['respaldos'], c.io)).toBe(1);
    const text = c.out.join('\n');
    expect(text).toContain(
      `⚠️ El último respaldo (1 dic 2026 02:00) falló: no se pudo crear el archivo de la copia en ${join(dir, 'respaldos')}.`,
    );
    expect(text).toMatch(/\n1 dic 2026 02:00 +programado +fallido +/);
  });
});
