import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface StartupResult {
  runs: number;
  /** Median wall time of `node bin/mipg.js chat "/ayuda"`, ms. */
  mipgMs: number;
  /** Median wall time of `node -e 0` on the same machine, in the same run, ms. */
  nodeMs: number;
  ratio: number;
  /** Median peak resident memory of the `mipg` runs, MiB. */
  peakMiB: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Runs node with `args`; wall time in ms and what it wrote to stderr. */
function timed(args: string[], env: NodeJS.ProcessEnv): { ms: number; stderr: string } {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} terminó con ${run.status}: ${run.stderr}`);
  return { ms, stderr: run.stderr };
}

/**
 * Start-up of the `mipg` command: `node bin/mipg.js chat "/ayuda"` against a bare `node -e 0`, median of
 * `runs` each, alternated so that both see the same machine load. The database is created by a first run
 * that is not counted. `bin` may point at another checkout's bin/mipg.js to compare (BENCH_MIPG_BIN).
 */
export function benchStartup(runs: number, bin = resolve('bin', 'mipg.js')): StartupResult {
  const dir = mkdtempSync(join(tmpdir(), 'mipg-bench-startup-'));
  const env = { ...process.env, MIPG_DB: join(dir, 'mipg.db') };
  const mipgArgs = ['--import', resolve('bench', 'peak-memory.mjs'), bin, 'chat', '/ayuda'];
  timed(mipgArgs, env);
  const mipg: number[] = [];
  const bare: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const run = timed(mipgArgs, env);
    mipg.push(run.ms);
    peaks.push(Number(/MEMORIA PICO KB: (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024);
    bare.push(timed(['-e', '0'], env).ms);
  }
  const mipgMs = median(mipg);
  const nodeMs = median(bare);
  return { runs, mipgMs, nodeMs, ratio: mipgMs / nodeMs, peakMiB: median(peaks) };
}
