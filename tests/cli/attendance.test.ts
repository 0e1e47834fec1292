import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bogotaInstant, fixedClock } from '../../src/domain/clock.ts';
import { readTable } from '../../src/domain/tabular.ts';
import { ANDRES, LAURA } from '../domain/attendance/helpers.ts';
import { COORDINATOR } from '../helpers/app.ts';
import { capture } from '../helpers/cli.ts';

/** The real time of each run: the CLI takes it as a parameter (`--fecha` only pretends a day). */
const on = (date: string, time = '12:00') => fixedClock(bogotaInstant(date, time));

const CREATE = [
  'sesion',
  'crear',
  '--como',
  COORDINATOR,
  '--titulo',
  'Mesa de revisión de la DOFA',
  '--inicio',
  '2026-09-10 14:00',
  '--fin',
  '2026-09-10 16:30',
  '--lugar',
  'https://meet.pasto.gov.co/dofa',
  '--tarea',
  '2.2',
  '--invitados',
  `${LAURA};${ANDRES}`,
];

describe('npx mipg sesion and exportar asistencia', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-sesion-'));
    process.env.MIPG_DB = join(dir, 'mipg.db');
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a session and prints its id alone on the last line', async () => {
    const c = capture();
    expect(await main(CREATE, c.io, on('2026-09-07'))).toBe(0);
    expect(c.out).toEqual([
      'Sesión 1 creada: «Mesa de revisión de la DOFA», jueves 10 de septiembre de 2026, 14:00 – 16:30 (hora de Bogotá).',
      'Lugar: https://meet.pasto.gov.co/dofa',
      'Tarea del plan: 2.2',
      `Invitados (2): ${ANDRES}, ${LAURA}`,
      'Las invitaciones salen por Slack o Teams con el bot en marcha, en su siguiente envío periódico.',
      '1',
    ]);
  });

  it('explains bad options in Spanish and creates nothing', async () => {
    const missing = capture();
    expect(await main(['sesion', 'crear', '--titulo', 'Comité'], missing.io, on('2026-09-07'))).toBe(1);
    expect(missing.err.join('\n')).toContain('Falta --inicio.\nUso: npx mipg sesion crear');

    const bad = capture();
    const wrong = CREATE.map((w) => (w === '2026-09-10 16:30' ? '2026-09-10 13:00' : w));
    expect(await main(wrong, bad.io, on('2026-09-07'))).toBe(1);
    expect(bad.err.join('\n')).toContain(
      'La sesión no se creó:\n• El fin (2026-09-10 13:00) debe ser posterior al inicio (2026-09-10 14:00).',
    );

    const none = capture();
    expect(await main(['exportar', 'asistencia', '1', '--formato', 'json'], none.io)).toBe(1);
    expect(none.err.join('\n')).toContain('No existe la sesión 1.');
  });

  it('exports the attendance list as JSON, CSV and XLSX', async () => {
    await main(CREATE, capture().io, on('2026-09-07'));
    await main(['chat', '--como', LAURA, '/asistencia confirmar 1'], capture().io, on('2026-09-08'));

    const json = capture();
    expect(await main(['exportar', 'asistencia', '1', '--formato', 'json'], json.io)).toBe(0);
    const data = JSON.parse(String(json.written.join('')));
    expect(data.session).toMatchObject({
      id: 1,
      title: 'Mesa de revisión de la DOFA',
      start: '2026-09-10 14:00',
    });
    expect(data.attendees).toEqual([
      expect.objectContaining({ email: ANDRES, answer: 'sin_respuesta', answeredAt: null, present: false }),
      expect.objectContaining({ email: LAURA, answer: 'confirmado', answeredAt: '2026-09-08T17:00:00.000Z' }),
    ]);

    const csv = capture();
    expect(await main(['exportar', 'asistencia', '1', '--formato', 'csv'], csv.io)).toBe(0);
    expect(String(csv.written.join(''))).toContain(
      `Laura Benavides (ejemplo),${LAURA},Planeación Institucional (ejemplo),Confirmó,,2026-09-08 12:00,No,,`,
    );

    const file = join(dir, 'asistencia-1.xlsx');
    const xlsx = capture();
    expect(await main(['exportar', 'asistencia', '1', '--formato', 'xlsx', '--salida', file], xlsx.io)).toBe(
      0,
    );
    const table = await readTable(file, { headerWith: ['correo', 'respuesta'] });
    expect(table.preamble[1]).toEqual(['Título', 'Mesa de revisión de la DOFA']);
    expect(table.rows.map((r) => [r.values.correo, r.values.respuesta])).toEqual([
      [ANDRES, 'Sin respuesta'],
      [LAURA, 'Confirmó'],
    ]);

    const badId = capture();
    expect(await main(['exportar', 'asistencia', 'uno', '--formato', 'csv'], badId.io)).toBe(1);
    expect(badId.err.join('\n')).toContain('«uno» no es un número de sesión.');
  });

  it('a decline reason that a spreadsheet would run as a formula comes out as text in the CSV', async () => {
    await main(CREATE, capture().io, on('2026-09-07'));
    const reason = "+cmd|' /C calc'!A0";
    await main(['chat', '--como', LAURA, `/asistencia declinar 1 ${reason}`], capture().io, on('2026-09-08'));
    const csv = capture();
    expect(await main(['exportar', 'asistencia', '1', '--formato', 'csv'], csv.io)).toBe(0);
    const text = String(csv.written.join(''));
    expect(text).toContain(`,No asistirá,'${reason},2026-09-08 12:00,`);
    expect(text).not.toContain(`,${reason}`);
  });

  it('closes ended sessions, saying what is missing to register the evidence', async () => {
    await main(CREATE, capture().io, on('2026-09-07'));
    const c = capture();
    expect(await main(['sesion', 'cerrar'], c.io, on('2026-09-11'))).toBe(0);
    expect(c.out).toEqual([
      'Sesión 1 «Mesa de revisión de la DOFA»: La lista no se registró como evidencia porque no hay dónde publicarla: falta configurar MIPG_ASISTENCIA_URL (y MIPG_ASISTENCIA_DIR).',
    ]);
  });
});
