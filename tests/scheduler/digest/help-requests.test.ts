import { beforeEach, describe, expect, it } from 'vitest';
import { type Db, openMigratedDatabase } from '../../../db/client.ts';
import { renderText } from '../../../src/adapters/console/render.ts';
import { bogotaInstant, fixedClock } from '../../../src/domain/clock.ts';
import { requireTask } from '../../../src/domain/tasks/actions.ts';
import { buildDigest } from '../../../src/scheduler/digest/build.ts';
import { digestReply } from '../../../src/scheduler/digest/render.ts';
import { recordHelpRequest } from '../../../src/scheduler/reminders/answers.ts';
import { person, seedDirectory, seedPlan } from '../fixtures.ts';

// Digest date D = Monday 2026-09-07.
describe('«Solicitudes de ayuda» in the weekly digest', () => {
  let db: Db;
  const ask = (who: 'ana' | 'bruno', code: string, at: string, note?: string) => {
    const clock = fixedClock(bogotaInstant(at, '10:00'));
    recordHelpRequest(db, clock, person(db, who), requireTask(db, clock, code), note);
  };

  beforeEach(() => {
    db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    seedPlan(db, [
      { code: '1.1', title: 'Inventario de partes interesadas', start: '2026-08-01', end: '2026-10-30' },
      {
        code: '1.2',
        title: 'Caracterizar grupos de valor',
        start: '2026-08-01',
        end: '2026-10-30',
        done: true,
      },
      { code: '1.3', title: 'Actualizar la DOFA', start: '2026-08-01', end: '2026-10-30', done: true },
    ]);
  });

  it('lists requests on open tasks and the last week’s on done ones, and needs attention', () => {
    ask('ana', '1.1', '2026-08-20', 'Sin acceso a la carpeta'); // old, task still open: shown
    ask('bruno', '1.2', '2026-09-03'); // last week, task done since: shown as done
    ask('ana', '1.3', '2026-08-20', 'Ya no aplica'); // old and done: left out
    ask('bruno', '1.1', '2026-09-08', 'Después del corte'); // after D: left out
    const digest = buildDigest(db, '2026-09-07');
    expect(digest.json.helpRequests).toEqual([
      {
        task: '1.2',
        title: 'Caracterizar grupos de valor',
        person: 'Bruno Becerra',
        note: null,
        date: '2026-09-03',
        open: false,
      },
      {
        task: '1.1',
        title: 'Inventario de partes interesadas',
        person: 'Ana Analista',
        note: 'Sin acceso a la carpeta',
        date: '2026-08-20',
        open: true,
      },
    ]);
    expect(digest.parts.find((p) => p.id === 'ayuda')?.due).toBe(true);
    expect(digest.due).toBe(true);
    const names = new Map([
      [person(db, 'ana').id, 'Ana'],
      [person(db, 'bruno').id, 'Bruno'],
    ]);
    const text = renderText(digestReply(digest), (id) => names.get(id) ?? '?');
    expect(text).toContain('Solicitudes de ayuda');
    expect(text).toContain(
      '*1.2* Caracterizar grupos de valor · 🆘 @Bruno pidió ayuda el 3 sep 2026 (sin nota) · ya cumplida',
    );
    expect(text).toContain(
      '*1.1* Inventario de partes interesadas · 🆘 @Ana pidió ayuda el 20 ago 2026: «Sin acceso a la carpeta»',
    );
    expect(text).not.toContain('Ya no aplica');
    expect(text).not.toContain('Después del corte');
    expect(text).not.toContain('Todo al día');
  });

  it('says nothing when nobody asked for help', () => {
    const digest = buildDigest(db, '2026-09-07');
    expect(digest.json.helpRequests).toEqual([]);
    expect(digest.parts.find((p) => p.id === 'ayuda')).toMatchObject({ blocks: [], due: false });
    expect(renderText(digestReply(digest))).not.toContain('Solicitudes de ayuda');
  });
});
