import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  applyControls,
  assessRisk,
  type Control,
  canAccept,
  controlWeight,
  corruptionImpactFromAnswers,
  impactLevel,
  probabilityFromFrequency,
  roundPercent,
} from '../../../src/domain/risks/method.ts';

describe('probabilityFromFrequency', () => {
  it.each([
    [0, 'muy_baja', 20],
    [2, 'muy_baja', 20],
    [3, 'baja', 40],
    [24, 'baja', 40],
    [25, 'media', 60],
    [500, 'media', 60],
    [501, 'alta', 80],
    [5000, 'alta', 80],
    [5001, 'muy_alta', 100],
  ] as const)('%d times a year → %s (%d %%)', (times, level, percent) => {
    expect(probabilityFromFrequency(times)).toEqual({ level, percent });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d in Spanish', (times) => {
    expect(() => probabilityFromFrequency(times)).toThrow(DomainError);
    expect(() => probabilityFromFrequency(times)).toThrow(/frecuencia válida/);
  });
});

describe('impactLevel takes the higher', () => {
  it.each([
    ['leve', 'catastrofico', 'catastrofico'],
    ['mayor', 'menor', 'mayor'],
    ['moderado', 'moderado', 'moderado'],
    ['menor', undefined, 'menor'],
    [undefined, 'mayor', 'mayor'],
  ] as const)('%s / %s → %s', (economic, reputational, expected) => {
    expect(impactLevel(economic, reputational)).toBe(expected);
  });

  it('needs at least one of them', () => {
    expect(() => impactLevel()).toThrow(/Falta el impacto/);
  });
});

describe('controlWeight', () => {
  it.each([
    ['preventivo', 'automatico', 50],
    ['preventivo', 'manual', 40],
    ['detectivo', 'automatico', 40],
    ['detectivo', 'manual', 30],
    ['correctivo', 'automatico', 35],
    ['correctivo', 'manual', 25],
  ] as const)('%s %s weighs %d %%', (type, implementation, weight) => {
    expect(controlWeight({ type, implementation })).toBe(weight);
  });
});

describe('applyControls', () => {
  it("follows the guide's example: 60 → 36 → 25.2", () => {
    const result = applyControls(60, 80, [
      { type: 'preventivo', implementation: 'manual' },
      { type: 'detectivo', implementation: 'manual' },
    ]);
    expect(result.trail.map((s) => roundPercent(s.after))).toEqual([36, 25.2]);
    expect(result.trail.map((s) => s.weight)).toEqual([40, 30]);
    expect(result.trail[1]?.before).toBe(result.trail[0]?.after);
    expect(roundPercent(result.probability)).toBe(25.2);
    expect(result.impact).toBe(80);
  });

  it('corrective controls reduce impact, in order, on what remains', () => {
    const controls: Control[] = [
      { type: 'correctivo', implementation: 'automatico' },
      { type: 'preventivo', implementation: 'automatico' },
      { type: 'correctivo', implementation: 'manual' },
    ];
    const result = applyControls(100, 100, controls);
    expect(result.trail.map((s) => [s.order, s.dimension, roundPercent(s.after)])).toEqual([
      [1, 'impact', 65],
      [2, 'probability', 50],
      [3, 'impact', 48.75],
    ]);
    expect(result.probability).toBe(50);
    expect(result.impact).toBeCloseTo(48.75, 10);
  });

  it('leaves the values alone without controls', () => {
    expect(applyControls(40, 60, [])).toEqual({
      probability: 40,
      impact: 60,
      trail: [],
    });
  });

  it('refuses percentages outside the scale', () => {
    expect(() => applyControls(0, 60, [])).toThrow(DomainError);
    expect(() => applyControls(60, 120, [])).toThrow(/impacto/);
  });
});

describe('assessRisk', () => {
  it('rates a management risk from frequency, impact and controls', () => {
    const result = assessRisk(
      {
        type: 'gestion',
        probability: { timesPerYear: 100 },
        impact: { economic: 'menor', reputational: 'mayor' },
        controls: [
          { type: 'preventivo', implementation: 'manual' },
          { type: 'detectivo', implementation: 'manual' },
        ],
      },
      { method: 'v7' },
    );
    expect(result.inherent).toEqual({
      probability: { level: 'media', percent: 60 },
      impact: { level: 'mayor', percent: 80 },
      zone: 'alto',
    });
    expect(result.residual.probability.level).toBe('baja');
    expect(roundPercent(result.residual.probability.percent)).toBe(25.2);
    expect(result.residual.impact).toEqual({ level: 'mayor', percent: 80 });
    expect(result.residual.zone).toBe('alto');
    expect(result.trail).toHaveLength(2);
  });

  it.each([
    // [starting probability level, control, residual %, residual level]
    ['alta', { type: 'preventivo', implementation: 'automatico' }, 40, 'baja'],
    ['muy_alta', { type: 'preventivo', implementation: 'manual' }, 60, 'media'],
    ['muy_alta', { type: 'detectivo', implementation: 'manual' }, 70, 'alta'],
  ] as const)('%s after %o is %d %% → %s', (level, control, percent, expected) => {
    const result = assessRisk(
      {
        type: 'gestion',
        probability: { level },
        impact: { economic: 'leve' },
        controls: [control],
      },
      { method: 'v7' },
    );
    expect(result.residual.probability).toEqual({ level: expected, percent });
  });

  it('reaches a lower zone when controls move both dimensions', () => {
    const result = assessRisk(
      {
        type: 'fiscal',
        probability: { level: 'baja' },
        impact: { reputational: 'menor' },
        controls: [
          { type: 'preventivo', implementation: 'automatico' },
          { type: 'correctivo', implementation: 'automatico' },
        ],
      },
      { method: 'v6' },
    );
    expect(result.inherent.zone).toBe('moderado');
    expect(result.residual.probability).toEqual({
      level: 'muy_baja',
      percent: 20,
    });
    expect(result.residual.impact).toEqual({ level: 'menor', percent: 26 });
    expect(result.residual.zone).toBe('bajo');
  });
});

describe('corruption risks', () => {
  it.each([
    [1, 'moderado'],
    [5, 'moderado'],
    [6, 'mayor'],
    [11, 'mayor'],
    [12, 'catastrofico'],
    [19, 'catastrofico'],
  ] as const)('v6 questionnaire: %d «sí» → %s', (yes, level) => {
    expect(corruptionImpactFromAnswers(yes)).toBe(level);
  });

  it.each([0, 20, 2.5, -1])('refuses %d answers', (yes) => {
    expect(() => corruptionImpactFromAnswers(yes)).toThrow(/respuestas afirmativas/);
    expect(() => corruptionImpactFromAnswers(yes)).toThrow(
      expect.objectContaining({ help: [expect.stringMatching(/19 preguntas/)] }),
    );
  });

  it('v6 takes the impact from the questionnaire', () => {
    const result = assessRisk(
      {
        type: 'corrupcion',
        probability: { level: 'baja' },
        impact: { corruptionYesAnswers: 7 },
      },
      { method: 'v6' },
    );
    expect(result.inherent.impact).toEqual({ level: 'mayor', percent: 80 });
    expect(result.inherent.zone).toBe('alto');
  });

  it('v6 raises a corruption impact given as leve or menor to moderado', () => {
    const result = assessRisk(
      {
        type: 'corrupcion',
        probability: { level: 'muy_baja' },
        impact: { economic: 'leve' },
      },
      { method: 'v6' },
    );
    expect(result.inherent.impact).toEqual({ level: 'moderado', percent: 60 });
    expect(result.inherent.zone).toBe('moderado');
  });

  it('v6 keeps the residual corruption impact at moderado or above', () => {
    const result = assessRisk(
      {
        type: 'corrupcion',
        probability: { level: 'baja' },
        impact: { corruptionYesAnswers: 3 },
        controls: [{ type: 'correctivo', implementation: 'automatico' }],
      },
      { method: 'v6' },
    );
    expect(result.residual.impact).toEqual({ level: 'moderado', percent: 39 });
  });

  it('v7 values integrity risks with the general table', () => {
    const result = assessRisk(
      {
        type: 'corrupcion',
        probability: { level: 'muy_baja' },
        impact: { economic: 'leve' },
      },
      { method: 'v7' },
    );
    expect(result.inherent.impact).toEqual({ level: 'leve', percent: 20 });
    expect(result.inherent.zone).toBe('bajo');
  });

  it('the questionnaire belongs to corruption risks under v6 only', () => {
    const input = {
      probability: { level: 'baja' },
      impact: { corruptionYesAnswers: 4 },
    } as const;
    expect(() => assessRisk({ ...input, type: 'corrupcion' }, { method: 'v7' })).toThrow(DomainError);
    expect(() => assessRisk({ ...input, type: 'gestion' }, { method: 'v6' })).toThrow(/cuestionario/);
  });
});

describe('canAccept', () => {
  it('never accepts a corruption risk, whatever the zone', () => {
    expect(() => canAccept('corrupcion', 'bajo', ['bajo', 'moderado'])).toThrow(DomainError);
    expect(() => canAccept('corrupcion', 'bajo')).toThrow(/nunca se puede aceptar/);
  });

  it('accepts other risks only in the acceptable zones (default: bajo)', () => {
    expect(canAccept('gestion', 'bajo')).toBe(true);
    expect(canAccept('gestion', 'moderado')).toBe(false);
    expect(canAccept('seguridad_digital', 'moderado', ['bajo', 'moderado'])).toBe(true);
    expect(canAccept('fiscal', 'extremo', ['bajo', 'moderado'])).toBe(false);
    expect(canAccept('gestion', 'bajo', [])).toBe(false);
  });
});
