import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase } from '../../../db/client.ts';
import { main } from '../../../src/cli/main.ts';
import { lastBackup } from '../../../src/domain/backup/journal.ts';
import { migrationState } from '../../../src/domain/backup/upgrade.ts';
import { bogotaInstant, fixedClock } from '../../../src/domain/clock.ts';
import { capture } from '../../helpers/cli.ts';
import { tempDir } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const now = fixedClock(bogotaInstant('2026-12-01', '09:15'));

/** A database as the previous version of the bot left it: every migration but the last applied. */
function previousVersionDatabase(dir: string): string {
  const older = join(dir, 'migraciones-anteriores');
  cpSync(migrationsFolder, older, { recursive: true });
  const journalFile = join(older, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  journal.entries.pop();
  writeFileSync(journalFile, JSON.stringify(journal));
  const file = join(dir, 'mipg.db');
  const db = openDatabase(file);
  migrate(db, { migrationsFolder: older });
  db.$client.close();
  return file;
}

describe('upgrading: a backup before pending migrations', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = tempDir('actualizacion');
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('npx mipg migrar backs the database up first, then migrates', async () => {
    const file = previousVersionDatabase(dir);
    process.env.MIPG_DB = file;
    expect(migrationState(file)).toEqual({ existing: true, pending: 1, newer: false });
    const c = capture();
    expect(await main(['migrar'], c.io, now)).toBe(0);
    const copy = join(dir, 'respaldos', 'mipg-2026-12-01-0915.db');
    expect(c.err).toEqual([]);
    expect(c.logs).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: `Actualización: 1 migración(es) pendiente(s); respaldo previo en ${copy}.`,
        pending: 1,
        trigger: 'actualización',
        outcome: 'ok',
      }),
    ]);
    expect(lastBackup(join(dir, 'respaldos'))).toMatchObject({
      ok: true,
      trigger: 'actualización',
      file: copy,
    });
    expect(migrationState(copy).pending).toBe(1);
    expect(migrationState(file).pending).toBe(0);
    // Nothing pending: no further backup.
    expect(await main(['migrar'], capture().io, now)).toBe(0);
    expect(existsSync(join(dir, 'respaldos', 'mipg-2026-12-01-0915-2.db'))).toBe(false);
  });

  it('does not migrate when no backup can be made', async () => {
    const file = previousVersionDatabase(dir);
    writeFileSync(join(dir, 'no-es-carpeta'), '');
    process.env.MIPG_DB = file;
    process.env.MIPG_RESPALDO_DIR = join(dir, 'no-es-carpeta');
    const c = capture();
    expect(await main(['migrar'], c.io, now)).toBe(1);
    expect(c.err.join('\n')).toBe(
      `La base de datos tiene 1 migración(es) pendiente(s) y no se pudo respaldar antes de actualizarla: ${join(dir, 'no-es-carpeta')} no es una carpeta.\n` +
        'No se cambió nada. Corrija la causa (espacio, permisos, MIPG_RESPALDO_DIR) y vuelva a intentarlo.',
    );
    expect(migrationState(file).pending).toBe(1);
  });

  it('the bot takes the backup on start before migrating', async () => {
    const file = previousVersionDatabase(dir);
    const bot = spawn(process.execPath, [join(root, 'bin', 'mipg.js'), 'iniciar'], {
      cwd: dir,
      env: { ...process.env, MIPG_DB: file },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    bot.stdin?.end('/salir\n');
    expect(await new Promise((r) => bot.once('exit', r))).toBe(0);
    expect(lastBackup(join(dir, 'respaldos'))).toMatchObject({ ok: true, trigger: 'actualización' });
    expect(migrationState(file).pending).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 60_000);
});
