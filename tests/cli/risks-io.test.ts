import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { risksExporter, risksImporter } from '../../src/cli/risks-io.ts';
import type { CliEnv } from '../../src/cli/types.ts';
import { loadConfig } from '../../src/config.ts';
import { personAuthor } from '../../src/domain/audit/log.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { readTable } from '../../src/domain/tabular.ts';
import { exampleRisksFile } from '../../src/seed/example-risks.ts';
import { clockOn, GOOD_ROWS, registerCsv, riskDb, SYSTEM, tables, who } from '../domain/risks/helpers.ts';
import { testApp } from '../helpers/app.ts';

function env(db: Db, method: 'v6' | 'v7' = 'v7', date = '2026-09-07'): CliEnv {
  return {
    config: loadConfig({ MIPG_RISK_METHOD: method }),
    db,
    clock: clockOn(date),
    author: SYSTEM,
    log: silentLogger,
    out: () => {},
    err: () => {},
    write: () => {},
  };
}

/** The GTH rows of the example register, as the first run loads them. */
function exampleGthRows(): string[] {
  return readFileSync(exampleRisksFile, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('R-GTH-'));
}

async function importRows(db: Db, rows: string[], e = env(db)) {
  return (await risksImporter.run(registerCsv(rows), e)).report;
}

async function exportJson(db: Db, options: Record<string, string> = {}, e = env(db)) {
  const text = await risksExporter.run('json', { positional: [], options }, e);
  return JSON.parse(String(text));
}

describe('mipg importar riesgos', () => {
  it('computes every risk by the DAFP method and says how the file replaced each process', async () => {
    const db = riskDb();
    const report = await importRows(db, GOOD_ROWS);
    expect(report).toContain(
      'Matriz de riesgos 2026 importada: 4 riesgos de 2 procesos (metodología DAFP v7).',
    );
    expect(report).toContain('Cada proceso del archivo reemplaza su matriz de la vigencia');
    expect(report).toContain('• GTH: 3 nuevos, 0 actualizados, 0 sin cambios, 0 eliminados.');
    expect(report).toContain('• CON: 1 nuevos, 0 actualizados, 0 sin cambios, 0 eliminados.');

    const { risks } = await exportJson(db);
    const byCode = Object.fromEntries(risks.map((r: { code: string }) => [r.code, r]));
    expect(byCode['R-GTH-01']).toMatchObject({
      process: 'GTH',
      inherentProbability: 'baja',
      inherentProbabilityPercent: 40,
      inherentImpact: 'mayor',
      inherentImpactPercent: 80,
      inherentZone: 'alto',
      residualProbabilityPercent: 16.8,
      residualProbability: 'muy_baja',
      residualImpactPercent: 80,
      residualImpact: 'mayor',
      residualZone: 'alto',
      controls: [
        { type: 'preventivo', implementation: 'manual', description: 'revisión mensual' },
        { type: 'detectivo', implementation: 'manual', description: '' },
      ],
    });
    // A preventive automatic control takes 40 % to exactly 20 %: the muy baja band's upper edge.
    expect(byCode['R-GTH-02']).toMatchObject({
      inherentZone: 'extremo',
      residualProbabilityPercent: 20,
      residualProbability: 'muy_baja',
      residualZone: 'extremo',
    });
    expect(byCode['R-GTH-03']).toMatchObject({
      inherentZone: 'bajo',
      residualZone: 'bajo',
      treatment: 'aceptar',
    });
    // A corrective control reduces impact, not probability: 100 → 75 (mayor).
    expect(byCode['R-CON-01']).toMatchObject({
      inherentProbability: 'alta',
      residualProbabilityPercent: 80,
      residualImpactPercent: 75,
      residualImpact: 'mayor',
      residualZone: 'alto',
    });
  });

  it('replaces only the processes in the file: updates, removes and leaves the others alone', async () => {
    const db = riskDb();
    await importRows(db, GOOD_ROWS);
    const gthOnly = [
      (GOOD_ROWS[0] ?? '').replace(',24,', ',30,'),
      GOOD_ROWS[1] ?? '',
      'R-GTH-04,GTH,seguridad digital,Fuga de datos personales,Contraseñas débiles,Sanciones,100,moderado,Mayor,preventivo/automático,reducir,Líder GTH',
    ];
    const report = await importRows(db, gthOnly);
    expect(report).toContain('• GTH: 1 nuevos, 1 actualizados, 1 sin cambios, 1 eliminados (R-GTH-03).');
    expect(report).not.toContain('• CON');
    const { risks } = await exportJson(db);
    expect(risks.map((r: { code: string }) => r.code)).toEqual([
      'R-CON-01',
      'R-GTH-01',
      'R-GTH-02',
      'R-GTH-04',
    ]);
    const audit = db.$client.prepare('SELECT action, entity_id FROM audit_log ORDER BY id').all();
    expect(audit).toContainEqual({ action: 'riesgo.eliminar', entity_id: '2026/R-GTH-03' });
    expect(audit).toContainEqual({ action: 'riesgo.actualizar', entity_id: '2026/R-GTH-01' });
    expect(audit).toContainEqual({ action: 'riesgo.crear', entity_id: '2026/R-GTH-04' });
    expect(audit.filter((a) => (a as { entity_id: string }).entity_id === '2026/R-GTH-02')).toHaveLength(1);
  });

  it('reports every bad row by line and column and stores nothing', async () => {
    const db = riskDb();
    await importRows(db, GOOD_ROWS.slice(3));
    const before = tables(db);
    const rows = [
      GOOD_ROWS[0] ?? '',
      'R GTH 9,GTH,gestion,Texto,Causa,Consecuencia,12,leve,,,reducir,X',
      'R-GTH-10,XYZ,operativo,Texto,Causa,Consecuencia,doce,enorme,,preventivo/rapido,ignorar,X',
      'R-GTH-11,GTH,corrupcion,Soborno en trámites,Discrecionalidad,Sanciones,10,mayor,,,aceptar,X',
      'R-GTH-12,GTH,gestion,Texto,Causa,Consecuencia,12,,,,reducir,',
      'R-GTH-01,GTH,gestion,Duplicado,Causa,Consecuencia,12,leve,,,reducir,X',
      'R-CON-01,GTH,gestion,Código de otro proceso,Causa,Consecuencia,12,leve,,,reducir,X',
    ];
    const error = await importRows(db, rows).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('no se importó nada');
    expect(message).toContain('Línea 3, columna codigo: «R GTH 9» no es un código de riesgo');
    expect(message).toContain('Línea 4, columna proceso: no existe el proceso «XYZ»');
    expect(message).toContain('Línea 4, columna tipo: «operativo» no es un tipo de riesgo');
    expect(message).toContain('Línea 4, columna frecuencia_anual: «doce» no es un número de veces al año');
    expect(message).toContain('Línea 4, columna impacto_economico: «enorme» no es un nivel de impacto');
    expect(message).toContain('Línea 4, columna controles: el control 1 («preventivo/rapido»)');
    expect(message).toContain('Línea 4, columna tratamiento: «ignorar» no es un tratamiento');
    expect(message).toContain(
      'Línea 5, columna tratamiento: Un riesgo de corrupción (integridad pública) nunca se puede aceptar.',
    );
    expect(message).toContain('Línea 6, columna impacto_economico: falta el impacto');
    expect(message).toContain('Línea 6, columna responsable: está vacía.');
    expect(message).toContain('Línea 7, columna codigo: el código R-GTH-01 ya está en la línea 2.');
    expect(message).toContain(
      'Línea 8, columna codigo: el código R-CON-01 ya pertenece a un riesgo del proceso CON',
    );
    expect(tables(db)).toEqual(before);
  });

  it('refuses a file without the register columns or without rows, storing nothing', async () => {
    const db = riskDb();
    const before = tables(db);
    await expect(risksImporter.run(registerCsv(['R-1,GTH'], 'codigo,proceso'), env(db))).rejects.toThrow(
      'Línea 1: faltan las columnas tipo, riesgo, causa, consecuencia, frecuencia_anual',
    );
    await expect(importRows(db, [])).rejects.toThrow(/el archivo no tiene riesgos/);
    expect(tables(db)).toEqual(before);
  });

  it('raises a corruption risk rated leve to moderado under v6, and not under v7', async () => {
    const row = 'R-GTH-05,GTH,corrupcion,Uso indebido de información,Acceso amplio,Quejas,2,leve,,,evitar,X';
    const v6 = riskDb();
    await importRows(v6, [row], env(v6, 'v6'));
    const v7 = riskDb();
    await importRows(v7, [row], env(v7, 'v7'));
    expect((await exportJson(v6, {}, env(v6, 'v6'))).risks[0]).toMatchObject({
      method: 'v6',
      inherentImpact: 'moderado',
      inherentZone: 'moderado',
    });
    expect((await exportJson(v7)).risks[0]).toMatchObject({
      method: 'v7',
      inherentImpact: 'leve',
      inherentZone: 'bajo',
    });
  });

  it('maps residual values that land exactly on a band edge to the lower band', async () => {
    const db = riskDb();
    await importRows(db, [
      'R-HAC-01,HAC,gestion,Edge 40,Causa,Consecuencia,600,moderado,,preventivo/automatico,reducir,X',
      'R-HAC-02,HAC,gestion,Edge 60,Causa,Consecuencia,6000,moderado,,preventivo/manual,reducir,X',
      'R-HAC-03,HAC,gestion,Edge 80,Causa,Consecuencia,5000,mayor,,,reducir,X',
      'R-HAC-04,HAC,gestion,Impact 100 to 65,Causa,Consecuencia,2,catastrofico,,correctivo/automatico,reducir,X',
    ]);
    const { risks } = await exportJson(db);
    const levels = risks.map((r: Record<string, unknown>) => [
      r.code,
      r.residualProbabilityPercent,
      r.residualProbability,
      r.residualImpactPercent,
      r.residualImpact,
      r.residualZone,
    ]);
    expect(levels).toEqual([
      ['R-HAC-01', 40, 'baja', 60, 'moderado', 'moderado'],
      ['R-HAC-02', 60, 'media', 60, 'moderado', 'moderado'],
      ['R-HAC-03', 80, 'alta', 80, 'mayor', 'alto'],
      ['R-HAC-04', 20, 'muy_baja', 65, 'mayor', 'alto'],
    ]);
  });

  it('refuses, by line and column, accepting a risk whose residual zone is outside the appetite', async () => {
    const db = riskDb();
    const before = tables(db);
    const rows = [
      GOOD_ROWS[2] ?? '',
      'R-HAC-01,HAC,gestion,Demora en pagos,Trámites,Intereses,100,mayor,,,aceptar,Tesorería',
    ];
    await expect(importRows(db, rows)).rejects.toThrow(
      'Línea 3, columna tratamiento: Un riesgo en zona residual alto no se puede aceptar: ' +
        'el apetito de riesgo de la entidad solo permite aceptar las zonas: bajo.',
    );
    expect(tables(db)).toEqual(before);
  });

  it('follows MIPG_RISK_ACCEPTABLE_ZONES: a moderate residual risk is accepted when the policy allows it', async () => {
    const row =
      'R-HAC-02,HAC,gestion,Demora en conciliaciones,Trámites,Reprocesos,60,moderado,,,aceptar,Tesorería';
    const strict = riskDb();
    await expect(importRows(strict, [row])).rejects.toThrow('zona residual moderado no se puede aceptar');
    const lenient = riskDb();
    const e = { ...env(lenient), config: loadConfig({ MIPG_RISK_ACCEPTABLE_ZONES: 'bajo,moderado' }) };
    expect(await importRows(lenient, [row], e)).toContain('• HAC: 1 nuevos');
    const { risks } = await exportJson(lenient);
    expect(risks[0]).toMatchObject({ code: 'R-HAC-02', treatment: 'aceptar', residualZone: 'moderado' });
  });

  it('records the person who ran the import in the audit log', async () => {
    const db = riskDb();
    const e = { ...env(db), author: personAuthor(who(db, 'coordinacion@pasto.gov.co')) };
    await importRows(db, GOOD_ROWS.slice(0, 1), e);
    const row = db.$client.prepare("SELECT actor FROM audit_log WHERE action = 'riesgo.crear'").get();
    expect(row).toEqual({ actor: 'coordinacion@pasto.gov.co' });
  });
});

describe('importing a real register over the example one', () => {
  it('says which example risks of the file’s processes it replaced, and leaves the other processes’ examples', async () => {
    const { app } = testApp();
    const e = env(app.db);
    const again = await importRows(app.db, exampleGthRows(), e);
    expect(again).not.toContain('riesgos de ejemplo');
    const report = await importRows(app.db, [GOOD_ROWS[0] ?? '', GOOD_ROWS[2] ?? ''], e);
    expect(report).toContain('• GTH: 0 nuevos, 2 actualizados, 0 sin cambios, 1 eliminados (R-GTH-02).');
    expect(report).toContain(
      'Se reemplazaron 3 riesgos de ejemplo (R-GTH-01, R-GTH-02, R-GTH-03): los procesos del archivo ya tienen su matriz real.',
    );
    const { risks } = await exportJson(app.db, { proceso: 'GTH' }, e);
    expect(risks.map((r: { description: string }) => r.description)).toEqual([
      'Error en la liquidación de nómina',
      'Archivo de hojas de vida incompleto',
    ]);
    expect((await exportJson(app.db, { proceso: 'GF' }, e)).risks).toHaveLength(2);
  });
});

describe('the risk vigencia without a plan', () => {
  it('imports into the latest register’s year in January, and into the calendar year on a fresh database', async () => {
    const db = riskDb();
    await importRows(db, GOOD_ROWS.slice(0, 1));
    const january = env(db, 'v7', '2027-01-15');
    expect(await importRows(db, GOOD_ROWS.slice(3), january)).toContain('Matriz de riesgos 2026 importada');
    expect((await exportJson(db, {}, january)).risks).toHaveLength(2);
    const fresh = riskDb();
    expect(await importRows(fresh, GOOD_ROWS.slice(3), env(fresh, 'v7', '2027-01-15'))).toContain(
      'Matriz de riesgos 2027 importada',
    );
  });
});

describe('mipg exportar riesgos', () => {
  it('writes a CSV with the input columns and the computed ones that imports back unchanged', async () => {
    const db = riskDb();
    await importRows(db, GOOD_ROWS);
    const csv = String(await risksExporter.run('csv', { positional: [], options: {} }, env(db)));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'codigo,proceso,tipo,riesgo,causa,consecuencia,frecuencia_anual,impacto_economico,impacto_reputacional,' +
        'controles,tratamiento,responsable,metodologia,probabilidad_inherente,probabilidad_inherente_pct,' +
        'impacto_inherente,impacto_inherente_pct,zona_inherente,probabilidad_residual_pct,probabilidad_residual,' +
        'impacto_residual_pct,impacto_residual,zona_residual',
    );
    expect(lines).toContain(
      'R-GTH-01,GTH,gestion,Error en la liquidación de nómina,Cálculo manual,Pagos indebidos,24,mayor,menor,' +
        'preventivo/manual: revisión mensual; detectivo/manual,reducir,Líder GTH,v7,baja,40,mayor,80,alto,16.8,muy_baja,80,mayor,alto',
    );
    const dir = mkdtempSync(join(tmpdir(), 'mipg-riesgos-'));
    const file = join(dir, 'mapa.csv');
    writeFileSync(file, csv);
    const again = (await risksImporter.run(file, env(db))).report;
    expect(again).toContain('• GTH: 0 nuevos, 0 actualizados, 3 sin cambios, 0 eliminados.');
  });

  it('filters by process and writes an xlsx sheet that readTable reads back', async () => {
    const db = riskDb();
    await importRows(db, GOOD_ROWS);
    const json = await exportJson(db, { proceso: 'contratacion' });
    expect(json.process).toBe('CON');
    expect(json.risks.map((r: { code: string }) => r.code)).toEqual(['R-CON-01']);

    const bytes = await risksExporter.run('xlsx', { positional: [], options: { proceso: 'GTH' } }, env(db));
    const dir = mkdtempSync(join(tmpdir(), 'mipg-riesgos-'));
    const file = join(dir, 'mapa.xlsx');
    writeFileSync(file, bytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets[0]?.name).toBe('Mapa de riesgos 2026');
    const table = await readTable(file);
    expect(table.rows.map((r) => r.values.codigo)).toEqual(['R-GTH-01', 'R-GTH-02', 'R-GTH-03']);
    expect(table.rows[0]?.values.zona_residual).toBe('alto');
  });

  it('refuses an unknown process or a bad vigencia in Spanish', async () => {
    const db = riskDb();
    await expect(exportJson(db, { proceso: 'XYZ' })).rejects.toThrow('No conozco el proceso «XYZ».');
    await expect(exportJson(db, { vigencia: '26' })).rejects.toThrow('--vigencia «26» no es un año.');
  });
});
