import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render.ts';
import { answerInvitation } from '../../../src/domain/attendance/answers.ts';
import { buildDigest } from '../../../src/scheduler/digest/build.ts';
import { weekSessionsSection } from '../../../src/scheduler/digest/sections/attendance.ts';
import { attendanceApp, LAURA } from './helpers.ts';

describe('the digest section «Sesiones de esta semana»', () => {
  it('lists the sessions starting from D to D + 6 in Bogotá, with their confirmations', () => {
    const t = attendanceApp();
    const training = t.create();
    t.create({ title: 'Comité de domingo por la noche', start: '2026-09-13 23:30', end: '2026-09-13 23:59' });
    t.create({ title: 'Comité del lunes siguiente', start: '2026-09-14 00:00', end: '2026-09-14 01:00' });
    answerInvitation(t.app.db, t.clock, t.person(LAURA), training.id, 'confirmado');

    const digest = buildDigest(t.app.db, '2026-09-07', [weekSessionsSection]);
    const part = digest.parts[0];
    expect(part?.due).toBe(false);
    expect(digest.json.sessionsThisWeek).toEqual([
      {
        id: 1,
        title: 'Capacitación en indicadores de gestión',
        start: '2026-09-10 09:00',
        end: '2026-09-10 11:00',
        place: 'Sala de juntas, Alcaldía de Pasto',
        task: '3.3',
        counts: { invited: 3, confirmed: 1, declined: 0, unanswered: 2, present: 0 },
      },
      expect.objectContaining({ id: 2, start: '2026-09-13 23:30' }),
    ]);
    expect(renderText({ blocks: part?.blocks ?? [] })).toBe(
      [
        'Sesiones de esta semana (2):',
        '  • *1* · 10 sep 2026 09:00 · Capacitación en indicadores de gestión · Sala de juntas, Alcaldía de Pasto · tarea 3.3 · 1 de 3 confirmaron',
        '  • *2* · 13 sep 2026 23:30 · Comité de domingo por la noche · Sala de juntas, Alcaldía de Pasto · tarea 3.3 · 0 de 3 confirmaron',
        '  Confirme desde su invitación o con /asistencia confirmar <id>. Detalle: /asistencia <id>',
      ].join('\n'),
    );
  });

  it('says nothing when there are no sessions that week', () => {
    const t = attendanceApp();
    const part = buildDigest(t.app.db, '2026-09-07', [weekSessionsSection]).parts[0];
    expect(part?.blocks).toEqual([]);
    expect(part?.json).toEqual({ sessionsThisWeek: [] });
  });
});
