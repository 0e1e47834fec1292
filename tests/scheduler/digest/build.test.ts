import { beforeEach, describe, expect, it } from 'vitest';
import { type Db, openMigratedDatabase } from '../../../db/client.ts';
import { renderText } from '../../../src/adapters/console/render.ts';
import { mentionedIds, replyText } from '../../../src/chat/reply.ts';
import { buildDigest } from '../../../src/scheduler/digest/build.ts';
import { digestReply } from '../../../src/scheduler/digest/render.ts';
import type { DigestSection } from '../../../src/scheduler/digest/section.ts';
import { digestSections } from '../../../src/scheduler/digest/sections/index.ts';
import { LEADERS, person, seedDirectory, seedPlan } from '../fixtures.ts';

// Digest date D = Monday 2026-09-07; "this week" is 7 to 13 September.
const TASKS = [
  { code: '1.1', start: '2026-08-01', end: '2026-09-04' }, // overdue
  { code: '1.2', start: '2026-08-01', end: '2026-09-07' }, // due on D
  { code: '1.3', start: '2026-08-01', end: '2026-09-13' }, // due on D + 6
  { code: '1.4', start: '2026-08-01', end: '2026-09-14' }, // D + 7: just outside
  { code: '2.1', start: '2026-09-07', end: '2026-10-30', responsible: LEADERS }, // starts on D
  { code: '2.2', start: '2026-09-13', end: '2026-10-30' }, // starts on D + 6
  { code: '2.3', start: '2026-09-14', end: '2026-10-30' }, // starts on D + 7: outside
  { code: '2.4', start: '2026-08-01', end: '2026-09-01', done: true }, // ended, but done
  { code: '2.5', start: '2026-08-01', end: '2026-09-09', done: true }, // due this week, but done
];

const codes = (list: unknown) => (list as { code: string }[]).map((t) => t.code);

describe('weekly digest lists', () => {
  let db: Db;
  beforeEach(() => {
    db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    seedPlan(db, TASKS);
  });

  it('on Monday 7 Sep: overdue before D, due D..D+6, starting D..D+6 (D+7 left out)', () => {
    const digest = buildDigest(db, '2026-09-07');
    expect(digest.json.date).toBe('2026-09-07');
    expect(codes(digest.json.overdue)).toEqual(['1.1']);
    expect(codes(digest.json.dueThisWeek)).toEqual(['1.2', '1.3']);
    expect(codes(digest.json.startingThisWeek)).toEqual(['2.1', '2.2']);
    expect(digest.due).toBe(true);
  });

  it('a day later the task due on D is overdue and the one on D + 7 comes into the week', () => {
    const digest = buildDigest(db, '2026-09-08');
    expect(codes(digest.json.overdue)).toEqual(['1.1', '1.2']);
    expect(codes(digest.json.dueThisWeek)).toEqual(['1.3', '1.4']);
    expect(codes(digest.json.startingThisWeek)).toEqual(['2.2', '2.3']);
  });

  it('a week later', () => {
    const digest = buildDigest(db, '2026-09-14');
    expect(codes(digest.json.overdue)).toEqual(['1.1', '1.2', '1.3']);
    expect(codes(digest.json.dueThisWeek)).toEqual(['1.4']);
    expect(codes(digest.json.startingThisWeek)).toEqual(['2.3']);
  });

  it('shapes tasks as `exportar tareas --formato json` does, with counts and % per activity', () => {
    const { json } = buildDigest(db, '2026-09-07');
    expect((json.overdue as object[])[0]).toMatchObject({
      code: '1.1',
      activity: 'Actividad de gestión número 1',
      title: 'Tarea 1.1 del plan',
      start: '2026-08-01',
      end: '2026-09-04',
      evidence: '(1) acta',
      status: 'vencida',
    });
    expect(json).toMatchObject({ inProgress: 4, done: 2, total: 9, percentDone: 22 });
    expect(json.activities).toEqual([
      { number: 1, name: 'Actividad de gestión número 1', total: 4, done: 0, percentDone: 0 },
      { number: 2, name: 'Actividad de gestión número 2', total: 5, done: 2, percentDone: 40 },
    ]);
  });

  it('renders the lists grouped by activity and calls each team that must act once, at the end', () => {
    const reply = digestReply(buildDigest(db, '2026-09-07'));
    const names = new Map(['ana', 'bruno', 'luisa'].map((w) => [person(db, w as 'ana').id, w]));
    const text = renderText(reply, (id) => names.get(id) ?? '?');
    expect(text).toContain('Resumen semanal · Plan 2026');
    expect(text).toContain('Semana del 7 sep – 13 sep 2026 · corte: lunes 7 de septiembre de 2026');
    expect(text).toContain(
      [
        '🔴 *Vencidas* (1)',
        '',
        '1. Actividad de gestión número 1:',
        '  • *1.1* Tarea 1.1 del plan · Equipo MIPG · 1 ago – 4 sep 2026',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '🟠 *Vencen esta semana* (2)',
        '',
        '1. Actividad de gestión número 1:',
        '  • *1.2* Tarea 1.2 del plan · Equipo MIPG · 1 ago – 7 sep 2026',
        '  • *1.3* Tarea 1.3 del plan · Equipo MIPG · 1 ago – 13 sep 2026',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '🟢 *Empiezan esta semana* (2)',
        '',
        '2. Actividad de gestión número 2:',
        '  • *2.1* Tarea 2.1 del plan · Líderes de proceso · 7 sep – 30 oct 2026',
      ].join('\n'),
    );
    // Three tasks of Equipo MIPG are overdue or due: its people are called once, in one line; Luisa's
    // team only has a task starting this week, so she is listed, not pinged.
    expect(text).toContain('📣 *Deben actuar*: Equipo MIPG (@ana, @bruno)');
    expect(text.match(/@ana/g)).toHaveLength(1);
    expect(text).not.toContain('@luisa');
    expect(text).toContain('En curso: 4\nCumplidas: 2 de 9 (22 %)');
    expect(text).not.toContain('*1.4*');
    expect(text).not.toContain('Todo al día');
    expect(mentionedIds(replyText(reply))).not.toContain(person(db, 'luisa').id);
  });

  it('posts a short "todo al día" digest when nothing is overdue or due', () => {
    const digest = buildDigest(db, '2026-06-01');
    expect(digest.due).toBe(false);
    const text = renderText(digestReply(digest));
    expect(text).toContain('✅ *Todo al día*: no hay tareas vencidas ni tareas que venzan esta semana.');
    expect(text).not.toContain('Vencidas*');
    expect(text).toContain('Avance del plan por actividad');
  });

  it('says it was sent late when it was', () => {
    const text = renderText(
      digestReply(buildDigest(db, '2026-09-07'), { dueAt: new Date('2026-09-07T13:00:00Z') }),
    );
    expect(text).toContain(
      'Enviado con retraso: debía salir el 7 sep 2026 08:00 (hora de Bogotá) y el bot no estaba en funcionamiento.',
    );
  });
});

describe('long digests', () => {
  it('summarise each list so the message fits Slack (≤ 50 blocks, well under 12,000 characters)', () => {
    const db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    const many = Array.from({ length: 40 }, (_, i) => ({
      code: `${(i % 6) + 1}.${Math.floor(i / 6) + 1}`,
      title: `Una tarea con un título bastante largo para ver cómo se recorta en el resumen ${i}`,
      start: '2026-01-02',
      end: i < 30 ? '2026-08-31' : '2026-09-10',
      responsible: `${LEADERS} y Equipo MIPG - Oficina de Planeación de Gestión Institucional`,
    }));
    seedPlan(db, many);
    const reply = digestReply(buildDigest(db, '2026-09-07'));
    const text = replyText(reply);
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(text.length).toBeLessThan(12_000);
    expect(text).toContain('… y 22 más. Lista completa: /tareas');
    expect(text).toContain('… y 2 más. Lista completa: /tareas');
    // Three people in the teams: all named; never more than three mentions in a line.
    for (const block of reply.blocks) {
      if (block.kind === 'list') {
        expect(block.items.length).toBeLessThanOrEqual(8);
        for (const item of block.items) expect(mentionedIds(item).length).toBeLessThanOrEqual(3);
      }
    }
  });
});

describe('section registry', () => {
  it('adds a section with one entry: its JSON keys, its blocks and its say on "todo al día"', () => {
    const db = openMigratedDatabase(':memory:');
    seedPlan(db, [{ code: '1.1', start: '2026-01-02', end: '2026-12-30' }]);
    const reports: DigestSection = {
      id: 'reportes',
      build: ({ date }) => ({
        json: { missingReports: [`IND-01 ${date}`] },
        blocks: [{ kind: 'text', text: '📊 Reportes de indicadores pendientes: 1' }],
        due: true,
      }),
    };
    const digest = buildDigest(db, '2026-06-01', [...digestSections, reports]);
    expect(digest.json.missingReports).toEqual(['IND-01 2026-06-01']);
    expect(digest.due).toBe(true);
    const text = renderText(digestReply(digest));
    expect(text).toContain('📊 Reportes de indicadores pendientes: 1');
    expect(text).not.toContain('Todo al día');
  });

  it('explains in Spanish when no plan is loaded', () => {
    const db = openMigratedDatabase(':memory:');
    expect(() => buildDigest(db, '2026-09-07')).toThrow('Todavía no hay un plan cargado');
  });
});
