import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, indicators } from '../../../db/schema/index.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { personByEmail } from '../../../src/domain/directory/people.ts';
import { allIndicators, indicatorByCode } from '../../../src/domain/indicators/catalog.ts';
import { importCatalog } from '../../../src/domain/indicators/import.ts';
import { recordReport, reportHistory } from '../../../src/domain/indicators/reports.ts';
import { outstandingReports } from '../../../src/domain/indicators/schedule.ts';
import { catalogColumns } from '../../../src/domain/indicators/sheet.ts';
import { ImportError, tableFromCsv } from '../../../src/domain/tabular.ts';
import { snapshot, testApp } from '../../helpers/app.ts';

const HEADER = catalogColumns.join(',');
const GOOD =
  'PRU-01,GTH,Servidores capacitados,Medir la cobertura,eficacia,A/B×100,Servidores capacitados,Servidores de planta,porcentaje,creciente,trimestral,70,90,60,80,10,Talento Humano';
const COUNT =
  'PRU-02,GJ,Tutelas recibidas,,eficiencia,,Tutelas recibidas,,Número,Decreciente,Mensual,"12,5",10,20,12,5,';

function importCsv(app: ReturnType<typeof testApp>['app'], lines: string[]) {
  return importCatalog(app.db, app.services.clock, SYSTEM, tableFromCsv([HEADER, ...lines].join('\n')));
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError)
      return error.problems.map((p) => `${p.line}|${p.column ?? ''}|${p.message}`);
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('importing the indicator catalog', () => {
  it('adds new indicators with their sheet fields, accents and case in the choices ignored', () => {
    const { app, clock } = testApp('2026-10-20');
    const report = importCatalog(app.db, clock, SYSTEM, tableFromCsv([HEADER, GOOD, COUNT].join('\n')));
    expect(report.added).toEqual(['PRU-01', 'PRU-02']);
    expect(indicatorByCode(app.db, 'pru-01')).toMatchObject({
      processCode: 'GTH',
      unit: 'porcentaje',
      direction: 'creciente',
      frequency: 'trimestral',
      baseline: 70,
      target: 90,
      critical: 60,
      satisfactory: 80,
      dueDays: 10,
      denominatorText: 'Servidores de planta',
      example: false,
    });
    expect(indicatorByCode(app.db, 'PRU-02')).toMatchObject({
      unit: 'numero',
      direction: 'decreciente',
      frequency: 'mensual',
      baseline: 12.5,
      denominatorText: '',
    });
    const created = app.db.select().from(auditLog).where(eq(auditLog.action, 'indicador.crear')).all();
    expect(created.map((e) => e.entityId)).toContain('PRU-01');
  });

  it('reports each bad row by line and column and imports nothing', () => {
    const { app } = testApp('2026-10-20');
    const before = snapshot(app);
    const lines = [
      GOOD,
      'PRU-03,NOEXISTE,Algo,,eficacia,,a,b,porcentaje,creciente,trimestral,,90,60,80,10,',
      'PRU-04,GTH,Algo,,eficacia,,a,b,kilos,creciente,quincenal,,noventa,60,80,10,',
      'PRU-05,GTH,Algo,,eficacia,,a,b,porcentaje,creciente,trimestral,,90,85,80,diez,',
      'PRU-06,GTH,,,magia,,a,b,porcentaje,hacia arriba,trimestral,,-5,60,80,10,',
      'PRU 07,GTH,Algo,,eficacia,,a,b,porcentaje,decreciente,anual,,5,4,8,10,',
    ];
    const problems = problemsOf(() => importCsv(app, lines));
    expect(problems).toEqual([
      '3|proceso|no existe el proceso «NOEXISTE» en el directorio.',
      '4|unidad|«kilos» no es válido; use porcentaje | numero.',
      '4|frecuencia|«quincenal» no es válido; use mensual | bimestral | trimestral | cuatrimestral | semestral | anual.',
      '4|meta|«noventa» no es un número.',
      '5|rango_critico|En un indicador creciente el límite crítico (85) no puede ser mayor que el satisfactorio (80).',
      '5|dias_para_reportar|«diez» no es válido; use un número entero de días hábiles de 0 a 60.',
      '6|nombre|está vacía.',
      '6|tipo|«magia» no es válido; use eficacia | eficiencia | efectividad | calidad | economia.',
      '6|sentido|«hacia arriba» no es válido; use creciente | decreciente.',
      '6|meta|no puede ser negativa.',
      '7|codigo|«PRU 07» no es un código válido (letras, números, guion o punto; por ejemplo GTH-01).',
      '7|rango_critico|En un indicador decreciente el límite crítico (4) no puede ser menor que el satisfactorio (8).',
    ]);
    expect(snapshot(app)).toEqual(before);
  });

  it('refuses numbers with more than 15 digits instead of storing Infinity, and a paragraph as a name', () => {
    const { app } = testApp('2026-10-20');
    const before = snapshot(app);
    const huge = '9'.repeat(400);
    const row = `PRU-08,GTH,${'N'.repeat(201)},,eficacia,,a,b,numero,creciente,trimestral,${huge},${huge},1,${'1'.repeat(16)},10,`;
    expect(problemsOf(() => importCsv(app, [row]))).toEqual([
      '2|nombre|el nombre admite hasta 200 caracteres (tiene 201).',
      '2|linea_base|el número tiene 400 cifras y se admiten hasta 15.',
      '2|meta|el número tiene 400 cifras y se admiten hasta 15.',
      '2|rango_satisfactorio|el número tiene 16 cifras y se admiten hasta 15.',
    ]);
    expect(snapshot(app)).toEqual(before);
  });

  it('names the missing columns and imports nothing', () => {
    const { app, clock } = testApp('2026-10-20');
    const before = snapshot(app);
    const table = tableFromCsv('codigo,proceso,nombre\nPRU-01,GTH,Algo');
    expect(() => importCatalog(app.db, clock, SYSTEM, table)).toThrow(/faltan las columnas objetivo, tipo/);
    expect(snapshot(app)).toEqual(before);
  });

  it('updates by code on re-import, audits what changed and leaves unchanged rows alone', () => {
    const { app, clock } = testApp('2026-10-20');
    importCatalog(app.db, clock, SYSTEM, tableFromCsv([HEADER, GOOD, COUNT].join('\n')));
    const id = indicatorByCode(app.db, 'PRU-01')?.id;
    clock.set('2026-10-21');
    const changed = GOOD.replace(',70,90,60,80,10,', ',70,95,65,85,10,');
    const report = importCatalog(app.db, clock, SYSTEM, tableFromCsv([HEADER, changed, COUNT].join('\n')));
    expect(report).toEqual({
      added: [],
      changed: [{ code: 'PRU-01', fields: ['target', 'critical', 'satisfactory'] }],
      unchanged: ['PRU-02'],
      examplesRemoved: [],
      examplesDeactivated: [],
    });
    expect(indicatorByCode(app.db, 'PRU-01')).toMatchObject({
      id,
      target: 95,
      critical: 65,
      satisfactory: 85,
    });
    const update = app.db.select().from(auditLog).where(eq(auditLog.action, 'indicador.actualizar')).get();
    expect(update).toMatchObject({
      entityId: 'PRU-01',
      before: { target: 90, critical: 60, satisfactory: 80 },
      after: { target: 95, critical: 65, satisfactory: 85 },
    });
  });

  it('accepts a code repeated on identical rows (one per period in an export) but not with other data', () => {
    const { app, clock } = testApp('2026-10-20');
    const twice = importCatalog(app.db, clock, SYSTEM, tableFromCsv([HEADER, GOOD, GOOD].join('\n')));
    expect(twice.added).toEqual(['PRU-01']);
    const conflicting = GOOD.replace('Servidores capacitados,Medir', 'Otro nombre,Medir');
    expect(problemsOf(() => importCsv(app, [GOOD, conflicting]))).toEqual([
      '3|codigo|el código PRU-01 ya está en la línea 2 con otros datos.',
    ]);
  });

  it('retires the example indicators of the processes a real catalog covers: reported ones deactivated', () => {
    const { app, clock } = testApp('2026-10-20');
    const leader = personByEmail(app.db, 'lider.gth@ejemplo.pasto.gov.co');
    if (!leader) throw new Error('no leader');
    const measure = { numerator: 45, denominator: 50 };
    const evidence = 'https://intranet.pasto.gov.co/indicadores/gth-01.xlsx';
    recordReport(app.db, clock, leader, {
      code: 'GTH-01',
      period: '2026-T3',
      measure,
      analysis: '',
      evidence,
    });
    const realGth02 =
      'GTH-02,GTH,Evaluaciones reales,,eficacia,,Hechas,Programadas,porcentaje,creciente,semestral,,90,60,80,10,';
    const report = importCsv(app, [GOOD, realGth02]);
    expect(report).toMatchObject({
      added: ['PRU-01'],
      changed: [{ code: 'GTH-02', fields: expect.arrayContaining(['name', 'example']) }],
      examplesRemoved: ['GTH-03'],
      examplesDeactivated: ['GTH-01'],
    });
    expect(indicatorByCode(app.db, 'GTH-03')).toBeUndefined();
    expect(indicatorByCode(app.db, 'GTH-01')).toMatchObject({ active: false, example: true });
    expect(indicatorByCode(app.db, 'GTH-02')).toMatchObject({ active: true, example: false });
    // Reports of the deactivated one stay; it is no longer expected nor listed; other processes keep theirs.
    expect(reportHistory(app.db, indicatorByCode(app.db, 'GTH-01')?.id ?? 0, '2026-T3')).toHaveLength(1);
    const codes = new Set(allIndicators(app.db).map((i) => i.code));
    expect(codes.has('GTH-01')).toBe(false);
    expect(codes.has('AC-01')).toBe(true);
    const owed = new Set(outstandingReports(app.db, '2026-10-20').map((s) => s.indicator.code));
    expect(owed.has('GTH-01') || owed.has('GTH-03')).toBe(false);
    const actions = app.db
      .select()
      .from(auditLog)
      .all()
      .map((a) => `${a.action} ${a.entityId}`);
    expect(actions).toEqual(
      expect.arrayContaining(['indicador.eliminar GTH-03', 'indicador.desactivar GTH-01']),
    );
    // An example import (the first-run load) retires nothing.
    const again = importCatalog(app.db, clock, SYSTEM, tableFromCsv([HEADER, COUNT].join('\n')), {
      example: true,
    });
    expect(again.examplesRemoved).toEqual([]);
  });

  it('ships example indicators for every example process, marked as examples', () => {
    const { app } = testApp('2026-10-20');
    const rows = app.db.select().from(indicators).all();
    expect(rows.length).toBeGreaterThanOrEqual(58);
    expect(rows.every((r) => r.example)).toBe(true);
    const perProcess = new Set(rows.map((r) => r.processId));
    expect(perProcess.size).toBe(29);
  });
});
