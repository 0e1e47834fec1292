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

/**
 * Tests that run the shipped `mipg` command need dist/ as current as the sources and the compiler
 * settings: build it (the project's own `npm run build`) when it is not.
 */
export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', 'src', 'cli', 'main.js')).mtimeMs;
  } catch {}
  const settings = ['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs);
  if (built >= Math.max(newest('src'), newest('commands'), newest('db'), ...settings)) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
