import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    const stat = statSync(join(root, path));
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : path.endsWith('.ts') ? stat.mtimeMs : 0);
  }
  return latest;
}

/** Tests that run the shipped `mipg` command need dist/ as current as the sources: compile when it is not. */
export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', 'src', 'cli', 'main.js')).mtimeMs;
  } catch {}
  if (built >= Math.max(newest('src'), newest('commands'), newest('db'))) return;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
