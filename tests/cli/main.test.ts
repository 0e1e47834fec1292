import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { capture } from '../helpers/cli.ts';

const root = join(import.meta.dirname, '..', '..');

describe('npx mipg', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-cli-'));
    process.env.MIPG_DB = join(dir, 'mipg.db');
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('answers one message as a given person on a given date', async () => {
    const c = capture();
    const code = await main(
      ['chat', '--como', 'coordinacion@ejemplo.pasto.gov.co', '--fecha', '2026-09-07', '/estado tareas'],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out.join('\n')).toContain('Vencidas: 14');
  });

  it('refuses an unknown person, a bad date and a wrong setting in Spanish', async () => {
    const unknown = capture();
    expect(await main(['chat', '--como', 'nadie@pasto.gov.co', '/tareas'], unknown.io)).toBe(1);
    expect(unknown.err.join('\n')).toContain(
      'No hay nadie con el correo nadie@pasto.gov.co en el directorio.',
    );

    const badDate = capture();
    expect(await main(['chat', '--fecha', '2026-02-30', '/tareas'], badDate.io)).toBe(1);
    expect(badDate.err.join('\n')).toContain('--fecha «2026-02-30» no es una fecha válida.');

    process.env.MIPG_DIGEST_CRON = 'todos los lunes';
    const badSetting = capture();
    expect(await main(['migrar'], badSetting.io)).toBe(1);
    expect(badSetting.err.join('\n')).toContain('MIPG_DIGEST_CRON: no es una expresión cron válida');
  });

  it('only looks with --fecha: a change made under it is not stored nor dated on that day', async () => {
    const done = capture();
    const args = ['chat', '--fecha', '2026-01-03', '/cumplida 6.1 https://www.pasto.gov.co/plan-accion'];
    expect(await main(args, done.io)).toBe(0);
    expect(done.out.join('\n')).toContain('quedó cumplida');
    expect(done.err.join('\n')).toContain(
      'Con --fecha solo se consulta: los cambios de esta ejecución no se guardaron.',
    );
    const after = capture();
    expect(await main(['chat', '/tarea 6.1'], after.io)).toBe(0);
    expect(after.out.join('\n')).toContain('Aún no hay evidencias.');

    const refused = capture();
    expect(await main(['importar', 'plan', 'plan.csv', '--fecha', '2026-01-03'], refused.io)).toBe(1);
    expect(refused.err.join('\n')).toContain('--fecha no se usa con «importar»');
  });

  it('refuses a header-only personas file that would lock everyone out, unless --reemplazar-todo', async () => {
    const file = join(dir, 'h.csv');
    writeFileSync(file, 'nombre,correo,rol,proceso,equipos,slack_id,teams_id\n');
    const refused = capture();
    expect(await main(['importar', 'personas', file], refused.io)).toBe(1);
    const text = refused.err.join('\n');
    expect(text).toMatch(/La importación desactivaría (\d+) de las \1 personas activas \(más de la mitad\)/);
    expect(text).toContain('sin ninguna persona coordinadora activa; no se importó nada.');
    expect(text).toContain('npx mipg importar personas <archivo> --reemplazar-todo');
    const still = capture();
    expect(await main(['chat', '/tareas'], still.io)).toBe(0);
    expect(still.out.join('\n')).toContain('Todas las tareas · Plan 2026 (29)');

    const forced = capture();
    expect(await main(['importar', 'personas', file, '--reemplazar-todo'], forced.io)).toBe(0);
    expect(forced.out.join('\n')).toContain('Se desactivaron');
    const locked = capture();
    expect(await main(['chat', '/tareas'], locked.io)).toBe(1);
    expect(locked.err.join('\n')).toContain('está desactivado en el directorio.');
  });

  it('exports the tasks as JSON with the documented fields', async () => {
    const c = capture();
    expect(await main(['exportar', 'tareas', '--formato', 'json', '--fecha', '2026-09-07'], c.io)).toBe(0);
    const tasks = JSON.parse(String(c.written.join('')));
    expect(tasks).toHaveLength(29);
    expect(tasks[10]).toMatchObject({
      code: '3.3',
      responsible: 'Equipo MIPG - Oficina de Planeación de Gestión Institucional',
      start: '2026-03-11',
      end: '2026-04-30',
      status: 'vencida',
    });
    expect(Object.keys(tasks[0])).toEqual(
      expect.arrayContaining([
        'code',
        'activity',
        'what',
        'title',
        'responsible',
        'start',
        'end',
        'evidence',
        'status',
      ]),
    );
  });

  it('runs as a command through bin/mipg.js', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      [join(root, 'bin', 'mipg.js'), 'chat', '--fecha', '2026-10-15', '/tarea 2.3'],
      { cwd: root, env: { ...process.env, MIPG_DB: join(dir, 'bin.db') } },
    );
    expect(stdout).toContain('Tarea 2.3 · Actualizar la DOFA institucional en caso de ser necesario');
    expect(readFileSync(join(dir, 'bin.db')).length).toBeGreaterThan(0);
  }, 30_000);
});
