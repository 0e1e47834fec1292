import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { Clock } from '../clock.ts';

/**
 * The instance lock: `<MIPG_DB>.lock` lists the bot processes that have the database open (`npm start`),
 * so that `npx mipg restaurar` can refuse to replace the file under them. Two bots may share one database,
 * so the file holds a list; a process that died without removing itself is ignored when its pid is no
 * longer alive on this host. A holder on another host cannot be checked and counts as alive.
 */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO instant the bot started. */
  startedAt: string;
}

export function lockFileOf(dbFile: string): string {
  return `${dbFile}.lock`;
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolders(lockFile: string): LockHolder[] {
  if (!existsSync(lockFile)) return [];
  try {
    const parsed = JSON.parse(readFileSync(lockFile, 'utf8')) as { holders?: unknown };
    return Array.isArray(parsed.holders)
      ? parsed.holders.filter(
          (h): h is LockHolder =>
            typeof h?.pid === 'number' && typeof h?.host === 'string' && typeof h?.startedAt === 'string',
        )
      : [];
  } catch {
    // Cut short by a crash mid-write: nobody can be named in it.
    return [];
  }
}

/** Replaces the file in one step (write aside, rename), or removes it when nobody holds it. */
function writeHolders(lockFile: string, holders: LockHolder[]): void {
  if (holders.length === 0) {
    rmSync(lockFile, { force: true });
    return;
  }
  // The lock is taken before the database is opened: on a first start its folder may not exist yet.
  mkdirSync(dirname(lockFile), { recursive: true });
  const aside = `${lockFile}.${process.pid}`;
  writeFileSync(aside, `${JSON.stringify({ holders }, null, 2)}\n`);
  renameSync(aside, lockFile);
}

/** The bot processes alive that hold the database's lock. */
export function liveHolders(dbFile: string): LockHolder[] {
  return readHolders(lockFileOf(dbFile)).filter(isAlive);
}

export interface HeldLock {
  holder: LockHolder;
  release(): void;
}

/** Adds this process to the database's lock (dropping holders that died); `release` takes it out again. */
export function holdLock(dbFile: string, clock: Clock): HeldLock {
  const lockFile = lockFileOf(dbFile);
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: clock.now().toISOString() };
  writeHolders(lockFile, [...readHolders(lockFile).filter(isAlive), holder]);
  let held = true;
  return {
    holder,
    release() {
      if (!held) return;
      held = false;
      const others = readHolders(lockFile).filter(
        (h) => !(h.pid === holder.pid && h.host === holder.host && h.startedAt === holder.startedAt),
      );
      writeHolders(lockFile, others.filter(isAlive));
    },
  };
}
