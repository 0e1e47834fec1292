import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { MARKER, publicationEvidenceUrl, publishCommand } from '../../src/cli/publish.ts';
import type { CliEnv } from '../../src/cli/types.ts';
import { loadConfig } from '../../src/config.ts';
import { SYSTEM } from '../../src/domain/audit/log.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { evidenceOf, planForDate, taskRowByCode } from '../../src/domain/tasks/store.ts';
import { fixtureCuts, fixturePlan, NOTHING } from '../domain/publication/fixtures.ts';
import { COORDINATOR, testApp } from '../helpers/app.ts';
import { capture } from '../helpers/cli.ts';

const URL_BASE = 'https://www.pasto.gov.co/transparencia/plan-de-accion/';
const PUBLISHED = 'https://www.pasto.gov.co/transparencia/plan-de-accion/index.html';

function setup(settings: NodeJS.ProcessEnv = {}, speaker: string | undefined = COORDINATOR) {
  const { app } = testApp();
  const c = capture();
  const env: CliEnv = {
    config: loadConfig(settings),
    db: app.db,
    clock: fixedClock('2026-09-07T15:30:00Z'),
    author: SYSTEM,
    speaker,
    ...c.io,
  };
  const command = publishCommand(() => ({ plan: fixturePlan(NOTHING), cuts: fixtureCuts(NOTHING) }));
  const run = async (folder: string) => {
    c.out.length = 0;
    c.err.length = 0;
    const code = await command.run({ positional: [], options: { salida: folder } }, env);
    return { code, out: c.out.join('\n'), err: c.err.join('\n') };
  };
  const evidenceUrls = (code: string) => {
    const task = taskRowByCode(app.db, planForDate(app.db, '2026-09-07')?.id ?? -1, code);
    if (!task) throw new Error(`no task ${code}`);
    return evidenceOf(app.db, task.id).map((e) => e.url);
  };
  return { run, env, evidenceUrls };
}

const newDir = () => mkdtempSync(join(tmpdir(), 'mipg-publicar-'));

describe('npx mipg publicar --salida <carpeta>', () => {
  it('writes the site into a folder it creates and says where', async () => {
    const { run } = setup();
    const folder = join(newDir(), 'sitio', 'plan');
    const result = await run(folder);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      `Página pública escrita en ${folder} (18 archivos: la portada, 3 páginas de actividades, 3 cortes de seguimiento y 8 archivos de datos abiertos).`,
    );
    expect(result.out).toContain(`Ábrala en un navegador (${join(folder, 'index.html')})`);
    expect(result.out).toContain('defina MIPG_PUBLICACION_URL');
    expect(readFileSync(join(folder, 'index.html'), 'utf8')).toContain('<h1>Plan de Acción 2026</h1>');
    expect(readFileSync(join(folder, 'datos', 'corte-2026-T2.csv'), 'utf8').startsWith('\uFEFFcodigo,')).toBe(
      true,
    );
    expect(JSON.parse(readFileSync(join(folder, MARKER), 'utf8')).archivos).toContain('actividad-3.html');
  });

  it("refuses a folder that holds someone's files, and writes nothing in it", async () => {
    const { run } = setup();
    const folder = newDir();
    writeFileSync(join(folder, 'informe.docx'), 'de otra persona');
    await expect(run(folder)).rejects.toThrow(
      /ya tiene archivos y no es una publicación anterior de este bot/,
    );
    expect(readdirSync(folder)).toEqual(['informe.docx']);
  });

  it('replaces its own previous publication: drops the pages it no longer has, keeps files it did not write', async () => {
    const { run } = setup();
    const folder = newDir();
    expect((await run(folder)).code).toBe(0);
    const marker = JSON.parse(readFileSync(join(folder, MARKER), 'utf8'));
    marker.archivos.push('actividad-7.html');
    writeFileSync(join(folder, MARKER), JSON.stringify(marker));
    writeFileSync(join(folder, 'actividad-7.html'), 'página de una actividad que ya no existe');
    writeFileSync(join(folder, 'LEAME.txt'), 'nota de la oficina de comunicaciones');
    expect((await run(folder)).code).toBe(0);
    expect(existsSync(join(folder, 'actividad-7.html'))).toBe(false);
    expect(readFileSync(join(folder, 'LEAME.txt'), 'utf8')).toBe('nota de la oficina de comunicaciones');
    expect(existsSync(join(folder, 'actividad-3.html'))).toBe(true);
  });

  it('registers the public page as evidence of tasks 6.1 and 6.3, once', async () => {
    const { run, evidenceUrls } = setup({ MIPG_PUBLICACION_URL: URL_BASE });
    const folder = newDir();
    const first = await run(folder);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Evidencia registrada en la tarea 6.1: ${PUBLISHED}`);
    expect(first.out).toContain(`Evidencia registrada en la tarea 6.3: ${PUBLISHED}`);
    const again = await run(folder);
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      `La tarea 6.1 ya tenía registrada esta publicación como evidencia (${PUBLISHED}); no se agregó otra vez.`,
    );
    expect(evidenceUrls('6.1')).toEqual([PUBLISHED]);
    expect(evidenceUrls('6.3')).toEqual([PUBLISHED]);
    expect(evidenceUrls('6.2')).toEqual([]);
  });

  it('says in Spanish when it cannot register the evidence, after writing the page', async () => {
    const { run, evidenceUrls } = setup(
      { MIPG_PUBLICACION_URL: URL_BASE, MIPG_TAREAS_PUBLICACION: '6.1,9.9' },
      'nadie@ejemplo.pasto.gov.co',
    );
    const folder = newDir();
    const unknown = await run(folder);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(
      'La página se escribió, pero no se registró como evidencia: no hay nadie con el correo nadie@ejemplo.pasto.gov.co en el directorio.',
    );
    expect(existsSync(join(folder, 'index.html'))).toBe(true);
    expect(evidenceUrls('6.1')).toEqual([]);

    const { run: asCoordinator } = setup({
      MIPG_PUBLICACION_URL: URL_BASE,
      MIPG_TAREAS_PUBLICACION: '6.1,9.9',
    });
    const missing = await asCoordinator(newDir());
    expect(missing.code).toBe(1);
    expect(missing.out).toContain(`Evidencia registrada en la tarea 6.1: ${PUBLISHED}`);
    expect(missing.err).toContain(
      'No se registró la evidencia en la tarea 9.9: No existe la tarea 9.9 en el plan 2026.',
    );
  });

  it('names the page itself when the address already ends in .html', () => {
    expect(publicationEvidenceUrl('https://www.pasto.gov.co/plan')).toBe(
      'https://www.pasto.gov.co/plan/index.html',
    );
    expect(publicationEvidenceUrl('https://www.pasto.gov.co/plan/portada.html')).toBe(
      'https://www.pasto.gov.co/plan/portada.html',
    );
  });
});

describe('mipg publicar through the command line', () => {
  const saved = { ...process.env };
  let dir: string;
  beforeEach(() => {
    dir = newDir();
    process.env.MIPG_DB = join(dir, 'mipg.db');
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  async function cli(...argv: string[]) {
    const c = capture();
    const code = await main(argv, c.io, fixedClock('2026-09-07T15:30:00Z'));
    return { code, out: c.out.join('\n'), err: c.err.join('\n') };
  }

  it('is in the help', async () => {
    const help = await cli('ayuda');
    expect(help.out).toContain('publicar --salida <carpeta>');
    expect(help.out).toContain('Escribe la página pública del plan de acción');
  });

  it('asks for --salida, then publishes the plan of the database as it is today', async () => {
    const missing = await cli('publicar');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Falta --salida <carpeta>.');
    const folder = join(dir, 'publicacion');
    const published = await cli('publicar', '--salida', folder);
    expect(published.code).toBe(0);
    const index = readFileSync(join(folder, 'index.html'), 'utf8');
    expect(index).toContain('Política de Planeación Institucional 2026');
    expect(existsSync(join(folder, 'datos', 'plan.json'))).toBe(true);
  });

  it('refuses a folder with other files before anything else', async () => {
    const folder = join(dir, 'documentos');
    mkdirSync(folder);
    writeFileSync(join(folder, 'acta.pdf'), '%PDF');
    const result = await cli('publicar', '--salida', folder);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `La carpeta «${folder}» ya tiene archivos y no es una publicación anterior de este bot: no se escribió nada en ella.`,
    );
  });
});
