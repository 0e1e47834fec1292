import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { audit, SYSTEM } from '../../../src/domain/audit/log.ts';
import { checkDatabaseFile } from '../../../src/domain/backup/check.ts';
import { backupFiles } from '../../../src/domain/backup/files.ts';
import { backupHistory, lastBackup } from '../../../src/domain/backup/journal.ts';
import { takeBackup } from '../../../src/domain/backup/take.ts';
import { bogotaInstant, fixedClock } from '../../../src/domain/clock.ts';
import { auditedDatabase, auditIds, tempDir } from './helpers.ts';

const clock = fixedClock(bogotaInstant('2026-12-01', '02:00'));

describe('a backup taken while the bot writes', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('respaldo');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds every row committed before it finished, on its own connection and another, and checks clean', async () => {
    const file = join(dir, 'mipg.db');
    // About 12 MB: the copy takes several steps, and the writes land between them.
    const bot = auditedDatabase(file, clock, 10_000, 1_000);
    const other = openDatabase(file);
    const committed: string[] = [];
    let done = false;
    let n = 0;
    const write = () => {
      if (done) return;
      n += 1;
      const db = n % 2 === 0 ? bot : other;
      db.transaction((tx) =>
        audit(tx, clock, SYSTEM, { action: 'prueba.escribir', entity: 'prueba', entityId: `w-${n}` }),
      );
      committed.push(`w-${n}`);
      setImmediate(write);
    };
    setImmediate(write);
    const { record } = await takeBackup({
      source: bot.$client,
      dir: join(dir, 'respaldos'),
      keep: 14,
      clock,
      trigger: 'programado',
    });
    done = true;
    const before = [...committed];

    expect(before.length).toBeGreaterThan(5);
    expect(record).toMatchObject({
      ok: true,
      kept: true,
      trigger: 'programado',
      file: join(dir, 'respaldos', 'mipg-2026-12-01-0200.db'),
    });
    const ids = auditIds(record.file);
    expect(ids.filter((id) => id.startsWith('base-'))).toHaveLength(10_000);
    expect(before.filter((id) => !ids.includes(id))).toEqual([]);
    expect(record.auditRows).toBe(ids.length);
    const check = checkDatabaseFile(record.file);
    expect(check.integrity).toBe('ok');
    expect(check.chain?.problems).toEqual([]);
    // One self-contained file: nothing beside it, and no temporary copy left.
    expect(readdirSync(join(dir, 'respaldos')).sort()).toEqual([
      'mipg-2026-12-01-0200.db',
      'respaldos.jsonl',
    ]);
    other.$client.close();
    bot.$client.close();
  }, 60_000);
});

describe('rotation and the journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('rotacion');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the newest N backups and leaves every other file alone', async () => {
    const backups = join(dir, 'respaldos');
    const db = auditedDatabase(join(dir, 'mipg.db'), clock, 3);
    await takeBackup({ source: db.$client, dir: backups, keep: 99, clock, trigger: 'manual' });
    const old = [
      'mipg-2026-11-27-0200.db',
      'mipg-2026-11-28-0200.db',
      'mipg-2026-11-29-0200.db',
      'mipg-2026-11-30-0200.db',
      'mipg-2026-11-30-0200-2.db',
    ];
    const unrelated = ['notas.txt', 'mipg.db', 'mipg-copia-a-mano.db', 'mipg-2026-11-01-0200.db.bak'];
    for (const name of [...old, ...unrelated]) writeFileSync(join(backups, name), 'x');

    const { record, deleted } = await takeBackup({
      source: db.$client,
      dir: backups,
      keep: 3,
      clock,
      trigger: 'manual',
    });

    // Two backups in the same minute: the second is -2, and it is the newest.
    expect(record.file).toBe(join(backups, 'mipg-2026-12-01-0200-2.db'));
    expect(backupFiles(backups).map((f) => f.slice(backups.length + 1))).toEqual([
      'mipg-2026-12-01-0200-2.db',
      'mipg-2026-12-01-0200.db',
      'mipg-2026-11-30-0200-2.db',
    ]);
    expect(deleted.map((f) => f.slice(backups.length + 1)).sort()).toEqual(old.slice(0, 4));
    for (const name of [...unrelated, 'respaldos.jsonl']) expect(existsSync(join(backups, name))).toBe(true);
    db.$client.close();
  });

  it('records a failed attempt with its Spanish reason and makes no file of the backup pattern', async () => {
    const backups = join(dir, 'respaldos');
    const db = auditedDatabase(join(dir, 'mipg.db'), clock, 3);
    // Something in the way of the temporary copy: SQLite cannot create it.
    await takeBackup({
      source: db.$client,
      dir: backups,
      keep: 14,
      clock: fixedClock('2026-11-30T07:00:00Z'),
      trigger: 'programado',
    });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(backups, '.mipg-2026-12-01-0200.db.parcial'));
    const { record } = await takeBackup({
      source: db.$client,
      dir: backups,
      keep: 14,
      clock,
      trigger: 'programado',
    });

    expect(record).toMatchObject({ ok: false, kept: false, trigger: 'programado' });
    expect(record.error).toBe(`no se pudo crear el archivo de la copia en ${backups}`);
    expect(backupFiles(backups).map((f) => f.slice(backups.length + 1))).toEqual(['mipg-2026-11-30-0200.db']);
    expect(lastBackup(backups)).toEqual(record);
    expect(backupHistory(backups, 5).map((r) => r.ok)).toEqual([false, true]);
    // The journal is JSON lines, appended.
    const lines = readFileSync(join(backups, 'respaldos.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).at)).toEqual([
      '2026-11-30T07:00:00.000Z',
      '2026-12-01T07:00:00.000Z',
    ]);
    db.$client.close();
  });

  it('keeps a copy whose audit chain is broken in the database itself, but records it as failed', async () => {
    const file = join(dir, 'mipg.db');
    auditedDatabase(file, clock, 5).$client.close();
    const raw = new Database(file);
    // Tampering the way someone with the file would: past the append-only triggers.
    for (const { name } of raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .all() as { name: string }[])
      raw.exec(`DROP TRIGGER ${name}`);
    raw.prepare("UPDATE audit_log SET action = 'prueba.cambiada' WHERE id = 3").run();
    raw.close();
    const db = openDatabase(file);
    const { record } = await takeBackup({
      source: db.$client,
      dir: join(dir, 'respaldos'),
      keep: 14,
      clock,
      trigger: 'manual',
    });
    expect(record).toMatchObject({ ok: false, kept: true });
    expect(record.error).toBe(
      'la copia se guardó, pero la bitácora de auditoría está alterada (1 problema(s), el primero en el registro 3); vea el detalle con npx mipg bitacora verificar',
    );
    expect(existsSync(record.file)).toBe(true);
    db.$client.close();
  });
});
