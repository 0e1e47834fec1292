import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, indicatorReports } from '../../../db/schema/index.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { importCatalog } from '../../../src/domain/indicators/import.ts';
import type { TypedMeasure } from '../../../src/domain/indicators/numbers.ts';
import { recordReport, reportHistory } from '../../../src/domain/indicators/reports.ts';
import { catalogColumns } from '../../../src/domain/indicators/sheet.ts';
import { tableFromCsv } from '../../../src/domain/tabular.ts';
import { COORDINATOR, snapshot, testApp } from '../../helpers/app.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const DELEGATE = 'delegado.gth@ejemplo.pasto.gov.co';
const LINK = 'https://intranet.pasto.gov.co/indicadores/evidencia.xlsx';

/** Two test indicators whose bounds fall where binary floating point is inexact (57 %, 7 %). */
function setup() {
  const t = testApp('2026-10-20');
  const csv = [
    catalogColumns.join(','),
    'UP-01,GTH,Sube,,eficacia,,Hechas,Programadas,porcentaje,creciente,trimestral,,90,57,80,10,',
    'DOWN-01,GTH,Baja,,eficacia,,Casos,Total,porcentaje,decreciente,trimestral,,2,7,3,10,',
    'CNT-01,GTH,Cuenta,,eficacia,,Casos atendidos,,numero,creciente,trimestral,,100,50,80,10,',
  ].join('\n');
  importCatalog(t.app.db, t.clock, SYSTEM, tableFromCsv(csv));
  const report = (
    code: string,
    measure: TypedMeasure,
    as = LEADER,
    period = '2026-T3',
    analysis = 'Análisis',
  ) => recordReport(t.app.db, t.clock, t.person(as), { code, period, measure, analysis, evidence: LINK });
  return { ...t, report };
}

const frac = (numerator: number, denominator: number) => ({ numerator, denominator });

describe('the semáforo of a stored report', () => {
  // One bot for the whole table: each case corrects the same period, so only its own light is read.
  const shared = setup();
  it.each([
    ['UP-01', frac(5699, 10000), 'critico'],
    ['UP-01', frac(57, 100), 'aceptable'],
    ['UP-01', frac(7999, 10000), 'aceptable'],
    ['UP-01', frac(80, 100), 'satisfactorio'],
    ['UP-01', frac(100, 100), 'satisfactorio'],
    ['DOWN-01', frac(701, 10000), 'critico'],
    ['DOWN-01', frac(7, 100), 'aceptable'],
    ['DOWN-01', frac(14, 200), 'aceptable'],
    ['DOWN-01', frac(301, 10000), 'aceptable'],
    ['DOWN-01', frac(3, 100), 'satisfactorio'],
    ['DOWN-01', frac(0, 100), 'satisfactorio'],
    ['CNT-01', { value: 49.9 }, 'critico'],
    ['CNT-01', { value: 50 }, 'aceptable'],
    ['CNT-01', { value: 80 }, 'satisfactorio'],
  ] as const)('%s %j → %s', (code, measure, status) => {
    const outcome = shared.report(code, measure);
    expect(outcome.unchanged).toBe(false);
    expect(outcome.report.status).toBe(status);
  });

  it('computes the result and the compliance for each direction', () => {
    const { report } = setup();
    expect(report('UP-01', frac(45, 50)).report).toMatchObject({ result: 90, target: 90, compliance: 100 });
    const down = report('DOWN-01', frac(4, 100)).report;
    expect(down.result).toBe(4);
    expect(down.compliance).toBeCloseTo(50, 10);
    expect(report('CNT-01', { value: 120 }).report).toMatchObject({
      result: 120,
      compliance: 120,
      value: 120,
    });
  });
});

describe('corrections', () => {
  it('makes the new report current, keeps the old one and audits who changed what', () => {
    const { app, clock, report, person } = setup();
    const first = report('UP-01', frac(35, 50)).report;
    clock.set('2026-10-21', '09:30');
    const second = report('UP-01', frac(45, 50), DELEGATE);
    expect(second.previous?.id).toBe(first.id);
    const history = reportHistory(app.db, first.indicatorId, '2026-T3');
    expect(history.map((r) => [r.result, r.current, r.reportedBy, r.replaces])).toEqual([
      [70, false, person(LEADER).id, null],
      [90, true, person(DELEGATE).id, first.id],
    ]);
    const entries = app.db.select().from(auditLog).where(eq(auditLog.entityId, 'UP-01 2026-T3')).all();
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['indicador.reportar', LEADER],
      ['indicador.corregir', DELEGATE],
    ]);
    expect(entries[1]).toMatchObject({
      before: { numerator: 35, result: 70, status: 'aceptable' },
      after: { numerator: 45, result: 90, status: 'satisfactorio' },
    });
  });

  it('stores nothing when the same measurement is reported again', () => {
    const { app, report } = setup();
    report('UP-01', frac(45, 50));
    const before = snapshot(app);
    const again = report('UP-01', frac(45, 50));
    expect(again.unchanged).toBe(true);
    expect(snapshot(app)).toEqual(before);
  });
});

describe('who may report', () => {
  it('lets the leaders and delegates of the process and the coordinator report, nobody else', () => {
    const { app, report } = setup();
    expect(report('UP-01', frac(1, 2), DELEGATE, '2026-T1').report.period).toBe('2026-T1');
    expect(report('UP-01', frac(1, 2), COORDINATOR, '2026-T2').report.period).toBe('2026-T2');
    const before = snapshot(app);
    expect(() => report('UP-01', frac(1, 2), 'lider.gf@ejemplo.pasto.gov.co')).toThrow(
      'No puede reportar el indicador UP-01: es del proceso GTH · Gestión del Talento Humano (ejemplo).',
    );
    expect(() => report('UP-01', frac(1, 2), 'laura.benavides@ejemplo.pasto.gov.co')).toThrow(
      'No puede reportar el indicador UP-01',
    );
    expect(snapshot(app)).toEqual(before);
    expect(app.db.select().from(indicatorReports).all()).toHaveLength(2);
  });
});
