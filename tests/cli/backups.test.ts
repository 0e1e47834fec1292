import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { main } from '../../src/cli/main.ts';
import { verifyAuditChain } from '../../src/domain/audit/verify.ts';
import { bogotaInstant, clockAtBogotaDate, fixedClock } from '../../src/domain/clock.ts';
import { bootstrap } from '../../src/seed/bootstrap.ts';
import { auditIds, damage, tempDir } from '../domain/backup/helpers.ts';
import { capture } from '../helpers/cli.ts';

const root = join(import.meta.dirname, '..', '..');
const COORDINATOR = 'coordinacion@ejemplo.pasto.gov.co';
/** The CLI's real time in these tests: 1 December 2026, 09:15 in Bogotá. */
const now = fixedClock(bogotaInstant('2026-12-01', '09:15'));

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function run(argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io, now);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

/** Starts the shipped bot (terminal mode) on the database, and resolves once it holds the lock. */
async function startBot(dbFile: string, cwd: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'bin', 'mipg.js'), 'iniciar'], {
    cwd,
    env: { ...process.env, MIPG_DB: dbFile },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300 && !existsSync(`${dbFile}.lock`); i += 1)
    await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(`${dbFile}.lock`)) throw new Error('the bot did not start');
  return child;
}

describe('npx mipg respaldo, respaldos and restaurar', () => {
  let dir: string;
  let template: string;
  let db: string;
  const saved = { ...process.env };
  // One bootstrapped database (plan, example directory, audit log), copied for each test.
  beforeAll(() => {
    template = join(tempDir('respaldos-base'), 'base.db');
    const base = openMigratedDatabase(template);
    bootstrap(base, clockAtBogotaDate('2026-09-07'), { loadExamples: true, log: () => {} });
    base.$client.close();
  });
  afterAll(() => rmSync(join(template, '..'), { recursive: true, force: true }));
  beforeEach(() => {
    dir = tempDir('respaldos');
    db = join(dir, 'mipg.db');
    process.env.MIPG_DB = db;
    delete process.env.MIPG_RESPALDO_DIR;
    copyFileSync(template, db);
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('ayuda lists the three commands', async () => {
    const { out } = await run(['ayuda']);
    expect(out).toContain('respaldo [--salida archivo]');
    expect(out).toContain('respaldos [--ultimos N] [--formato texto|json]');
    expect(out).toContain('restaurar <archivo> [--aceptar-bitacora-alterada]');
  });

  it('takes a dated, checked backup, audits it, and lists a failed one with its reason', async () => {
    const first = await run(['respaldo', '--como', COORDINATOR]);
    const file = join(dir, 'respaldos', 'mipg-2026-12-01-0915.db');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      new RegExp(
        `^Respaldo listo: ${file} \\(\\d+(,\\d)? [kM]B, \\d+ ms, verificado\\)\\.\\nEn ${join(dir, 'respaldos')} se conservan los últimos 14 respaldos\\.$`,
      ),
    );
    expect(auditIds(file)).toEqual(auditIds(template));
    const audit = new Database(db, { readonly: true })
      .prepare('SELECT action, actor, entity_id AS entityId FROM audit_log ORDER BY id DESC LIMIT 1')
      .get();
    expect(audit).toEqual({
      action: 'respaldo.crear',
      actor: COORDINATOR,
      entityId: 'mipg-2026-12-01-0915.db',
    });

    writeFileSync(join(dir, 'ocupado.db'), 'no tocar');
    const second = await run(['respaldo', '--salida', join(dir, 'ocupado.db')]);
    expect(second.code).toBe(1);
    expect(second.out).toBe(
      `Respaldo FALLIDO (manual): ya existe el archivo ${join(dir, 'ocupado.db')}; no se sobrescribe. Vea npx mipg respaldos.`,
    );
    expect(readFileSync(join(dir, 'ocupado.db'), 'utf8')).toBe('no tocar');

    const list = await run(['respaldos']);
    expect(list.code).toBe(1);
    expect(list.out).toContain('Respaldos de la base de datos (2 intentos, los más recientes primero)');
    expect(list.out).toContain('Respaldos guardados: 1 (se conservan los últimos 14)');
    expect(list.out).toContain('Intentos: 1 correcto, 1 fallido');
    expect(list.out).toContain(
      `⚠️ El último respaldo (1 dic 2026 09:15) falló: ya existe el archivo ${join(dir, 'ocupado.db')}; no se sobrescribe.`,
    );
    const rows = list.out.split('\n').filter((l) => l.startsWith('1 dic 2026 09:15'));
    expect(rows[0]).toMatch(/^1 dic 2026 09:15 +manual +fallido +.*ya existe el archivo/);
    expect(rows[1]).toMatch(
      /^1 dic 2026 09:15 +manual +correcto +mipg-2026-12-01-0915\.db .*bitácora íntegra \(\d+ registros\)$/,
    );
    const json = JSON.parse((await run(['respaldos', '--formato', 'json'])).out);
    expect(json.attempts.map((a: { ok: boolean; trigger: string }) => [a.ok, a.trigger])).toEqual([
      [false, 'manual'],
      [true, 'manual'],
    ]);
  });

  it('refuses to restore while the bot runs, and restores once it stopped, keeping the current file aside', async () => {
    expect((await run(['respaldo'])).code).toBe(0);
    const backup = join(dir, 'respaldos', 'mipg-2026-12-01-0915.db');
    const bot = await startBot(db, dir);
    try {
      const refused = await run(['restaurar', backup]);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(
        `No se restaura: el bot está corriendo con esta base de datos (pid ${bot.pid} en ${hostname()}`,
      );
      expect(readdirSync(dir).filter((f) => f.includes('antes-de-restaurar'))).toEqual([]);
    } finally {
      bot.stdin?.end('/salir\n');
      await new Promise((r) => bot.once('exit', r));
    }
    expect(existsSync(`${db}.lock`)).toBe(false);
    // What the office did after the backup: it must be gone once restored.
    const current = openMigratedDatabase(db);
    current.$client.prepare("UPDATE tasks SET title = 'Cambio después del respaldo' WHERE id = 1").run();
    current.$client.close();
    const before = sha(db);

    const restored = await run(['restaurar', backup]);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    const aside = `${db}.antes-de-restaurar-2026-12-01-0915`;
    expect(restored.out.split('\n')).toEqual([
      `Base de datos restaurada desde ${backup}.`,
      `La base anterior quedó guardada en ${aside} (bórrela cuando ya no la necesite).`,
      expect.stringMatching(
        /^Verificada antes de restaurar: integridad correcta y \d+ registros de bitácora revisados; migraciones aplicadas: 0\.$/,
      ),
      'Ya puede iniciar el bot (npm start).',
    ]);
    expect(sha(aside)).toBe(before);
    const back = openMigratedDatabase(db);
    expect(back.$client.prepare('SELECT title FROM tasks WHERE id = 1').get()).not.toEqual({
      title: 'Cambio después del respaldo',
    });
    expect(verifyAuditChain(back).problems).toEqual([]);
    expect(
      back.$client
        .prepare('SELECT action, entity_id AS entityId FROM audit_log ORDER BY id DESC LIMIT 1')
        .get(),
    ).toEqual({
      action: 'respaldo.restaurar',
      entityId: 'mipg-2026-12-01-0915.db',
    });
    back.$client.close();
  }, 60_000);

  it('ignores a lock left by a bot that died', async () => {
    expect((await run(['respaldo', '--salida', join(dir, 'copia.db')])).code).toBe(0);
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(
      `${db}.lock`,
      JSON.stringify({ holders: [{ pid: dead.pid, host: hostname(), startedAt: '2026-12-01T05:00:00Z' }] }),
    );
    const restored = await run(['restaurar', join(dir, 'copia.db')]);
    expect(restored.code).toBe(0);
  });

  it('refuses a damaged backup and leaves the database as it was', async () => {
    expect((await run(['respaldo', '--salida', join(dir, 'copia.db')])).code).toBe(0);
    damage(join(dir, 'copia.db'), 4096 * 3, 4096 * 4);
    const before = sha(db);
    const refused = await run(['restaurar', join(dir, 'copia.db')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      new RegExp(
        `^No se restaura ${join(dir, 'copia.db')}: la verificación de integridad falló: .+\\. La base de datos actual no se tocó\\.\\nElija otro respaldo: npx mipg respaldos$`,
      ),
    );
    expect(sha(db)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('mipg.db.'))).toEqual([]);

    writeFileSync(join(dir, 'texto.db'), 'esto no es una base de datos '.repeat(200));
    const notDb = await run(['restaurar', join(dir, 'texto.db')]);
    expect(notDb.err).toContain('no es una base de datos SQLite');
    expect(sha(db)).toBe(before);
  });

  it('refuses a backup whose audit chain was altered unless told to accept it', async () => {
    expect((await run(['respaldo', '--salida', join(dir, 'copia.db')])).code).toBe(0);
    const raw = new Database(join(dir, 'copia.db'));
    const triggers = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .all() as { name: string }[];
    for (const { name } of triggers) raw.exec(`DROP TRIGGER ${name}`);
    raw.prepare("UPDATE audit_log SET actor = 'otra persona' WHERE id = 2").run();
    raw.close();
    const before = sha(db);
    const refused = await run(['restaurar', join(dir, 'copia.db')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      'la bitácora de auditoría está alterada (1 problema(s), el primero en el registro 2)',
    );
    expect(refused.err).toContain('--aceptar-bitacora-alterada');
    expect(sha(db)).toBe(before);
    const accepted = await run(['restaurar', '--aceptar-bitacora-alterada', join(dir, 'copia.db')]);
    expect(accepted.code).toBe(0);
  });
});
