import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.ts';
import { attendanceApp } from '../domain/attendance/helpers.ts';
import { catalogLoadedOn } from '../domain/indicators/catalog-date.ts';
import { COORDINATOR, snapshot, testApp } from '../helpers/app.ts';
import { addPeople, fillActivity } from '../helpers/plan.ts';

const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';
const LEADER = 'lider.gth@ejemplo.pasto.gov.co';

/** Task codes in the order a person reads them. */
const codes = (text: string) => [...text.matchAll(/\*(\d+\.\d+)\*/g)].map((m) => m[1]);
const range = (activity: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${activity}.${from + i}`);
const bullets = (text: string) => text.match(/^\s+• /gm) ?? [];

describe('long lists page with «pagina N» and a Ver más', () => {
  it('/tareas 3 over 50 tasks shows 15, then 16–30, and the last page has no Ver más', async () => {
    const { app, sayText } = testApp('2026-09-07');
    fillActivity(app.db, 3, 50);

    const first = await sayText(COORDINATOR, '/tareas 3');
    expect(first).toContain('(50)');
    expect(bullets(first)).toHaveLength(15);
    expect(first).toContain('  … y 35 más\n  Ver más: /tareas 3 pagina 2');

    const second = await sayText(COORDINATOR, '/tareas 3 pagina 2');
    expect(second).toContain('· página 2 de 4');
    expect(codes(second)).toEqual(range(3, 16, 30));
    expect(second).toContain('  … y 20 más\n  Ver más: /tareas 3 pagina 3');

    const last = await sayText(COORDINATOR, '/tareas 3 página 4');
    expect(codes(last)).toEqual(range(3, 46, 50));
    expect(last).not.toContain('Ver más');
    expect(last).not.toContain('y 0 más');

    const past = await sayText(COORDINATOR, '/tareas 3 pagina 5');
    expect(past).toContain('La página 5 no existe: esta lista tiene 4 páginas.');
    expect(past).toContain('Vea la primera con /tareas 3');
  });

  it('/tareas points a cut activity at its own pages; a filter pages all its groups together', async () => {
    const { app, sayText } = testApp('2026-09-07');
    fillActivity(app.db, 3, 50);
    const all = await sayText(COORDINATOR, '/tareas');
    expect(all).toContain('Ver más: /tareas 3 pagina 2');
    expect(all.match(/Ver más/g)).toHaveLength(1);

    const overdue = await sayText(COORDINATOR, '/tareas vencidas');
    expect(overdue).toContain('Ver más: /tareas vencidas pagina 2');
    const next = await sayText(COORDINATOR, '/tareas vencidas pagina 2');
    // Only activity 3 has more than 15 overdue tasks: the other groups ended on page 1.
    expect(next).toMatch(/^Tareas vencidas · Plan 2026 \(\d+\) · página 2 de 4$/m);
    expect(next).toMatch(/^3\. /m);
    expect(next).not.toMatch(/^[12456]\. /m);
    expect(bullets(next)).toHaveLength(15);
  });

  it('explains a wrong page in Spanish, with an example, and stores nothing', async () => {
    const { app, sayText } = testApp('2026-09-07');
    const before = snapshot(app);
    const cases: [string, string][] = [
      ['/tareas 3 pagina 0', 'La página es un número desde 1.'],
      ['/tareas pagina dos', 'La página es un número desde 1.'],
      ['/tareas 3 pagina', 'Falta el número de la página.'],
      ['/tareas pagina 2', 'La página 2 no existe: esta lista tiene 1 página.'],
    ];
    for (const [input, message] of cases) {
      const text = await sayText(COORDINATOR, input);
      expect(text, input).toContain(message);
    }
    expect(await sayText(COORDINATOR, '/tareas pagina 0')).toContain('Ejemplo: /tareas 3 pagina 2');
    expect(snapshot(app)).toEqual(before);
  });

  it('/asistencia <id> pages a session of 231 invitees', async () => {
    const t = attendanceApp('2026-09-07');
    const emails = addPeople(t.app.db, 231);
    const session = t.create({ invitees: emails.join('; ') });

    const first = await t.sayText(COORDINATOR, `/asistencia ${session.id}`);
    expect(first).toContain('Sin respuesta (231):');
    expect(first).toContain('  … y 216 más\n  Ver más: /asistencia 1 pagina 2');

    const third = await t.sayText(COORDINATOR, '/asistencia 1 pagina 3');
    expect(third).toMatch(/^Sesión 1 · Capacitación en indicadores de gestión · página 3 de 16$/m);
    expect(third).toContain('Sin respuesta (231):');
    expect(third).not.toContain('Confirmaron');
    const names = [...third.matchAll(/• Persona de prueba (\d+)/g)].map((m) => Number(m[1]));
    expect(names).toEqual(Array.from({ length: 15 }, (_, i) => 31 + i));
    expect(third).toContain('Ver más: /asistencia 1 pagina 4');

    const last = await t.sayText(COORDINATOR, '/asistencia 1 pagina 16');
    expect(last).toContain('• Persona de prueba 231');
    expect(last).not.toContain('Ver más');
    expect(await t.sayText(COORDINATOR, '/asistencia 1 pagina 17')).toContain(
      'La página 17 no existe: esta lista tiene 16 páginas.',
    );
  });

  it('/pendientes pages the open tasks of the person’s teams', async () => {
    const { app, sayText } = testApp('2026-09-07');
    fillActivity(app.db, 3, 50, 'Equipo MIPG');
    const first = await sayText(LAURA, '/pendientes');
    expect(first).toContain('Ver más: /pendientes pagina 2');
    const second = await sayText(LAURA, '/pendientes pagina 2');
    expect(second).toMatch(/^Mis pendientes · Laura Benavides \(ejemplo\) · página 2 de \d+$/m);
    expect(second).toContain('Tareas abiertas de sus equipos:');
    expect(bullets(second)).toHaveLength(10);
    expect(second).toContain('Ver más: /pendientes pagina 3');
  });

  it('/estado tareas, riesgos and alcance page their long lists', async () => {
    const { app, sayText } = testApp('2026-09-07');
    fillActivity(app.db, 3, 50);
    expect(await sayText(COORDINATOR, '/estado tareas')).toContain('Ver más: /estado tareas pagina 2');
    const overdue = await sayText(COORDINATOR, '/estado tareas pagina 2');
    expect(overdue).toContain('Tareas vencidas:');
    expect(bullets(overdue)).toHaveLength(15);

    // The 29 example processes have not reported their risk matrices yet.
    const risks = await sayText(COORDINATOR, '/estado riesgos');
    expect(risks).toContain('Ver más: /estado riesgos pagina 2');
    const risks2 = await sayText(COORDINATOR, '/estado riesgos pagina 2');
    expect(risks2).toContain('Matrices por actualizar:');
    expect(bullets(risks2)).toHaveLength(14);

    // Nobody of the 40 example people has opened a chat with the bot in Teams.
    expect(await sayText(COORDINATOR, '/estado alcance')).toContain('Ver más: /estado alcance pagina 2');
    const reach = await sayText(COORDINATOR, '/estado alcance pagina 2');
    expect(reach).toContain('Aún sin alcance en Teams:');
    expect(bullets(reach)).toHaveLength(10);
  });

  it('/reportar indicador pages the periods without a report; the form stays on the first page', async () => {
    const { app, sayText } = testApp('2026-12-15');
    catalogLoadedOn(app.db);
    const first = await sayText(LEADER, '/reportar indicador');
    expect(first).toContain('Periodos sin reporte:');
    expect(first).toContain('Ver más: /reportar indicador pagina 2');
    expect(first).toContain('Formulario «Reportar indicador»');
    const second = await sayText(LEADER, '/reportar indicador pagina 2');
    // GTH's three indicators miss 15 periods: 8 on the first page, 7 on the second.
    expect(second).toMatch(/^Reportar indicador · página 2 de 2$/m);
    expect(second).toContain('Periodos sin reporte:');
    expect(bullets(second)).toHaveLength(7);
    expect(second).not.toContain('Formulario');
    // A one-line report whose analysis ends in «pagina 2» is a report, not a page.
    const report = await sayText(
      LEADER,
      '/reportar indicador GTH-01 2026-T3 45/50 https://intranet.pasto.gov.co/gth.xlsx ver anexo pagina 2',
    );
    expect(report).toContain('GTH-01');
    expect(report).not.toContain('página');
  });

  it('Ver más runs its command as the person who pressed, checking their role again', async () => {
    const { app, person } = testApp('2026-09-07');
    const press = (email: string) =>
      app.router.handleAction(
        { person: person(email), platform: 'console' },
        { actionId: 'lista.ver_mas', value: '/estado alcance pagina 2' },
      );
    const coordinator = await press(COORDINATOR);
    expect(renderText(coordinator.reply ?? { blocks: [] })).toContain('Aún sin alcance en Teams:');
    const laura = await press(LAURA);
    expect(renderText(laura.reply ?? { blocks: [] })).toContain(
      'Solo la coordinación MIPG y la Oficina de Control Interno pueden ver el alcance del bot.',
    );
  });

  it('documents «pagina» in the usage of every command that pages', async () => {
    const { sayText } = testApp('2026-09-07');
    expect(await sayText(COORDINATOR, '/ayuda tareas')).toContain(
      '/tareas [plan] [mias|vencidas|proximas|<actividad 1-6>] [pagina <n>]',
    );
    expect(await sayText(COORDINATOR, '/ayuda pendientes')).toContain('/pendientes [pagina <n>]');
    expect(await sayText(COORDINATOR, '/ayuda asistencia')).toContain('/asistencia <id> [pagina <n>]');
    expect(await sayText(COORDINATOR, '/ayuda estado')).toContain('/estado tareas [año] [plan] [pagina <n>]');
    expect(await sayText(COORDINATOR, '/ayuda reportar')).toContain(
      '/reportar indicador [<código>] [pagina <n>]',
    );
  });
});
