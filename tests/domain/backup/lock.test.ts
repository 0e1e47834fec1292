import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdLock, liveHolders } from '../../../src/domain/backup/lock.ts';
import { fixedClock } from '../../../src/domain/clock.ts';
import { tempDir } from './helpers.ts';

describe('the instance lock', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = tempDir('candado');
    db = join(dir, 'mipg.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists this bot while it runs, keeps a bot on another host, and goes away with the last one', () => {
    const other = { pid: 4242, host: 'otro-servidor', startedAt: '2026-12-01T05:00:00.000Z' };
    const dead = { pid: 2 ** 22 + 1, host: hostname(), startedAt: '2026-11-30T05:00:00.000Z' };
    writeFileSync(`${db}.lock`, JSON.stringify({ holders: [other, dead] }));
    const lock = holdLock(db, fixedClock('2026-12-01T13:00:00Z'));
    const me = { pid: process.pid, host: hostname(), startedAt: '2026-12-01T13:00:00.000Z' };
    expect(liveHolders(db)).toEqual([other, me]);
    // The dead one was dropped from the file when this bot added itself.
    expect(JSON.parse(readFileSync(`${db}.lock`, 'utf8')).holders).toEqual([other, me]);
    lock.release();
    expect(liveHolders(db)).toEqual([other]);
    writeFileSync(`${db}.lock`, JSON.stringify({ holders: [] }));
    holdLock(db, fixedClock('2026-12-01T13:00:00Z')).release();
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('is taken on a first start, before the database and its folder exist', () => {
    const fresh = join(dir, 'data', 'mipg.db');
    const lock = holdLock(fresh, fixedClock('2026-12-01T13:00:00Z'));
    expect(liveHolders(fresh).map((h) => h.pid)).toEqual([process.pid]);
    lock.release();
    expect(existsSync(`${fresh}.lock`)).toBe(false);
  });

  it('reads a file cut short as holding nobody', () => {
    writeFileSync(`${db}.lock`, '{"holders": [{"pid": 12');
    expect(liveHolders(db)).toEqual([]);
  });
});
