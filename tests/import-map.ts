import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** The project's source folders whose imports the map covers (tests and benchmarks stand outside the house). */
const SOURCE_DIRS = ['db', 'src', 'commands'];

/**
 * The rooms of the house, bottom to top, as path prefixes; the first that matches names a file's room.
 * Data flows one way: a room may import only the rooms listed in `mayImport`.
 */
export const rooms = [
  { name: 'db', prefix: 'db/', mayImport: [] },
  { name: 'config', prefix: 'src/config.ts', mayImport: [] },
  { name: 'domain', prefix: 'src/domain/', mayImport: ['db', 'config'] },
  { name: 'chat', prefix: 'src/chat/', mayImport: ['db', 'config', 'domain'] },
  { name: 'views', prefix: 'src/views/', mayImport: ['db', 'config', 'domain', 'chat'] },
  { name: 'seed', prefix: 'src/seed/', mayImport: ['db', 'config', 'domain'] },
  { name: 'scheduler', prefix: 'src/scheduler/', mayImport: ['db', 'config', 'domain', 'chat', 'views'] },
  {
    name: 'commands',
    prefix: 'commands/',
    mayImport: ['db', 'config', 'domain', 'chat', 'views', 'scheduler'],
  },
  {
    name: 'adapters',
    prefix: 'src/adapters/',
    mayImport: ['db', 'config', 'domain', 'chat', 'views', 'scheduler', 'commands', 'app'],
  },
  {
    name: 'app',
    prefix: 'src/app.ts',
    mayImport: ['db', 'config', 'domain', 'chat', 'seed', 'commands'],
  },
  {
    name: 'cli',
    prefix: 'src/cli/',
    mayImport: [
      'db',
      'config',
      'domain',
      'chat',
      'views',
      'seed',
      'scheduler',
      'commands',
      'adapters',
      'app',
      'main',
    ],
  },
  {
    name: 'main',
    prefix: 'src/main.ts',
    mayImport: ['db', 'config', 'domain', 'chat', 'scheduler', 'adapters', 'app'],
  },
] as const;

export type RoomName = (typeof rooms)[number]['name'];

export function roomOf(file: string): RoomName | undefined {
  return rooms.find((room) => file === room.prefix || file.startsWith(room.prefix))?.name;
}

/** Static imports and re-exports (type-only ones too) and dynamic `import('…')` of relative paths. */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The relative modules a source file imports, as paths from the project's root. */
export function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2];
    if (spec) found.push(normalize(join(dirname(file), spec)).replace(/\\/g, '/'));
  }
  return found;
}

/** The `.ts` files under `dir` (migrations aside), as paths from the project's root. */
export function listSources(root: string, dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(root, dir));
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === 'migrations' ? [] : listSources(root, path);
    return path.endsWith('.ts') ? [path.replace(/\\/g, '/')] : [];
  });
}

/** file → the project files it imports. */
export function importMap(root: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const file of SOURCE_DIRS.flatMap((dir) => listSources(root, dir))) {
    map.set(file, importsOf(file, readFileSync(join(root, file), 'utf8')));
  }
  return map;
}

/** Imports that run against the flow: from a room to one it may not import. */
export function wrongWayImports(map: Map<string, string[]>): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of map) {
    const from = rooms.find((r) => r.name === roomOf(file));
    if (!from) {
      wrong.push(`${file}: fuera de toda sala`);
      continue;
    }
    for (const target of targets) {
      const to = roomOf(target);
      if (to === from.name) continue;
      if (!to || !(from.mayImport as readonly string[]).includes(to)) wrong.push(`${file} → ${target}`);
    }
  }
  return wrong.sort();
}

/** Groups of files that import each other in a circle (strongly connected components of two or more files). */
export function importCircles(map: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of map.get(file) ?? []) {
      if (!map.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) circles.push(component.sort());
    }
  };
  for (const file of map.keys()) if (!index.has(file)) visit(file);
  return circles;
}
