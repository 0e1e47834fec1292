import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { startTeams } from '../../src/adapters/teams/server.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { healthOf } from '../../src/main.ts';
import { createScheduler } from '../../src/scheduler/index.ts';
import { TestClock } from '../helpers/app.ts';
import { SHIPPED_MIGRATIONS } from '../helpers/migrations.ts';

const root = join(import.meta.dirname, '..', '..');

/** Runs the shipped `mipg` command (what `npx mipg` runs) and returns its exit code and output. */
function mipg(args: string[], env: Record<string, string>, cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'mipg.js'), ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const migrationRows = (file: string) => {
  const db = openMigratedDatabase(':memory:');
  db.$client.exec(`ATTACH '${file}' AS other`);
  const { n } = db.$client.prepare('SELECT count(*) AS n FROM other.__drizzle_migrations').get() as {
    n: number;
  };
  db.$client.close();
  return n;
};

describe('npx mipg salud', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-salud-cli-'));
    file = join(dir, 'mipg.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the report in Spanish and ends with 0 on a database the bot set up', async () => {
    expect((await mipg(['migrar'], { MIPG_DB: file }, dir)).code).toBe(0);
    const { code, stdout } = await mipg(['salud'], { MIPG_DB: file }, dir);
    expect(code).toBe(0);
    const [first, ...rest] = stdout.trimEnd().split('\n');
    expect(first).toMatch(
      /^Salud del bot MIPG: bien \(revisado el \d+ \w+ \d{4} \d\d:\d\d, hora de Bogotá\)$/,
    );
    expect(rest).toEqual([
      '',
      '✅ Base de datos: Responde.',
      `✅ Migraciones: Al día (${SHIPPED_MIGRATIONS} aplicadas).`,
      '❔ Programador: El bot no ha iniciado nunca con esta base de datos.',
      '✅ Último resumen semanal: Todavía no se ha enviado ningún resumen semanal.',
      '✅ Envíos: 0 pendientes, 0 en reintento y 0 fallidos sin más intentos en las últimas 24 horas.',
      '✅ Último respaldo: Sin respaldos todavía.',
    ]);
  }, 60_000);

  it('ends with 1 on a migration not applied, and only looks: the file stays as it was', async () => {
    const db = openMigratedDatabase(file);
    db.$client.exec(
      'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)',
    );
    db.$client.close();
    const { code, stdout } = await mipg(['salud', '--formato', 'json'], { MIPG_DB: file }, dir);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      ok: false,
      status: 'con problemas',
      problems: [
        `Faltan 1 de ${SHIPPED_MIGRATIONS} migraciones: el bot las aplica al iniciar (o «npx mipg migrar»).`,
      ],
      migrations: { ok: false, pending: 1, applied: SHIPPED_MIGRATIONS - 1 },
    });
    expect(migrationRows(file)).toBe(SHIPPED_MIGRATIONS - 1);
  }, 60_000);

  it('ends with 1 when there is no database, and creates none', async () => {
    const { code, stdout } = await mipg(['salud'], { MIPG_DB: file }, dir);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '❌ Base de datos: No se puede abrir el archivo de la base de datos (MIPG_DB): no existe o no se puede leer.',
    );
    expect(stdout).toContain('❔ Migraciones: Sin revisar: la base de datos no responde.');
    expect(existsSync(file)).toBe(false);
  }, 60_000);

  it('with --servidor asks the running bot for its /salud (what the Docker HEALTHCHECK runs)', async () => {
    const clock = new TestClock('2026-09-07', '10:00');
    const config = loadConfig({ MIPG_DB: file, TEAMS_ENABLED: 'true' });
    const app = createApp(config, clock, silentLogger, openMigratedDatabase(file));
    const scheduler = createScheduler(app.services, () => app.messengers, silentLogger);
    const teams = await startTeams({
      app,
      config,
      log: silentLogger,
      port: 0,
      health: healthOf(app, config, clock, scheduler),
    });
    await scheduler.start();
    const env = { MIPG_DB: file, TEAMS_ENABLED: 'true', TEAMS_PORT: String(teams.port) };
    try {
      const healthy = await mipg(['salud', '--servidor'], env, dir);
      expect(healthy.code).toBe(0);
      expect(healthy.stdout).toContain(
        'Salud del bot MIPG: bien (revisado el 7 sep 2026 10:00, hora de Bogotá)',
      );
      expect(healthy.stdout).toContain(
        '✅ Programador: Activo desde el 7 sep 2026 10:00; 5 tareas programadas.',
      );

      app.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      writeFileSync(file, Buffer.alloc(64 * 1024, 'basura '));
      const broken = await mipg(['salud', '--servidor'], env, dir);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(
        '❌ Base de datos: El archivo de la base de datos (MIPG_DB) está dañado o no es una base de datos SQLite.',
      );
    } finally {
      await scheduler.stop();
      await teams.stop();
      app.db.$client.close();
    }
    const gone = await mipg(['salud', '--servidor'], env, dir);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(
      `El bot no responde en http://127.0.0.1:${teams.port}/salud (ECONNREFUSED): no está en marcha o escucha en otro puerto.`,
    );
  }, 60_000);
});
