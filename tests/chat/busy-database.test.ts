import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { COORDINATOR, snapshot, speakers, TestClock } from '../helpers/app.ts';

const root = join(import.meta.dirname, '..', '..');
const LINK = 'https://intranet.pasto.gov.co/acta-comite.pdf';
const LEADER = 'lider.gth@ejemplo.pasto.gov.co';

/**
 * Another process (as `npx mipg importar` would be) that takes the file's write lock, writes, and
 * keeps it for `ms` milliseconds before rolling back. Resolves once it holds the lock.
 */
async function holdWriteLock(file: string, ms: number): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    db.exec("UPDATE processes SET name = name || ' (importando)'");
    process.stdout.write('held\\n');
    setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, ${ms});
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return child;
}

/** The example bot on a database file, as `npm start` runs it. */
function fileApp() {
  const file = join(mkdtempSync(join(tmpdir(), 'mipg-busy-')), 'mipg.db');
  const clock = new TestClock('2026-10-15');
  const app = createApp(loadConfig({}), clock, silentLogger, openMigratedDatabase(file));
  return { file, app, ...speakers(app) };
}

describe('a chat command while an import holds the database', () => {
  let holder: ChildProcess | undefined;
  afterEach(async () => {
    if (holder && holder.exitCode === null) {
      const exited = new Promise((resolve) => holder?.once('exit', resolve));
      holder.kill();
      await exited;
    }
    holder = undefined;
  });

  // A report reads the current one before writing: a transaction begun DEFERRED failed at once with
  // SQLITE_BUSY on its first write, whatever the busy timeout; begun IMMEDIATE, it waits for the lock.
  it('waits for the import to finish and then stores the report', async () => {
    const { file, app, sayText } = fileApp();
    holder = await holdWriteLock(file, 800);
    const started = Date.now();
    const text = await sayText(LEADER, `/reportar indicador GTH-01 2026-T3 45/50 ${LINK}`);
    expect(text).not.toContain('error inesperado');
    expect(text).toContain('Reporte de *GTH-01* para 2026-T3 (3.er trimestre de 2026) registrado.');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    const stored = app.db.$client
      .prepare('SELECT period, numerator, denominator FROM indicator_reports')
      .all();
    expect(stored).toEqual([{ period: '2026-T3', numerator: 45, denominator: 50 }]);
  });

  it('when the wait runs out, asks in Spanish to try again and stores nothing', async () => {
    const { file, app, sayText } = fileApp();
    app.db.$client.pragma('busy_timeout = 300');
    const before = snapshot(app);
    holder = await holdWriteLock(file, 4000);
    const text = await sayText(COORDINATOR, `/evidencia 2.3 ${LINK}`);
    expect(text).toContain(
      'La base de datos está ocupada (se está importando un archivo). Intente de nuevo en unos segundos; no se guardó nada.',
    );
    expect(text).not.toContain('error inesperado');
    expect(snapshot(app)).toEqual(before);
  });
});
