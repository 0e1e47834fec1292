import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { main } from '../../src/cli/main.ts';
import { auditAll, SYSTEM } from '../../src/domain/audit/log.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { capture } from '../helpers/cli.ts';

const clock = fixedClock('2026-09-07T15:00:00Z');
/** More rows than the export reads per query (500), so its pages meet twice. */
const ADDED = 1_234;

async function run(...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io, clock);
  return { code, err: c.err.join('\n'), written: c.written };
}

/** Standard output read by a program that stops after `bytes` (`… | head -c`): then the pipe is closed. */
function closingPipe(bytes: number) {
  const state = { received: 0 };
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      state.received += chunk.length;
      if (state.received <= bytes) return done();
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  return { stdout, state };
}

describe('a large export to standard output', () => {
  const saved = { ...process.env };
  let ids: number[];
  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mipg-export-streamed-'));
    process.env.MIPG_DB = join(dir, 'mipg.db');
    expect((await run('chat', '/ayuda')).code).toBe(0);
    const db = openMigratedDatabase(process.env.MIPG_DB);
    db.transaction((tx) =>
      auditAll(
        tx,
        clock,
        SYSTEM,
        Array.from({ length: ADDED }, (_, i) => ({
          action: 'tarea.cumplida',
          entity: 'tarea',
          entityId: `9.${i + 1}`,
          after: { note: `Registro de prueba número ${i + 1}, con algo de texto para ocupar la línea.` },
        })),
      ),
    );
    ids = (db.$client.prepare('SELECT id FROM audit_log ORDER BY id DESC').all() as { id: number }[]).map(
      (r) => r.id,
    );
    db.$client.close();
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('arrives in pieces as the audit log is read, every row once, newest first', async () => {
    const result = await run('exportar', 'bitacora', '--formato', 'csv');
    expect(result.code).toBe(0);
    // Written whole, the CSV would be a single piece.
    expect(result.written.length).toBeGreaterThan(3);
    expect(result.written.every((piece) => typeof piece === 'string')).toBe(true);
    const [header, ...body] = parse(result.written.join('')) as string[][];
    expect(header?.[0]).toBe('registro');
    expect(ids.length).toBeGreaterThan(ADDED);
    expect(body.map((r) => Number(r[0]))).toEqual(ids);
    expect(body[0]?.[8]).toBe(`9.${ADDED}`);
  });

  it('stops quietly when the program reading standard output closes it (… | head)', async () => {
    const c = capture();
    const pipe = closingPipe(100_000);
    const code = await main(
      ['exportar', 'bitacora', '--formato', 'csv'],
      { ...c.io, stdout: pipe.stdout },
      clock,
    );
    expect(code).toBe(0);
    expect(c.err).toEqual([]);
    // It stopped soon after the pipe refused a piece, short of the whole CSV.
    const whole = (await run('exportar', 'bitacora', '--formato', 'csv')).written.join('');
    expect(pipe.state.received).toBeGreaterThan(100_000);
    expect(pipe.state.received).toBeLessThan(Buffer.byteLength(whole) / 2);
  });

  it('writes the JSON in pieces too, the same rows', async () => {
    const result = await run('exportar', 'bitacora', '--formato', 'json');
    expect(result.written.length).toBeGreaterThan(3);
    const rows = JSON.parse(result.written.join('')) as { id: number }[];
    expect(rows.map((r) => r.id)).toEqual(ids);
  });
});
