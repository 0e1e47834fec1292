import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { processes, slackInbox } from '../../db/schema/index.ts';
import { dataWrites } from '../../db/statement-cache.ts';

describe('compiled statements are reused', () => {
  it('hands out the same statement for the same SQL, and rows as objects even after drizzle asked for arrays', () => {
    const db = openMigratedDatabase(':memory:');
    const sql = 'SELECT 1 AS one';
    const first = db.$client.prepare(sql);
    expect(db.$client.prepare(sql)).toBe(first);
    first.raw(true);
    expect(db.$client.prepare(sql).get()).toEqual({ one: 1 });
    // drizzle's mapped selects (raw arrays) and its plain `all` share statements and both read right.
    db.insert(processes).values({ code: 'GTH', name: 'Gestión del talento humano', type: 'apoyo' }).run();
    expect(db.select({ code: processes.code }).from(processes).all()).toEqual([{ code: 'GTH' }]);
    expect(db.all<{ code: string }>(`SELECT code FROM processes`)).toEqual([{ code: 'GTH' }]);
    expect(db.select({ code: processes.code }).from(processes).all()).toEqual([{ code: 'GTH' }]);
  });

  it('gives a fresh statement while the cached one is still iterating', () => {
    const db = openMigratedDatabase(':memory:');
    const sql = 'SELECT value FROM json_each(?)';
    const seen: number[] = [];
    for (const row of db.$client.prepare(sql).iterate('[1,2]') as Iterable<{ value: number }>) {
      const inner = db.$client.prepare(sql).all('[10]') as { value: number }[];
      seen.push(row.value, ...inner.map((r) => r.value));
    }
    expect(seen).toEqual([1, 10, 2, 10]);
  });
});

describe('writes to the data are counted, the bookkeeping is not', () => {
  it('counts inserts, updates and deletes of data tables and not those of the request inbox or transactions', () => {
    const db = openMigratedDatabase(':memory:');
    const start = dataWrites(db.$client);
    db.insert(slackInbox)
      .values({ key: 'trigger:1', body: '{}', receivedAt: '2026-09-07T15:00:00.000Z' })
      .run();
    db.delete(slackInbox).run();
    db.transaction(() => {});
    expect(dataWrites(db.$client)).toBe(start);
    db.insert(processes).values({ code: 'GF', name: 'Gestión financiera', type: 'apoyo' }).run();
    db.update(processes)
      .set({ name: 'Gestión Financiera', type: 'apoyo' })
      .where(eq(processes.code, 'GF'))
      .run();
    db.delete(processes).where(eq(processes.code, 'GF')).run();
    expect(dataWrites(db.$client)).toBe(start + 3);
  });

  it('counts a file database the same way (WAL, as the bot runs)', () => {
    const db = openMigratedDatabase(join(mkdtempSync(join(tmpdir(), 'mipg-sentencias-')), 'mipg.db'));
    const start = dataWrites(db.$client);
    db.insert(processes).values({ code: 'GJ', name: 'Gestión jurídica', type: 'apoyo' }).run();
    expect(dataWrites(db.$client)).toBe(start + 1);
    db.$client.close();
  });
});
