import { describe, expect, it } from 'vitest';
import {
  controlsText,
  readControls,
  readImpact,
  readRiskCode,
  readRiskType,
  readTimesPerYear,
  readTreatment,
} from '../../../src/domain/risks/cells.ts';
import { probabilityFromFrequency } from '../../../src/domain/risks/method.ts';

describe('reading the yearly frequency as people write it', () => {
  it.each([
    ['2', 2, 'muy_baja'],
    ['3', 3, 'baja'],
    ['24', 24, 'baja'],
    ['25', 25, 'media'],
    ['500', 500, 'media'],
    ['501', 501, 'alta'],
    ['5.000', 5000, 'alta'],
    ['5000', 5000, 'alta'],
    ['5.001', 5001, 'muy_alta'],
    ['1.000.000', 1_000_000, 'muy_alta'],
    ['0,5', 0.5, 'muy_baja'],
    ['2.5', 2.5, 'baja'],
    [' 12 ', 12, 'baja'],
  ] as const)('«%s» is %d times a year (%s)', (text, value, level) => {
    const read = readTimesPerYear(text);
    expect(read).toEqual({ ok: true, value });
    expect(probabilityFromFrequency(value).level).toBe(level);
  });

  it.each(['doce', '-3', '1,2,3', ''])('refuses «%s» in Spanish', (text) => {
    expect(readTimesPerYear(text)).toMatchObject({
      ok: false,
      message: expect.stringContaining('veces al año'),
    });
  });
});

describe('reading controls', () => {
  it('keeps the order written, accents and case aside, with optional descriptions', () => {
    const read = readControls(
      'Preventivo / Automático: bloqueo en el sistema; detectivo/manual ;correctivo/manual: reintegro',
    );
    expect(read).toEqual({
      ok: true,
      value: [
        { type: 'preventivo', implementation: 'automatico', description: 'bloqueo en el sistema' },
        { type: 'detectivo', implementation: 'manual', description: '' },
        { type: 'correctivo', implementation: 'manual', description: 'reintegro' },
      ],
    });
    if (read.ok) {
      expect(controlsText(read.value)).toBe(
        'preventivo/automatico: bloqueo en el sistema; detectivo/manual; correctivo/manual: reintegro',
      );
    }
    expect(readControls('')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['preventivo', 'el control 1 («preventivo»)'],
    ['detectivo/manual; manual/preventivo', 'el control 2 («manual/preventivo»)'],
    ['preventivo/manual/extra', 'el control 1'],
  ])('names the bad control in «%s»', (text, message) => {
    expect(readControls(text)).toMatchObject({ ok: false, message: expect.stringContaining(message) });
  });
});

describe('reading the other cells', () => {
  it('accepts the names with accents, spaces or capitals and refuses the rest', () => {
    expect(readRiskType('Seguridad digital')).toEqual({ ok: true, value: 'seguridad_digital' });
    expect(readRiskType('Corrupción')).toEqual({ ok: true, value: 'corrupcion' });
    expect(readRiskType('operativo')).toMatchObject({ ok: false });
    expect(readImpact('Catastrófico')).toEqual({ ok: true, value: 'catastrofico' });
    expect(readImpact('')).toEqual({ ok: true, value: undefined });
    expect(readImpact('grave')).toMatchObject({ ok: false });
    expect(readTreatment('Compartir')).toEqual({ ok: true, value: 'compartir' });
    expect(readTreatment('Mitigar')).toEqual({ ok: true, value: 'reducir' });
    expect(readTreatment('transferir')).toEqual({ ok: true, value: 'compartir' });
    expect(readTreatment('ignorar')).toMatchObject({ ok: false });
    expect(readRiskCode(' r-gth-01 ')).toEqual({ ok: true, value: 'R-GTH-01' });
    expect(readRiskCode('R GTH')).toMatchObject({ ok: false });
  });
});
