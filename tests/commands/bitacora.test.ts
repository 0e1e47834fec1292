import { describe, expect, it } from 'vitest';
import { COORDINATOR, snapshot, testApp } from '../helpers/app.ts';

const AUDITOR = 'control.interno@ejemplo.pasto.gov.co';
const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const link = (name: string) => `https://intranet.pasto.gov.co/${name}`;

/** The bot after a few days of work: changes on 7 September (one late at night) and on the 8th. */
async function workedOn() {
  const t = testApp('2026-09-07', '09:00');
  await t.say(COORDINATOR, `/cumplida 2.3 ${link('dofa.pdf')} Versión aprobada`);
  await t.say(LEADER, `/reportar indicador GTH-01 2026-T2 45/50 ${link('cap.xlsx')}`);
  await t.say(COORDINATOR, `/reportar riesgos GF ${link('riesgos-gf.xlsx')}`);
  t.clock.set('2026-09-07', '23:30');
  await t.say(LEADER, `/reportar riesgos GTH ${link('riesgos-gth.xlsx')}`);
  t.clock.set('2026-09-08', '08:15');
  await t.say(COORDINATOR, '/verificar riesgos GTH devolver Falta el riesgo de nómina');
  await t.say(LEADER, `/reportar indicador GTH-01 2026-T2 46/50 ${link('cap.xlsx')}`);
  return t;
}

/** The list's lines (bullets), without the context around them. */
const items = (text: string) => text.split('\n').filter((line) => line.startsWith('  • '));

describe('/bitacora', () => {
  it('lists the changes newest first: who by name, when in Bogotá, what in words, and before → after', async () => {
    const { sayText } = await workedOn();
    const text = await sayText(AUDITOR, '/bitacora proceso GTH');
    // The process's own changes, its people's, and the loading of its sheet, risks and people.
    expect(text).toContain(
      'Filtro: proceso GTH. 13 registros, del más reciente al más antiguo; horas de Bogotá.',
    );
    const lines = items(text);
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(
      /^ {2}• #\d+ · 8 sep 2026 08:15 · Líder de Gestión del Talento Humano \(ejemplo\) corrigió el reporte del indicador · Indicador GTH-01 2026-T2 — numerador: 45 → 46; resultado: 90 → 92; cumplimiento: 94,74 → 96,84; reportado el: 7 sep 2026 09:00 → 8 sep 2026 08:15$/,
    );
    expect(lines[1]).toContain(
      '8 sep 2026 08:15 · Coordinación MIPG (ejemplo) devolvió la matriz de riesgos · Matriz de riesgos 2026/GTH — estado: actualizada → devuelta;',
    );
    expect(lines[1]).toContain('observaciones: — → Falta el riesgo de nómina');
    expect(lines[2]).toContain(
      '7 sep 2026 23:30 · Líder de Gestión del Talento Humano (ejemplo) reportó la matriz de riesgos · Matriz de riesgos 2026/GTH — estado: pendiente → actualizada; enlace de la matriz: — → https://intranet.pasto.gov.co/riesgos-gth.xlsx; reportado el: — → 7 sep 2026 23:30; reportado por: — → Líder de Gestión del Talento Humano (ejemplo)',
    );
    expect(lines[3]).toContain(
      '7 sep 2026 09:00 · Líder de Gestión del Talento Humano (ejemplo) reportó el indicador',
    );
    expect(lines[4]).toContain('El sistema creó el riesgo · Riesgo 2026/R-GTH-03 — código: R-GTH-03;');
    expect(lines[7]).toContain(
      'El sistema creó la hoja de vida del indicador · Indicador GTH-03 — proceso: GTH;',
    );
    expect(lines[11]).toContain(
      'El sistema importó a la persona · Persona lider.gth@ejemplo.pasto.gov.co — nombre:',
    );
    expect(lines[12]).toContain(
      'El sistema importó el proceso · Proceso GTH — nombre: Gestión del Talento Humano (ejemplo)',
    );
    expect(text).not.toContain('GF');
  });

  it('filters by task, by author and by Bogotá days (a change at 23:30 belongs to its own day)', async () => {
    const { sayText } = await workedOn();
    const task = items(await sayText(COORDINATOR, '/bitacora tarea 2.3'));
    expect(task.map((l) => / · Tarea 2\.3 — /.test(l))).toEqual([true, true, true]);
    expect(task[0]).toContain('Coordinación MIPG (ejemplo) marcó cumplida la tarea');
    expect(task[2]).toContain('El sistema importó la tarea del plan');
    const mine = items(await sayText(AUDITOR, `/bitacora persona ${LEADER}`));
    expect(mine).toHaveLength(3);
    expect(mine.every((l) => l.includes('· Líder de Gestión del Talento Humano (ejemplo) '))).toBe(true);
    const day = items(
      await sayText(AUDITOR, `/bitacora persona ${LEADER} desde 2026-09-07 hasta 2026-09-07`),
    );
    expect(day.map((l) => l.slice(l.indexOf('·') + 2, l.indexOf('·') + 18))).toEqual([
      '7 sep 2026 23:30',
      '7 sep 2026 09:00',
    ]);
    const next = items(await sayText(AUDITOR, `/bitacora persona ${LEADER} desde 2026-09-08`));
    expect(next).toHaveLength(1);
    expect(next[0]).toContain('8 sep 2026 08:15');
  });

  it('pages a long log with Ver más, and says when a page does not exist', async () => {
    const { sayText } = await workedOn();
    const first = await sayText(AUDITOR, '/bitacora');
    const total = Number(/(\d[\d.]*) registros/.exec(first)?.[1]?.replace('.', ''));
    expect(total).toBeGreaterThan(30);
    expect(items(first)).toHaveLength(15);
    expect(first).toContain(`… y ${total - 15} más\n  Ver más: /bitacora pagina 2`);
    const ids = (text: string) => items(text).map((l) => Number(/#(\d+)/.exec(l)?.[1]));
    const second = await sayText(AUDITOR, '/bitacora pagina 2');
    expect(second).toContain(`Bitácora de auditoría · página 2 de ${Math.ceil(total / 15)}`);
    expect(ids(second)[0]).toBe((ids(first).at(-1) ?? 0) - 1);
    expect(await sayText(AUDITOR, `/bitacora pagina ${Math.ceil(total / 15) + 1}`)).toContain(
      `La página ${Math.ceil(total / 15) + 1} no existe: esta lista tiene ${Math.ceil(total / 15)} páginas.`,
    );
  });

  it('answers bad filters in Spanish and stores nothing', async () => {
    const { app, sayText } = await workedOn();
    const before = snapshot(app);
    const cases: [string, string][] = [
      ['/bitacora desde 2026-02-30', '«2026-02-30» no es una fecha válida para «desde».'],
      ['/bitacora hasta ayer', '«ayer» no es una fecha válida para «hasta».'],
      [
        '/bitacora desde 2026-09-08 hasta 2026-09-01',
        'La fecha «desde» (2026-09-08) es posterior a la fecha «hasta» (2026-09-01).',
      ],
      ['/bitacora proceso XYZ', 'No conozco el proceso «XYZ».'],
      [
        '/bitacora persona nadie@pasto.gov.co',
        'No hay nadie con el correo «nadie@pasto.gov.co» en el directorio.',
      ],
      ['/bitacora tarea dos', '«dos» no es el código de una tarea.'],
      ['/bitacora tarea', 'Falta el valor de «tarea».'],
      ['/bitacora riesgo R-GTH-01', 'No entiendo «riesgo» en /bitacora.'],
    ];
    for (const [typed, message] of cases) {
      const text = await sayText(AUDITOR, typed);
      expect(text, typed).toContain(`❌ No se pudo completar\n\n${message}`);
    }
    expect(snapshot(app)).toEqual(before);
  });

  it('is for the coordination and Control Interno only', async () => {
    const { sayText } = testApp();
    expect(await sayText(LEADER, '/bitacora')).toContain(
      'Solo la coordinación MIPG y la Oficina de Control Interno consultan la bitácora.',
    );
    expect(await sayText(COORDINATOR, '/bitacora')).toContain('Bitácora de auditoría');
  });
});
