import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { parseCliArgs } from '../../src/cli/args.ts';
import { reportCommand } from '../../src/cli/report.ts';
import type { CliEnv } from '../../src/cli/types.ts';
import { loadConfig } from '../../src/config.ts';
import { SYSTEM } from '../../src/domain/audit/log.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { Cut } from '../../src/domain/progress/snapshot-types.ts';
import { cut } from '../domain/report/fixture.ts';
import { COORDINATOR, testApp } from '../helpers/app.ts';
import { capture } from '../helpers/cli.ts';

const LINK = 'https://www.pasto.gov.co/transparencia/informe-comite-2026-T3.pdf';

describe('npx mipg informe comite', () => {
  const home = process.cwd();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-informe-'));
    process.chdir(dir);
  });
  afterEach(() => process.chdir(home));

  /** The command over the example bot (plan 2026, example directory) on 2 Oct 2026, with one stored cut. */
  function setUp(env: NodeJS.ProcessEnv = {}) {
    const bot = testApp('2026-10-02', '09:00', env);
    const asked: string[] = [];
    const loadCut = (store: Store, code: string): Cut | undefined => {
      expect(store).toBe(bot.app.db);
      asked.push(code);
      return code === cut.cut ? cut : undefined;
    };
    const command = reportCommand(loadCut);
    const c = capture();
    const cliEnv: CliEnv = {
      config: loadConfig(env),
      db: bot.app.db,
      clock: bot.clock,
      author: SYSTEM,
      ...c.io,
    };
    const run = (...argv: string[]) => command.run(parseCliArgs(argv), cliEnv);
    return { ...bot, command, run, asked, out: c.out, err: c.err, written: c.written };
  }

  async function failure(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return [error.message, ...error.help].join('\n');
      throw error;
    }
    throw new Error('it did not fail');
  }

  it('writes the workbook to informe-comite-<corte>.xlsx here, says where, and prints no bytes', async () => {
    const t = setUp();
    expect(await t.run('comite', '2026-t3')).toBe(0);
    expect(t.asked).toEqual(['2026-T3']);
    const file = join(dir, 'informe-comite-2026-T3.xlsx');
    expect(t.out).toEqual([`Informe al Comité del corte 2026-T3 (libro de Excel) escrito en ${file}`]);
    expect(t.written).toEqual([]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Resumen',
      'Actividades',
      'Tareas y evidencias',
      'Indicadores',
      'Riesgos',
      'Asistencia',
    ]);
    expect(book.getWorksheet('Resumen')?.getCell('B6').value).toBe('2026-T3 (trimestral)');
  });

  it('writes the printable page where --salida says', async () => {
    const t = setUp();
    expect(await t.run('comite', '2026-T3', '--formato', 'html', '--salida', 'comite/../informe.html')).toBe(
      0,
    );
    const file = join(dir, 'informe.html');
    expect(t.out).toEqual([`Informe al Comité del corte 2026-T3 (página para imprimir) escrito en ${file}`]);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<h1>Informe de seguimiento al Plan de Acción · corte 2026-T3</h1>');
    expect(readdirSync(dir)).toEqual(['informe.html']);
  });

  it('tells how to create a cut that does not exist, and writes nothing', async () => {
    const t = setUp();
    expect(await failure(t.run('comite', '2026-T2'))).toBe(
      'No hay un corte 2026-T2: todavía no se ha creado.\nCréelo con: npx mipg corte crear 2026-T2',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses what is not a cut, an unknown format and options without their value, in Spanish', async () => {
    const t = setUp();
    expect(await failure(t.run('comite', '2026-09'))).toContain('«2026-09» no es un corte.');
    expect(await failure(t.run('comite', '2026-T5'))).toContain(
      'Un corte es un trimestre (2026-T1 a 2026-T4) o un cuatrimestre (2026-C1 a 2026-C3), por ejemplo 2026-T3.',
    );
    expect(await failure(t.run('comite'))).toContain('Falta el corte.');
    expect(await failure(t.run('comite', '2026-T3', '--formato', 'pdf'))).toContain(
      'Formato «pdf» no disponible para el informe: use xlsx o html.',
    );
    expect(await failure(t.run('comite', '2026-T3', '--salida'))).toContain(
      'Falta el nombre del archivo después de --salida.',
    );
    expect(await failure(t.run('comite', '2026-T3', '--registrar'))).toContain(
      'Falta el enlace del informe publicado después de --registrar.',
    );
    expect(await t.run('trimestral', '2026-T3')).toBe(2);
    expect(t.err.join('\n')).toContain('Uso: npx mipg informe comite <corte>');
    expect(t.asked).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('registers the published report as evidence of task 6.4, as the terminal’s person', async () => {
    const t = setUp();
    expect(await t.run('comite', '2026-T3', '--formato', 'html', '--registrar', LINK)).toBe(0);
    expect(t.out[1]).toBe(
      `Evidencia registrada en la tarea 6.4 («Reportar cumplimiento al Comité Institucional de Gestión y Desempeño») a nombre de Coordinación MIPG (ejemplo): ${LINK}`,
    );
    const shown = await t.sayText(COORDINATOR, '/tarea 6.4');
    expect(shown).toContain(
      `${LINK} — Informe al Comité, corte 2026-T3 (Coordinación MIPG (ejemplo), 2 oct 2026 09:00)`,
    );
  });

  it('registers on the task MIPG_TAREA_INFORME_COMITE names, and refuses someone outside its team', async () => {
    const t = setUp({ MIPG_TAREA_INFORME_COMITE: '6.3' });
    expect(await t.run('comite', '2026-T3', '--registrar', LINK)).toBe(0);
    expect(t.out[1]).toMatch(/^Evidencia registrada en la tarea 6\.3 /);
    expect(await t.sayText(COORDINATOR, '/tarea 6.3')).toContain(LINK);

    const outsider = setUp();
    const message = await failure(
      outsider.run(
        'comite',
        '2026-T3',
        '--registrar',
        LINK,
        '--como',
        'carolina.guerrero@ejemplo.pasto.gov.co',
      ),
    );
    expect(message).toContain(
      'No puede modificar la tarea 6.4: corresponde a «Equipo MIPG - Oficina de Planeación de Gestión Institucional».',
    );
    expect(await outsider.sayText(COORDINATOR, '/tarea 6.4')).toContain('Aún no hay evidencias.');
  });

  it('is named and described for the help', () => {
    const command = reportCommand(() => undefined);
    expect(command.name).toBe('informe');
    expect(command.usage).toBe(
      'informe comite <corte> [--formato xlsx|html] [--salida archivo] [--registrar <enlace>]',
    );
    expect(command.summary).toContain('Comité Institucional de Gestión y Desempeño');
  });
});
