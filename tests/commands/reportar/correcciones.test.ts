import { describe, expect, it } from 'vitest';
import { catalogLoadedOn } from '../../domain/indicators/catalog-date.ts';
import { COORDINATOR, testApp } from '../../helpers/app.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const AUDITOR = 'control.interno@ejemplo.pasto.gov.co';
const LINK = 'https://intranet.pasto.gov.co/indicadores/evidencia.xlsx';
const LEADER_NAME = 'Líder de Gestión del Talento Humano (ejemplo)';

/** GTH-01 2026-T1 reported on 10 July, corrected by the leader on the 13th and by the coordination on the 14th. */
async function corrected() {
  const t = testApp('2026-07-10', '09:30');
  catalogLoadedOn(t.app.db);
  await t.say(LEADER, `/reportar indicador GTH-01 2026-T1 30/50 ${LINK} Sin presupuesto`);
  t.clock.set('2026-07-13', '16:45');
  await t.say(LEADER, `/reportar indicador GTH-01 2026-T1 35/50 ${LINK}`);
  t.clock.set('2026-07-14', '08:05');
  await t.say(COORDINATOR, `/reportar indicador GTH-01 2026-T1 36/50 ${LINK}`);
  await t.say(LEADER, `/reportar indicador GTH-01 2026-T2 40/50 ${LINK}`);
  return t;
}

describe('/estado indicadores <código>: the values each period had before its corrections', () => {
  it('lists each earlier value with who reported it, when, and when and by whom it was replaced', async () => {
    const { sayText } = await corrected();
    const text = await sayText(AUDITOR, '/estado indicadores GTH-01');
    expect(text).toMatch(/2026-T1\s+72 %\s+75,79 %\s+🟡 Aceptable/);
    expect(text).toContain(
      [
        'Correcciones: valores anteriores de cada periodo:',
        `  • 2026-T1: 🔴 60 % (30/50) · reportado por ${LEADER_NAME} el 10 jul 2026 09:30 · reemplazado el 13 jul 2026 16:45 por ${LEADER_NAME}`,
        `  • 2026-T1: 🟡 70 % (35/50) · reportado por ${LEADER_NAME} el 13 jul 2026 16:45 · reemplazado el 14 jul 2026 08:05 por Coordinación MIPG (ejemplo)`,
      ].join('\n'),
    );
    expect(text).not.toContain('2026-T2: ');
  });

  it('shows no corrections block for an indicator never corrected', async () => {
    const { sayText } = await corrected();
    expect(await sayText(LEADER, '/estado indicadores GTH-03')).not.toContain('Correcciones');
  });
});
