import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChainedAuditRow, STORED_AUDIT_COLUMNS, sealOf } from '../../db/audit-chain.ts';
import { migrationsFolder, openMigratedDatabase } from '../../db/client.ts';
import { main } from '../../src/cli/main.ts';
import { audit, SYSTEM } from '../../src/domain/audit/log.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { capture } from '../helpers/cli.ts';

const COORDINATOR = 'coordinacion@ejemplo.pasto.gov.co';
const clock = fixedClock('2026-10-15T15:00:00Z');

/** What someone holding the file can do: drop the append-only triggers, then any SQL. */
function tamper(file: string, sql: string): void {
  const db = new Database(file);
  for (const trigger of [
    'audit_log_no_update',
    'audit_log_no_delete',
    'audit_log_no_overwrite',
    'audit_log_sealed',
  ])
    db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  db.exec(sql);
  db.close();
}

function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('npx mipg bitacora verificar', () => {
  let dir: string;
  let file: string;
  const saved = { ...process.env };

  async function run(...argv: string[]) {
    const c = capture();
    const code = await main(argv, c.io, clock);
    return { code, out: c.out.join('\n'), err: c.err.join('\n') };
  }

  /** The example bot's file after two audited changes made through the chat command. */
  async function withChanges(): Promise<{ done: number; total: number }> {
    expect(
      (await run('chat', '--como', COORDINATOR, '/cumplida 2.3 https://intranet.pasto.gov.co/dofa.pdf')).code,
    ).toBe(0);
    expect(
      (await run('chat', '--como', COORDINATOR, '/evidencia 2.4 https://intranet.pasto.gov.co/acta.pdf'))
        .code,
    ).toBe(0);
    const [done] = query<{ id: number }>(file, "SELECT id FROM audit_log WHERE action = 'tarea.cumplida'");
    const [total] = query<{ n: number }>(file, 'SELECT count(*) AS n FROM audit_log');
    if (!done || !total) throw new Error('no audit rows');
    return { done: done.id, total: total.n };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-bitacora-'));
    file = join(dir, 'mipg.db');
    process.env.MIPG_DB = file;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('says the log is intact, with how many rows it checked and the last seal', async () => {
    const { total } = await withChanges();
    const result = await run('bitacora', 'verificar');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Bitácora íntegra: ${total.toLocaleString('es-CO')} registros verificados.`);
    const [last] = query<{ id: number; hash: string }>(
      file,
      'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    expect(result.out).toContain(`Sello del último registro (${last?.id}): ${last?.hash}`);
  });

  it('names a row whose content was changed in the file', async () => {
    const { done } = await withChanges();
    tamper(
      file,
      `UPDATE audit_log SET after = '{"url":"https://otro.example/falso.pdf"}' WHERE id = ${done}`,
    );
    const result = await run('bitacora', 'verificar');
    expect(result.code).toBe(1);
    expect(result.out).toContain('Bitácora alterada: 1 problema en');
    expect(result.out).toContain(
      `Registro ${done}: su contenido cambió después de guardado (no coincide con su sello).`,
    );
  });

  it('names a row deleted from the middle and one cut from the end', async () => {
    const { done, total } = await withChanges();
    tamper(file, `DELETE FROM audit_log WHERE id = ${done - 3}; DELETE FROM audit_log WHERE id = ${total}`);
    const result = await run('bitacora', 'verificar');
    expect(result.code).toBe(1);
    expect(result.out).toContain('Bitácora alterada: 2 problemas en');
    expect(result.out).toContain(`Falta el registro ${done - 3}: se borró.`);
    expect(result.out).toContain(`Falta el registro ${total}: se borró.`);
  });

  it('names two rows whose contents were swapped', async () => {
    const { done } = await withChanges();
    const other = done - 5;
    const columns = STORED_AUDIT_COLUMNS.split(', ')
      .map((c) => c.split(' ')[0])
      .filter((c) => c !== 'id');
    const swap = columns.map(
      (c) => `${c} = (SELECT ${c} FROM pair WHERE pair.id = ${done} + ${other} - audit_log.id)`,
    );
    tamper(
      file,
      `CREATE TEMP TABLE pair AS SELECT * FROM audit_log WHERE id IN (${other}, ${done});
       UPDATE audit_log SET ${swap.join(', ')} WHERE id IN (${other}, ${done});`,
    );
    const moved = query<{ id: number; action: string }>(
      file,
      `SELECT id, action FROM audit_log WHERE id = ${other}`,
    );
    expect(moved).toEqual([{ id: other, action: 'tarea.cumplida' }]);

    const result = await run('bitacora', 'verificar');
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `Registro ${other}: tiene el contenido que se guardó como registro ${done} (se alteró el orden).`,
    );
    expect(result.out).toContain(
      `Registro ${done}: tiene el contenido que se guardó como registro ${other} (se alteró el orden).`,
    );
  });

  it('with a seal written down earlier, sees a chain rebuilt from a changed row onwards', async () => {
    await withChanges();
    const [noted] = query<{ hash: string }>(file, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    if (!noted) throw new Error('no rows');
    // Someone who knows the method changes row 3 and re-seals every row after it.
    const db = new Database(file);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'otra.persona@pasto.gov.co' WHERE id = 3").run();
    let prevHash: string | undefined;
    for (const row of db
      .prepare(`SELECT ${STORED_AUDIT_COLUMNS} FROM audit_log ORDER BY id`)
      .all() as ChainedAuditRow[]) {
      if (row.id >= 3 && prevHash !== undefined) {
        const hash = sealOf(row, prevHash);
        db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prevHash, hash, row.id);
        prevHash = hash;
      } else prevHash = row.hash ?? undefined;
    }
    db.close();

    expect((await run('bitacora', 'verificar')).code).toBe(0);
    const result = await run('bitacora', 'verificar', '--sello', noted.hash);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'El sello anotado no aparece en la bitácora: se rehízo la cadena o se borraron registros.',
    );
  });

  it('finds a seal written down earlier, and refuses one that is not a seal', async () => {
    await withChanges();
    const [noted] = query<{ id: number; hash: string }>(
      file,
      'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    await run('chat', '--como', COORDINATOR, '/evidencia 2.5 https://intranet.pasto.gov.co/otra.pdf');
    const result = await run('bitacora', 'verificar', '--sello', noted?.hash ?? '');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`El sello anotado es el del registro ${noted?.id}`);

    const bad = await run('bitacora', 'verificar', '--sello', 'abc');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('«abc» no es un sello de la bitácora.');
  });
});

describe('the audit log in the file', () => {
  it('refuses INSERT OR REPLACE over an existing row, and a row without its seal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mipg-bitacora-'));
    const file = join(dir, 'mipg.db');
    const app = openMigratedDatabase(file);
    app.transaction((tx) =>
      audit(tx, clock, SYSTEM, { action: 'tarea.importar', entity: 'tarea', entityId: '1.1' }),
    );
    const before = app.$client.prepare('SELECT * FROM audit_log WHERE id = 1').get();
    expect(before).toBeDefined();
    app.$client.close();

    // A connection of someone else's, without the bot's pragmas.
    const raw = new Database(file);
    expect(() =>
      raw
        .prepare(
          "INSERT OR REPLACE INTO audit_log (id, at, actor, action, entity, entity_id, hash) VALUES (1, '2026-01-01T00:00:00.000Z', 'x', 'y', 'z', '1', 'h')",
        )
        .run(),
    ).toThrow(/solo adición/);
    expect(() =>
      raw
        .prepare(
          "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('2026-01-01T00:00:00.000Z', 'x', 'y', 'z', '1')",
        )
        .run(),
    ).toThrow(/sello/);
    expect(raw.prepare('SELECT * FROM audit_log WHERE id = 1').get()).toEqual(before);
    raw.close();
  });

  it('seals, on migration, the rows written before the log was chained', async () => {
    // A database as the previous version left it: every migration but the chain's, and audit rows.
    const dir = mkdtempSync(join(tmpdir(), 'mipg-bitacora-'));
    const oldMigrations = join(dir, 'migrations');
    cpSync(migrationsFolder, oldMigrations, { recursive: true });
    const journalPath = join(oldMigrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    // The previous version stops before the chain's migration (drizzle applies only later ones after it).
    const chain = journal.entries.findIndex((e) => e.tag.endsWith('audit_log_hash_chain'));
    journal.entries = journal.entries.slice(0, chain);
    writeFileSync(journalPath, JSON.stringify(journal));

    const file = join(dir, 'mipg.db');
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: oldMigrations });
    const insert = old.prepare(
      'INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, before, after) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(
      '2026-03-01T13:00:00.000Z',
      'sistema',
      'tarea.importar',
      'tarea',
      '1.1',
      null,
      '{"title":"Uno"}',
    );
    insert.run(
      '2026-03-02T13:00:00.000Z',
      COORDINATOR,
      'tarea.cumplida',
      'tarea',
      '1.1',
      '{"doneAt":null}',
      '{"doneAt":"2026-03-02"}',
    );
    old.close();

    const db = openMigratedDatabase(file);
    const rows = db.$client
      .prepare(`SELECT ${STORED_AUDIT_COLUMNS} FROM audit_log ORDER BY id LIMIT 2`)
      .all() as ChainedAuditRow[];
    expect(rows.map((r) => [r.id, r.action, r.hash?.length])).toEqual([
      [1, 'tarea.importar', 64],
      [2, 'tarea.cumplida', 64],
    ]);
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    db.$client.close();
    const sealed = rows.map((r) => r.hash);

    process.env.MIPG_DB = file;
    try {
      const c = capture();
      expect(await main(['bitacora', 'verificar'], c.io, clock)).toBe(0);
      expect(c.out.join('\n')).toMatch(/Bitácora íntegra: \d+ registros verificados\./);
    } finally {
      delete process.env.MIPG_DB;
    }
    // Opening it again seals nothing twice.
    const again = openMigratedDatabase(file);
    const hashes = again.$client.prepare('SELECT hash FROM audit_log ORDER BY id LIMIT 2').all() as {
      hash: string;
    }[];
    expect(hashes.map((h) => h.hash)).toEqual(sealed);
    again.$client.close();
  });
});
